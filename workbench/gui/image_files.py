"""One writer for pictures: PNG (drawn at 2x), SVG or PDF, chosen by the file's suffix. Plots and matrices use it.

Vector output goes through Qt (QSvgGenerator, QPdfWriter) because pyqtgraph 0.14's SVGExporter raises
ValueError on PySide6 >= 6.10 (pyqtgraph issue #3485). What is drawn comes from a `paint(painter, rect)`
callback, so a plot (a QGraphicsView) and a hand-painted matrix are written the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsView

IMAGE_SUFFIXES = (".png", ".svg", ".pdf")
Paint = Callable[[QPainter, QRectF], None]
CREATOR = "TF Training Workbench"


def write_image(path: Path, width: float, height: float, paint: Paint, title: str, scale: int = 2) -> Path:
    """Writes what `paint` draws into a width x height rectangle to `path` (.png, .svg or .pdf); returns `path`."""
    path = Path(path)
    rect = QRectF(0, 0, width, height)
    suffix = path.suffix.lower()
    if suffix == ".png":
        image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        paint(painter, rect)
        painter.end()
        if not image.save(str(path)):
            raise OSError(f"could not write {path}")
    elif suffix == ".svg":
        from PySide6.QtSvg import QSvgGenerator

        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(rect.size().toSize())
        gen.setViewBox(rect)
        gen.setTitle(title)
        gen.setDescription(f"{CREATOR} export")
        painter = QPainter(gen)
        paint(painter, rect)
        painter.end()
    elif suffix == ".pdf":
        writer = QPdfWriter(str(path))
        writer.setTitle(title)
        writer.setCreator(CREATOR)
        writer.setResolution(96)  # one pixel per device pixel: the page is the picture's size
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(width * 72 / 96, height * 72 / 96), QPageSize.Unit.Point),
                                         QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        painter = QPainter(writer)
        paint(painter, rect)
        painter.end()
    else:
        raise ValueError(f"cannot write a picture as {suffix or 'a file without suffix'}; allowed "
                         + ", ".join(IMAGE_SUFFIXES))
    return path


def paint_view(view: QGraphicsView) -> Paint:
    """Paints a plot (any QGraphicsView) scaled into the target rectangle: sharp at any size."""
    return lambda painter, rect: QGraphicsView.render(view, painter, rect, view.viewport().rect())


def write_view(view: QGraphicsView, path: Path, title: str) -> Path:
    """A plot as it is on screen, at its on-screen size, to `path` (.png, .svg or .pdf)."""
    return write_image(path, view.width(), view.height(), paint_view(view), title)
