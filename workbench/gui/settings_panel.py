"""The training settings as widgets, to and from TrainConfig.

Combo boxes carry the command-line values as item data; tooltips say what
each choice means, in the article's words for losses and metrics.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..config import (
    LR_MAX,
    LR_MIN,
    MAX_BATCH,
    MAX_EPOCHS,
    MAX_SEED,
    MODELS,
    TrainConfig,
)

LOSS_TIPS = {
    "sum_mse": "The article's loss: per sample the sum over the 10 outputs of the squared error, "
    "averaged over the batch. Its gradients are 10x those of Keras's \"mse\".",
    "keras_mse": "Keras's \"mse\" string: averages over the 10 outputs too, so loss and gradients are "
    "10x smaller than sum_mse - like a 10x smaller learning rate with SGD. The article got 92-93% with it.",
    "crossentropy": "Sparse categorical cross-entropy from logits: the usual loss for classification.",
}
METRIC_TIPS = {
    "auto": "The string \"accuracy\": Keras picks Binary/Categorical/SparseCategorical accuracy from the "
    "shapes of labels and outputs it first sees (one-hot labels in fit, integer labels in tape/custom).",
    "sparse": "SparseCategoricalAccuracy: integer labels against the output vector. Always right here.",
    "categorical": "CategoricalAccuracy: one-hot labels against the output vector. Always right here.",
    "categorical_on_sparse": "The article's pitfall, on purpose: CategoricalAccuracy fed integer labels "
    "and argmax outputs. It reports a wrong, lower number (91.79% for a model at ~96%).",
}
OPTIMIZER_TIPS = {
    "sgd": "Plain stochastic gradient descent (the article's, lr 0.01): step = lr x gradient, "
    "so a 10x smaller loss is a 10x smaller step.",
    "adam": "Adam (usually lr 0.001): adapts the step per weight, so the loss scale matters far less.",
    "rmsprop": "RMSprop (usually lr 0.001): divides by a running RMS of the gradient.",
}
METHOD_TIPS = {
    "tape": "A hand-written tf.GradientTape loop (compiled with tf.function), integer labels one-hot inside.",
    "fit": "model.compile + model.fit, labels converted to one-hot up front (the article's plain fit).",
    "custom": "fit with overridden train_step/test_step; integer labels one-hot inside the step.",
}


class LearningRateSpin(QDoubleSpinBox):
    """A learning-rate field: 1e-6 to 10, typed in any float notation, stepping 1-2-5 per decade."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent)
        self.setObjectName(objectName)
        self.setDecimals(10)
        self.setRange(LR_MIN, LR_MAX)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt API)
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            ok = all(c in "0123456789.eE+-" for c in text)
            return (QValidator.State.Intermediate if ok else QValidator.State.Invalid), text, pos
        state = QValidator.State.Acceptable if LR_MIN <= value <= LR_MAX else QValidator.State.Intermediate
        return state, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        ladder = [m * 10.0**e for e in range(-6, 2) for m in (1, 2, 5)]
        ladder = [v for v in ladder if LR_MIN <= v <= LR_MAX]
        value = self.value()
        if steps > 0:
            above = [v for v in ladder if v > value * (1 + 1e-9)]
            idx = min(len(above), steps) - 1
            self.setValue(above[idx] if above else LR_MAX)
        elif steps < 0:
            below = [v for v in ladder if v < value * (1 - 1e-9)]
            idx = max(-len(below), steps)
            self.setValue(below[idx] if below else LR_MIN)

    def stepEnabled(self):  # noqa: N802
        return QDoubleSpinBox.StepEnabledFlag.StepUpEnabled | QDoubleSpinBox.StepEnabledFlag.StepDownEnabled


LABELS = {
    "tape": "tape · GradientTape loop", "fit": "fit · compile + fit", "custom": "custom · own train_step",
    "sgd": "SGD", "adam": "Adam", "rmsprop": "RMSprop",
    "sum_mse": "sum_mse · article's loss", "keras_mse": "keras_mse · Keras \"mse\"",
    "crossentropy": "crossentropy",
    "auto": "auto · \"accuracy\"", "sparse": "sparse", "categorical": "categorical",
    "categorical_on_sparse": "categorical_on_sparse ⚠",
    "mlp": "mlp · 256-128-10", "cnn": "cnn · small convnet",
}


def _combo(name: str, tips: dict[str, str]) -> QComboBox:
    """A combo whose item data are the command-line values and item tooltips their meaning."""
    combo = QComboBox(objectName=name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    for i, (value, tip) in enumerate(tips.items()):
        combo.addItem(LABELS.get(value, value), value)
        combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
    return combo


def _spin(name: str, low: int, high: int, tip: str) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(low, high)
    spin.setToolTip(tip)
    spin.setAccessibleName(tip.split(":")[0])
    return spin


class SettingsPanel(QWidget):
    """Every training setting of INTERFACE.md as a widget."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.method = _combo("methodCombo", METHOD_TIPS)
        self.optimizer = _combo("optimizerCombo", OPTIMIZER_TIPS)
        self.loss = _combo("lossCombo", LOSS_TIPS)
        self.metric = _combo("metricCombo", METRIC_TIPS)
        self.model = _combo("modelCombo", MODELS)
        self.lr = LearningRateSpin(objectName="learningRateSpin")
        self.lr.setToolTip("Learning rate (1e-6 to 10). Arrows step 1-2-5 per decade; type any value, e.g. 3e-4.")
        self.batch = _spin("batchSizeSpin", 1, MAX_BATCH, "Batch size: samples per gradient step")
        self.epochs = _spin("epochsSpin", 1, MAX_EPOCHS, "Epochs: passes over the training data")
        self.seed = _spin("seedSpin", 0, MAX_SEED, "Seed: the same seed gives the same batches and initial weights in every method")
        self.train_limit = _spin("trainLimitSpin", 0, 10**9, "Training samples: use the first N (0 = all)")
        self.train_limit.setSpecialValueText("all")
        self.train_limit.setSingleStep(1000)
        self.val_limit = _spin("valLimitSpin", 0, 10**9, "Validation samples: use the first N (0 = all)")
        self.val_limit.setSpecialValueText("all")
        self.val_limit.setSingleStep(1000)
        self.steps_per_execution = _spin(
            "stepsPerExecutionSpin", 1, 10_000,
            "Batches per compiled call (fast mode): fewer Python round trips, same results")
        self.eager = QCheckBox("eager tape loop (slow)", objectName="eagerCheck")
        self.eager.setToolTip("Only for the tape method: runs each step eagerly, about 7x slower.")
        self.dataset = QLineEdit(objectName="datasetEdit")
        self.dataset.setToolTip("'mnist' (shipped with the app) or the path of an .npz file "
                                "with x_train, y_train, x_test, y_test")
        self.dataset.setAccessibleName("Dataset")
        browse = QPushButton("…", objectName="datasetBrowse")
        browse.setToolTip("Choose an .npz dataset file")
        browse.setAccessibleName("Choose dataset file")
        browse.setFixedWidth(32)
        browse.clicked.connect(self._browse)
        self.name = QLineEdit(objectName="nameEdit")
        self.name.setPlaceholderText("optional label for tables and legends")
        self.name.setToolTip("A label shown in the runs table and the plot legends")
        self.name.setAccessibleName("Run name")

        for combo, label in ((self.method, "Method"), (self.optimizer, "Optimizer"), (self.loss, "Loss"),
                             (self.metric, "Metric"), (self.model, "Model")):
            combo.setAccessibleName(label)
            combo.currentIndexChanged.connect(self._update_tooltips)
        self.lr.setAccessibleName("Learning rate")
        self.eager.setAccessibleName("Eager tape loop")

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Method", self.method)
        form.addRow("&Optimizer", self.optimizer)
        form.addRow("&Learning rate", self.lr)
        form.addRow("Lo&ss", self.loss)
        form.addRow("Me&tric", self.metric)
        form.addRow("Mo&del", self.model)
        form.addRow("&Batch size", self.batch)
        form.addRow("&Epochs", self.epochs)
        form.addRow("See&d", self.seed)
        form.addRow("Train samples", self.train_limit)
        form.addRow("Val samples", self.val_limit)
        row = QHBoxLayout()
        row.addWidget(self.dataset, 1)
        row.addWidget(browse)
        form.addRow("Dataset", row)
        form.addRow("Fast mode", self.steps_per_execution)
        form.addRow("", self.eager)
        form.addRow("&Name", self.name)

        for w in (self.method, self.optimizer, self.loss, self.metric, self.model):
            w.currentIndexChanged.connect(self.changed)
        for w in (self.lr, self.batch, self.epochs, self.seed, self.train_limit, self.val_limit,
                  self.steps_per_execution):
            w.valueChanged.connect(self.changed)
        self.eager.toggled.connect(self.changed)
        self.dataset.editingFinished.connect(self.changed)
        self.method.currentIndexChanged.connect(self._update_eager)
        self.set_config(TrainConfig())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a dataset", "", "NumPy archives (*.npz)")
        if path:
            self.dataset.setText(path)

    def _update_tooltips(self) -> None:
        for combo in (self.method, self.optimizer, self.loss, self.metric, self.model):
            combo.setToolTip(combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")

    def _update_eager(self) -> None:
        tape = self.method.currentData() == "tape"
        self.eager.setEnabled(tape)
        if not tape:
            self.eager.setChecked(False)

    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def set_config(self, cfg: TrainConfig) -> None:
        self._select(self.method, cfg.method)
        self._select(self.optimizer, cfg.optimizer)
        self._select(self.loss, cfg.loss)
        self._select(self.metric, cfg.metric)
        self._select(self.model, cfg.model)
        self.lr.setValue(cfg.lr)
        self.batch.setValue(cfg.batch_size)
        self.epochs.setValue(cfg.epochs)
        self.seed.setValue(cfg.seed)
        self.train_limit.setValue(cfg.train_limit)
        self.val_limit.setValue(cfg.val_limit)
        self.steps_per_execution.setValue(cfg.steps_per_execution)
        self.dataset.setText(cfg.dataset)
        self.name.setText(cfg.name)
        self._update_eager()
        self.eager.setChecked(cfg.eager)
        self._update_tooltips()

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig; raises ConfigError naming the bad field."""
        lr = self.lr.value()
        return TrainConfig(
            method=self.method.currentData(), optimizer=self.optimizer.currentData(),
            lr=float(f"{lr:.10g}") if math.isfinite(lr) else lr,
            loss=self.loss.currentData(), metric=self.metric.currentData(),
            model=self.model.currentData(), batch_size=self.batch.value(), epochs=self.epochs.value(),
            seed=self.seed.value(), train_limit=self.train_limit.value(), val_limit=self.val_limit.value(),
            dataset=self.dataset.text().strip() or "mnist", eager=self.eager.isChecked(),
            steps_per_execution=self.steps_per_execution.value(), name=self.name.text().strip(),
        )
