"""Heat map of a two-setting experiment: rows one setting, columns the other, each cell the mean of the
metric over its seeds with its std, coloured by the mean (the article's table as a picture).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.gui.language import Retranslating
from workbench.gui.widgets.parallel_coordinates import metric_color, metric_text, ordered


@dataclass
class CellBox:
    """One cell of the map: its (row, column) settings, where it is drawn, its colour and its text."""

    key: tuple[Any, Any]
    rect: QRectF
    color: QColor | None
    text: str


class HeatMap(Retranslating, QWidget):
    """`set_data(axes, cells, metric_label, percent)`: cells map (row value, column value) → (mean, std, n)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentHeatMap")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)
        self.axes: dict[str, list[Any]] = {}
        self.cells: dict[tuple[Any, Any], tuple[float | None, float | None, int]] = {}
        self.metric_label = ""
        self.percent = True
        self.titles: list[str] = []  # the two settings' names as shown
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Heat map"))
        self.update()

    def set_data(self, axes: dict[str, list[Any]], cells: dict, metric_label: str, percent: bool,
                 titles: list[str] | None = None) -> None:
        self.axes = {name: ordered(values) for name, values in axes.items()}
        self.titles = titles or list(axes)
        self.cells = cells
        self.metric_label = metric_label
        self.percent = percent
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRectF(self.rect()))
        painter.end()

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        text_color = self.palette().windowText().color()
        painter.setPen(text_color)
        fm = QFontMetrics(painter.font())
        if len(self.axes) != 2:
            painter.drawText(rect.adjusted(20, 20, -20, -20), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.tr("A heat map needs an experiment that varies exactly two settings; this one "
                                     "varies {n}. The parallel coordinates show any number.").format(n=len(self.axes)))
            return
        rows, cols = self.axes.values()
        row_name, col_name = self.titles
        label_w = max(fm.horizontalAdvance(self._value(v)) for v in rows) + 16
        top = rect.top() + fm.height() * 3 + 8
        left = rect.left() + label_w + fm.height() + 8
        width = (rect.right() - 10 - left) / len(cols)
        height = (rect.bottom() - 10 - top) / len(rows)
        painter.drawText(QRectF(left, rect.top() + 2, width * len(cols), fm.height()),
                         Qt.AlignmentFlag.AlignCenter,
                         self.tr("{metric}: mean ± std over seeds").format(metric=self.metric_label))
        painter.drawText(QRectF(left, rect.top() + fm.height() + 2, width * len(cols), fm.height()),
                         Qt.AlignmentFlag.AlignCenter, col_name)
        painter.save()
        painter.translate(rect.left() + fm.height(), top + height * len(rows) / 2)
        painter.rotate(-90)
        painter.drawText(QPointF(-fm.horizontalAdvance(row_name) / 2, 0), row_name)
        painter.restore()
        for j, col in enumerate(cols):
            painter.drawText(QRectF(left + j * width, top - fm.height() - 2, width, fm.height()),
                             Qt.AlignmentFlag.AlignCenter, self._value(col))
        for i, row in enumerate(reversed(rows)):  # the largest value on top, as on a y axis
            painter.setPen(text_color)
            painter.drawText(QRectF(rect.left() + fm.height() + 4, top + i * height, label_w, height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self._value(row))
        for cell in self.cell_boxes(rect, fm):
            if cell.color is None:
                painter.fillRect(cell.rect, QColor(128, 128, 128, 60))
                continue
            painter.fillRect(cell.rect, cell.color)
            luminance = 0.299 * cell.color.redF() + 0.587 * cell.color.greenF() + 0.114 * cell.color.blueF()
            painter.setPen(QPen(QColor("black") if luminance > 0.5 else QColor("white")))
            painter.drawText(cell.rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, cell.text)

    def cell_boxes(self, rect: QRectF, fm: QFontMetrics | None = None) -> list[CellBox]:
        """Every cell as drawn in `rect`: the largest row value on top; no colour for a setting without trials."""
        fm = fm or QFontMetrics(self.font())
        rows, cols = self.axes.values()
        means = [m for m, _, _ in self.cells.values() if m is not None and math.isfinite(m)]
        low, high = (min(means), max(means)) if means else (0.0, 1.0)
        span = (high - low) or 1.0
        label_w = max(fm.horizontalAdvance(self._value(v)) for v in rows) + 16
        top = rect.top() + fm.height() * 3 + 8
        left = rect.left() + label_w + fm.height() + 8
        width = (rect.right() - 10 - left) / len(cols)
        height = (rect.bottom() - 10 - top) / len(rows)
        boxes = []
        for i, row in enumerate(reversed(rows)):
            for j, col in enumerate(cols):
                box = QRectF(left + j * width, top + i * height, width, height).adjusted(1, 1, -1, -1)
                mean, std, n = self.cells.get((row, col), (None, None, 0))
                if mean is None:
                    boxes.append(CellBox((row, col), box, None, ""))
                    continue
                text = metric_text(mean, self.percent)
                if std is not None:
                    text += " ± " + (f"{std * 100:.2f}" if self.percent else f"{std:.2g}")
                boxes.append(CellBox((row, col), box, metric_color((mean - low) / span), f"{text}\nn={n}"))
        return boxes

    @staticmethod
    def _value(value: Any) -> str:
        return f"{value:g}" if isinstance(value, float) else str(value)
