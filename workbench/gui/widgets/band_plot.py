"""An experiment's curves: per setting the mean over seeds with a shaded ±1 std band, seeds as thin lines on demand.

Epoch points only (a few per trial), so even 200 trials redraw in milliseconds: the items are made once per
`set_curves` and nothing is drawn per batch.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from workbench.experiments.curves import GroupCurve
from workbench.gui.widgets.plots import PALETTE


def group_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


class BandPlot(pg.PlotWidget):
    """Mean ± std per group; `show_seeds` adds every seed's own curve, thin and faint."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentBands")
        self.plotItem.showGrid(x=False, y=False)
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self.curves: list[GroupCurve] = []
        self.show_seeds = False
        self.highlighted: set[str] = set()
        self.items: dict[str, list] = {}  # group label -> its plot items (mean first)
        self.apply_palette()

    def apply_palette(self) -> None:
        """Follows the application palette (light or dark), as the run plots do."""
        pal = QApplication.palette()
        bg, fg = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        self.setBackground(bg)
        for axis in ("left", "bottom"):
            self.getAxis(axis).setPen(pg.mkPen(fg))
            self.getAxis(axis).setTextPen(pg.mkPen(fg))
        self.legend.setLabelTextColor(fg)
        self.legend.setBrush(pg.mkBrush(QColor(bg.red(), bg.green(), bg.blue(), 210)))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
                self, "legend"):  # (pyqtgraph changes the palette while it builds the widget)
            self.apply_palette()
        super().changeEvent(event)

    def set_curves(self, curves: list[GroupCurve], y_label: str, percent: bool) -> None:
        self.curves = curves
        self.y_label = y_label
        self.percent = percent
        self.redraw()

    def set_show_seeds(self, show: bool) -> None:
        self.show_seeds = show
        self.redraw()

    def set_highlighted(self, labels: list[str]) -> None:
        """Selected groups drawn bold, the others faint (none selected: all normal)."""
        self.highlighted = set(labels)
        self.redraw()

    def redraw(self) -> None:
        self.plotItem.clear()
        self.legend.clear()
        self.items = {}
        scale = 100.0 if getattr(self, "percent", False) else 1.0
        self.setLabel("left", getattr(self, "y_label", ""))
        self.setLabel("bottom", self.tr("epoch"))
        # the legend in the corner the curves leave free: accuracies end high, losses low
        corner = (1, 1) if getattr(self, "percent", False) else (1, 0)
        self.legend.anchor(itemPos=corner, parentPos=corner, offset=(-10, -10 if corner[1] else 10))
        for i, group in enumerate(self.curves):
            color = QColor(group_color(i))
            faint = bool(self.highlighted) and group.label not in self.highlighted
            if faint:
                color.setAlpha(110)
            items = []
            x = group.epochs
            mean = group.mean * scale
            if len(x):
                std = np.nan_to_num(group.std * scale)  # one seed: no band
                fill = QColor(color)
                fill.setAlpha(25 if faint else 60)
                upper = pg.PlotDataItem(x, mean + std, pen=pg.mkPen(None))
                lower = pg.PlotDataItem(x, mean - std, pen=pg.mkPen(None))
                band = pg.FillBetweenItem(upper, lower, brush=pg.mkBrush(fill))
                self.addItem(upper)
                self.addItem(lower)
                self.addItem(band)
                items += [upper, lower, band]
            if self.show_seeds:
                seed_color = QColor(color)
                seed_color.setAlpha(90 if not faint else 35)
                for seed in group.seeds:
                    if len(seed.epochs):
                        line = pg.PlotDataItem(seed.epochs, seed.values * scale,
                                               pen=pg.mkPen(seed_color, width=1))
                        self.addItem(line)
                        items.append(line)
            n = len(group.seeds)
            bold = group.label in self.highlighted
            mean_item = pg.PlotDataItem(x, mean, pen=pg.mkPen(color, width=3.5 if bold else 2),
                                        symbol="o", symbolSize=5, symbolBrush=color, symbolPen=None,
                                        name=self.tr("{label} (n={n})").format(label=group.label, n=n))
            self.addItem(mean_item)
            items.insert(0, mean_item)
            self.items[group.label] = items
        self.plotItem.enableAutoRange()
