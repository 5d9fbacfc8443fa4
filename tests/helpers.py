"""Helpers shared by the tests: run the CLI as a user would, read weights, write datasets."""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

import keras
import numpy as np

SMALL = dict(train_limit=2000, val_limit=500, epochs=2, batch_size=32)


def run_cli(*args: str, env_runs: Path | None = None, timeout: float = 600):
    """Runs `python -m workbench ...` as a user would; returns the CompletedProcess."""
    import subprocess

    env = dict(os.environ)
    if env_runs is not None:
        env["WORKBENCH_RUNS_DIR"] = str(env_runs)
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True, text=True, timeout=timeout, env=env,
    )


def weights_of(run_dir: Path) -> np.ndarray:
    import keras

    model = keras.models.load_model(Path(run_dir) / "model.keras")
    return np.concatenate([w.ravel() for w in model.get_weights()])


def write_npz(path: Path, **arrays) -> Path:
    np.savez(path, **arrays)
    return path


class StopAfter(keras.callbacks.Callback):
    """Sets a StopFlag after `batches` training batches, as a user pressing Stop would."""

    def __init__(self, flag, batches: int) -> None:
        super().__init__()
        self.flag, self.batches, self.seen = flag, batches, 0

    def on_train_batch_end(self, batch, logs=None):
        from workbench.training.steps import batch_points

        self.seen += len(batch_points(logs, 0))  # in fast mode a call reports several batches
        if self.seen >= self.batches:
            self.flag.set()


def digit_strokes(digit: str, size: float = 280) -> list[list[tuple[float, float]]]:
    """Mouse strokes of a hand-drawn '1', '0' or '7' on a size x size canvas (y downwards)."""
    import math

    c = size / 2
    if digit == "1":
        return [[(c + 0.03 * size * t, 0.15 * size + 0.7 * size * t) for t in np.linspace(0, 1, 25)]]
    if digit == "0":
        return [[(c + 0.22 * size * math.sin(a), c - 0.33 * size * math.cos(a))
                 for a in np.linspace(0, 2 * math.pi, 60)]]
    if digit == "7":
        return [[(0.28 * size, 0.2 * size), (0.72 * size, 0.2 * size), (0.42 * size, 0.85 * size)]]
    raise ValueError(digit)


def graph_scopes(run_dir: Path) -> set[str]:
    """Name scopes (first two levels) of the graph in a run's TensorBoard logs, read with TensorBoard's reader."""
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(Path(run_dir) / "logs" / "train"))
    events.Reload()
    if not events.Tags()["graph"]:
        return set()
    return {"/".join(node.name.split("/")[:2]) for node in events.Graph().node}


def dense_layer_names(run_dir: Path) -> list[str]:
    model = keras.saving.load_model(Path(run_dir) / "model.keras")
    return [layer.name for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def validation_images(n: int = 100) -> np.ndarray:
    """The first n shipped MNIST validation images, scaled as the models see them."""
    from workbench.core import data as datamod
    from workbench.core.config import TrainConfig

    d = datamod.prepare(TrainConfig(val_limit=n))
    return (d.x_test / d.scale).astype("float32")


def tflite_predict(path: Path, x: np.ndarray) -> np.ndarray:
    """Runs a .tflite file as its users do, with tf.lite.Interpreter, on a batch of any size."""
    import warnings

    import tensorflow as tf

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tf.lite.Interpreter announces its move to ai_edge_litert
        interpreter = tf.lite.Interpreter(model_path=str(path))
    entry = interpreter.get_input_details()[0]
    interpreter.resize_tensor_input(entry["index"], list(x.shape))
    interpreter.allocate_tensors()
    interpreter.set_tensor(entry["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def get_json(url: str):
    """A JSON answer of a local server (TensorBoard's HTTP API in the tests)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())
