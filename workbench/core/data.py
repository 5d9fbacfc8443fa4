"""Datasets: the shipped MNIST, any .npz of the same layout, or a folder of images (`image_folder`), loaded and
checked.

Only numpy here (an image folder is read by Keras, imported when one is loaded), so the window can check a
dataset file without loading TensorFlow. Each fault gets its own message, naming the file and the array.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from workbench.core.config import ConfigError, TrainConfig

KEYS = ("x_train", "y_train", "x_test", "y_test")
MAX_CLASSES = 1000


class DatasetError(ValueError):
    """The dataset cannot be used; the message says why."""


@dataclass(frozen=True)
class ImageData:
    """Checked arrays: images (N, H, W) or (N, H, W, C) and integer labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    num_classes: int
    source: str
    class_names: tuple[str, ...] = ()  # an image folder's class folders or a CSV's labels, in sorted order
    feature_names: tuple[str, ...] = ()  # a CSV's feature columns (its samples are rows, not images)

    @property
    def tabular(self) -> bool:
        """Rows of numeric features (a CSV), not images."""
        return self.x_train.ndim == 2

    def feature_stats(self) -> tuple[np.ndarray, np.ndarray]:
        """The training rows' mean and variance per feature: what the model's Normalization layer holds."""
        x = self.x_train.astype(np.float64)
        return x.mean(axis=0).astype(np.float32), x.var(axis=0).astype(np.float32)

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.x_train.shape[1:])

    @property
    def scale(self) -> float:
        """Pixels are divided by this: 255 for integer pixels, 1 for float pixels."""
        return 255.0 if np.issubdtype(self.x_train.dtype, np.integer) else 1.0

    def limited(self, train_limit: int = 0, val_limit: int = 0) -> ImageData:
        """The first N samples of each split (0 = all)."""
        tr = slice(None, train_limit or None)
        va = slice(None, val_limit or None)
        return ImageData(
            self.x_train[tr], self.y_train[tr], self.x_test[va], self.y_test[va],
            self.num_classes, self.source, self.class_names, self.feature_names,
        )


def shipped_mnist() -> Path:
    """The MNIST copy inside the package (works from a wheel or the source tree)."""
    return Path(str(resources.files("workbench") / "resources" / "mnist.npz"))


def resolve(dataset: str) -> Path:
    return shipped_mnist() if dataset == "mnist" else Path(dataset).expanduser()


_CACHE: dict[tuple, ImageData] = {}


def is_folder(dataset: str) -> bool:
    """An image folder (not `mnist`, not a file)."""
    return dataset != "mnist" and Path(dataset).expanduser().is_dir()


def load(dataset: str, image_size: str = "", color: str = "auto", val_split: float = 0.2,
         seed: int = 0, label_column: str = "label") -> ImageData:
    """Loads and checks `mnist`, a path to an .npz, an image folder (`image_folder`, which reads the size,
    colour, split and seed) or a CSV file (`table_data`: the label column, split and seed); cached per path,
    mtime and those."""
    path = resolve(dataset)
    try:
        key: tuple = (str(path.resolve()), path.stat().st_mtime)
    except OSError as exc:
        raise DatasetError(f"dataset: cannot read {path}: {exc.strerror or exc}") from None
    if path.is_dir():
        key += (image_size, color, val_split, seed)
    elif path.suffix.lower() == ".csv":
        key += (label_column, val_split, seed)
    if key not in _CACHE:
        _CACHE.clear()
        if path.is_dir():
            from workbench.core import image_folder

            _CACHE[key] = image_folder.load(path, image_size, color, val_split, seed)
        elif path.suffix.lower() == ".csv":
            from workbench.core import table_data

            _CACHE[key] = table_data.load(path, label_column, val_split, seed)
        else:
            _CACHE[key] = _load_npz(path)
    return _CACHE[key]


def _load_npz(path: Path) -> ImageData:
    name = path.name
    if path.is_dir():
        raise DatasetError(f"dataset: {path} is a folder, not an .npz file")
    try:
        with np.load(path, allow_pickle=False) as npz:
            missing = [k for k in KEYS if k not in npz.files]
            if missing:
                raise DatasetError(
                    f"dataset {name}: missing array(s) {', '.join(missing)}; "
                    f"an .npz needs {', '.join(KEYS)}"
                )
            arrays = {k: npz[k] for k in KEYS}
    except DatasetError:
        raise
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise DatasetError(f"dataset {name}: not a readable .npz file ({exc})") from None
    except OSError as exc:
        raise DatasetError(f"dataset: cannot read {path}: {exc.strerror or exc}") from None
    return check(arrays, source=str(path))


def check(arrays: dict[str, np.ndarray], source: str = "arrays") -> ImageData:
    """Checks shapes, types and values; returns ImageData or raises DatasetError."""
    name = Path(source).name
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype == object or y.dtype == object:
            raise DatasetError(f"dataset {name}: x_{split}/y_{split} hold Python objects, not numbers")
        if not (np.issubdtype(x.dtype, np.integer) or np.issubdtype(x.dtype, np.floating)):
            raise DatasetError(f"dataset {name}: x_{split} has dtype {x.dtype}; pixels must be numbers")
        if len(x) == 0:
            raise DatasetError(f"dataset {name}: x_{split} is empty")
        if x.ndim not in (3, 4):
            raise DatasetError(
                f"dataset {name}: x_{split} has shape {x.shape}; expected (N, H, W) or (N, H, W, C)"
            )
        if y.ndim != 1:
            raise DatasetError(f"dataset {name}: y_{split} has shape {y.shape}; expected (N,) integer labels")
        if len(x) != len(y):
            raise DatasetError(
                f"dataset {name}: x_{split} has {len(x)} samples but y_{split} has {len(y)}"
            )
        if np.issubdtype(x.dtype, np.floating) and not np.isfinite(x).all():
            raise DatasetError(f"dataset {name}: x_{split} holds NaN or infinite pixels")
        if np.issubdtype(y.dtype, np.floating):
            if not np.isfinite(y).all() or not np.all(y == np.round(y)):
                raise DatasetError(f"dataset {name}: y_{split} holds labels that are not whole numbers")
        elif not np.issubdtype(y.dtype, np.integer):
            raise DatasetError(f"dataset {name}: y_{split} has dtype {y.dtype}; labels must be integers")
    if arrays["x_train"].shape[1:] != arrays["x_test"].shape[1:]:
        raise DatasetError(
            f"dataset {name}: train images {arrays['x_train'].shape[1:]} and test images "
            f"{arrays['x_test'].shape[1:]} differ in size"
        )
    y_train = arrays["y_train"].astype(np.int64)
    y_test = arrays["y_test"].astype(np.int64)
    low = min(y_train.min(), y_test.min())
    high = max(y_train.max(), y_test.max())
    if low < 0 or high >= MAX_CLASSES:
        raise DatasetError(
            f"dataset {name}: labels range from {low} to {high}; allowed 0 to {MAX_CLASSES - 1}"
        )
    return ImageData(
        arrays["x_train"], y_train.astype(np.int32), arrays["x_test"], y_test.astype(np.int32),
        num_classes=int(max(high + 1, 2)), source=source,
    )


def steps_per_epoch(n: int, batch_size: int) -> int:
    """Batches in an epoch of n samples (the last one may be partial)."""
    return max(1, -(-n // max(1, batch_size)))


def prepare(config: TrainConfig) -> ImageData:
    """The run's data: loaded, checked, limited; the batch must fit (ConfigError/DatasetError)."""
    data = load(config.dataset, config.image_size, config.color, config.val_split, config.seed,
                config.label_column).limited(config.train_limit, config.val_limit)
    n = len(data.x_train)
    if config.batch_size > n:
        raise ConfigError(
            "batch_size", f"{config.batch_size} is larger than the {n} training samples; allowed 1 to {n}"
        )
    return data
