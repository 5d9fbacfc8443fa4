"""The canvas of the drawing pad: white ink on black, like MNIST, drawn with the mouse."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from workbench.gui.language import Retranslating

CANVAS = 196  # pixels a side


class DrawingCanvas(Retranslating, QWidget):
    """White ink on black, like MNIST; `strokes` holds the drawn points in widget coordinates."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingCanvas")
        self.setFixedSize(CANVAS, CANVAS)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.strokes: list[list[tuple[float, float]]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Draw one digit with the mouse, as large as you like"))
        self.setAccessibleName(self.tr("Drawing canvas"))
        self.update()

    def clear(self) -> None:
        self.strokes = []
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[tuple[float, float]]) -> None:
        """A whole stroke at once (what a mouse drag produces point by point)."""
        self.strokes.append(list(points))
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            p = event.position()
            self.strokes.append([(p.x(), p.y())])
            self.update()
            self.changed.emit()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton and self.strokes:
            p = event.position()
            self.strokes[-1].append((p.x(), p.y()))
            self.update()
            self.changed.emit()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("black"))
        painter.setPen(QPen(QColor("white"), 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            path = QPainterPath(QPointF(*stroke[0]))
            for point in stroke[1:]:
                path.lineTo(QPointF(*point))
            if len(stroke) == 1:
                painter.drawPoint(QPointF(*stroke[0]))
            else:
                painter.drawPath(path)
        if not self.strokes:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("draw a digit here"))
        painter.end()
