"""Live loss and accuracy plots: training pushes into buffers, a timer pulls and redraws.

Signals from the worker only append to `Series` buffers (amortised growth, no
copies of what is there) and mark them dirty; a 30 Hz timer in the GUI thread
calls `setData` on the dirty curves. Per-batch curves are handed to pyqtgraph
through a min/max `Envelope` of the visible range (about two points per pixel),
so a million-point curve costs what a thousand-point one does.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from workbench.core.axis_range import fitted_range
from workbench.core.envelope import Envelope
from workbench.gui.language import Retranslating
from workbench.gui.widgets import plot_menu
from workbench.gui.widgets.run_curves import PALETTE, RunCurves, as_floats, item_style, raw_item

REDRAW_MS = 33  # ≤ 30 Hz
FRAME_BUDGET = 0.03  # while training, drawing takes at most this share of the time (measured) ...
LIVE_FRAME_MS = 90  # ... but a live run is drawn at least 10 times a second (on the timer tick after this) ...
MAX_FRAME_BUDGET = 0.15  # ... unless that takes more than this share (a slow screen): then as often as this allows


def frame_gap(cost: float) -> float:
    """Seconds from one live frame to the next when drawing one costs `cost` seconds."""
    gap = cost / FRAME_BUDGET
    if gap > LIVE_FRAME_MS / 1000:
        gap = max(LIVE_FRAME_MS / 1000, cost / MAX_FRAME_BUDGET)
    return max(REDRAW_MS / 1000, gap)


def line_styles() -> str:
    """How to read the curves, in the current language (shown once above the plots, and in exports)."""
    return QCoreApplication.translate("PlotPanel", "solid: training per epoch · dashed: validation · "
                                                   "thin: training per batch · dotted: true validation, "
                                                   "where the logged one is wrong (⚠)")

class TimedPlotWidget(pg.PlotWidget):
    """A PlotWidget that remembers how long its last paint took (for the frame budget) and counts its paints."""

    last_paint = 0.0
    paints = 0

    def paintEvent(self, event) -> None:  # noqa: N802
        t = time.perf_counter()
        super().paintEvent(event)
        self.last_paint = time.perf_counter() - t
        self.paints += 1


class PlotPanel(Retranslating, QWidget):
    """The loss and accuracy plots with their legends, x-axis mode, smoothing, log scale and outlier-free y axes."""

    outliers_changed = Signal(bool)  # the plot menu's "Show all the data" turned the outlier fit off

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=False)
        self.loss_plot = TimedPlotWidget()
        self.accuracy_plot = TimedPlotWidget()
        self.lr_plot = TimedPlotWidget()
        self.loss_plot.setObjectName("lossPlot")
        self.accuracy_plot.setObjectName("accuracyPlot")
        self.lr_plot.setObjectName("lrPlot")
        self.lr_plot.setMaximumHeight(100)
        self.lr_plot.setVisible(False)  # shown only when some run's learning rate changes
        self.lr_plot.setLabel("left", "lr")
        for axis in ("left", "bottom"):
            self.lr_plot.getAxis(axis).enableAutoSIPrefix(False)
        self.plots = {"loss": self.loss_plot, "accuracy": self.accuracy_plot}
        for name, plot in (*self.plots.items(), ("lr", self.lr_plot)):
            # "Show all the data" on the loss or accuracy plot: the full range, outliers included
            plot_menu.install(plot, name, (lambda: self.set_ignore_outliers(False)) if name in self.plots else None)
        self.ignore_outliers = True  # the y axes fit the data without its outliers (TensorBoard's default)
        self.zoomed: set[str] = set()  # plots the user zoomed or panned: their range is left alone
        for metric, plot in self.plots.items():
            plot.getViewBox().sigRangeChangedManually.connect(lambda *_, m=metric: self.zoomed.add(m))
        self.legends: dict[str, pg.LegendItem] = {}
        for metric, plot in self.plots.items():
            plot.showGrid(x=False, y=False)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).enableAutoSIPrefix(False)  # no "accuracy (x0.001)"
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
            self.legends[metric] = plot.addLegend(offset=(-10, 10) if metric == "loss" else (-10, -10))
        for plot in self.plots.values():
            plot.setMinimumHeight(130)  # messages above the plots never squeeze them to slivers
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.accuracy_plot, 1)
        layout.addWidget(self.lr_plot)
        self.runs: dict[str, RunCurves] = {}
        self.smoothing = 0.0
        self.full_detail = False  # exports hand every point to pyqtgraph
        for plot in self.plots.values():  # zooming shows more detail: draw again for the new range
            plot.getViewBox().sigXRangeChanged.connect(self._range_changed)
        self.log_y = False
        self.x_in_epochs = True
        self.redraws = 0
        self._next_frame = 0.0
        self._next_color = 0
        self.retranslate()
        self.timer = QTimer(self, interval=REDRAW_MS, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.redraw)
        self.timer.start()

    # -- runs ------------------------------------------------------------------
    def color_for(self, key: str) -> str:
        used = {c.color for c in self.runs.values()}
        for i in range(len(PALETTE)):
            color = PALETTE[(self._next_color + i) % len(PALETTE)]
            if color not in used:
                self._next_color += i + 1
                return color
        self._next_color += 1
        return PALETTE[self._next_color % len(PALETTE)]

    def add_run(self, key: str, name: str, steps_per_epoch: int, live: bool = False,
                epochs: int | None = None) -> RunCurves:
        self.remove_run(key)
        curves = RunCurves(name, self.color_for(key), steps_per_epoch, live, epochs)
        for metric, plot in self.plots.items():
            for kind in RunCurves.KINDS:
                # one legend entry per run (its training curve); line styles are explained once, elsewhere
                item = pg.PlotDataItem(name=name if kind == "epoch" else None, **item_style(kind, curves.color, live))
                if kind == "batch":
                    item.setZValue(-1)
                    shadow = pg.PlotDataItem(pen=pg.mkPen(QColor(curves.color).lighter(160), width=1))
                    shadow.setZValue(-2)
                    shadow.setOpacity(0.35)
                    shadow.setVisible(False)
                    plot.addItem(shadow)
                    raw_item(shadow)
                    curves.shadows[metric] = shadow
                elif live:
                    item.setZValue(10)
                plot.addItem(item)
                if kind == "batch":
                    raw_item(item)
                curves.items[kind, metric] = item
        lr_item = pg.PlotDataItem(**item_style("epoch", curves.color, live))
        self.lr_plot.addItem(lr_item)
        curves.items["epoch", "lr"] = lr_item
        self.runs[key] = curves
        self._next_frame = 0.0  # show a newly added run at once
        self._apply_x_range()
        return curves

    def remove_run(self, key: str) -> None:
        curves = self.runs.pop(key, None)
        if curves is None:
            return
        self._next_frame = 0.0
        for (_, metric), item in curves.items.items():
            if metric == "lr":
                self.lr_plot.removeItem(item)
                continue
            self.plots[metric].removeItem(item)
            self.legends[metric].removeItem(item)
        for metric, shadow in curves.shadows.items():
            self.plots[metric].removeItem(shadow)

    def end_live(self, key: str) -> None:
        """The run has finished: draw its last points now, and full speed again."""
        curves = self.runs.get(key)
        if curves is not None:
            curves.live = False
            self._apply_x_range()
            self.redraw(force=True)

    def _show_lr_plot_if_scheduled(self) -> None:
        varying = False
        for curves in self.runs.values():
            lr = curves.series["epoch", "lr"].data()[1]
            if len(lr) > 1 and np.nanmax(lr) > np.nanmin(lr) * (1 + 1e-6):
                varying = True
                break
        if varying != self.lr_plot.isVisible():
            self.lr_plot.setVisible(varying)

    def _apply_x_range(self) -> None:
        """While a run is live, x spans its planned epochs: the axis stays put instead of being
        recomputed (and repainted) with every frame. Otherwise x follows the data."""
        planned = [c for c in self.runs.values() if c.live and c.epochs]
        for plot in (*self.plots.values(), self.lr_plot):
            if planned:
                extent = max(c.epochs * (1 if self.x_in_epochs else c.steps_per_epoch) for c in planned)
                plot.setXRange(0, extent, padding=0.02)
            else:
                plot.enableAutoRange(x=True)

    def rename_run(self, key: str, name: str) -> None:
        curves = self.runs.get(key)
        if curves is None:
            return
        curves.name = name
        for (kind, metric), item in curves.items.items():
            if kind == "epoch" and metric in self.legends:
                self.legends[metric].removeItem(item)
                self.legends[metric].addItem(item, name)

    def load_run(self, key: str, name: str, history: list[dict], batches: dict, steps_per_epoch: int,
                 live: bool = False, epochs: int | None = None) -> RunCurves:
        """Draws a run from its recorded history and batches (live: a resumed run goes on from there)."""
        curves = self.add_run(key, name, steps_per_epoch, live, epochs)
        steps = [s for s in batches.get("step", []) if s is not None]
        if steps:
            n = len(steps)
            curves.add_batches(steps, as_floats(batches["loss"][:n]), as_floats(batches["accuracy"][:n]))
        for row in history:
            if row.get("epoch") is not None:
                curves.add_epoch(int(row["epoch"]), row)
        return curves

    # -- view options ----------------------------------------------------------
    def set_smoothing(self, weight: float) -> None:
        self.smoothing = min(max(weight, 0.0), 0.99)
        self._mark_all_dirty()

    def set_log_y(self, on: bool) -> None:
        self.log_y = on
        self.loss_plot.setLogMode(y=on)
        self.fit_y()

    def set_ignore_outliers(self, on: bool) -> None:
        """On: the y axes fit the data without its outliers; off: every point. Either way zooms are undone."""
        changed = on != self.ignore_outliers
        self.ignore_outliers = on
        self.zoomed.clear()
        for plot in self.plots.values():
            plot.enableAutoRange(x=True)
        self._apply_x_range()
        self.fit_y()
        if changed:
            self.outliers_changed.emit(on)

    def fit_y(self) -> None:
        """The y range of each plot the user has not zoomed: without outliers, or pyqtgraph's auto range."""
        for metric, plot in self.plots.items():
            if metric in self.zoomed:
                continue
            box = plot.getViewBox()
            shown = list(self.runs.values())
            dense = [item.yData for c in shown for (kind, m), item in c.items.items()
                     if m == metric and kind == "batch" and item.isVisible()]
            dense += [c.shadows[metric].yData for c in shown if c.shadows[metric].isVisible()]
            whole = [item.yData for c in shown for (kind, m), item in c.items.items()
                     if m == metric and kind != "batch"]
            fitted = fitted_range(dense, whole, log=metric == "loss" and self.log_y) if self.ignore_outliers \
                else None
            if fitted is None:
                box.enableAutoRange(y=True)
            else:
                box.setYRange(*fitted, padding=0)

    def set_x_in_epochs(self, on: bool) -> None:
        self.x_in_epochs = on
        self._apply_axes()
        self._apply_x_range()
        self._mark_all_dirty()

    def title(self, metric: str) -> str:
        return self.tr("Loss") if metric == "loss" else self.tr("Accuracy")

    def retranslate(self) -> None:
        self.lr_plot.setAccessibleName(self.tr("Learning-rate plot"))
        self.loss_plot.setAccessibleName(self.tr("Loss plot"))
        self.accuracy_plot.setAccessibleName(self.tr("Accuracy plot"))
        for metric, plot in self.plots.items():
            plot.setTitle(self.title(metric))
            plot.setLabel("left", self.tr("loss") if metric == "loss" else self.tr("accuracy"))
        self._apply_axes()
        self.apply_palette()

    def _apply_axes(self) -> None:
        for plot in self.plots.values():
            plot.setLabel("bottom", self.tr("epoch") if self.x_in_epochs else self.tr("training step (batch)"))

    def apply_palette(self) -> None:
        """Follows the application palette (light or dark)."""
        pal = QApplication.palette()
        bg, fg = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        for plot in (*self.plots.values(), self.lr_plot):
            plot.setBackground(bg)
            for axis in ("left", "bottom"):
                ax = plot.getAxis(axis)
                ax.setPen(pg.mkPen(fg))
                ax.setTextPen(pg.mkPen(fg))
            plot.setTitle(plot.plotItem.titleLabel.text, color=fg.name())
        for legend in self.legends.values():
            legend.setLabelTextColor(fg)
            legend.setBrush(pg.mkBrush(QColor(bg.red(), bg.green(), bg.blue(), 200)))

    # -- drawing ---------------------------------------------------------------
    def _mark_all_dirty(self) -> None:
        for curves in self.runs.values():
            curves.dirty = True
            curves.drawn.clear()
        self._next_frame = 0.0

    def _range_changed(self, *_) -> None:
        """Zoom or pan: the batch curves are reduced again for the new range at the next frame."""
        for curves in self.runs.values():
            for key in list(curves.drawn):
                if key[0] == "batch":
                    del curves.drawn[key]
            curves.dirty = True

    def _visible(self, plot, x: np.ndarray, steps_per_epoch: int) -> tuple[int, int, int]:
        """Indices of the batch points inside the plot's x range, and its width in pixels."""
        box = plot.getViewBox()
        if self.full_detail or box.autoRangeEnabled()[0]:
            return 0, len(x), max(200, int(box.width()))
        left, right = box.viewRange()[0]
        if self.x_in_epochs:
            left, right = left * steps_per_epoch, right * steps_per_epoch
        i0 = int(np.searchsorted(x, left)) - 1
        i1 = int(np.searchsorted(x, right)) + 1
        return max(0, i0), min(len(x), i1), max(200, int(box.width()))

    def _reduced(self, envelope: Envelope, x, y, i0: int, i1: int, pixels: int):
        if self.full_detail:  # exports: every point
            return x, y
        return envelope.view(x, y, i0, i1, pixels)

    def _x_shown(self, x: np.ndarray, curves: RunCurves) -> np.ndarray:
        return x / curves.steps_per_epoch if self.x_in_epochs else x

    def redraw(self, force: bool = False) -> None:
        """Called by the timer: setData on the series that changed, within the frame budget.

        While a run is live, frames are spaced so that drawing (setData plus the
        paint it causes, measured) takes at most FRAME_BUDGET of the time, yet
        comes at least every LIVE_FRAME_MS while that takes ≤ MAX_FRAME_BUDGET: the
        paint holds the GIL, and every millisecond of it is taken from training.
        """
        now = time.perf_counter()
        if not force and now < self._next_frame:
            return
        if not any(c.dirty for c in self.runs.values()):
            return
        drew = False
        for curves in self.runs.values():
            if not curves.dirty:
                continue
            curves.dirty = False
            drew = True
            for (kind, metric), item in curves.items.items():
                series = curves.series[kind, metric]
                if curves.drawn.get((kind, metric)) == series.version:
                    continue  # epoch curves change once an epoch, not every frame
                curves.drawn[kind, metric] = series.version
                x, y = series.data()
                if kind == "batch":
                    i0, i1, pixels = self._visible(self.plots[metric], x, curves.steps_per_epoch)
                    shadow = curves.shadows[metric]
                    if self.smoothing > 0:
                        sx, sy = self._reduced(series.envelope, x, y, i0, i1, pixels)
                        shadow.setData(self._x_shown(sx, curves), sy)
                        shadow.setVisible(True)
                        x, y = self._reduced(series.smooth_envelope, x, series.smoothed(self.smoothing), i0, i1,
                                             pixels)
                    else:
                        shadow.setVisible(False)
                        x, y = self._reduced(series.envelope, x, y, i0, i1, pixels)
                    x = self._x_shown(x, curves)
                elif not self.x_in_epochs:
                    x = x * curves.steps_per_epoch
                item.setData(x, y)
        if drew:
            self.redraws += 1
            self._show_lr_plot_if_scheduled()
            self.fit_y()
            for plot in (*self.plots.values(), self.lr_plot):
                # The new data's auto range, now: left to the paint, pyqtgraph sets it there and asks for a
                # second paint of the whole plot (a third of all paints during a run, measured)
                plot.getViewBox().prepareForPaint()
            cost = (time.perf_counter() - now + self.loss_plot.last_paint + self.accuracy_plot.last_paint
                    + self.lr_plot.last_paint)
            live = any(c.live for c in self.runs.values())
            self._next_frame = now + (frame_gap(cost) if live else REDRAW_MS / 1000)
