"""Every step on the curve in fast mode, and how many steps a compiled call runs.

With `steps_per_execution = N` one compiled call runs N training steps and the
callbacks hear of the last one only. To keep every batch point, each step
writes its running loss and accuracy (what a callback would have seen after
it with N = 1) into a variable inside the compiled call (`StepLog.record`);
`StepFeed`, the first callback, reads the variable once per call and hands the
points to the callbacks after it as `logs["steps"]`.

- `tape` records inside its own compiled loop;
- `fit` stays the plain `compile` + `fit`: the recording rides on what
  `compile` accepts, a metric (`StepRecorder`) listed after the accuracy metric,
  which Keras updates after the loss tracker and the accuracy in every step;
- `custom` compiles the same metric and its train_step updates it like any other. For the
  MLP its fast mode is the tape loop's: each Keras batch is N stacked batches that its
  train_step loops over inside XLA (`StackedSteps` gives the callbacks the steps' indices).

On one device only: under a tf.distribute strategy a step's metrics live on
every replica, and a call reports its last step as before.
"""

from __future__ import annotations

import weakref

import keras
import numpy as np
import tensorflow as tf

AUTO = 0  # --steps-per-execution 0: chosen per model and batch size (`auto_steps`)
CALL_SECONDS = 0.05  # what an automatic call should take: plots update ≥ 10×/s, Stop answers well within 0.5 s
MAX_AUTO = 1000
# Measured here (2 CPU cores, XLA): the models run at 33-90 G multiply-adds a second, and fit's own loop adds
# about 0.4 ms a step. Estimating with the slower figures errs towards shorter calls: a little speed lost,
# never a late Stop.
MACS_PER_SECOND = 30e9
SECONDS_PER_STEP = 4e-4


def macs_per_sample(kind: str, input_shape: tuple[int, ...], num_classes: int) -> int:
    """Multiply-adds of one forward pass of the workbench's model `kind` (models.py)."""
    if kind == "mlp":
        return int(np.prod(input_shape)) * 256 + 256 * 128 + 128 * num_classes
    h, w = input_shape[0], input_shape[1]
    c = input_shape[2] if len(input_shape) > 2 else 1
    macs = 0
    for filters in (32, 64):  # 3×3 'same' convolutions, each followed by a 2×2 'same' pooling
        macs += 9 * c * filters * h * w
        h, w, c = -(-h // 2), -(-w // 2), filters
    return macs + h * w * c * 128 + 128 * num_classes


def auto_steps(kind: str, input_shape: tuple[int, ...], num_classes: int, batch_size: int,
               steps_per_epoch: int, macs: int | None = None) -> int:
    """Steps per compiled call such that a call takes about CALL_SECONDS (forward + backward ≈ 3× the
    forward pass), never more than an epoch. `macs`: a user's model's count (`models.macs_per_sample`)."""
    macs = macs if macs is not None else macs_per_sample(kind, input_shape, num_classes)
    step = SECONDS_PER_STEP + 3 * batch_size * macs / MACS_PER_SECOND
    return max(1, min(int(CALL_SECONDS / step), MAX_AUTO, steps_per_epoch))


class StepLog:
    """The (loss, accuracy) of each step of the compiled call under way, in a variable."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.values = tf.Variable(tf.zeros([capacity, 2], tf.float32), trainable=False, name="step_log")
        self.count = tf.Variable(0, dtype=tf.int32, trainable=False, name="step_count")
        self.watch: StepWatch | None = None  # set by the instruments before the first call is traced

    def record(self, loss, accuracy) -> None:
        """Called inside the compiled step, after its weights and metrics are updated."""
        if self.watch is not None:
            self.watch.copy_at(self.count)
        row = tf.stack([tf.cast(loss, tf.float32), tf.cast(accuracy, tf.float32)])
        self.values.scatter_nd_update([[self.count % self.capacity]], [row])
        self.count.assign_add(1)

    def reset(self) -> None:
        self.count.assign(0)

    def take(self) -> np.ndarray:
        """The rows recorded since the last take, oldest first (a call never runs more than `capacity`)."""
        n = min(int(self.count.numpy()), self.capacity)
        rows = self.values.numpy()[:n]
        self.count.assign(0)
        return rows


class StepWatch:
    """One training step inside a compiled call, kept for the instruments (dynamics.py): the kernels as they were
    before a chosen step of the call and every weight of the model after it, copied inside the call by
    `StepLog.record` (which runs after each step's update). Nothing training reads is written, so the weights
    training produces are the same with or without it.

    `arm(k)` chooses the call's step k (0-based); k = 0 copies the kernels before the call, here."""

    def __init__(self, kernels: list, weights: list) -> None:
        def twin(v, name):
            return tf.Variable(tf.zeros(v.shape, v.dtype), trainable=False, name=name)

        self.kernels, self.weights = kernels, weights
        self.before = [twin(k, "kernel_before") for k in kernels]
        self.after = [twin(w, "weight_after") for w in weights]
        self.before_at = tf.Variable(-1, dtype=tf.int32, trainable=False, name="copy_before_at")
        self.after_at = tf.Variable(-1, dtype=tf.int32, trainable=False, name="copy_after_at")

    def arm(self, k: int) -> None:
        if k == 0:
            for mine, kernel in zip(self.before, self.kernels, strict=True):
                mine.assign(kernel)
        self.before_at.assign(k - 1)  # after step k - 1 of the call is before step k
        self.after_at.assign(k)

    def disarm(self) -> None:
        """After the call: a validation pass that records too (`custom`) copies nothing."""
        self.before_at.assign(-1)
        self.after_at.assign(-1)

    def copy_at(self, index) -> None:
        """In the compiled step `index` of the call, after its update."""
        def copier(targets, sources):
            def copy():
                for target, source in zip(targets, sources, strict=True):
                    target.assign(tf.convert_to_tensor(source))
                return tf.constant(0)
            return copy

        idle = lambda: tf.constant(0)  # noqa: E731
        tf.cond(tf.equal(index, self.before_at), copier(self.before, self.kernels), idle)
        tf.cond(tf.equal(index, self.after_at), copier(self.after, self.weights), idle)


class StepRecorder(keras.metrics.Metric):
    """A metric for `compile(metrics=[accuracy, StepRecorder(...)])` that logs nothing itself: it copies the
    model's running loss and accuracy into a StepLog in every step. Its result is an empty dict, so
    Keras's logs, history and TensorBoard scalars are the same as without it."""

    def __init__(self, log: StepLog, model: keras.Model) -> None:
        super().__init__(name="step_recorder")
        self._log = log
        self._model = weakref.ref(model)  # a reference Keras does not track as a sublayer

    def update_state(self, y_true, y_pred, sample_weight=None):
        values: dict = {}
        for metric in self._model().metrics:  # the loss tracker, then the compiled metrics (this one last)
            result = metric.result()
            values.update(result if isinstance(result, dict) else {metric.name: result})
        self._log.record(values["loss"], values["accuracy"])

    def result(self):
        return {}

    def reset_state(self):
        pass  # StepFeed resets the log at each epoch's start; evaluate's resets must not touch it


class StepFeed(keras.callbacks.Callback):
    """The first callback: puts the steps of the call that just ended into `logs["steps"]` (an (n, 2) array of
    loss and accuracy), where `batch_points` finds them."""

    def __init__(self, log: StepLog) -> None:
        super().__init__()
        self.log = log

    def on_epoch_begin(self, epoch, logs=None):
        self.log.reset()  # forgets what a validation pass wrote

    def on_train_batch_end(self, batch, logs=None):
        if logs is not None:
            logs["steps"] = self.log.take()


class StackedSteps(keras.callbacks.CallbackList):
    """The callbacks of a `fit` whose batches are stacked calls of N steps (`custom`'s fast mode): Keras counts
    a call as one batch, the callbacks inside hear the first and last step of it, as with Keras's own
    `steps_per_execution`."""

    def __init__(self, callbacks: list[keras.callbacks.Callback], plan: list[int]) -> None:
        super().__init__(callbacks)
        ends = np.cumsum(plan)
        self._first = [0, *(int(e) for e in ends[:-1])]
        self._last = [int(e) - 1 for e in ends]

    def on_train_batch_begin(self, batch, logs=None):
        # (in the first epoch Keras begins one batch more, which finds no data: the epoch's length)
        super().on_train_batch_begin(self._first[batch] if batch < len(self._first) else self._last[-1] + 1, logs)

    def on_train_batch_end(self, batch, logs=None):
        super().on_train_batch_end(self._last[min(batch, len(self._last) - 1)], logs)


def batch_points(logs: dict | None, last_step: int) -> list[tuple[int, float | None, float | None]]:
    """(step, loss, accuracy) of every step a batch end reports: one, or in fast mode each step of the call,
    the last being `last_step`."""
    logs = logs or {}
    rows = logs.get("steps")
    if rows is None or len(rows) == 0:
        return [(last_step, logs.get("loss"), logs.get("accuracy"))]
    first = last_step - len(rows) + 1
    return [(first + i, float(loss), float(acc)) for i, (loss, acc) in enumerate(rows.tolist())]
