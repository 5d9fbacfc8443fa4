"""A folder of images as a dataset: one sub-folder per class (its name is the class name), or `train/` and `test/`
folders that each hold them. Without `test/`, a seeded share of the files (`val_split`) is held out, as Keras
splits them.

`scan` looks at the folder with the file system only (and Pillow for image headers): classes, file counts, the
images' size and colour, each fault in one message naming the file or folder — fast enough for the window to
check a folder before anything is loaded. `load` reads the images with Keras's own
`keras.utils.image_dataset_from_directory` (its decoding, its resizing, its split, its sorted class numbering)
into the workbench's arrays: uint8 pixels, (N, H, W) for grayscale as MNIST, (N, H, W, 3) for colour. The
arrays live in memory (60,000 MNIST-sized images take 47 MB); a folder larger than `MAX_BYTES` is refused with
the size it would take, not streamed.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from workbench.core.data import DatasetError, ImageData

EXTENSIONS = (".png", ".jpg", ".jpeg", ".bmp", ".gif")  # what image_dataset_from_directory reads
MAX_BYTES = 4 * 2**30
COLORS = ("auto", "grayscale", "rgb")


@dataclass(frozen=True)
class Layout:
    """What a folder holds: its class names (sorted, as Keras numbers them), the folders of its splits, and the
    image files of each split and class."""

    root: Path
    class_names: tuple[str, ...]
    splits: dict[str, Path]  # "train" and "test", or "all" (split by val_split)
    files: dict[str, dict[str, list[Path]]]  # split -> class -> files

    def counts(self, split: str) -> list[int]:
        return [len(self.files[split].get(c, [])) for c in self.class_names]


def _classes(folder: Path) -> dict[str, list[Path]]:
    return {d.name: sorted(f for f in d.rglob("*") if f.suffix.lower() in EXTENSIONS and f.is_file())
            for d in sorted(folder.iterdir()) if d.is_dir() and not d.name.startswith(".")}


def scan(folder: Path) -> Layout:
    """The folder's classes and files; DatasetError when it cannot be a dataset."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DatasetError(f"dataset: {folder} is not a folder")
    if (folder / "train").is_dir():
        splits = {"train": folder / "train"}
        if (folder / "test").is_dir():
            splits["test"] = folder / "test"
    else:
        splits = {"all": folder}
    files = {split: _classes(path) for split, path in splits.items()}
    names = tuple(files["train" if "train" in files else "all"])
    where = splits["train" if "train" in splits else "all"]
    if len(names) < 2:
        raise DatasetError(f"dataset {folder}: {where} has {len(names)} class folder(s); a dataset needs at least "
                           "two, one sub-folder of images per class")
    for split, classes in files.items():
        if split == "test" and tuple(classes) != names:
            raise DatasetError(f"dataset {folder}: test/ has the classes {', '.join(classes) or 'none'}; train/ "
                               f"has {', '.join(names)}: both need the same class folders")
        if not any(classes.values()):
            raise DatasetError(f"dataset {folder}: no image files ({', '.join(EXTENSIONS)}) in {splits[split]}")
        empty = [c for c, f in classes.items() if not f]
        if empty:
            raise DatasetError(f"dataset {folder}: the class folder {splits[split] / empty[0]} holds no image files")
    return Layout(folder, names, splits, files)


def image_format(layout: Layout, image_size: str = "", color: str = "auto") -> tuple[tuple[int, int], str]:
    """(height, width) and grayscale|rgb: as given, else read from the images' headers. Every image is opened
    (headers only), so a corrupt file or a mixed size is named here, not deep inside training."""
    from PIL import Image, UnidentifiedImageError

    sizes: dict[tuple[int, int], Path] = {}
    modes: set[str] = set()
    for classes in layout.files.values():
        for files in classes.values():
            for path in files:
                try:
                    with Image.open(path) as image:
                        image.verify()
                        sizes.setdefault((image.height, image.width), path)
                        modes.add(image.mode)
                except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
                    raise DatasetError(f"dataset {layout.root}: {path} is not a readable image ({exc})") from None
    if image_size:
        size = parse_size(image_size)
    elif len(sizes) > 1:
        (a, pa), (b, pb) = list(sizes.items())[:2]
        raise DatasetError(f"dataset {layout.root}: images differ in size ({pa} is {a[0]}×{a[1]}, {pb} is "
                           f"{b[0]}×{b[1]}); give --image-size H,W to resize them all")
    else:
        size = next(iter(sizes))
    if color == "auto":
        color = "grayscale" if modes <= {"L", "1", "I;16", "I"} else "rgb"
    return size, color


def parse_size(text: str) -> tuple[int, int]:
    """'H,W' -> (H, W); ValueError with what is allowed."""
    try:
        h, w = (int(v) for v in text.replace("x", ",").split(","))
    except ValueError:
        raise ValueError(f"{text!r} is not H,W (two whole numbers, as 28,28)") from None
    if not (1 <= h <= 4096 and 1 <= w <= 4096):
        raise ValueError(f"{text!r}: height and width must be 1 to 4096")
    return h, w


def load(folder: Path, image_size: str = "", color: str = "auto", val_split: float = 0.2,
         seed: int = 0) -> ImageData:
    """The folder's images as ImageData with its class names (see the module docstring)."""
    layout = scan(folder)
    size, color = image_format(layout, image_size, color)
    channels = 1 if color == "grayscale" else 3
    total = sum(sum(layout.counts(s)) for s in layout.splits)
    if total * size[0] * size[1] * channels > MAX_BYTES:
        raise DatasetError(f"dataset {layout.root}: {total} images of {size[0]}×{size[1]}×{channels} would take "
                           f"{total * size[0] * size[1] * channels / 2**30:.1f} GB in memory; allowed "
                           f"{MAX_BYTES / 2**30:.0f} GB: give a smaller --image-size")
    import keras

    common = dict(labels="inferred", label_mode="int", class_names=list(layout.class_names), color_mode=color,
                  image_size=size, batch_size=256, verbose=False)
    with contextlib.redirect_stdout(io.StringIO()):  # Keras prints "Using N files for …" even when not verbose
        if "all" in layout.splits:  # Keras shuffles the files with the seed, then holds out the last share
            train, test = keras.utils.image_dataset_from_directory(
                layout.splits["all"], validation_split=val_split, subset="both", seed=seed, shuffle=True, **common)
        else:
            train = keras.utils.image_dataset_from_directory(layout.splits["train"], shuffle=False, **common)
            test = keras.utils.image_dataset_from_directory(layout.splits["test"], shuffle=False, **common)
    x_train, y_train = _arrays(train, channels)
    x_test, y_test = _arrays(test, channels)
    if not len(x_test):
        raise DatasetError(f"dataset {layout.root}: no validation images: raise --val-split or add a test/ folder")
    return ImageData(x_train, y_train, x_test, y_test, num_classes=len(layout.class_names), source=str(folder),
                     class_names=layout.class_names)


def _arrays(dataset, channels: int) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for x, y in dataset:
        xs.append(np.clip(np.round(x.numpy()), 0, 255).astype(np.uint8))
        ys.append(y.numpy().astype(np.int32))
    if not xs:
        return np.zeros((0,), np.uint8), np.zeros((0,), np.int32)
    x = np.concatenate(xs)
    return (x[..., 0] if channels == 1 else x), np.concatenate(ys)
