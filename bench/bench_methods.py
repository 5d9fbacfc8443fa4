"""Each method's steady-state epoch against a plain Keras script of the same setup.

Contenders run in fresh processes, alternating, several rounds, so that a
noisy machine hurts them all alike. Steady state = epochs 2+ (epoch 1 traces
and compiles). Prints a table of ratios and writes bench/RESULTS-methods.md.

    python bench/bench_methods.py [--rounds 3] [--epochs 3] [--train-limit 0]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

PLAIN_KERAS = r'''
import json, os, sys, time
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np, keras, tensorflow as tf
epochs, limit = int(sys.argv[1]), int(sys.argv[2])
with np.load(sys.argv[3]) as d:
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
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01), loss="mse", metrics=["accuracy"])
times = []
class T(keras.callbacks.Callback):
    def on_epoch_begin(self, e, logs=None): self.t = time.perf_counter()
    def on_epoch_end(self, e, logs=None): times.append(time.perf_counter() - self.t)
model.fit(train, epochs=epochs, validation_data=val, callbacks=[T()], verbose=0)
print(json.dumps(times))
'''


def plain_keras(epochs: int, limit: int) -> list[float]:
    from workbench.core.data import shipped_mnist

    out = subprocess.run(
        [sys.executable, "-c", PLAIN_KERAS, str(epochs), str(limit), str(shipped_mnist())],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def workbench(method: str, epochs: int, limit: int, runs: Path, *extra: str) -> list[float]:
    out = subprocess.run(
        [sys.executable, "-m", "workbench", "train", "--method", method, "--loss", "keras_mse",
         "--epochs", str(epochs), "--train-limit", str(limit), "--runs-dir", str(runs), "--json", *extra],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["epoch_seconds"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--train-limit", type=int, default=0)
    args = ap.parse_args()
    runs = Path(tempfile.mkdtemp(prefix="bench-runs-"))
    contenders = {
        "plain keras fit": lambda: plain_keras(args.epochs, args.train_limit),
        "tape": lambda: workbench("tape", args.epochs, args.train_limit, runs),
        "fit": lambda: workbench("fit", args.epochs, args.train_limit, runs),
        "custom": lambda: workbench("custom", args.epochs, args.train_limit, runs),
    }
    steady: dict[str, list[float]] = {name: [] for name in contenders}
    for r in range(args.rounds):
        for name, run in contenders.items():
            times = run()
            steady[name] += times[1:]
            print(f"round {r + 1} {name:16s} epochs {[f'{t:.2f}' for t in times]}", file=sys.stderr)
    base = statistics.median(steady["plain keras fit"])
    lines = [
        f"# Methods vs plain Keras — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.",
        f"MLP 256-128-10, batch 32, SGD 0.01, Keras \"mse\", {'full MNIST' if not args.train_limit else f'{args.train_limit} samples'}, "
        f"{args.rounds} alternating rounds of {args.epochs} epochs; steady state = epochs 2+ (median).",
        f"Command: `python bench/bench_methods.py --rounds {args.rounds} --epochs {args.epochs} --train-limit {args.train_limit}`",
        "",
        "| contender | median epoch (s) | ratio to plain Keras |",
        "|---|---|---|",
    ]
    for name, times in steady.items():
        med = statistics.median(times)
        lines.append(f"| {name} | {med:.2f} | {med / base:.3f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "RESULTS-methods.md").write_text(text)


if __name__ == "__main__":
    main()
