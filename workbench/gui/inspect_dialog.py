"""Look inside a finished run: confusion matrix, per-class metrics, confident mistakes, model summary.

The numbers come from `evaluation.evaluate` (cached in the run folder), computed
in a background thread; the images come from the run's own validation data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QThread, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..runs import RunSummary


class _Evaluator(QThread):
    done = Signal(dict)
    failed = Signal(str)

    def __init__(self, run_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.run_dir = run_dir

    def run(self) -> None:
        try:
            from ..evaluation import evaluate, model_summary

            result = dict(evaluate(self.run_dir))
            result["summary_text"] = model_summary(self.run_dir)
            self.done.emit(result)
        except Exception as exc:  # shown in the dialog
            self.failed.emit(str(exc))


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


class InspectDialog(QDialog):
    """One run's evaluation; opened from the runs table."""

    def __init__(self, run: RunSummary, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectDialog")
        self.setWindowTitle(f"Inside {run.name or run.run_id}")
        self.run = run
        self.result: dict | None = None
        self.status = QLabel("Evaluating the saved model on the validation data…", objectName="inspectStatus")
        self.normalise = QCheckBox("row-normalised (share of each true class)", objectName="normaliseCheck")
        self.normalise.setToolTip("Show each row as the share of that true class predicted as each class")
        self.normalise.toggled.connect(self._fill_matrix)
        self.matrix = QTableWidget(objectName="confusionMatrix")
        self.matrix.setToolTip("Rows: true class; columns: predicted class. Hover a cell for its numbers.")
        self.per_class = QTableWidget(objectName="perClassTable")
        self.gallery = QWidget(objectName="mistakesGallery")
        self.gallery_layout = QGridLayout(self.gallery)
        self.summary = QTextEdit(objectName="modelSummary", readOnly=True)
        self.summary.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        matrix_tab = QWidget()
        m = QVBoxLayout(matrix_tab)
        m.addWidget(self.normalise)
        m.addWidget(self.matrix)
        tabs = QTabWidget(objectName="inspectTabs")
        tabs.addTab(matrix_tab, "Confusion matrix")
        tabs.addTab(self.per_class, "Per class")
        tabs.addTab(self.gallery, "Most confident mistakes")
        tabs.addTab(self.summary, "Model")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(tabs)
        self.resize(760, 560)
        self.worker = _Evaluator(Path(run.run_dir), self)
        self.worker.done.connect(self._show)
        self.worker.failed.connect(lambda msg: self.status.setText(f"Cannot evaluate: {msg}"))
        self.worker.start()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.worker.wait()
        super().closeEvent(event)

    def _show(self, result: dict) -> None:
        self.result = result
        self.status.setText(f"Accuracy {100 * result['accuracy']:.2f}% on {result['samples']} validation "
                            f"images (from {Path(self.run.run_dir).name}/model.keras)")
        self._fill_matrix()
        self._fill_per_class()
        self._fill_gallery()
        self.summary.setPlainText(result.get("summary_text", ""))

    def _fill_matrix(self) -> None:
        if self.result is None:
            return
        counts = np.asarray(self.result["confusion_matrix"], dtype=float)
        k = len(counts)
        rows = counts.sum(axis=1, keepdims=True)
        shares = np.divide(counts, rows, out=np.zeros_like(counts), where=rows > 0)
        shown = shares if self.normalise.isChecked() else counts
        self.matrix.setRowCount(k)
        self.matrix.setColumnCount(k)
        self.matrix.setHorizontalHeaderLabels([f"pred {c}" for c in range(k)])
        self.matrix.setVerticalHeaderLabels([f"true {c}" for c in range(k)])
        for r in range(k):
            for c in range(k):
                text = f"{shown[r, c]:.1%}" if self.normalise.isChecked() else f"{int(counts[r, c])}"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(f"true {r}, predicted {c}: {int(counts[r, c])} images "
                                f"({shares[r, c]:.1%} of class {r})")
                strength = shares[r, c]
                base = QColor(46, 125, 50) if r == c else QColor(198, 40, 40)
                item.setBackground(QColor(base.red(), base.green(), base.blue(), int(40 + 200 * strength)
                                          if strength > 0 else 0))
                self.matrix.setItem(r, c, item)
        self.matrix.resizeColumnsToContents()

    def _fill_per_class(self) -> None:
        rows = self.result["per_class"]
        self.per_class.setRowCount(len(rows))
        self.per_class.setColumnCount(4)
        self.per_class.setHorizontalHeaderLabels(["class", "precision", "recall (accuracy)", "images"])
        for i, m in enumerate(rows):
            cells = [str(m["class"]),
                     "" if m["precision"] is None else f"{100 * m['precision']:.2f}%",
                     "" if m["recall"] is None else f"{100 * m['recall']:.2f}%", str(m["support"])]
            for j, text in enumerate(cells):
                self.per_class.setItem(i, j, QTableWidgetItem(text))
        self.per_class.resizeColumnsToContents()

    def _fill_gallery(self) -> None:
        from ..config import TrainConfig
        from ..data import prepare
        from ..runs import RunFolder

        try:
            data = prepare(TrainConfig.from_dict(RunFolder(Path(self.run.run_dir)).config()))
        except Exception as exc:  # the dataset moved: numbers without pictures
            self.gallery_layout.addWidget(QLabel(f"Images unavailable: {exc}"), 0, 0)
            return
        for n, mistake in enumerate(self.result["most_confident_mistakes"]):
            cell = QWidget(objectName="mistake")
            v = QVBoxLayout(cell)
            picture = QLabel()
            picture.setPixmap(digit_pixmap(data.x_test[mistake["index"]]))
            top3 = ", ".join(f"{c}: {p:.0%}" for c, p in mistake["top3"])
            caption = QLabel(f"true {mistake['true']} → {mistake['predicted']}\n{top3}")
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.addWidget(picture, 0, Qt.AlignmentFlag.AlignCenter)
            v.addWidget(caption)
            self.gallery_layout.addWidget(cell, n // 4, n % 4)


def open_inspect(window, run: RunSummary) -> InspectDialog:
    dialog = InspectDialog(run, window)
    dialog.show()
    window.inspect_dialog = dialog
    return dialog


