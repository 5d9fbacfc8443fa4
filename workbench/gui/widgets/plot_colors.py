"""A plot in the window's colours (light or dark): background, axes and legend follow the application palette.
One place for what every pyqtgraph plot of the window does when it is made and when the palette changes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def follow_palette(plot: pg.PlotWidget, legend: pg.LegendItem | None = None, legend_alpha: int = 210,
                   axes: tuple[pg.AxisItem, ...] = ()) -> tuple[QColor, QColor]:
    """Colours `plot` (and its legend and any further axes) from the palette; returns (background, text)."""
    pal = QApplication.palette()
    bg, fg = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
    plot.setBackground(bg)
    for axis in (plot.getAxis("left"), plot.getAxis("bottom"), *axes):
        axis.setPen(pg.mkPen(fg))
        axis.setTextPen(pg.mkPen(fg))
    if legend is not None:
        legend.setLabelTextColor(fg)
        legend.setBrush(pg.mkBrush(QColor(bg.red(), bg.green(), bg.blue(), legend_alpha)))
    return bg, fg
