"""Keras callbacks shared by the three methods (no Qt).

All three methods drive the same Keras callback protocol, so these work the
same whether `fit` or the hand-written loop calls them. Batch logs arrive as
Python floats (Keras's CallbackList converts them); nothing here touches a
tensor per batch.
"""

from __future__ import annotations

import math
import os
import sys
import time
from typing import TextIO

import keras
import numpy as np

from workbench.core.i18n import translate
from workbench.core.runs import RunFolder
from workbench.core.stop import StopFlag
from workbench.training.steps import batch_points

__all__ = ["StopFlag", "StopOnFlag", "DivergenceGuard", "RunRecorder", "ConsoleProgress"]


def global_step(epoch: int, batch: int, steps_per_epoch: int) -> int:
    """1-based training step of `batch` in `epoch`. In fast mode Keras reports a chunk's nominal
    last index, which can pass the epoch's end (step 35 of a 32-batch epoch): clamp it."""
    return epoch * steps_per_epoch + min(batch + 1, steps_per_epoch)


class StopOnFlag(keras.callbacks.Callback):
    """Turns a StopFlag into `model.stop_training`, checked between batches (in fast mode, between calls).

    A stopped epoch is never recorded (the run recorder keeps whole epochs only), so its
    validation pass is skipped: the tape loop checks `model.stop_evaluating` before each batch, and
    for Keras's evaluate (which resets that flag and checks it after a batch) the test function is
    swapped, for this one pass, for one that reports no data - so Stop does not wait for a pass
    over the validation data, nor for the first epoch's compilation of the test step.
    """

    def __init__(self, flag: StopFlag, steps_per_epoch: int | None = None) -> None:
        super().__init__()
        self.flag = flag
        self.steps_per_epoch = steps_per_epoch  # None: never skip validation
        self.batches = 0  # training batches done in the epoch under way
        self._test_function = None

    def on_epoch_begin(self, epoch, logs=None):
        self.batches = 0

    def on_train_batch_end(self, batch, logs=None):
        self.batches = batch + 1
        if self.flag.is_set():
            self.model.stop_training = True

    def _cut_short(self) -> bool:
        return self.flag.is_set() and bool(self.steps_per_epoch) and self.batches < self.steps_per_epoch

    def on_test_begin(self, logs=None):
        if self._cut_short():
            self.model.stop_evaluating = True
            self._test_function = self.model.test_function
            self.model.test_function = _no_validation

    def on_test_batch_end(self, batch, logs=None):
        if self._cut_short():
            self.model.stop_evaluating = True

    def on_test_end(self, logs=None):
        if self._test_function is not None:
            self.model.test_function, self._test_function = self._test_function, None

    def on_epoch_end(self, epoch, logs=None):
        if self.flag.is_set():
            self.model.stop_training = True


def _no_validation(iterator):
    raise StopIteration  # Keras's evaluate reads this as "no more data" and ends its pass


class DivergenceGuard(keras.callbacks.Callback):
    """Ends the run at the first non-finite loss and remembers the step."""

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self.diverged_step: int | None = None

    def on_train_batch_end(self, batch, logs=None):
        for _, loss, _ in batch_points(logs, 0):  # every step of a fast-mode call
            self.step += 1
            if loss is not None and not math.isfinite(loss):
                self.diverged_step = self.step
                self.model.stop_training = True
                return


def current_lr(model) -> float | None:
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return None
    try:
        return float(keras.ops.convert_to_numpy(optimizer.learning_rate))
    except (TypeError, ValueError, AttributeError):
        return None


class EpochClock(keras.callbacks.Callback):
    """Knows the epoch under way, when it began, and a batch's global step: what the run recorder and the
    Qt bridge both count with."""

    def __init__(self, steps_per_epoch: int, first_epoch: int = 0) -> None:
        super().__init__()
        self.steps_per_epoch = steps_per_epoch
        self.epoch = first_epoch
        self.epoch_start = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self.epoch_start = time.perf_counter()

    def step_of(self, batch: int) -> int:
        return global_step(self.epoch, batch, self.steps_per_epoch)


class RunRecorder(EpochClock):
    """Writes history.csv (one flushed row per epoch) and batches.csv (flushed per epoch)."""

    FLUSH_SECONDS = 5.0

    def __init__(self, folder: RunFolder, steps_per_epoch: int, first_epoch: int = 0,
                 checkpoints: bool = True, monitor: str = "val_loss", best: float | None = None,
                 truth=None) -> None:
        super().__init__(steps_per_epoch, first_epoch)
        self.truth = truth  # model -> {"true_val_loss", "true_val_accuracy"}, for runs that log wrong values
        self.folder = folder
        self.first_epoch = first_epoch
        self.checkpoints = checkpoints
        self.monitor = monitor
        self.best = best  # best monitored value so far (from the history, when resuming)
        self.best_epoch: int | None = None
        self.step = first_epoch * steps_per_epoch
        self.pending: list[dict] = []
        self.batches_done = 0
        self._last_flush = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        super().on_epoch_begin(epoch, logs)
        self.batches_done = 0
        self._last_flush = self.epoch_start

    def on_train_batch_end(self, batch, logs=None):
        self.batches_done = min(batch + 1, self.steps_per_epoch)
        # In fast mode Keras reports once per N batches (batch is the last one's index), with every step's point.
        self.step = self.step_of(batch)
        epoch = self.epoch + 1
        self.pending += [{"step": step, "epoch": epoch, "loss": loss, "accuracy": acc}
                         for step, loss, acc in batch_points(logs, self.step)]
        now = time.perf_counter()
        if now - self._last_flush > self.FLUSH_SECONDS:
            self.flush()
            self._last_flush = now

    def flush(self) -> None:
        rows, self.pending = self.pending, []
        self.folder.append_batches(rows)

    def on_epoch_end(self, epoch, logs=None):
        shared = logs
        logs = dict(logs or {})
        seconds = time.perf_counter() - self.epoch_start
        self.flush()
        if self.batches_done < self.steps_per_epoch:
            return  # stopped mid-epoch: fit still calls on_epoch_end, but the epoch did not finish
        row = {k: logs.get(k) for k in ("loss", "accuracy", "val_loss", "val_accuracy")}
        row.update(epoch=epoch + 1, lr=current_lr(self.model), seconds=round(seconds, 4))
        self.folder.append_history(row)  # first the record, then the checkpoint: a resume trims to it
        if self.truth is not None:
            true = self.truth(self.model)
            if shared is not None:
                shared.update(true)  # the callbacks after this one (the window's bridge) see them too
            self.folder.append_true({"epoch": epoch + 1, "val_loss": true["true_val_loss"],
                                     "val_accuracy": true["true_val_accuracy"]})
        if self.checkpoints:
            from workbench.training import checkpoint

            checkpoint.save(self.folder.path, self.model, self.model.optimizer, epoch + 1)
            checkpoint.keep_epoch(self.folder.path, epoch + 1)  # what if: a run can fork from any epoch
            value = logs.get(self.monitor)
            if value is not None and math.isfinite(value) and self._improves(value):
                self.best, self.best_epoch = value, epoch + 1
                checkpoint.keep_as_best(self.folder.path)
        self.folder.write_status("running", epochs_completed=epoch + 1)

    def _improves(self, value: float) -> bool:
        if self.best is None:
            return True
        return value > self.best if self.monitor.endswith("accuracy") else value < self.best

    def on_train_end(self, logs=None):
        self.flush()


class ConsoleProgress(keras.callbacks.Callback):
    """Progress on stderr: a bar with ETA on a terminal (≤10 redraws/s), a line per epoch."""

    def __init__(self, epochs: int, steps_per_epoch: int, stream: TextIO | None = None) -> None:
        super().__init__()
        self.epochs = epochs
        self.steps = steps_per_epoch
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._t0 = self._last = 0.0
        self.epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self._t0 = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        if not self.tty:
            return
        now = time.perf_counter()
        if now - self._last < 0.1 and batch + 1 < self.steps:
            return
        self._last = now
        done = batch + 1
        eta = (now - self._t0) / done * (self.steps - done)
        width = 24
        filled = int(width * done / self.steps)
        loss = (logs or {}).get("loss", float("nan"))
        self.stream.write(
            "\r" + translate("progress", "Epoch {epoch}/{epochs}").format(epoch=self.epoch + 1, epochs=self.epochs)
            + f" [{'=' * filled}{'.' * (width - filled)}] "
            f"{done}/{self.steps} ETA {eta:4.0f}s loss {loss:.4f}   "
        )
        self.stream.flush()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        parts = [f"{k} {logs[k]:.4f}" for k in ("loss", "accuracy", "val_loss", "val_accuracy")
                 if isinstance(logs.get(k), float)]
        prefix = "\r" if self.tty else ""
        self.stream.write(
            prefix + translate("progress", "Epoch {epoch}/{epochs}").format(epoch=epoch + 1, epochs=self.epochs)
            + f" ({time.perf_counter() - self._t0:.1f}s): "
            + ", ".join(parts) + " " * 20 + "\n"
        )
        self.stream.flush()


def histogram_buckets(values: np.ndarray, bucket_count: int = 30) -> np.ndarray:
    """TensorBoard's histogram buckets (`tensorboard.plugins.histogram.summary_v2._buckets`) in numpy: rows of
    (left edge, right edge, count), `bucket_count` equal widths from the minimum to the maximum. NaN and infinite
    weights (a run that diverged) are left out: the histogram is of the finite ones, and training goes on."""
    data = np.asarray(values, dtype=np.float64).ravel()
    data = data[np.isfinite(data)]
    if data.size == 0:
        return np.zeros((bucket_count, 3))
    low, high = data.min(), data.max()
    if high == low:  # one value: every edge is it, the last bucket holds every sample
        counts = np.zeros(bucket_count)
        counts[-1] = data.size
        return np.stack([np.full(bucket_count, high), np.full(bucket_count, high), counts], axis=1)
    width = (high - low) / bucket_count  # (float32 weights: their range always fits a float64)
    index = np.minimum(np.floor((data - low) / width).astype(np.int64), bucket_count - 1)
    counts = np.bincount(index, minlength=bucket_count).astype(np.float64)
    edges = np.linspace(low, high, bucket_count + 1)
    edges[-1] = high
    return np.stack([edges[:-1], edges[1:], counts], axis=1)


class RunTensorBoard(keras.callbacks.TensorBoard):
    """Keras's TensorBoard callback (epoch scalars, weight histograms) without its per-batch cost, plus
    the model's graph for every method.

    Keras 3 calls `summary.scalar` for every batch even with update_freq="epoch"
    (a no-op without a writer, but an eager op each time). Here the batch loss
    and accuracy are written every `batch_every` training steps, with the
    step counted in batches, the same way for all three methods. The graph is
    the model's forward pass (`graph.py`), written once when training begins:
    Keras's own graph writing finds nothing for `fit` on TF 2.21. The weight
    histograms are Keras's, counted in numpy (`_log_weights`).
    """

    def __init__(self, log_dir: str, steps_per_epoch: int, batch_every: int = 50,
                 run_text: str = "", hparams: dict | None = None) -> None:
        super().__init__(log_dir=log_dir, histogram_freq=1, write_graph=False, update_freq="epoch",
                         profile_batch=0)
        self.run_text = run_text  # the run's name and settings, shown in TensorBoard's Text tab
        self.hparams = hparams or {}  # the run's settings for the HParams dashboard
        self.steps_per_epoch = steps_per_epoch
        self.batch_every = batch_every
        self._epoch = 0
        self._batches = 0
        self._last_written = 0

    def on_train_begin(self, logs=None):
        super().on_train_begin(logs)
        from workbench.training.graph import write_model_graph

        self.graph_written = write_model_graph(self.model, self._train_writer)
        if self.run_text:
            with self._train_writer.as_default():
                self.summary.text("run/settings", self.run_text, step=0)
        if self.hparams:
            self._write_hparams()

    def _write_hparams(self) -> None:
        """The HParams dashboard's session for this run: its folder (`logs/`) holds the settings, its
        train/validation folders the metrics (epoch_accuracy, epoch_loss), which the dashboard finds itself."""
        import tensorflow as tf
        from tensorboard.plugins.hparams import api as hp

        writer = tf.summary.create_file_writer(self.log_dir)
        with writer.as_default():
            hp.hparams(self.hparams, trial_id=os.path.basename(os.path.dirname(os.path.abspath(self.log_dir))))
        writer.close()

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._batches = 0

    def on_train_batch_begin(self, batch, logs=None):
        pass

    def on_train_batch_end(self, batch, logs=None):
        self._batches = min(batch + 1, self.steps_per_epoch)
        last = global_step(self._epoch, batch, self.steps_per_epoch)
        if not logs or last - self._last_written < self.batch_every:
            return
        for step, loss, accuracy in batch_points(logs, last):  # in fast mode, every step of the call
            if step - self._last_written >= self.batch_every:
                self._last_written = step
                with self._train_writer.as_default():
                    for name, value in (("loss", loss), ("accuracy", accuracy)):
                        if value is not None:
                            self.summary.scalar(f"batch_{name}", value, step=step)

    def on_test_batch_begin(self, batch, logs=None):
        pass

    def on_epoch_end(self, epoch, logs=None):
        if self._batches < self.steps_per_epoch:
            return  # stopped or diverged mid-epoch: not an epoch of the run (nor a row of history.csv)
        super().on_epoch_end(epoch, logs)

    def _log_weights(self, epoch: int) -> None:
        """Keras's weight histograms (same tags, buckets and steps) with the buckets counted in numpy: TensorBoard's
        `summary.histogram` counts them with ~20 eager ops each, 100 ms an epoch for the MLP's six weights."""
        import tensorflow as tf
        from tensorboard.plugins.histogram import metadata

        histogram = metadata.create_summary_metadata(display_name=None, description=None)
        with self._train_writer.as_default():
            for layer in self.model.layers:
                for weight in layer.weights:
                    tf.summary.write(f"{weight.path.replace(':', '_')}/histogram",
                                     histogram_buckets(keras.ops.convert_to_numpy(weight)), step=epoch,
                                     metadata=histogram)
            self._train_writer.flush()

    def _write_keras_model_summary(self):
        # Keras writes the model summary only for classes named Sequential/Functional;
        # the custom method's Sequential subclass deserves it too.
        from keras.src.callbacks.tensorboard import keras_model_summary

        with self._train_writer.as_default():
            keras_model_summary("keras", self.model, step=0)
