"""A scrollable grid of small images with captions: confident mistakes, a matrix cell, A-vs-B differences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget


def digit_pixmap(image: np.ndarray, scale: int = 3) -> QPixmap:
    """A grey (H, W) or colour (H, W, C) image as a pixmap, `scale` times larger."""
    img = np.asarray(image)
    if img.dtype != np.uint8:
        img = np.clip(img * (255 if img.max() <= 1.0 else 1), 0, 255).astype(np.uint8)
    if img.ndim == 2 or img.shape[-1] == 1:
        img = np.ascontiguousarray(img.reshape(img.shape[0], img.shape[1]))
        q = QImage(img.data, img.shape[1], img.shape[0], img.strides[0], QImage.Format.Format_Grayscale8)
    else:
        img = np.ascontiguousarray(img[..., :3])
        q = QImage(img.data, img.shape[1], img.shape[0], img.strides[0], QImage.Format.Format_RGB888)
    return QPixmap.fromImage(q.copy()).scaled(img.shape[1] * scale, img.shape[0] * scale)


class ImageGrid(QScrollArea):
    """Images with captions in as many columns as fit the width; `save_png` writes the whole grid."""

    def __init__(self, object_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.cells: list[QWidget] = []
        self.columns = 1
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumSize(110, 60)  # small windows: fewer columns, not a wider window
        self.inner = QWidget()
        self.inner.setObjectName(f"{object_name}Images" if object_name else "images")
        outer = QVBoxLayout(self.inner)
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("gridTitle")
        outer.addWidget(self.title)
        self.grid = QGridLayout()
        outer.addLayout(self.grid)
        outer.addStretch(1)
        self.setWidget(self.inner)
        self.indices: list[int] = []
        self.feature_names: tuple[str, ...] = ()  # a CSV's columns: its samples are rows, shown as text

    def _picture(self, image: np.ndarray) -> QLabel:
        """An image as a pixmap; a CSV's row (1-D) as its values, one per line."""
        if np.ndim(image) == 1:
            names = self.feature_names or tuple(str(i) for i in range(len(image)))
            shown = [f"{n} = {v:.4g}" for n, v in zip(names, image, strict=False)][:8]
            more = ["…"] if len(image) > 8 else []
            label = QLabel("\n".join(shown + more), objectName="galleryRow")
            label.setStyleSheet("font-family: monospace")
            return label
        picture = QLabel()
        picture.setPixmap(digit_pixmap(image))
        return picture

    def set_images(self, title: str, images: list[np.ndarray], captions: list[str],
                   indices: list[int] | None = None) -> None:
        """Replaces the grid's content; `indices` records which validation images these are."""
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.setParent(None)  # gone from findChildren now, freed by the event loop
                widget.deleteLater()
        self.title.setText(title)
        self.indices = list(indices or [])
        self.cells = []
        for image, caption in zip(images, captions, strict=True):
            cell = QWidget(objectName="galleryImage")
            v = QVBoxLayout(cell)
            v.setContentsMargins(2, 2, 2, 2)
            picture = self._picture(image)
            picture.setToolTip(caption.replace("\n", " · "))
            text = QLabel(caption, alignment=Qt.AlignmentFlag.AlignCenter)
            v.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
            v.addWidget(text)
            self.cells.append(cell)
        self.columns = 0
        self._arrange()

    def _arrange(self) -> None:
        if not self.cells:
            return
        width = max(c.sizeHint().width() for c in self.cells) + self.grid.horizontalSpacing()
        columns = max(1, (self.viewport().width() - 24) // max(1, width))
        if columns == self.columns:
            return
        self.columns = columns
        for n, cell in enumerate(self.cells):
            self.grid.addWidget(cell, n // columns, n % columns)  # moves it if already there

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def count(self) -> int:
        return len(self.cells)

    def save_png(self, path: Path) -> None:
        """The whole grid (not only the scrolled-to part) as a PNG."""
        self.inner.adjustSize()
        if not self.inner.grab().save(str(path)):
            raise OSError(f"could not write {path}")
