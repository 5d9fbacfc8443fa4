"""Helpers shared by the tests: run the CLI as a user would, read weights, write datasets."""

from __future__ import annotations

import os
import sys
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
        self.seen += 1
        if self.seen >= self.batches:
            self.flag.set()
