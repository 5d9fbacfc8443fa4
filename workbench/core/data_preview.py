"""What a dataset holds, before anything trains: its classes with their counts in training and validation, and a
few samples of each class (images, or a CSV's rows).

Fast on purpose (the window shows it as the dataset is chosen): an image folder is only listed and a handful of
its files decoded with Pillow — not read through Keras — so its validation counts are the expected share
(`val_split`) when it has no test/ folder, Keras's own split being drawn at training. No TensorFlow, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from workbench.core.config import TrainConfig

PER_CLASS = 3


@dataclass
class Preview:
    """Class names, per-class counts, samples (image arrays or feature rows) with their class index."""

    class_names: list[str]
    train_counts: list[int]
    val_counts: list[int]
    samples: list[np.ndarray] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    feature_names: tuple[str, ...] = ()
    shape: tuple[int, ...] = ()  # one sample's
    estimated_split: bool = False  # validation counts are the expected share, not yet drawn


def _picked(y: np.ndarray, k: int, per_class: int) -> list[int]:
    return [int(i) for c in range(k) for i in np.flatnonzero(y == c)[:per_class]]


def preview(config: TrainConfig, per_class: int = PER_CLASS) -> Preview:
    """The preview of `config.dataset` (DatasetError with one message when it cannot be read)."""
    from workbench.core import data

    if data.is_folder(config.dataset):
        return _folder(Path(config.dataset).expanduser(), config.val_split, per_class)
    loaded = data.load(config.dataset, val_split=config.val_split, seed=config.seed,
                       label_column=config.label_column)
    k = loaded.num_classes
    names = list(loaded.class_names) or [str(c) for c in range(k)]
    picked = _picked(loaded.y_train, k, per_class)
    return Preview(names, np.bincount(loaded.y_train, minlength=k).tolist(),
                   np.bincount(loaded.y_test, minlength=k).tolist(), [loaded.x_train[i] for i in picked],
                   [int(loaded.y_train[i]) for i in picked], loaded.feature_names, loaded.input_shape)


def _folder(root: Path, val_split: float, per_class: int) -> Preview:
    from PIL import Image

    from workbench.core import image_folder

    layout = image_folder.scan(root)
    names = list(layout.class_names)
    if "all" in layout.splits:
        total = layout.counts("all")
        val = [round(n * val_split) for n in total]
        train = [n - v for n, v in zip(total, val, strict=True)]
        files = layout.files["all"]
    else:
        train = layout.counts("train")
        val = layout.counts("test") if "test" in layout.splits else [0] * len(names)
        files = layout.files["train"]
    samples, labels = [], []
    for c, name in enumerate(names):
        for path in files[name][:per_class]:
            with Image.open(path) as image:
                samples.append(np.asarray(image.convert("L" if image.mode in ("L", "1", "I", "I;16") else "RGB")))
            labels.append(c)
    shape = samples[0].shape if samples else ()
    return Preview(names, train, val, samples, labels, (), tuple(shape), estimated_split="all" in layout.splits)
