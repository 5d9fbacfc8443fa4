"""The only bridge from training to Qt: a Keras callback that emits plain Python values.

It runs in the worker thread, inside whichever method trains. Batch points
are coalesced and sent at most every `interval` seconds (≈20 signals a
second), because a signal per batch costs 10-25% of an epoch in GIL
hand-offs. Imported only by the worker thread: it imports Keras.
"""

from __future__ import annotations

import time

from workbench.training.callbacks import EpochClock, current_lr
from workbench.training.steps import batch_points


class QtBridge(EpochClock):
    """Turns Keras callback calls into the worker's Qt signals."""

    def __init__(self, signals, steps_per_epoch: int, epochs: int, batch_size: int,
                 interval: float = 0.05) -> None:
        super().__init__(steps_per_epoch)
        self.signals = signals
        self.epochs = epochs
        self.batch_size = batch_size
        self.interval = interval
        self.steps: list[int] = []
        self.loss: list[float] = []
        self.accuracy: list[float] = []
        self._last_emit = 0.0
        self._batch = 0

    def on_train_batch_end(self, batch, logs=None):
        self._batch = min(batch + 1, self.steps_per_epoch)
        nan = float("nan")
        for step, loss, accuracy in batch_points(logs, self.step_of(batch)):  # fast mode: each step of the call
            self.steps.append(step)
            self.loss.append(nan if loss is None else loss)
            self.accuracy.append(nan if accuracy is None else accuracy)
        now = time.perf_counter()
        if now - self._last_emit >= self.interval:
            self._last_emit = now
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        if not self.steps:
            return
        now = now or time.perf_counter()
        elapsed = now - self.epoch_start
        rate = self._batch * self.batch_size / elapsed if elapsed > 0 else 0.0
        self.signals.batches.emit({
            "steps": self.steps, "loss": self.loss, "accuracy": self.accuracy,
            "epoch": self.epoch + 1, "batch": self._batch, "samples_per_second": rate,
            "epoch_elapsed": elapsed,
        })
        self.steps, self.loss, self.accuracy = [], [], []

    def on_epoch_end(self, epoch, logs=None):
        self.flush()
        if self._batch < self.steps_per_epoch:
            return  # stopped mid-epoch: no epoch point, as history.csv has no row for it
        self.signals.epoch_done.emit({"epoch": epoch + 1, "batches": self._batch, "lr": current_lr(self.model), **{
            k: float(v) for k, v in (logs or {}).items() if isinstance(v, int | float)}})

    def on_train_end(self, logs=None):
        self.flush()
