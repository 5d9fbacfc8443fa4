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
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from ..config import (
    LR_MAX,
    LR_MIN,
    MAX_BATCH,
    MAX_EPOCHS,
    MAX_SEED,
    MODELS,
    ConfigError,
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
    "adamw": "AdamW (usually lr 0.001): Adam with weight decay applied directly to the weights.",
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


SCHEDULE_TIPS = {
    "constant": "The same learning rate throughout (the article's setup).",
    "step": "Multiply the learning rate by the decay rate every N epochs.",
    "exponential": "Multiply the learning rate by the decay rate per epoch, smoothly at every step.",
    "cosine": "Decay along a half cosine to 0 over the run, after an optional linear warm-up.",
}
MONITOR_TIPS = {
    "val_loss": "Validation loss: lower is better. Early stopping and best.keras follow it.",
    "val_accuracy": "Validation accuracy: higher is better. Early stopping and best.keras follow it.",
}

STRATEGY_TIPS = {
    "default": "One device: TensorFlow's default strategy",
    "mirrored": "tf.distribute.MirroredStrategy: every local GPU, or on a CPU-only machine several logical "
                "CPU devices; the global batch is split between them and the gradients summed",
    "multiworker": "tf.distribute.MultiWorkerMirroredStrategy over several machines: run "
                   "`workbench train --strategy multiworker` on each, with TF_CONFIG (not from the window)",
}

LABELS = {
    "default": "one device", "mirrored": "mirrored", "multiworker": "multiworker",
    "tape": "tape · GradientTape loop", "fit": "fit · compile + fit", "custom": "custom · own train_step",
    "sgd": "SGD", "adam": "Adam", "rmsprop": "RMSprop",
    "sum_mse": "sum_mse · article's loss", "keras_mse": "keras_mse · Keras \"mse\"",
    "crossentropy": "crossentropy",
    "auto": "auto · \"accuracy\"", "sparse": "sparse", "categorical": "categorical",
    "categorical_on_sparse": "categorical_on_sparse ⚠",
    "mlp": "mlp · 256-128-10", "cnn": "cnn · small convnet", "adamw": "AdamW",
    "constant": "constant", "step": "step decay", "exponential": "exponential", "cosine": "cosine (+ warm-up)",
    "val_loss": "val_loss", "val_accuracy": "val_accuracy",
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
        self.dataset = QLineEdit(objectName="datasetEdit")
        self.dataset.setToolTip("'mnist' (shipped with the app) or the path of an .npz file "
                                "with x_train, y_train, x_test, y_test")
        self.dataset.setAccessibleName("Dataset")
        browse = QPushButton("…", objectName="datasetBrowse")
        browse.setToolTip("Choose an .npz dataset file")
        browse.setAccessibleName("Choose dataset file")
        browse.setFixedWidth(32)
        browse.clicked.connect(self._browse)
        self._build_options()
        self._build_device()
        self.name = QLineEdit(objectName="nameEdit")
        self.name.setPlaceholderText("shown in tables, legends")
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
        form.addRow("Devi&ce", self.strategy)
        form.addRow("CPU replicas", self.cpu_replicas)
        form.addRow("", self.device_label)
        form.addRow("&Name", self.name)
        form.addRow(self.options_toggle)
        form.addRow(self.options)

        for w in (self.method, self.optimizer, self.loss, self.metric, self.model):
            w.currentIndexChanged.connect(self.changed)
        for w in (self.lr, self.batch, self.epochs, self.seed, self.train_limit, self.val_limit,
                  self.steps_per_execution):
            w.valueChanged.connect(self.changed)
        self.eager.toggled.connect(self.changed)
        self.strategy.currentIndexChanged.connect(self.changed)
        self.strategy.currentIndexChanged.connect(self._update_device)
        self.cpu_replicas.valueChanged.connect(self.changed)
        self.cpu_replicas.valueChanged.connect(self._update_device)
        for w in (self.momentum, self.weight_decay, self.decay_rate, self.decay_epochs, self.warmup,
                  self.patience, self.min_delta):
            w.valueChanged.connect(self.changed)
            w.valueChanged.connect(self._update_options)
        for w in (self.schedule, self.monitor):
            w.currentIndexChanged.connect(self.changed)
            w.currentIndexChanged.connect(self._update_options)
        for w in (self.nesterov, self.restore_best):
            w.toggled.connect(self.changed)
        self.optimizer.currentIndexChanged.connect(self._update_options)
        self.dataset.editingFinished.connect(self.changed)
        self.method.currentIndexChanged.connect(self._update_eager)
        chain = [self.method, self.optimizer, self.lr, self.loss, self.metric, self.model, self.batch,
                 self.epochs, self.seed, self.train_limit, self.val_limit, self.dataset, browse,
                 self.steps_per_execution, self.eager, self.strategy, self.cpu_replicas, self.name,
                 self.options_toggle, self.momentum,
                 self.nesterov, self.weight_decay, self.schedule, self.decay_rate, self.decay_epochs,
                 self.warmup, self.patience, self.min_delta, self.monitor, self.restore_best]
        for first, second in zip(chain, chain[1:], strict=False):  # Tab follows the layout, top to bottom
            QWidget.setTabOrder(first, second)
        self.tab_chain = chain
        self.set_config(TrainConfig())

    def _build_options(self) -> None:
        """Schedules, early stopping and optimizer hyperparameters, in a section that folds away."""
        def dspin(name, low, high, step, decimals, tip):
            spin = QDoubleSpinBox(objectName=name)
            spin.setRange(low, high)
            spin.setSingleStep(step)
            spin.setDecimals(decimals)
            spin.setToolTip(tip)
            spin.setAccessibleName(tip.split(":")[0])
            return spin

        self.momentum = dspin("momentumSpin", 0.0, 0.999, 0.05, 3, "Momentum: SGD and RMSprop only")
        self.nesterov = QCheckBox("Nesterov", objectName="nesterovCheck")
        self.nesterov.setToolTip("Nesterov momentum (SGD with momentum above 0)")
        self.nesterov.setAccessibleName("Nesterov momentum")
        self.weight_decay = dspin("weightDecaySpin", 0.0, 1.0, 0.001, 4,
                                  "Weight decay: decoupled in AdamW, an L2-like decay in the others")
        self.schedule = _combo("scheduleCombo", SCHEDULE_TIPS)
        self.schedule.setAccessibleName("Learning-rate schedule")
        self.decay_rate = dspin("decayRateSpin", 0.01, 1.0, 0.05, 3, "Decay rate: step and exponential schedules")
        self.decay_epochs = _spin("decayEpochsSpin", 1, MAX_EPOCHS, "Decay every N epochs: step schedule")
        self.warmup = _spin("warmupEpochsSpin", 0, MAX_EPOCHS, "Warm-up epochs: cosine schedule, linear from 0")
        self.patience = _spin("earlyStopPatienceSpin", 0, MAX_EPOCHS,
                              "Early stopping patience: epochs without improvement before stopping (0 = off)")
        self.patience.setSpecialValueText("off")
        self.min_delta = dspin("minDeltaSpin", 0.0, 1e6, 0.001, 4, "Min delta: the smallest change that counts")
        self.monitor = _combo("monitorCombo", MONITOR_TIPS)
        self.monitor.setAccessibleName("Monitored value")
        self.restore_best = QCheckBox("keep the best weights", objectName="restoreBestCheck")
        self.restore_best.setToolTip("When early stopping ends the run, go back to the best epoch's weights")
        self.restore_best.setAccessibleName("Keep the best weights")
        self.options = QWidget(objectName="trainingOptions")
        form = QFormLayout(self.options)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Momentum", self.momentum)
        form.addRow("", self.nesterov)
        form.addRow("Weight decay", self.weight_decay)
        form.addRow("Schedule", self.schedule)
        form.addRow("Decay rate", self.decay_rate)
        form.addRow("Decay every", self.decay_epochs)
        form.addRow("Warm-up", self.warmup)
        form.addRow("Early stop", self.patience)
        form.addRow("Min delta", self.min_delta)
        form.addRow("Monitor", self.monitor)
        form.addRow("", self.restore_best)
        self.options_toggle = QToolButton(objectName="trainingOptionsToggle", checkable=True)
        self.options_toggle.setText("Training options")
        self.options_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.options_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.options_toggle.setToolTip("Show or hide the learning-rate schedule, early stopping and "
                                       "optimizer hyperparameters")
        self.options_toggle.setAccessibleName("Training options")
        self.options_toggle.toggled.connect(self._show_options)
        self.options.setVisible(False)

    def _build_device(self) -> None:
        """Where training runs: one device or a tf.distribute strategy, and what TensorFlow sees."""
        self.strategy = _combo("strategyCombo", STRATEGY_TIPS)
        self.strategy.setAccessibleName("Device strategy")
        multi = self.strategy.findData("multiworker")
        self.strategy.model().item(multi).setEnabled(False)  # a cluster is started from the command line
        self.cpu_replicas = _spin("cpuReplicasSpin", 0, 64, "CPU replicas: logical CPU devices a mirrored run "
                                                            "uses on a machine without GPUs (auto = one per core, "
                                                            "at least 2)")
        self.cpu_replicas.setSpecialValueText("auto")
        self.device_label = QLabel(objectName="deviceLabel", wordWrap=True)
        # as wide as the fields above it, never wider: it wraps instead
        self.device_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.device_label.setToolTip("What TensorFlow sees on this machine and what the Device setting will run")
        font = self.device_label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.device_label.setFont(font)
        self.devices: dict | None = None
        self._update_device()

    def set_devices(self, devices: dict) -> None:
        """What TensorFlow sees (from `distribute.describe_devices`, once it has loaded)."""
        self.devices = devices
        self.cpu_replicas.setMaximum(max(1, devices["cpus"]) if not devices["gpus"] else 64)
        self._update_device()

    def _update_device(self) -> None:
        from ..distribute import devices_text, strategy_text

        mirrored = self.strategy.currentData() == "mirrored"
        gpus = bool(self.devices and self.devices["gpus"])
        self.cpu_replicas.setEnabled(mirrored and not gpus)
        if not self.cpu_replicas.isEnabled():
            self.cpu_replicas.setValue(0)
        self._update_eager()  # the eager loop runs on one device
        if self.devices is None:
            self.device_label.setText("Devices: known once TensorFlow has loaded")
            return
        try:
            run = strategy_text(self._strategy_config(), self.devices)
        except ConfigError:
            run = "?"
        self.device_label.setText(f"Sees {devices_text(self.devices)} · runs on {run}")

    def _strategy_config(self) -> TrainConfig:
        return TrainConfig(strategy=self.strategy.currentData(), cpu_replicas=self.cpu_replicas.value())

    def _show_options(self, shown: bool) -> None:
        self.options.setVisible(shown)
        self.options_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _update_options(self) -> None:
        """Greys out what does not apply to the chosen optimizer, schedule and early stopping."""
        opt, schedule = self.optimizer.currentData(), self.schedule.currentData()
        self.momentum.setEnabled(opt in ("sgd", "rmsprop"))
        self.nesterov.setEnabled(opt == "sgd" and self.momentum.value() > 0)
        if not self.nesterov.isEnabled():
            self.nesterov.setChecked(False)
        self.decay_rate.setEnabled(schedule in ("step", "exponential"))
        self.decay_epochs.setEnabled(schedule == "step")
        self.warmup.setEnabled(schedule == "cosine")
        early = self.patience.value() > 0
        self.min_delta.setEnabled(early)
        self.restore_best.setEnabled(early)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a dataset", "", "NumPy archives (*.npz)")
        if path:
            self.dataset.setText(path)

    def _update_tooltips(self) -> None:
        for combo in (self.method, self.optimizer, self.loss, self.metric, self.model):
            combo.setToolTip(combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")

    def _update_eager(self) -> None:
        tape = self.method.currentData() == "tape" and self.strategy.currentData() == "default"
        self.eager.setToolTip("Only for the tape method on one device: runs each step eagerly, about 7x slower.")
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
        self._select(self.strategy, cfg.strategy)
        self.cpu_replicas.setValue(cfg.cpu_replicas)
        self._update_device()
        self._update_eager()
        self.eager.setChecked(cfg.eager)
        self.momentum.setValue(cfg.momentum)
        self.weight_decay.setValue(cfg.weight_decay)
        self._select(self.schedule, cfg.schedule)
        self.decay_rate.setValue(cfg.decay_rate)
        self.decay_epochs.setValue(cfg.decay_epochs)
        self.warmup.setValue(cfg.warmup_epochs)
        self.patience.setValue(cfg.early_stop_patience)
        self.min_delta.setValue(cfg.early_stop_min_delta)
        self._select(self.monitor, cfg.monitor)
        self._update_options()
        self.nesterov.setChecked(cfg.nesterov)
        self.restore_best.setChecked(cfg.restore_best)
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
            strategy=self.strategy.currentData(),
            cpu_replicas=self.cpu_replicas.value() if self.cpu_replicas.isEnabled() else 0,
            momentum=self.momentum.value() if self.momentum.isEnabled() else 0.0,
            nesterov=self.nesterov.isChecked(), weight_decay=self.weight_decay.value(),
            schedule=self.schedule.currentData(), decay_rate=self.decay_rate.value(),
            decay_epochs=self.decay_epochs.value(),
            warmup_epochs=self.warmup.value() if self.warmup.isEnabled() else 0,
            early_stop_patience=self.patience.value(), early_stop_min_delta=self.min_delta.value(),
            monitor=self.monitor.currentData(), restore_best=self.restore_best.isChecked(),
        )
