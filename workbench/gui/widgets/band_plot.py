"""An experiment's curves: per setting the mean over seeds with a shaded ±1 std band, seeds as thin lines on demand.

Epoch points only (a few per trial), so even 200 trials redraw in milliseconds: the items are made once per
`set_curves` and nothing is drawn per batch.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor

from workbench.experiments.curves import GroupCurve
from workbench.gui.widgets import plot_menu
from workbench.gui.widgets.plot_colors import follow_palette
from workbench.gui.widgets.plots import PALETTE


def group_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


class BandPlot(pg.PlotWidget):
    """Mean ± std per group; `show_seeds` adds every seed's own curve, thin and faint."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentBands")
        plot_menu.install(self, "experiment")
        self.plotItem.showGrid(x=False, y=False)
        self.legend = self.plotItem.addLegend(offset=(-10, 10))
        self.curves: list[GroupCurve] = []
        self.show_seeds = False
        self.highlighted: set[str] = set()
        self.y_label = ""
        self.percent = False
        self._items: dict[str, list] = {}  # group label -> mean, upper, lower, band, a line per seed
        self._key: list = []  # the groups (and their seed counts) the items were made for
        self.apply_palette()

    def apply_palette(self) -> None:
        """Follows the application palette (light or dark), as the run plots do."""
        follow_palette(self, self.legend)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and hasattr(
                self, "legend"):  # (pyqtgraph changes the palette while it builds the widget)
            self.apply_palette()
        super().changeEvent(event)

    def set_curves(self, curves: list[GroupCurve], y_label: str, percent: bool) -> None:
        """New data: the items are kept and given it (`setData`); made again only when the groups change."""
        self.curves = curves
        self.y_label = y_label
        self.percent = percent
        key = [(g.label, len(g.seeds)) for g in curves]
        if key != self._key:
            self._key = key
            self._rebuild()
        self._update()

    def set_show_seeds(self, show: bool) -> None:
        self.show_seeds = show
        self._update()

    def set_highlighted(self, labels: list[str]) -> None:
        """Selected groups drawn bold, the others faint (none selected: all normal); only pens change."""
        self.highlighted = set(labels)
        self._restyle()

    @property
    def items(self) -> dict[str, list]:
        """Each group's shown items: the mean first, then the band (upper, lower, fill), then the seeds'."""
        return {g.label: [*self._items[g.label][:4], *[i for i in self._items[g.label][4:] if i.isVisible()]]
                for g in self.curves if g.label in self._items}

    def _rebuild(self) -> None:
        self.plotItem.clear()
        self.legend.clear()
        self._items = {}
        for group in self.curves:
            upper = pg.PlotDataItem(pen=pg.mkPen(None))
            lower = pg.PlotDataItem(pen=pg.mkPen(None))
            band = pg.FillBetweenItem(upper, lower)
            mean = pg.PlotDataItem(symbol="o", symbolSize=5, symbolPen=None,
                                   name=self.tr("{label} (n={n})").format(label=group.label, n=len(group.seeds)))
            for item in (upper, lower, band):
                self.addItem(item)
            seeds = []
            for _ in group.seeds:
                line = pg.PlotDataItem()
                line.setVisible(False)
                self.addItem(line)
                seeds.append(line)
            self.addItem(mean)  # on top of its band and seeds
            self._items[group.label] = [mean, upper, lower, band, *seeds]

    def _update(self) -> None:
        scale = 100.0 if self.percent else 1.0
        self.setLabel("left", self.y_label)
        self.setLabel("bottom", self.tr("epoch"))
        # the legend in the corner the curves leave free: accuracies end high, losses low
        corner = (1, 1) if self.percent else (1, 0)
        self.legend.anchor(itemPos=corner, parentPos=corner, offset=(-10, -10 if corner[1] else 10))
        for group in self.curves:
            mean, upper, lower, _band, *seeds = self._items[group.label]
            y = group.mean * scale
            std = np.nan_to_num(group.std * scale)  # one seed: no band
            mean.setData(group.epochs, y)
            upper.setData(group.epochs, y + std)
            lower.setData(group.epochs, y - std)
            for line, seed in zip(seeds, group.seeds, strict=True):
                line.setVisible(self.show_seeds)
                if self.show_seeds:
                    line.setData(seed.epochs, seed.values * scale)
        self._restyle()
        self.plotItem.enableAutoRange()

    def _restyle(self) -> None:
        for i, group in enumerate(self.curves):
            if group.label not in self._items:
                continue
            mean, _upper, _lower, band, *seeds = self._items[group.label]
            color = QColor(group_color(i))
            faint = bool(self.highlighted) and group.label not in self.highlighted
            if faint:
                color.setAlpha(110)
            fill = QColor(color)
            fill.setAlpha(25 if faint else 60)
            band.setBrush(pg.mkBrush(fill))
            seed_color = QColor(color)
            seed_color.setAlpha(35 if faint else 90)
            for line in seeds:
                line.setPen(pg.mkPen(seed_color, width=1))
            mean.setPen(pg.mkPen(color, width=3.5 if group.label in self.highlighted else 2))
            mean.setSymbolBrush(color)
