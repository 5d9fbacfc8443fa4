"""Epochs timed from outside: whole processes, so everything a contender does per epoch counts.

A contender is a command line that trains E epochs and exits. Its steady epoch is
(T(4 epochs) − T(1 epoch)) / 3 of wall-clock process times: start-up, imports and the first
epoch's tracing cancel, while validation, checkpoints, history writes, TensorBoard and the
window's drawing all count. Each round runs every (contender, epochs) process once in a
shuffled order, so a slow spell of the machine hurts a different contender each round; ratios
are taken within a round and then summarised over rounds (median, min–max).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHORT, LONG = 1, 4

PLAIN_KERAS = r'''
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np, keras, tensorflow as tf
epochs, limit, path, jit, n = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1", int(sys.argv[5])
with np.load(path) as d:
    x, y, xv, yv = d["x_train"], d["y_train"], d["x_test"], d["y_test"]
if limit:
    x, y = x[:limit], y[:limit]
x, xv = x.astype("float32") / 255, xv.astype("float32") / 255
y, yv = keras.ops.one_hot(y, 10), keras.ops.one_hot(yv, 10)
train = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(1000).batch(32).prefetch(tf.data.AUTOTUNE)
val = tf.data.Dataset.from_tensor_slices((xv, yv)).batch(500).prefetch(tf.data.AUTOTUNE)
model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
    keras.layers.Dense(256, activation="relu"), keras.layers.Dense(128, activation="relu"),
    keras.layers.Dense(10)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse", metrics=["accuracy"],
              jit_compile=jit, steps_per_execution=n)
model.fit(train, epochs=epochs, validation_data=val, verbose=0)
'''

ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "QT_QPA_PLATFORM": "offscreen",
       "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="bench-config-")}  # never the user's window settings

#: A contender: epochs -> the command that trains that many epochs (and exits).
Contender = Callable[[int], list[str]]


def plain_keras(limit: int, jit: bool, steps_per_execution: int = 1) -> Contender:
    """A plain Keras script of the same setup (MLP, batch 32, SGD 0.01, "mse", validation each epoch)."""
    from workbench.core.data import shipped_mnist

    return lambda epochs: [sys.executable, "-c", PLAIN_KERAS, str(epochs), str(limit), str(shipped_mnist()),
                           "1" if jit else "0", str(steps_per_execution)]


def workbench(method: str, limit: int, runs: Path, *extra: str) -> Contender:
    """`workbench train` headless, with the same loss as the plain script (Keras's "mse")."""
    return lambda epochs: [sys.executable, "-m", "workbench", "train", "--method", method, "--loss", "keras_mse",
                           "--epochs", str(epochs), "--train-limit", str(limit), "--runs-dir", str(runs), *extra]


def timed(command: list[str]) -> tuple[float, str]:
    """Wall-clock seconds of one process, and its last stdout line."""
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, env=ENV, cwd=ROOT)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:6])}… failed:\n{out.stderr[-2000:]}")
    lines = out.stdout.strip().splitlines()
    return seconds, lines[-1] if lines else ""


def rounds(contenders: dict[str, Contender], count: int, seed: int = 0,
           on_output: Callable[[str, int, str], None] | None = None) -> list[dict[str, float]]:
    """`count` rounds in shuffled order; per round {contender: steady epoch seconds}."""
    shuffle = random.Random(seed)
    results = []
    for r in range(count):
        jobs = [(name, epochs) for name in contenders for epochs in (SHORT, LONG)]
        shuffle.shuffle(jobs)
        seconds: dict[tuple[str, int], float] = {}
        for name, epochs in jobs:
            seconds[name, epochs], last = timed(contenders[name](epochs))
            if on_output is not None:
                on_output(name, epochs, last)
            print(f"round {r + 1} {name:28s} {epochs} epoch(s): {seconds[name, epochs]:6.2f} s", file=sys.stderr,
                  flush=True)
        results.append({name: (seconds[name, LONG] - seconds[name, SHORT]) / (LONG - SHORT) for name in contenders})
    return results


def ratio(results: list[dict[str, float]], name: str, base: str) -> tuple[float, float, float]:
    """The per-round ratio name/base over rounds: (median, min, max)."""
    values = [r[name] / r[base] for r in results]
    return statistics.median(values), min(values), max(values)


def median(results: list[dict[str, float]], name: str) -> float:
    return statistics.median(r[name] for r in results)
