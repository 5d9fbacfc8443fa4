"""The confusion matrix as a heat map: hover for the numbers, click a cell to see its images.

One painting function draws it on screen and into PNG, SVG and PDF files, so
an export looks exactly like the window.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from workbench.gui.image_files import write_image
from workbench.gui.language import Retranslating

RIGHT = QColor(46, 125, 50)  # the diagonal: images predicted as their own class
WRONG = QColor(198, 40, 40)
EXPORT_SIZE = (640, 600)


def shares_of(counts: np.ndarray) -> np.ndarray:
    """Each row as the share of its true class (rows without images stay 0)."""
    counts = np.asarray(counts, dtype=float)
    rows = counts.sum(axis=1, keepdims=True)
    return np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)


def cell_text(counts: np.ndarray, r: int, c: int, normalised: bool) -> str:
    return f"{100 * shares_of(counts)[r, c]:.1f}" if normalised else str(int(counts[r][c]))


def _layout(rect: QRectF, k: int) -> tuple[float, float, float]:
    """Left and top of the grid and the side of one (square) cell inside `rect`."""
    left, top, right, bottom = 58.0, 58.0, 12.0, 12.0
    side = max(4.0, min((rect.width() - left - right) / k, (rect.height() - top - bottom) / k))
    spare = rect.width() - left - right - side * k  # centred horizontally
    return rect.left() + left + spare / 2, rect.top() + top, side


def paint_matrix(painter: QPainter, rect: QRectF, counts: np.ndarray, normalised: bool, title: str,
                 text: QColor, background: QColor, selected: tuple[int, int] | None = None,
                 names: list[str] | None = None) -> None:
    counts = np.asarray(counts)
    k = len(counts)
    painter.fillRect(rect, background)
    if k == 0:
        return
    shares = shares_of(counts)
    x0, y0, side = _layout(rect, k)
    font = QFont(painter.font())
    font.setPointSizeF(10.0)
    widest = max(len(cell_text(counts, r, c, normalised)) for r in range(k) for c in range(k))
    sample = "8" * max(widest, 2)
    while font.pointSizeF() > 5.0 and QFontMetricsF(font).horizontalAdvance(sample) > side - 3:
        font.setPointSizeF(font.pointSizeF() - 0.5)  # the widest number fits its cell
    painter.setFont(font)
    painter.setPen(text)
    painter.drawText(QRectF(x0 - 40, rect.top() + 2, side * k + 80, 20),
                     Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextSingleLine, title)
    painter.drawText(QRectF(x0, y0 - 38, side * k, 16), Qt.AlignmentFlag.AlignHCenter,
                     QCoreApplication.translate("ConfusionMatrixView", "predicted class"))
    painter.save()
    painter.translate(x0 - 44, y0 + side * k / 2)
    painter.rotate(-90)
    painter.drawText(QRectF(-side * k / 2, -8, side * k, 16), Qt.AlignmentFlag.AlignHCenter,
                     QCoreApplication.translate("ConfusionMatrixView", "true class"))
    painter.restore()
    metrics = QFontMetricsF(font)
    for i in range(k):
        name = names[i] if names and i < len(names) else str(i)  # a folder's class names, elided to fit
        painter.drawText(QRectF(x0 + i * side, y0 - 20, side, 18), Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight, side))
        painter.drawText(QRectF(x0 - 26, y0 + i * side, 22, side), Qt.AlignmentFlag.AlignCenter,
                         metrics.elidedText(name, Qt.TextElideMode.ElideRight, 22))
    for r in range(k):
        for c in range(k):
            cell = QRectF(x0 + c * side, y0 + r * side, side, side)
            share = shares[r, c]
            base = RIGHT if r == c else WRONG
            alpha = int(30 + 225 * share ** 0.5) if counts[r][c] else 0  # sqrt: small confusions stay visible
            painter.fillRect(cell, QColor(base.red(), base.green(), base.blue(), alpha))
            painter.setPen(QPen(QColor(128, 128, 128, 90), 0.5))
            painter.drawRect(cell)
            painter.setPen(QColor("white") if alpha > 150 else text)
            painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, cell_text(counts, r, c, normalised))
    if selected is not None:
        r, c = selected
        painter.setPen(QPen(text, 2.5))
        painter.drawRect(QRectF(x0 + c * side, y0 + r * side, side, side))


class ConfusionMatrixView(Retranslating, QWidget):
    """Rows: true class, columns: predicted class; counts or row-normalised percentages."""

    cell_clicked = Signal(int, int)

    def __init__(self, object_name: str = "confusionMatrix", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 150)
        self.counts = np.zeros((0, 0), dtype=int)
        self.title = ""
        self.normalised = False
        self.selected: tuple[int, int] | None = None
        self.names: list[str] = []  # class names (an image folder's), else the numbers
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Rows: true class; columns: predicted class. Hover a cell for its numbers, "
                                "click it to see its images."))
        self.setAccessibleName(self.tr("Confusion matrix"))
        self.update()

    def set_counts(self, counts, title: str, names: list[str] | None = None) -> None:
        self.counts = np.asarray(counts, dtype=int)
        self.title = title
        self.names = list(names or [])
        self.selected = None
        self.update()

    def set_normalised(self, on: bool) -> None:
        self.normalised = on
        self.update()

    def text(self, r: int, c: int) -> str:
        """What the cell shows (a count, or a percentage of its row when normalised)."""
        return cell_text(self.counts, r, c, self.normalised)

    def cell_rect(self, r: int, c: int) -> QRectF:
        x0, y0, side = _layout(QRectF(self.rect()), len(self.counts))
        return QRectF(x0 + c * side, y0 + r * side, side, side)

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        k = len(self.counts)
        if k == 0:
            return None
        x0, y0, side = _layout(QRectF(self.rect()), k)
        c, r = int((pos.x() - x0) // side), int((pos.y() - y0) // side)
        return (r, c) if 0 <= r < k and 0 <= c < k else None

    def describe(self, r: int, c: int) -> str:
        n = int(self.counts[r][c])
        share = shares_of(self.counts)[r, c]
        text = (self.tr("true {r}, predicted {c}: {n} image ({share} of class {r}, {what})") if n == 1 else
                self.tr("true {r}, predicted {c}: {n} images ({share} of class {r}, {what})"))
        r_name, c_name = (self.names[r], self.names[c]) if len(self.names) > max(r, c) else (r, c)
        return text.format(r=r_name, c=c_name, n=n, share=f"{share:.1%}",
                           what=self.tr("right") if r == c else self.tr("wrong"))

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        paint_matrix(painter, QRectF(self.rect()), self.counts, self.normalised, self.title,
                     palette.windowText().color(), palette.base().color(), self.selected, self.names)
        painter.end()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position())
        if cell is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(*cell), self)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        cell = self.cell_at(event.position())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.selected = cell
            self.update()
            self.cell_clicked.emit(*cell)

    def save(self, path: Path) -> None:
        """Writes the matrix as PNG (2x), SVG or PDF, chosen by the file's suffix, black on white."""
        save_matrix(Path(path), self.counts, self.normalised, self.title, self.names)


def save_matrix(path: Path, counts, normalised: bool, title: str, names: list[str] | None = None) -> None:
    width, height = EXPORT_SIZE
    black, white = QColor("black"), QColor("white")
    write_image(Path(path), width, height, lambda painter, rect: paint_matrix(
        painter, rect, counts, normalised, title, black, white, None, names), title)
