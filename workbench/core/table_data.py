"""A CSV file as a dataset: a header row, one row per sample, a label column (`label_column`, default `label`) and
every other column a numeric feature.

Labels may be numbers or names; the classes are numbered in sorted order (numerically when every label is a whole
number), and their names kept. There is no test file: a seeded share of the rows (`val_split`) is held out. The
features are given to the model raw — float32, unscaled — and the model scales them itself (`models.build` puts a
Keras `Normalization` layer with the training rows' mean and variance in front), so a saved or exported model
takes raw rows. Each fault is one message naming the row and column. Only the standard library and numpy.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

from workbench.core.data import DatasetError, ImageData


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            rows = [row for row in reader if any(cell.strip() for cell in row)]
    except UnicodeDecodeError:
        raise DatasetError(f"dataset {path.name}: not a UTF-8 text file") from None
    except csv.Error as exc:
        raise DatasetError(f"dataset {path.name}: not a readable CSV file ({exc})") from None
    except OSError as exc:
        raise DatasetError(f"dataset: cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        raise DatasetError(f"dataset {path.name}: the file is empty; a CSV needs a header row and one row per sample")
    return [h.strip() for h in header], rows


def _classes(labels: list[str]) -> tuple[str, ...]:
    unique = set(labels)
    try:
        numbers = {label: float(label) for label in unique}
    except ValueError:
        return tuple(sorted(unique))
    if all(v == int(v) for v in numbers.values()):
        return tuple(sorted(unique, key=lambda label: numbers[label]))
    return tuple(sorted(unique))


def load(path: Path, label_column: str = "label", val_split: float = 0.2, seed: int = 0) -> ImageData:
    """The CSV's rows as (N, F) float32 features and integer classes, split by the seed (see the docstring)."""
    path = Path(path)
    header, rows = _rows(path)
    name = path.name
    if label_column not in header:
        raise DatasetError(f"dataset {name}: no column {label_column!r}; the columns are {', '.join(header)}: give "
                           "--label-column NAME")
    target = header.index(label_column)
    features = [i for i in range(len(header)) if i != target]
    if not features:
        raise DatasetError(f"dataset {name}: no feature columns besides {label_column!r}")
    x = np.empty((len(rows), len(features)), np.float32)
    labels = []
    for r, row in enumerate(rows, start=2):  # line numbers as an editor shows them
        if len(row) != len(header):
            raise DatasetError(f"dataset {name}: line {r} has {len(row)} cells; the header has {len(header)}")
        for j, i in enumerate(features):
            cell = row[i].strip()
            if not cell:
                raise DatasetError(f"dataset {name}: line {r}, column {header[i]!r} is empty")
            try:
                value = float(cell)
            except ValueError:
                raise DatasetError(f"dataset {name}: line {r}, column {header[i]!r} holds {cell!r}, not a number; "
                                   "every column but the label must be numeric") from None
            if not math.isfinite(value):
                raise DatasetError(f"dataset {name}: line {r}, column {header[i]!r} is {cell}")
            x[r - 2, j] = value
        if not row[target].strip():
            raise DatasetError(f"dataset {name}: line {r}, the label column {label_column!r} is empty")
        labels.append(row[target].strip())
    names = _classes(labels)
    if len(names) < 2:
        raise DatasetError(f"dataset {name}: the label column {label_column!r} holds {len(names)} class(es); at "
                           "least two are needed")
    number = {n: i for i, n in enumerate(names)}
    y = np.array([number[label] for label in labels], np.int32)
    order = np.random.default_rng(seed).permutation(len(rows))
    n_val = max(1, round(val_split * len(rows)))
    if len(rows) - n_val < 1:
        raise DatasetError(f"dataset {name}: {len(rows)} rows leave none for training after the validation share "
                           f"{val_split:g}")
    val, train = order[:n_val], order[n_val:]
    return ImageData(x[train], y[train], x[val], y[val], num_classes=len(names), source=str(path),
                     class_names=names, feature_names=tuple(header[i] for i in features))
