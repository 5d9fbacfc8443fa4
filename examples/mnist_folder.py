"""Writes a small image-folder dataset made from the MNIST copy shipped with the workbench: one sub-folder of PNG
files per digit, in train/ and test/ (a few MB; made on first use, not kept in the repository).

    python examples/mnist_folder.py [FOLDER] [--per-class N]
    workbench train --dataset examples/mnist-folder --model examples/convnet.py:build --epochs 2

FOLDER defaults to examples/mnist-folder; N (default 300) training images per digit and a fifth as many test
images. An existing folder is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def write(folder: Path, per_class: int = 300) -> Path:
    """The folder, written if it does not exist yet."""
    from PIL import Image

    from workbench.core import data

    folder = Path(folder)
    if folder.is_dir():
        return folder
    mnist = data.load("mnist")
    partial = folder.with_name(folder.name + ".partial")
    for split, x, y, n in (("train", mnist.x_train, mnist.y_train, per_class),
                           ("test", mnist.x_test, mnist.y_test, max(1, per_class // 5))):
        for digit in range(10):
            target = partial / split / str(digit)
            target.mkdir(parents=True, exist_ok=True)
            for i in np.flatnonzero(y == digit)[:n]:
                Image.fromarray(x[i]).save(target / f"{i:05d}.png")
    partial.rename(folder)  # complete or absent: a stopped run leaves no half folder under the name
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parent / "mnist-folder"))
    parser.add_argument("--per-class", type=int, default=300)
    args = parser.parse_args()
    print(write(Path(args.folder), args.per_class))


if __name__ == "__main__":
    main()
