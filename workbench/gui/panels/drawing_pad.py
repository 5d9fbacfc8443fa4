"""Draw a digit with the mouse and watch the selected run's model answer as you draw.

The strokes become an MNIST-like 28x28 image (`workbench.drawing`: scaled to a
20x20 box, centred by centre of mass); a small preview shows exactly what the
model sees. The model runs in its own thread; while it is busy only the latest
drawing is kept, so drawing never waits for TensorFlow.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.drawing import strokes_to_mnist
from workbench.gui.background import Latest
from workbench.gui.language import Retranslating
from workbench.gui.widgets.drawing_canvas import DrawingCanvas
from workbench.gui.widgets.image_grid import digit_pixmap

__all__ = ["DrawingPad"]


def _load_model(model_path: Path):
    """The run's model, loaded once per run (a background task)."""
    from workbench.gui.worker import start_tensorflow

    start_tensorflow()  # devices first, whichever thread starts TensorFlow
    from workbench.training.saved_models import load

    return load(model_path)


def _predict(model, image: np.ndarray, softmax: bool) -> list[float]:
    """The model's answer for one drawing: raw outputs, or their softmax."""
    from workbench.analysis.evaluation import softmax as softmax_of

    out = np.asarray(model(image[None], training=False))[0].astype(float)
    return (softmax_of(out) if softmax else out).tolist()


class DrawingPad(Retranslating, QWidget):
    """Canvas, clear button, the 28x28 image the model sees, and one bar per class."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingPad")
        self.canvas = DrawingCanvas()
        self.clear_button = QPushButton(objectName="clearDrawingButton")
        self.preview = QLabel(objectName="drawingPreview")
        self.preview.setFixedSize(28 * 3, 28 * 3)
        self.status = QLabel(objectName="drawingStatus", wordWrap=True)
        self.answer = QLabel(objectName="drawingAnswer")
        font = self.answer.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.answer.setFont(font)
        self.bars: list[QProgressBar] = []
        bars = QGridLayout()
        bars.setVerticalSpacing(2)
        for c in range(10):
            bar = QProgressBar(objectName=f"classBar{c}")
            bar.setMaximumHeight(19)
            bar.setMinimumWidth(60)
            bar.setRange(0, 1000)
            bar.setTextVisible(True)
            bar.setFormat("")
            bars.addWidget(QLabel(str(c)), c, 0)
            bars.addWidget(bar, c, 1)
            self.bars.append(bar)
        left = QVBoxLayout()
        left.addWidget(self.canvas)
        left.addWidget(self.clear_button)
        middle = QVBoxLayout()
        self.sees = QLabel()
        middle.addWidget(self.sees)
        middle.addWidget(self.preview)
        middle.addWidget(self.answer)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addLayout(left)
        row.addLayout(middle)
        row.addLayout(bars, 1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.canvas.changed.connect(self._drawn)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.model = None
        self._loading = Latest(self)  # the model of the newest selection
        self._predicting = Latest(self)  # the newest drawing only
        self.requests = 0
        self.answered = 0
        self.scores: list[float] | None = None
        self.kind = "probabilities"
        self.ink = 1.0
        self.model_name = ""
        self.set_unavailable(self.tr("Select a finished run in the table to draw for its model."))
        self.retranslate()

    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Wipe the canvas and draw again"))
        self.preview.setToolTip(self.tr("What the model sees: your drawing scaled into a 20×20 box and centred by "
                                        "its centre of mass in 28×28 pixels, as MNIST's digits were"))
        self.sees.setText(self.tr("The model sees:"))
        if self.model is not None:
            self._say_ready()

    def set_unavailable(self, reason: str) -> None:
        self._stop_predictor()
        self.status.setText(reason)
        self.canvas.setEnabled(False)
        self.clear_button.setEnabled(False)
        self._show_scores(None)

    def set_model(self, model_path: Path, kind: str, name: str, ink: float = 1.0) -> None:
        """Loads the run's model in the background; `kind` is "probabilities" or "scores"; `ink` is the
        value the model was trained to see for full ink (1 for MNIST's 0-255 pixels divided by 255)."""
        self._stop_predictor()
        self.kind = kind
        self.ink = ink
        self.status.setText(self.tr("Loading the model of {run}…").format(run=name))
        self._loading.submit(_load_model, Path(model_path), returned=lambda model: self._ready(name, model),
                             errored=lambda exc: self.set_unavailable(
                                 self.tr("cannot load the model: {problem}").format(problem=exc)))

    def _ready(self, name: str, model) -> None:
        self.model = model
        self.model_name = name
        self._say_ready()
        self.canvas.setEnabled(True)
        self.clear_button.setEnabled(True)
        self._drawn()

    def _say_ready(self) -> None:
        text = (self.tr("Draw a digit: {run} answers with class probabilities (softmax of the outputs).")
                if self.kind == "probabilities" else
                self.tr("Draw a digit: {run} answers with raw outputs: this model was trained with a squared error "
                        "against the one-hot label, so it answers with scores near 0 and 1, not probabilities."))
        self.status.setText(text.format(run=self.model_name))

    def image(self) -> np.ndarray:
        """The drawing as the model sees it: (28, 28) floats in [0, 1]."""
        return strokes_to_mnist(self.canvas.strokes)

    def _drawn(self) -> None:
        image = self.image()
        self.preview.setPixmap(digit_pixmap(image, 3))
        if not self.canvas.strokes:
            self._show_scores(None)
            return
        if self.model is not None and self.canvas.isEnabled():
            self.requests += 1
            self._predicting.submit(
                _predict, self.model, image * self.ink, self.kind == "probabilities",
                returned=lambda scores, n=self.requests: self._show_prediction(n, scores),
                errored=lambda exc: self.set_unavailable(
                    self.tr("the model cannot classify this image: {problem}").format(problem=exc)))

    def _show_prediction(self, number: int, scores: list) -> None:
        self.answered = number
        if self.canvas.strokes:
            self._show_scores(scores)

    def _show_scores(self, scores: list[float] | None) -> None:
        self.scores = scores
        best = int(np.argmax(scores)) if scores else None
        for c, bar in enumerate(self.bars):
            value = 0.0 if scores is None else float(scores[c])
            bar.setValue(int(1000 * min(1.0, max(0.0, value))))
            shown = round(value, 2) + 0.0  # no "-0.00"
            bar.setFormat("" if scores is None else (f"{value:.0%}" if self.kind == "probabilities"
                                                     else f"{shown:.2f}"))
            bar.setStyleSheet("QProgressBar { text-align: center; } QProgressBar::chunk { background: #2e7d32; }"
                              if c == best else "")
        self.answer.setText("" if best is None else f"→ {best}")

    def _stop_predictor(self) -> None:
        """Drops the model and every answer still to come (another run, or none, is shown now)."""
        self._loading.cancel()
        self._predicting.cancel()
        self.model = None

    def shutdown(self) -> None:
        self._stop_predictor()
        self._loading.wait()
        self._predicting.wait()
