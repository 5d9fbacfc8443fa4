"""A plot's right-click menu in the window's language, in place of pyqtgraph's English-only ones.

pyqtgraph offers its view menu, "Plot Options" and an "Export..." dialog, all in English and the last two
partly at odds with the workbench (it sets downsampling and log scale itself). What a user reaches for on a
plot is kept: fit the view to the data again after zooming, and save the picture (PNG, SVG or PDF).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtWidgets import QFileDialog, QMenu

from workbench.gui.image_files import write_view
from workbench.gui.language import Retranslating


class PlotMenu(Retranslating, QMenu):
    """The menu of one plot; `install` puts it where pyqtgraph's menus were."""

    def __init__(self, plot: pg.PlotWidget, name: str, show_all: Callable[[], None] | None = None) -> None:
        super().__init__(plot)
        self.plot = plot
        self.name = name  # the file name offered when saving
        self.setObjectName(f"{plot.objectName() or name}Menu")
        self.view_all = self.addAction("", show_all or self.show_all)
        self.save = self.addAction("", lambda: self.save_picture())
        self.retranslate()

    def retranslate(self) -> None:
        self.view_all.setText(self.tr("Show all the data"))
        self.save.setText(self.tr("Save picture…"))

    def show_all(self) -> None:
        """Back from a zoom or pan: the view follows the data again."""
        self.plot.getViewBox().enableAutoRange()

    def save_picture(self, path: Path | None = None) -> Path | None:
        """Writes the plot as it is shown; asks where when no path is given."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self.plot, self.tr("Save the plot"), f"{self.name}.png",
                                                    "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        return write_view(self.plot, path, self.name)


def install(plot: pg.PlotWidget, name: str, show_all: Callable[[], None] | None = None) -> PlotMenu:
    """Gives `plot` the workbench's menu; pyqtgraph's menus and its export action are taken out.

    `show_all` replaces what "Show all the data" does (the default: pyqtgraph's auto range).
    """
    menu = PlotMenu(plot, name, show_all)
    plot.plotItem.setMenuEnabled(False, enableViewBoxMenu=None)  # no "Plot Options"
    box = plot.getViewBox()
    box.raiseContextMenu = lambda ev: menu.popup(ev.screenPos().toPoint())  # ours instead of its ViewBoxMenu
    scene = plot.scene()
    for action in scene.contextMenu:  # "Export..." opens pyqtgraph's English dialog
        action.setParent(None)  # (then nothing holds it: gone)
    scene.contextMenu = []
    plot.plot_menu = menu
    return menu
