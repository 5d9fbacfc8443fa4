"""The loss landscape drawn: a line (loss or accuracy against α, the kept path's points on it) or a plane (the
values as colour with contours and a colour bar, the runs' paths and end points on top).

The plane fills in row by row while it is computed (`begin_plane`, `set_row`); the panel calls `redraw` from a
timer, so a fast grid never redraws per row. Loss is coloured on a log scale (a landscape spans decades: the
valley's floor would be one flat colour on a linear one); accuracy on a linear one.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from workbench.gui.widgets import plot_menu
from workbench.gui.widgets.plot_colors import follow_palette
from workbench.gui.widgets.run_curves import PALETTE

CONTOURS = 10


class LandscapePlot(pg.PlotWidget):
    """One plot for every view; `values` is what is shown (the grid as far as it is known, NaN elsewhere)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent, objectName="landscapePlot")
        self.menu = plot_menu.install(self, "landscape")
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.bar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False, width=16)
        self.bar.setImageItem(self.image, insert_in=self.plotItem)
        self.bar.setVisible(False)
        self.values = np.zeros((0, 0))
        self.xs, self.ys = np.zeros(0), np.zeros(0)
        self.log = True
        self.contours: list[pg.IsocurveItem] = []
        self.apply_palette()

    def apply_palette(self) -> None:
        """The window's colours (light or dark), as the other plots have them; the legend stays readable over
        the colours of the surface."""
        follow_palette(self, self.legend, 220, (self.bar.axis,))

    # -- the plane ----------------------------------------------------------------------------------------
    def begin_plane(self, xs: list[float], ys: list[float], log: bool) -> None:
        """An empty grid on these axes; rows arrive with `set_row`."""
        self._clear()
        self.xs, self.ys, self.log = np.asarray(xs, float), np.asarray(ys, float), log
        self.values = np.full((len(ys), len(xs)), np.nan)
        dx = (self.xs[-1] - self.xs[0]) / max(len(xs) - 1, 1) or 1.0
        dy = (self.ys[-1] - self.ys[0]) / max(len(ys) - 1, 1) or 1.0
        self.addItem(self.image)
        self.image.setImage(np.zeros_like(self.values), autoLevels=False)  # setRect scales by the image's size
        self.image.setRect(self.xs[0] - dx / 2, self.ys[0] - dy / 2, dx * len(xs), dy * len(ys))
        self.bar.setVisible(True)
        self.bar.setLabel("right", QCoreApplication.translate("LandscapePlot", "log10 loss") if log else QCoreApplication.translate("LandscapePlot", "accuracy"))

    def set_row(self, j: int, row: list[float]) -> None:
        self.values[j] = row

    def redraw(self) -> None:
        """The grid as far as it is known (unknown cells stay transparent)."""
        if not self.values.size or not np.isfinite(self.values).any():
            return
        shown = self._shown()
        low, high = float(np.nanmin(shown)), float(np.nanmax(shown))
        self.image.setImage(shown, autoLevels=False)
        self.bar.setLevels(low=low, high=high if high > low else low + 1e-6)

    def finish_plane(self, paths: dict[str, list], ends: dict[str, list], labels: dict[str, str]) -> None:
        """The whole grid is known: contours, then each run's path (a line of dots from its start) and its end
        (a star)."""
        self.redraw()
        shown = self._shown()
        if np.isfinite(shown).all() and np.ptp(shown) > 0:
            for level in np.linspace(shown.min(), shown.max(), CONTOURS + 2)[1:-1]:
                curve = pg.IsocurveItem(data=shown, level=float(level), pen=pg.mkPen((255, 255, 255, 110)),
                                        axisOrder="row-major")
                curve.setParentItem(self.image)
                curve.setPos(0.5, 0.5)  # isocurves run through pixel indices; the values sit at pixel centres
                self.contours.append(curve)
        for i, run_id in enumerate(labels):
            color = QColor(PALETTE[i % len(PALETTE)])
            if run_id in paths and paths[run_id]:
                x, y = np.asarray(paths[run_id], float).T
                self.addItem(pg.PlotDataItem(x, y, pen=pg.mkPen(color, width=2), symbol="o", symbolSize=6,
                                             symbolBrush=color, name=labels[run_id]))
            if run_id in ends:
                self.addItem(pg.ScatterPlotItem([ends[run_id][0]], [ends[run_id][1]], symbol="star", size=18,
                                                brush=color, pen=pg.mkPen("w")))
        marks = [p for run in paths.values() for p in run] + list(ends.values())
        self._legend_out_of_the_way(np.asarray(marks, float).reshape(-1, 2))
        self.plotItem.enableAutoRange()

    def _legend_out_of_the_way(self, marks: np.ndarray) -> None:
        """The legend goes to the corner of the plane with the fewest path points and ends under it."""
        span_x, span_y = np.ptp(self.xs) or 1.0, np.ptp(self.ys) or 1.0
        u = (marks[:, 0] - self.xs.min()) / span_x if len(marks) else np.zeros(0)
        v = (marks[:, 1] - self.ys.min()) / span_y if len(marks) else np.zeros(0)
        corners = {(1, 0): (u > 0.6) & (v > 0.7), (0, 0): (u < 0.4) & (v > 0.7),
                   (1, 1): (u > 0.6) & (v < 0.3), (0, 1): (u < 0.4) & (v < 0.3)}  # (x, y) in the view: y down
        corner = min(corners, key=lambda c: (int(corners[c].sum()), list(corners).index(c)))
        offset = (-10 if corner[0] else 10, -10 if corner[1] else 10)
        self.legend.anchor(itemPos=corner, parentPos=corner, offset=offset)

    def _shown(self) -> np.ndarray:
        if not self.log:
            return self.values
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(np.where(self.values > 0, self.values, np.nan))

    # -- the line -----------------------------------------------------------------------------------------
    def show_line(self, xs: list[float], values: list[float], walked: dict[str, list], labels: dict[str, str],
                  log: bool) -> None:
        """Loss or accuracy along α (0: start, 1: end), with the kept path's points at their projections."""
        self._clear()
        self.setLogMode(x=False, y=log)
        x, y = np.asarray(xs, float), np.asarray(values, float)
        known = np.isfinite(y)
        self.addItem(pg.PlotDataItem(x[known], y[known], pen=pg.mkPen(PALETTE[0], width=2),
                                     name=QCoreApplication.translate("LandscapePlot", "along the line")))
        for i, run_id in enumerate(labels):
            if log and walked.get(run_id):
                a, v = np.asarray(walked[run_id], float).T
                self.addItem(pg.ScatterPlotItem(a, np.log10(np.maximum(v, 1e-30)), symbol="o", size=8,
                                                brush=QColor(PALETTE[(i + 1) % len(PALETTE)]),
                                                name=QCoreApplication.translate("LandscapePlot", "the run's kept epochs")))
        for alpha in (0.0, 1.0):
            self.addItem(pg.InfiniteLine(pos=alpha, angle=90, movable=False,
                                         pen=pg.mkPen((128, 128, 128), style=Qt.PenStyle.DashLine)))
        self.plotItem.enableAutoRange()

    def _clear(self) -> None:
        for curve in self.contours:
            curve.setParentItem(None)
            if curve.scene() is not None:
                curve.scene().removeItem(curve)
        self.contours = []
        self.plotItem.clear()
        self.legend.clear()
        self.legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-10, 10))
        self.setLogMode(x=False, y=False)
        self.bar.setVisible(False)
        self.values = np.zeros((0, 0))
