"""When two settings part: b − a per epoch with its 95% confidence interval as a band, around the zero line.

Epochs where the difference is significant after Holm's correction are filled dots, the others hollow; a dashed
vertical line marks the first epoch from which the settings stay apart. A handful of epoch points: the items are
made once and given their data with `setData`.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt

from workbench.experiments.parting import Parting
from workbench.gui.widgets import plot_menu
from workbench.gui.widgets.plot_colors import follow_palette
from workbench.gui.widgets.plots import PALETTE


class PartingPlot(pg.PlotWidget):
    """b − a of the chosen metric per epoch (in points for an accuracy)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentParting")
        plot_menu.install(self, "experiment-difference")
        self.parting: Parting | None = None
        color = pg.mkColor(PALETTE[1])
        self.zero = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(width=1, style=Qt.PenStyle.DotLine))
        self.upper = pg.PlotDataItem(pen=pg.mkPen(color, width=0.5))
        self.lower = pg.PlotDataItem(pen=pg.mkPen(color, width=0.5))
        band = pg.mkColor(color)
        band.setAlpha(60)
        self.band = pg.FillBetweenItem(self.upper, self.lower, brush=pg.mkBrush(band))
        self.line = pg.PlotDataItem(pen=pg.mkPen(color, width=2))
        self.significant = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(color), pen=pg.mkPen(color))
        self.not_significant = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(None), pen=pg.mkPen(color, width=1.5))
        self.first = pg.InfiniteLine(angle=90, pen=pg.mkPen(color, width=1, style=Qt.PenStyle.DashLine))
        for item in (self.zero, self.band, self.upper, self.lower, self.line, self.significant,
                     self.not_significant, self.first):
            self.addItem(item)
        self.first.hide()
        self.apply_palette()

    def apply_palette(self) -> None:
        _, fg = follow_palette(self)
        self.zero.setPen(pg.mkPen(fg, width=1, style=Qt.PenStyle.DotLine))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
                self, "zero"):
            self.apply_palette()
        super().changeEvent(event)

    def set_parting(self, parting: Parting | None, title: str, y_label: str, x_label: str, percent: bool) -> None:
        """Shows `parting` (None: nothing to show, the axes stay) under `title` (which minus which)."""
        self.parting = parting
        rows = parting.epochs if parting is not None else []
        scale = 100.0 if percent else 1.0
        epochs = np.array([e.epoch for e in rows], dtype=float)
        delta = np.array([e.delta for e in rows], dtype=float) * scale
        self.line.setData(epochs, delta)
        self.upper.setData(epochs, np.array([e.high for e in rows], dtype=float) * scale)
        self.lower.setData(epochs, np.array([e.low for e in rows], dtype=float) * scale)
        apart = np.array([e.p_holm < parting.alpha for e in rows], dtype=bool) if rows else np.zeros(0, bool)
        self.significant.setData(epochs[apart], delta[apart])
        self.not_significant.setData(epochs[~apart], delta[~apart])
        if parting is not None and parting.first_epoch is not None:
            self.first.setValue(parting.first_epoch)
            self.first.show()
        else:
            self.first.hide()
        self.setTitle(title)
        self.setLabel("left", y_label)
        self.setLabel("bottom", x_label)
        # whole epochs on the axis while they fit; pyqtgraph's own ticks beyond
        self.getAxis("bottom").setTickSpacing(*((1, 1) if len(rows) <= 25 else ()))
        self.enableAutoRange()

    def significant_epochs(self) -> list[int]:
        """The epochs drawn as filled dots (what a user reads as "apart here")."""
        x, _ = self.significant.getData()
        return [int(v) for v in x]
