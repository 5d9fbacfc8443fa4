"""Parallel coordinates of an experiment: one axis per varied setting, the metric last, a line per trial
coloured by its metric, so which settings lead to good results shows as bundles of bright lines.

Painted with QPainter (a few hundred polylines at most): pyqtgraph has no categorical axes to offer here.
A setting's values sit evenly spaced on its axis in the grid's order (sorted when they are numbers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.gui.language import Retranslating

COLORMAP = pg.colormap.get("viridis")


def metric_color(fraction: float) -> QColor:
    """Viridis without its palest yellow, which vanishes on a light background."""
    return COLORMAP.map(0.9 * min(max(fraction, 0.0), 1.0), mode="qcolor")


def metric_text(value: float, percent: bool) -> str:
    return f"{value * 100:.2f}%" if percent else f"{value:.4g}"


def ordered(values: list[Any]) -> list[Any]:
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return sorted(values)
    return list(values)


@dataclass
class TrialLine:
    """One trial's line: through its settings on their axes to its metric on the last axis."""

    settings: dict[str, Any]
    value: float
    points: list[QPointF]
    color: QColor
    width: float


class ParallelCoordinates(Retranslating, QWidget):
    """`set_data(axes, trials, metric_label, percent)`: trials are (settings, value) pairs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parallelCoordinates")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.axes: dict[str, list[Any]] = {}
        self.trials: list[tuple[dict[str, Any], float]] = []
        self.metric_label = ""
        self.percent = True
        self.highlighted: list[dict[str, Any]] = []
        self.titles: list[str] = []  # the axes' names as shown
        self.scales: dict[str, tuple[float, float, bool]] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("One axis per varied setting, the metric last; one line per trial (each seed), "
                                "coloured by its metric: bright = high"))
        self.setAccessibleName(self.tr("Parallel coordinates"))
        self.update()

    def set_data(self, axes: dict[str, list[Any]], trials: list[tuple[dict[str, Any], float]],
                 metric_label: str, percent: bool, titles: list[str] | None = None,
                 scales: dict[str, tuple[float, float, bool]] | None = None) -> None:
        """`scales`: settings sampled from a range (low, high, log), drawn on a continuous axis."""
        self.axes = {name: ordered(values) for name, values in axes.items()}
        self.scales = scales or {}
        self.titles = titles or list(axes)
        self.trials = [(s, v) for s, v in trials if v is not None and math.isfinite(v)]
        self.metric_label = metric_label
        self.percent = percent
        self.update()

    def set_highlighted(self, settings: list[dict[str, Any]]) -> None:
        self.highlighted = settings
        self.update()

    def value_range(self) -> tuple[float, float]:
        values = [v for _, v in self.trials]
        low, high = min(values), max(values)
        if high - low < 1e-12:
            low, high = low - 0.5 * (abs(low) or 1) * 1e-3, high + 0.5 * (abs(high) or 1) * 1e-3
        return low, high

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        text_color = self.palette().windowText().color()
        fm = QFontMetrics(painter.font())
        if not self.trials:
            painter.setPen(text_color)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("No finished trials yet"))
            return
        xs, (top, bottom), (low, high), y_of_value, y_of_metric = self._geometry(rect, fm)
        for line in self.lines(rect, fm):
            path = QPainterPath()
            path.moveTo(line.points[0])
            for p in line.points[1:]:
                path.lineTo(p)
            # thin lines stay on Qt's fast path: 200 lines of width 1.6 with a contour took 100 ms to paint
            painter.setPen(QPen(line.color, line.width))
            painter.drawPath(path)
        self._draw_axes(painter, fm, xs, list(self.axes), (top, bottom), (low, high), y_of_value, y_of_metric)

    def _geometry(self, rect: QRectF, fm: QFontMetrics):
        """The axes' x positions, the plot's top and bottom, the metric's range and the two y mappings."""
        names = list(self.axes)
        columns = len(names) + 1
        left, right = rect.left() + 70, rect.right() - 70
        top, bottom = rect.top() + fm.height() * 2 + 8, rect.bottom() - fm.height() - 8
        xs = [left + (right - left) * i / max(columns - 1, 1) for i in range(columns)]
        low, high = self.value_range()

        def y_of_value(name: str, value: Any) -> float:
            if name in self.scales:
                low_, high_, log = self.scales[name]
                f = (math.log(value / low_) / math.log(high_ / low_)) if log else (value - low_) / (high_ - low_)
                return bottom - (bottom - top) * min(max(f, 0.0), 1.0)
            values = self.axes[name]
            i = values.index(value) if value in values else 0
            return bottom - (bottom - top) * (i + 0.5) / len(values)

        def y_of_metric(v: float) -> float:
            return bottom - (bottom - top) * (v - low) / (high - low)

        return xs, (top, bottom), (low, high), y_of_value, y_of_metric

    def lines(self, rect: QRectF, fm: QFontMetrics | None = None) -> list[TrialLine]:
        """Each trial's line as drawn in `rect`, in drawing order: dim first, bright last, the selected on top."""
        fm = fm or QFontMetrics(self.font())
        xs, _, (low, high), y_of_value, y_of_metric = self._geometry(rect, fm)
        names = list(self.axes)
        lines = []
        for settings, value in sorted(self.trials, key=lambda t: (t[0] in self.highlighted, t[1])):
            points = [QPointF(xs[i], y_of_value(n, settings.get(n))) for i, n in enumerate(names)]
            points.append(QPointF(xs[-1], y_of_metric(value)))
            color = metric_color((value - low) / (high - low))
            bold = settings in self.highlighted
            if self.highlighted and not bold:
                color.setAlpha(80)
            lines.append(TrialLine(settings, value, points, color, 2.5 if bold else 1.0))
        return lines

    def _draw_axes(self, painter: QPainter, fm: QFontMetrics, xs: list[float], names: list[str],
                   span: tuple[float, float], metric_range: tuple[float, float], y_of_value, y_of_metric) -> None:
        """Each axis with its name and ticks: a range's five steps, a list's values, the metric's five steps."""
        (top, bottom), (low, high) = span, metric_range
        text_color = self.palette().windowText().color()
        axis_pen = QPen(text_color, 1.2)
        for i, x in enumerate(xs):
            painter.setPen(axis_pen)
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))
            title = self.titles[i] if i < len(names) else self.metric_label
            width = fm.horizontalAdvance(title)
            painter.drawText(QPointF(x - width / 2, top - fm.height()), title)
            if i < len(names) and names[i] in self.scales:
                low_, high_, log = self.scales[names[i]]
                for k in range(5):
                    v = low_ * (high_ / low_) ** (k / 4) if log else low_ + (high_ - low_) * k / 4
                    y = y_of_value(names[i], v)
                    painter.drawLine(QPointF(x - 4, y), QPointF(x + 4, y))
                    self._label(painter, fm, f"{v:.3g}", x, y)
            elif i < len(names):
                for value in self.axes[names[i]]:
                    label = f"{value:g}" if isinstance(value, float) else str(value)
                    y = y_of_value(names[i], value)
                    painter.drawLine(QPointF(x - 4, y), QPointF(x + 4, y))
                    self._label(painter, fm, label, x, y)
            else:
                for k in range(5):
                    v = low + (high - low) * k / 4
                    y = y_of_metric(v)
                    painter.drawLine(QPointF(x - 4, y), QPointF(x + 4, y))
                    self._label(painter, fm, metric_text(v, self.percent), x, y)

    def _label(self, painter: QPainter, fm: QFontMetrics, text: str, x: float, y: float) -> None:
        """A tick label on a box of the background's colour left of the axis, so lines do not hide it."""
        width = fm.horizontalAdvance(text)
        box = QRectF(x - width - 10, y - fm.height() / 2, width + 4, fm.height())
        background = QColor(self.palette().base().color())
        background.setAlpha(210)
        painter.fillRect(box, background)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
