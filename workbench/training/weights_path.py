"""The path the optimizer walked: a run keeps its trainable weights at its start and after each epoch, so the
loss landscape around it can be drawn later (`analysis/landscape.py`).

`<run>/path/epoch-000.npz` is the start (the seed's weights, or the fork's or resume's starting point when the
run began there), `epoch-NNN.npz` the weights after epoch NNN: one float32 array per trainable variable, in
`model.trainable_variables` order (the same in every method). The MLP takes 0.9 MB a point, the CNN 1.7 MB; a
run keeps points while their total stays within `path_mb` (a setting; 0 = none), so a large user model keeps
its start and as many epochs as fit. Each file is written beside and renamed: a point is whole or absent.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import keras
import numpy as np

FOLDER = "path"
_NAME = re.compile(r"epoch-(\d+)\.npz$")


def point_file(run_dir: Path, epoch: int) -> Path:
    return Path(run_dir) / FOLDER / f"epoch-{epoch:03d}.npz"


def save_point(run_dir: Path, epoch: int, arrays: list[np.ndarray]) -> Path:
    path = point_file(run_dir, epoch)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, *[np.asarray(a, np.float32) for a in arrays])
    os.replace(tmp, path)
    return path


def points(run_dir: Path) -> list[int]:
    """The epochs a run kept, in order (0 = its start)."""
    folder = Path(run_dir) / FOLDER
    found = [int(m.group(1)) for p in folder.glob("epoch-*.npz") if (m := _NAME.match(p.name))] if folder.is_dir() else []
    return sorted(found)


def load_point(run_dir: Path, epoch: int) -> list[np.ndarray]:
    with np.load(point_file(run_dir, epoch)) as f:
        return [f[f"arr_{i}"] for i in range(len(f.files))]


class PathKeeper(keras.callbacks.Callback):
    """Saves the trainable weights at the start (when the run begins at epoch 0, or no start is kept yet) and
    after each epoch, within `limit_mb`."""

    def __init__(self, run_dir: Path, first_epoch: int, limit_mb: float) -> None:
        super().__init__()
        self.run_dir, self.first_epoch, self.limit = Path(run_dir), first_epoch, limit_mb * 1e6

    def _save(self, epoch: int) -> None:
        arrays = [v.numpy() for v in self.model.trainable_variables]
        size = sum(a.size for a in arrays) * 4
        kept = len(points(self.run_dir))
        if (kept + 1) * size <= self.limit:
            save_point(self.run_dir, epoch, arrays)

    def on_train_begin(self, logs=None):
        if not point_file(self.run_dir, self.first_epoch).exists():
            self._save(self.first_epoch)

    def on_epoch_end(self, epoch, logs=None):
        self._save(epoch + 1)
