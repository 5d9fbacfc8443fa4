"""Per-epoch checkpoints (weights, optimizer state, epochs done), replaced atomically, and their loading.

A run resumed from its checkpoint continues with the same weights, the same
optimizer state and the same epoch order, so it ends where an uninterrupted
run with the same seed ends (Keras's BackupAndRestore idea, for all three methods).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import keras
import numpy as np

NAME = "checkpoint"


def save(run_dir: Path, model: keras.Model, optimizer, epochs_done: int) -> None:
    """Writes <run>/checkpoint/ via a temporary folder and renames, so a crash leaves one whole checkpoint."""
    final = Path(run_dir) / NAME
    tmp = Path(run_dir) / f".{NAME}.tmp"
    old = Path(run_dir) / f".{NAME}.old"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    model.save_weights(tmp / "model.weights.h5")
    np.savez(tmp / "optimizer.npz", *[np.asarray(v.numpy()) for v in optimizer.variables])
    with open(tmp / "state.json", "w", encoding="utf-8") as f:
        json.dump({"epochs_done": epochs_done}, f)
        f.flush()
        os.fsync(f.fileno())
    shutil.rmtree(old, ignore_errors=True)
    if (final / BEST_WEIGHTS).exists():  # the best epoch's weights stay with the newest checkpoint
        shutil.copyfile(final / BEST_WEIGHTS, tmp / BEST_WEIGHTS)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    shutil.rmtree(old, ignore_errors=True)


BEST_WEIGHTS = "best.weights.h5"
EPOCHS = "epochs"  # <run>/epochs/epoch-003.weights.h5: every finished epoch's weights, to fork a run from


def keep_epoch(run_dir: Path, epoch: int) -> None:
    """Keeps the weights of the checkpoint just written as epoch `epoch`'s (copy, then rename)."""
    folder = Path(run_dir) / EPOCHS
    folder.mkdir(exist_ok=True)
    tmp = folder / f".epoch-{epoch:03d}.tmp"
    shutil.copyfile(Path(run_dir) / NAME / "model.weights.h5", tmp)
    os.replace(tmp, folder / f"epoch-{epoch:03d}.weights.h5")


def epoch_weights(run_dir: Path, epoch: int) -> Path | None:
    path = Path(run_dir) / EPOCHS / f"epoch-{epoch:03d}.weights.h5"
    return path if path.is_file() else None


def keep_as_best(run_dir: Path) -> None:
    """The checkpoint just written is the best epoch so far: keep its weights (copy, then rename)."""
    tmp = Path(run_dir) / f".{BEST_WEIGHTS}.tmp"
    shutil.copyfile(Path(run_dir) / NAME / "model.weights.h5", tmp)
    os.replace(tmp, Path(run_dir) / NAME / BEST_WEIGHTS)


def best_weights(run_dir: Path) -> Path | None:
    path = Path(run_dir) / NAME / BEST_WEIGHTS
    return path if path.is_file() else None


def find(run_dir: Path) -> Path | None:
    """The newest whole checkpoint folder (also one left half-replaced by a crash)."""
    for name in (NAME, f".{NAME}.old"):
        path = Path(run_dir) / name
        if (path / "state.json").is_file() and (path / "model.weights.h5").is_file():
            return path
    return None


def epochs_done(run_dir: Path) -> int | None:
    path = find(run_dir)
    if path is None:
        return None
    try:
        return int(json.loads((path / "state.json").read_text())["epochs_done"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def restore(path: Path, model: keras.Model, optimizer) -> None:
    """Loads weights and optimizer state saved by `save` into a freshly built model and optimizer."""
    model.load_weights(path / "model.weights.h5")
    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    with np.load(path / "optimizer.npz") as saved:
        values = [saved[f"arr_{i}"] for i in range(len(saved.files))]
    variables = list(optimizer.variables)
    if len(values) != len(variables):
        raise ValueError(f"checkpoint has {len(values)} optimizer values, the optimizer {len(variables)}")
    for variable, value in zip(variables, values, strict=True):
        variable.assign(value)
