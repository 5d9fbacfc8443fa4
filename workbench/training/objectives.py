"""Losses, accuracy metrics and label formats: where the article's differences live.

- `fit` is fed one-hot labels (the article converts them up front);
  `tape` and `custom` are fed integer labels and one-hot them inside the step
  when the loss needs it.
- `sum_mse` is the article's hand-written loss; `keras_mse` is Keras's "mse"
  string, which also averages over the outputs, hence 10x smaller.
- `auto` is the string "accuracy", resolved by Keras from the shapes it sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import keras
from keras import ops

ONEHOT_LOSSES = frozenset({"sum_mse", "keras_mse"})


def label_format(method: str) -> str:
    """How a method's data pipeline delivers labels: 'onehot' or 'int'."""
    return "onehot" if method == "fit" else "int"


@keras.saving.register_keras_serializable(package="workbench")
class SumSquaredError(keras.losses.Loss):
    """Per sample, the sum over outputs of the squared error; Keras then averages over the batch.

    That is the article's `reduce_sum(square(out - onehot)) / batch`.
    """

    def __init__(self, name: str = "sum_mse", **kwargs) -> None:
        super().__init__(name=name, **kwargs)

    def call(self, y_true, y_pred):
        y_true = ops.cast(y_true, y_pred.dtype)
        return ops.sum(ops.square(y_pred - y_true), axis=-1)


@dataclass(frozen=True)
class Objective:
    """A run's loss and accuracy, built from its settings in this one place: the three methods, the
    instruments, `lr-find` and `explain` all take their loss and metric from here.

    `labels` is what the method's pipeline feeds ('onehot' for fit, 'int' otherwise); `loss_labels` what the loss
    is computed on: the squared errors and a smoothed cross-entropy always on one-hot labels (Keras's sparse
    cross-entropy has no `label_smoothing`).
    """

    loss: str
    metric: str = "auto"
    labels: str = "int"
    label_smoothing: float = 0.0

    @classmethod
    def of(cls, config: Any, method: str | None = None, loss: str | None = None) -> Objective:
        """The objective of `config` (or of the same settings with another method or loss, as explain asks)."""
        return cls(loss or config.loss, config.metric, label_format(method or config.method),
                   config.label_smoothing if (loss or config.loss) == "crossentropy" else 0.0)

    @property
    def loss_labels(self) -> str:
        return "onehot" if self.loss in ONEHOT_LOSSES or self.label_smoothing > 0 else self.labels

    def compile_loss(self):
        """What `compile(loss=...)` is given: the article's spellings where it has one."""
        if self.loss == "sum_mse":
            return SumSquaredError()
        if self.loss == "keras_mse":
            return "mse"
        if self.loss_labels == "onehot":
            return keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=self.label_smoothing,
                                                        name="crossentropy")
        return keras.losses.SparseCategoricalCrossentropy(from_logits=True, name="crossentropy")

    def loss_object(self) -> keras.losses.Loss:
        """The same loss as a callable object, for the hand-written loop and the instruments."""
        spec = self.compile_loss()
        return keras.losses.MeanSquaredError(name="keras_mse") if spec == "mse" else spec

    def per_sample_loss(self) -> keras.losses.Loss:
        """The same loss, one value per sample (not averaged): the tape loop divides by the global batch."""
        obj = self.loss_object()
        return type(obj).from_config({**obj.get_config(), "reduction": None})

    def compile_metric(self):
        return compile_metric(self.metric)

    def metric_object(self, y_true_example, y_pred_example) -> keras.metrics.Metric:
        return metric_object(self.metric, y_true_example, y_pred_example)

    def mean_loss(self, outputs, labels) -> float:
        """The loss's true mean over samples, in numpy (float64) from the model's outputs and integer labels:
        what a correctly reported loss would say."""
        import numpy as np

        out = np.asarray(outputs, dtype=np.float64)
        labels = np.asarray(labels).astype(int)
        k = out.shape[-1]
        onehot = np.eye(k)[labels]
        if self.loss == "sum_mse":
            return float(np.mean(np.sum((out - onehot) ** 2, axis=-1)))
        if self.loss == "keras_mse":
            return float(np.mean((out - onehot) ** 2))
        target = onehot * (1.0 - self.label_smoothing) + self.label_smoothing / k
        shifted = out - out.max(axis=-1, keepdims=True)
        log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
        return float(-np.mean(np.sum(target * log_probs, axis=-1)))


def _as_int(y_true):
    if len(y_true.shape) >= 2 and y_true.shape[-1] not in (None, 1):
        return ops.argmax(y_true, axis=-1)
    return y_true


@keras.saving.register_keras_serializable(package="workbench")
class SparseAccuracy(keras.metrics.SparseCategoricalAccuracy):
    """SparseCategoricalAccuracy that also accepts one-hot labels (it takes their argmax)."""

    def update_state(self, y_true, y_pred, sample_weight=None):
        return super().update_state(_as_int(y_true), y_pred, sample_weight)


@keras.saving.register_keras_serializable(package="workbench")
class CategoricalAcc(keras.metrics.CategoricalAccuracy):
    """CategoricalAccuracy that also accepts integer labels (it one-hots them)."""

    def update_state(self, y_true, y_pred, sample_weight=None):
        if len(y_true.shape) == 1:
            y_true = ops.one_hot(ops.cast(y_true, "int32"), y_pred.shape[-1])
        return super().update_state(y_true, y_pred, sample_weight)


@keras.saving.register_keras_serializable(package="workbench")
class CategoricalOnSparse(keras.metrics.CategoricalAccuracy):
    """The article's pitfall, on purpose: CategoricalAccuracy fed (integer labels, argmax(out)).

    It then takes the argmax of two label *vectors* over the batch, so it counts
    one sample per batch and is right only by accident.
    """

    def update_state(self, y_true, y_pred, sample_weight=None):
        return super().update_state(_as_int(y_true), ops.argmax(y_pred, axis=-1), sample_weight)


def compile_metric(metric: str):
    """What `compile(metrics=[...])` is given; every choice logs under the name 'accuracy'."""
    if metric == "auto":
        return "accuracy"
    cls = {"sparse": SparseAccuracy, "categorical": CategoricalAcc,
           "categorical_on_sparse": CategoricalOnSparse}[metric]
    return cls(name="accuracy")


def metric_object(metric: str, y_true_example, y_pred_example) -> keras.metrics.Metric:
    """The metric the hand-written loop updates; `auto` is resolved by Keras's own rule."""
    spec = compile_metric(metric)
    if spec != "accuracy":
        return spec
    from keras.src.trainers.compile_utils import get_metric  # Keras's resolver for "accuracy"

    return get_metric("accuracy", y_true_example, y_pred_example)


def resolved_metric_classes(model: keras.Model) -> list[str]:
    """The metric classes a compiled model actually built (after at least one step)."""
    found = []
    for metric in model.metrics:
        inner = getattr(metric, "metrics", None)
        if metric.name == "compile_metrics" and inner:
            found += [type(m).__name__ for m in inner]
    return found
