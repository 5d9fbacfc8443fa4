"""Per-layer instruments: what each layer does per step, sampled every N steps, for all three methods.

For each layer with a weight matrix (its kernel), at a sampled step (a compiled call, in fast mode):
- **update_ratio** ‖Δw‖/‖w‖ of one training step, the sampled one, in every mode (CS231n's rule of thumb: near
  1e-3). With one step per call the kernels are copied before the call; in fast mode, where a compiled call
  runs N steps, the step itself copies the kernels before and the weights after the sampled step inside the
  call (`steps.StepWatch`): a call's displacement ÷ N would be another number (steps partly cancel: 0.2-0.5×);
- **weight_norm** ‖w‖;
- **grad_norm** ‖∂L/∂w‖ of the run's loss on a fixed probe batch of validation images;
- **dead_fraction**: the layer's ReLU units that output 0 for every probe image.
Every quantity is read at the sampled step: in fast mode the probe runs on the weights copied after it.
The probe runs the model with `training=False` beside training, on copies of nothing the optimizer keeps: the
weights, the optimizer and the random state are untouched, so training is the same with the instruments on
or off (`tests/test_dynamics.py` asserts equal final weights). Rows go to `dynamics.csv` (flushed each epoch)
and to TensorBoard (`dynamics/<layer>/<quantity>`).
"""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf

from workbench.core.runs import RunFolder
from workbench.training import layer_taps, steps
from workbench.training.callbacks import EpochClock
from workbench.training.models import kernel_layers
from workbench.training.steps import batch_points

BINS = 24  # histogram bins, over a range fixed at a layer's first sample (values outside go to the end bins)
HIST_VALUES = 20_000  # a histogram reads at most about this many values (a regular subsample of bigger kernels)
PROBE = 128  # validation images the gradient and dead units are measured on (256 cost 1.5 ms more a sample)


def fixed_width_counts(values: np.ndarray, low: float, high: float, bins: int = BINS) -> np.ndarray:
    """Counts over `bins` equal widths from low to high, values outside (±inf too) in the end bins, NaN not
    counted: what `np.histogram(np.clip(values, low, high), bins, (low, high))` counts (up to a value within
    rounding of an inner edge), in a third of its time - a sample draws two per layer."""
    index = (np.asarray(values, np.float32) - np.float32(low)) * np.float32(bins / (high - low))
    index = np.clip(index, 0, bins - 1)
    if np.isnan(index).any():  # a diverging run's weights, sampled in the step that diverged
        index = index[~np.isnan(index)]
    return np.bincount(index.astype(np.intp), minlength=bins)


class Dynamics(EpochClock):
    def __init__(self, folder: RunFolder, setup, every: int, log_dir: str | None = None) -> None:
        super().__init__(setup.steps_per_epoch, setup.first_epoch)
        self.folder = folder
        self.setup = setup
        self.every = every
        self.log_dir = log_dir
        self.rows: list[dict] = []
        self.histograms: list[dict] = []
        self._ranges: dict[tuple[str, str], tuple[float, float]] = {}
        self._before: list[np.ndarray] | None = None
        self._armed = False  # the call under way copies its sampled step (fast mode)
        self._next = every  # the first sampled step
        self._writer = None

    # -- setting up ------------------------------------------------------------------------
    def on_train_begin(self, logs=None):
        model = self.model
        named = kernel_layers(model)
        self.names = [name for name, _ in named]
        self.kernels = [layer.kernel for _, layer in named]
        data = self.setup.data
        n = min(PROBE, len(data.x_test))
        x = tf.constant(data.x_test[:n].astype(np.float32) / np.float32(data.scale))
        y_int = np.asarray(data.y_test[:n]).astype(np.int32)
        objective = self.setup.objective
        onehot = objective.loss_labels == "onehot"
        y = tf.constant(np.eye(data.num_classes, dtype=np.float32)[y_int] if onehot else y_int)
        loss_fn = objective.loss_object()
        relu = [getattr(layer, "activation", None) is keras.activations.relu for layer in model.layers]
        tapped = layer_taps.forward(model, [layer for _, layer in named])
        user_model = layer_taps.nested(model) is not None

        def layer_outputs(h):
            """The logits, each kernel layer's sampled outputs and its dead fraction (NaN: no ReLU to read)."""
            dead, outputs = [], []
            if user_model:  # the user's network: tapped where it has a graph, logits only when subclassed
                logits, outs, acts = tapped(h) if tapped is not None else (model(h, training=False), None, None)
                for k in range(len(self.kernels)):
                    out = outs[k] if outs is not None else tf.zeros((1,))
                    outputs.append(tf.reshape(out, (-1,))[:HIST_VALUES])
                    act = acts[k] if acts is not None else None
                    dead.append(tf.constant(float("nan")) if act is None else 1.0 - tf.reduce_mean(
                        tf.cast(tf.reduce_any(tf.reshape(act, (-1, act.shape[-1])) > 0, axis=0), tf.float32)))
                return logits, dead, outputs
            for layer, is_relu in zip(model.layers, relu, strict=True):
                h = layer(h, training=False)
                if getattr(layer, "kernel", None) is None:
                    continue
                flat = tf.reshape(h, (-1, h.shape[-1]))
                outputs.append(tf.reshape(flat[:HIST_VALUES // flat.shape[-1] + 1], (-1,)))  # a few images
                if is_relu:
                    alive = tf.reduce_any(flat > 0, axis=0)
                    dead.append(1.0 - tf.reduce_mean(tf.cast(alive, tf.float32)))
                else:
                    dead.append(tf.constant(float("nan")))
            return h, dead, outputs

        @tf.function  # (eagerly it took twice as long over an epoch, tracing included)
        def probe():
            with tf.GradientTape() as tape:
                logits, dead, outputs = layer_outputs(x)
                loss = loss_fn(y, logits)
            grads = tape.gradient(loss, self.kernels)
            return [tf.norm(g) for g in grads], dead, outputs

        self._probe = probe
        self._weights = list(model.weights)
        self._kernel_index = [next(i for i, w in enumerate(self._weights) if w is k) for k in self.kernels]
        log = self.setup.step_log
        if log is not None:  # before the first call is traced: its steps copy the sampled one
            log.watch = steps.StepWatch(self.kernels, self._weights)
        self._watch = log.watch if log is not None else None
        if self.log_dir is not None:
            self._writer = _EventWriter(self.log_dir)

    # -- sampling ------------------------------------------------------------------------------
    def on_train_batch_begin(self, batch, logs=None):
        first = self.step_of(batch)  # the call runs steps first … first + n - 1
        n = max(1, self.setup.steps_per_execution)
        if first + n - 1 < self._next:  # no sampled step in it
            return
        if self._watch is not None:  # fast mode: the sampled step is copied inside the call (steps.StepWatch)
            self._watch.arm(self._next - first)
            self._armed = True
        else:  # one step per call (or a loop that cannot copy inside the call: see `_sample`)
            self._before = [k.numpy() for k in self.kernels]

    def on_train_batch_end(self, batch, logs=None):
        if not self._armed and self._before is None:
            return
        points = batch_points(logs, self.step_of(batch))
        last = points[-1][0] if points else self.step_of(batch)
        if self._armed:
            self._watch.disarm()
            self._armed = False
            if last < self._next:  # a short call (an epoch's last) ended before the sampled step: the next one
                return
            self._sample(self._next, [v.numpy() for v in self._watch.before],
                         [v.numpy() for v in self._watch.after])
        else:
            self._sample(last, self._before, None, steps_in_call=max(1, len(points)))
        self._before = None
        while self._next <= last:  # (one sample a call: with N set above `every`, the first sampled step of each)
            self._next += self.every

    def _sample(self, step: int, before: list[np.ndarray], weights: list[np.ndarray] | None,
                steps_in_call: int = 1) -> None:
        """A row per layer at `step`: `weights` are the model's weights after it (the probe runs on them, then
        training's own are put back); None: the model holds them now. A call of several steps that could not be
        copied inside (the eager loop, a tf.distribute strategy) has no one-step update: its update_ratio is
        left empty rather than filled with the call's mean displacement, which is another number."""
        if weights is not None:
            now = [w.numpy() for w in self._weights]
            for variable, value in zip(self._weights, weights, strict=True):
                variable.assign(value)
            try:
                grads, dead, outputs = self._probe()
            finally:
                for variable, value in zip(self._weights, now, strict=True):
                    variable.assign(value)
            after = [weights[i] for i in self._kernel_index]
        else:
            grads, dead, outputs = self._probe()
            after = [k.numpy() for k in self.kernels]
        histograms = self._histograms(step, after, outputs)
        rows = []
        for name, w0, w1, g, d in zip(self.names, before, after, grads, dead, strict=True):
            norm = float(np.linalg.norm(w1))
            one_step = steps_in_call == 1 and norm > 0
            rows.append({"step": step, "layer": name, "grad_norm": float(g),
                         "update_ratio": float(np.linalg.norm(w1 - w0)) / norm if one_step else None,
                         "weight_norm": norm, "dead_fraction": None if math.isnan(float(d)) else float(d)})
        self.rows.extend(rows)
        self._write_summaries(step, rows, histograms)

    def _histograms(self, step: int, kernels: list[np.ndarray], outputs) -> list[dict]:
        """Each layer's weights and outputs (on the probe images) as counts over a range fixed at the first sample:
        the Dynamics tab shows them as distributions over time."""
        made = []
        for name, w, out in zip(self.names, kernels, outputs, strict=True):
            for kind, values in (("weights", w.ravel()[::max(1, w.size // HIST_VALUES)]), ("outputs", np.asarray(out))):
                key = (name, kind)
                if key not in self._ranges:
                    top = float(np.max(np.abs(values))) * 1.5 or 1.0
                    self._ranges[key] = (0.0 if kind == "outputs" and values.min() >= 0 else -top, top)
                low, high = self._ranges[key]
                counts = fixed_width_counts(values, low, high)
                made.append({"step": int(step), "layer": name, "kind": kind, "low": low, "high": high,
                             "counts": counts.tolist()})
        self.histograms.extend(made)
        return made

    def _write_summaries(self, step: int, rows: list[dict], histograms: list[dict]) -> None:
        """A sample's scalars and histograms, in one TensorBoard event."""
        if self._writer is None:
            return
        scalars = {f"dynamics/{row['layer']}/{key}": row[key] for row in rows
                   for key in ("grad_norm", "update_ratio", "weight_norm", "dead_fraction")
                   if row[key] is not None and math.isfinite(row[key])}
        self._writer.write(int(step), scalars,
                           [(f"dynamics/{h['layer']}/{h['kind']}", h["low"], h["high"], h["counts"])
                            for h in histograms])

    def on_epoch_end(self, epoch, logs=None):
        self.flush()

    def on_train_end(self, logs=None):
        self.flush()
        if self._writer is not None:
            self._writer.close()

    def flush(self) -> None:
        if self.rows:
            self.folder.append_dynamics(self.rows)
            self.rows = []
        if self.histograms:
            self.folder.append_histograms(self.histograms)
            self.histograms = []
        if self._writer is not None:
            self._writer.flush()


class _EventWriter:
    """TensorBoard event files written in Python (TensorBoard's own protobufs and event writer): a scalar costs
    about 40 µs, where an eager `tf.summary` op took 500, and histograms go in as the histogram plugin's
    (left, right, count) rows, so TensorBoard's Histograms tab shows the same bins as the Dynamics tab."""

    def __init__(self, log_dir: str) -> None:
        from tensorboard.summary.writer.event_file_writer import EventFileWriter

        self._events = EventFileWriter(log_dir)

    def write(self, step: int, scalars: dict[str, float],
              histograms: list[tuple[str, float, float, list[int]]]) -> None:
        """One event of `step` holding every scalar (tag -> value) and histogram ((tag, low, high, counts))."""
        import time

        from tensorboard.compat.proto import event_pb2, summary_pb2
        from tensorboard.util import tensor_util

        def metadata(plugin: str, data_class) -> summary_pb2.SummaryMetadata:
            return summary_pb2.SummaryMetadata(
                plugin_data=summary_pb2.SummaryMetadata.PluginData(plugin_name=plugin), data_class=data_class)

        event = event_pb2.Event(wall_time=time.time(), step=step)
        scalar = metadata("scalars", summary_pb2.DataClass.DATA_CLASS_SCALAR)
        for tag, value in scalars.items():
            event.summary.value.add(tag=tag, tensor=tensor_util.make_tensor_proto(np.float32(value)),
                                    metadata=scalar)
        histogram = metadata("histograms", summary_pb2.DataClass.DATA_CLASS_TENSOR)
        for tag, low, high, counts in histograms:
            edges = np.linspace(low, high, len(counts) + 1)
            rows = np.stack([edges[:-1], edges[1:], np.asarray(counts, dtype=np.float64)], axis=1)
            event.summary.value.add(tag=tag, tensor=tensor_util.make_tensor_proto(rows), metadata=histogram)
        self._events.add_event(event)

    def flush(self) -> None:
        self._events.flush()

    def close(self) -> None:
        self._events.close()
