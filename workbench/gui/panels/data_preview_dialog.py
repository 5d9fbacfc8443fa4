"""The dataset as it will be trained on, before training: each class with its counts in training and validation,
and a few samples of each (images, or a CSV's rows as their values), read in the background (`data_preview`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.config import TrainConfig
from workbench.core.data_preview import Preview, preview
from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.widgets.image_grid import ImageGrid


class DataPreviewDialog(Retranslating, QDialog):
    def __init__(self, config: TrainConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="dataPreviewDialog")
        self.config = config
        self.result: Preview | None = None
        self.status = QLabel(objectName="dataPreviewStatus", wordWrap=True,
                             textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts = QTableWidget(objectName="dataPreviewCounts")
        self.counts.verticalHeader().setVisible(False)  # the class column names the rows
        self.samples = ImageGrid("dataPreviewSamples")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.counts)
        split.addWidget(self.samples)
        split.setSizes([260, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        self.resize(820, 520)
        self.retranslate()
        self.status.setText(self.tr("Reading {dataset}…").format(dataset=config.dataset))
        self.task = background.run(preview, config, returned=self.show_preview, errored=self.show_error,
                                   parent=self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("The dataset"))
        if self.result is not None:
            self.show_preview(self.result)

    def show_preview(self, p: Preview) -> None:
        self.result = p
        headers = [self.tr("class"), self.tr("training"), self.tr("validation")]
        self.counts.clear()
        self.counts.setColumnCount(3)
        self.counts.setRowCount(len(p.class_names))
        self.counts.setHorizontalHeaderLabels(headers)
        for r, (name, train, val) in enumerate(zip(p.class_names, p.train_counts, p.val_counts, strict=True)):
            for c, text in enumerate((name, f"{train:,}", f"{val:,}")):
                self.counts.setItem(r, c, QTableWidgetItem(text))
        self.counts.resizeColumnsToContents()
        shape = "×".join(str(d) for d in p.shape)
        what = (self.tr("{dataset}: {k} classes, {train:,} training and {val:,} validation rows of {f} features")
                if p.feature_names else
                self.tr("{dataset}: {k} classes, {train:,} training and {val:,} validation images of {shape}"))
        text = what.format(dataset=self.config.dataset, k=len(p.class_names), train=sum(p.train_counts),
                           val=sum(p.val_counts), f=len(p.feature_names), shape=shape)
        if p.estimated_split:
            text += " " + self.tr("(validation: the expected share of {share:.0%}; Keras draws it with the seed when "
                                  "training starts)").format(share=self.config.val_split)
        self.status.setText(text)
        self.samples.feature_names = p.feature_names
        self.samples.set_images(self.tr("The first samples of each class"), p.samples,
                                [p.class_names[c] for c in p.labels])

    def show_error(self, exc: Exception) -> None:
        self.status.setText("<span style='color:#c0392b'>{}</span>".format(
            self.tr("The dataset cannot be read: {problem}").format(problem=exc)))
