"""The training settings, their vocabulary and their validation.

One frozen dataclass carries every setting from the boundary (command line or
window) into the trainer. It is validated once, where it is made, so the
trainer never sees a value it cannot use. No TensorFlow and no Qt here: the
window imports this module at start-up.
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass, field
from typing import Any

METHODS: dict[str, str] = {
    "tape": "hand-written tf.GradientTape loop",
    "fit": "model.compile + model.fit",
    "custom": "fit with overridden train_step / test_step",
}
OPTIMIZERS: dict[str, str] = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop"}
#: The learning rate each optimizer is usually run with (the article's values).
USUAL_LR: dict[str, float] = {"sgd": 0.01, "adam": 0.001, "adamw": 0.001, "rmsprop": 0.001}
SCHEDULES: dict[str, str] = {
    "constant": "the same learning rate throughout",
    "step": "multiplied by decay_rate every decay_epochs epochs",
    "exponential": "multiplied by decay_rate per epoch, smoothly, every step",
    "cosine": "cosine decay to 0 over the run, after an optional linear warm-up",
}
MONITORS: dict[str, str] = {"val_loss": "validation loss (lower is better)",
                            "val_accuracy": "validation accuracy (higher is better)"}
LOSSES: dict[str, str] = {
    "sum_mse": "sum over the outputs of the squared error, averaged over the batch (the article's loss)",
    "keras_mse": 'Keras\'s "mse": also averages over the 10 outputs, so 10x smaller than sum_mse',
    "crossentropy": "sparse categorical cross-entropy from logits",
}
METRICS: dict[str, str] = {
    "auto": 'the string "accuracy": Keras picks the class from label and output shapes',
    "sparse": "SparseCategoricalAccuracy: integer labels against the output vector",
    "categorical": "CategoricalAccuracy: one-hot labels against the output vector",
    "categorical_on_sparse": "CategoricalAccuracy fed integer labels and argmax outputs (the article's pitfall: wrong numbers)",
}
MODELS: dict[str, str] = {
    "mlp": "the article's Flatten - Dense 256 relu - Dense 128 relu - Dense 10",
    "cnn": "a small convolutional network",
}
STRATEGIES: dict[str, str] = {
    "default": "one device",
    "mirrored": "tf.distribute.MirroredStrategy",
    "multiworker": "tf.distribute.MultiWorkerMirroredStrategy (TF_CONFIG)",
}

LR_MIN, LR_MAX = 1e-6, 10.0
MAX_EPOCHS = 100_000
MAX_BATCH = 1_000_000
MAX_SEED = 2**31 - 1


class ConfigError(ValueError):
    """A setting has a value that is not allowed; the message names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


@dataclass(frozen=True)
class TrainConfig:
    """Every setting of one run: enough to run it again."""

    method: str = "fit"
    optimizer: str = "sgd"
    lr: float = 0.01
    loss: str = "sum_mse"
    metric: str = "auto"
    epochs: int = 10
    batch_size: int = 32
    seed: int = 0
    train_limit: int = 0
    val_limit: int = 0
    dataset: str = "mnist"
    model: str = "mlp"
    eager: bool = False
    steps_per_execution: int = 1
    strategy: str = "default"
    cpu_replicas: int = 0
    name: str = ""
    # -- training options (all optional; old run folders without them load with these defaults)
    momentum: float = 0.0          # SGD and RMSprop
    nesterov: bool = False         # SGD with momentum
    weight_decay: float = 0.0      # decoupled in AdamW; an L2-like decay in the others
    schedule: str = "constant"
    decay_rate: float = 0.5        # step and exponential schedules
    decay_epochs: int = 3          # step schedule
    warmup_epochs: int = 0         # cosine schedule
    early_stop_patience: int = 0   # 0 = off
    early_stop_min_delta: float = 0.0
    monitor: str = "val_loss"      # for early stopping and best.keras
    restore_best: bool = False     # early stopping: keep the best epoch's weights
    #: XLA for every method alike (Keras's fit default is "auto"); compare like with like.
    jit_compile: bool = True
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        validate(self)

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if not data["extra"]:
            data.pop("extra")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Builds a config from a dict, keeping unknown keys (newer versions) in `extra`."""
        if not isinstance(data, dict):
            raise ConfigError("config", "expected a JSON object")
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        kwargs = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known and k != "extra"}
        saved_extra = data.get("extra")
        if saved_extra is not None and not isinstance(saved_extra, dict):
            raise ConfigError("extra", "must be a JSON object")
        extra.update(saved_extra or {})
        return cls(**kwargs, extra=extra)

    @property
    def label(self) -> str:
        """A short name for tables and legends."""
        if self.name:
            return self.name
        return f"{self.method} {self.optimizer} lr={self.lr:g} {self.loss}"


def _choice(name: str, value: Any, allowed: dict[str, str]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(name, f"{value!r} is not one of {', '.join(allowed)}")


def _int(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(name, f"{value!r} is not a whole number")
    if not low <= value <= high:
        raise ConfigError(name, f"{value} is out of range; allowed {low} to {high}")


def validate(cfg: TrainConfig) -> None:
    """Raises ConfigError naming the first bad field and what is allowed."""
    _choice("method", cfg.method, METHODS)
    _choice("optimizer", cfg.optimizer, OPTIMIZERS)
    _choice("loss", cfg.loss, LOSSES)
    _choice("metric", cfg.metric, METRICS)
    _choice("model", cfg.model, MODELS)
    _choice("strategy", cfg.strategy, STRATEGIES)
    if isinstance(cfg.lr, bool) or not isinstance(cfg.lr, int | float):
        raise ConfigError("lr", f"{cfg.lr!r} is not a number")
    if not math.isfinite(cfg.lr) or not LR_MIN <= cfg.lr <= LR_MAX:
        raise ConfigError("lr", f"{cfg.lr} is out of range; allowed {LR_MIN:g} to {LR_MAX:g}")
    _int("epochs", cfg.epochs, 1, MAX_EPOCHS)
    _int("batch_size", cfg.batch_size, 1, MAX_BATCH)
    _int("seed", cfg.seed, 0, MAX_SEED)
    _int("train_limit", cfg.train_limit, 0, 10**9)
    _int("val_limit", cfg.val_limit, 0, 10**9)
    _int("steps_per_execution", cfg.steps_per_execution, 1, 100_000)
    _int("cpu_replicas", cfg.cpu_replicas, 0, 64)
    if cfg.cpu_replicas and cfg.strategy != "mirrored":
        raise ConfigError("cpu_replicas", "goes with --strategy mirrored (logical CPU devices to mirror over)")
    if cfg.strategy != "default" and cfg.eager:
        raise ConfigError("eager", "the eager tape loop runs on one device; use --strategy default")
    if not isinstance(cfg.dataset, str) or not cfg.dataset:
        raise ConfigError("dataset", "give 'mnist' or the path of an .npz file")
    if cfg.dataset != "mnist" and not cfg.dataset.lower().endswith(".npz"):
        raise ConfigError("dataset", f"{cfg.dataset!r} is neither 'mnist' nor a path ending in .npz")
    if not isinstance(cfg.name, str) or len(cfg.name) > 200:
        raise ConfigError("name", "a text of at most 200 characters")
    _choice("schedule", cfg.schedule, SCHEDULES)
    _choice("monitor", cfg.monitor, MONITORS)
    for name, low, high in (("momentum", 0.0, 0.999), ("weight_decay", 0.0, 1.0), ("decay_rate", 0.01, 1.0),
                            ("early_stop_min_delta", 0.0, 1e6)):
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise ConfigError(name, f"{value!r} is not a number")
        if not low <= value <= high:
            raise ConfigError(name, f"{value} is out of range; allowed {low:g} to {high:g}")
    _int("decay_epochs", cfg.decay_epochs, 1, MAX_EPOCHS)
    _int("warmup_epochs", cfg.warmup_epochs, 0, MAX_EPOCHS)
    _int("early_stop_patience", cfg.early_stop_patience, 0, MAX_EPOCHS)
    if cfg.warmup_epochs and cfg.schedule != "cosine":
        raise ConfigError("warmup_epochs", "warm-up goes with --schedule cosine")
    if cfg.warmup_epochs >= cfg.epochs and cfg.warmup_epochs:
        raise ConfigError("warmup_epochs", f"{cfg.warmup_epochs} leaves no epoch to decay; allowed 0 to {cfg.epochs - 1}")
    if cfg.nesterov and not (cfg.optimizer == "sgd" and cfg.momentum > 0):
        raise ConfigError("nesterov", "Nesterov goes with --optimizer sgd and a --momentum above 0")
    if cfg.momentum and cfg.optimizer not in ("sgd", "rmsprop"):
        raise ConfigError("momentum", f"{cfg.optimizer} has no momentum setting; use sgd or rmsprop")
    for flag in ("eager", "jit_compile", "nesterov", "restore_best"):
        if not isinstance(getattr(cfg, flag), bool):
            raise ConfigError(flag, "must be true or false")
    if not isinstance(cfg.extra, dict):
        raise ConfigError("extra", "must be a JSON object")
    if cfg.eager and cfg.method != "tape":
        raise ConfigError("eager", "only the tape method runs eagerly; use --method tape")
