"""The drawing pad's preprocessing: a drawn stroke becomes an MNIST-like 28x28 image a model reads."""

import keras
import numpy as np
import pytest

from workbench.analysis.drawing import image_to_mnist, pad_problem, strokes_to_mnist
from workbench.core.data import load

from helpers import digit_strokes


def centre_of_mass(image):
    rows, cols = np.mgrid[0:28, 0:28]
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


@pytest.mark.parametrize("digit", ["1", "0", "7"])
def test_a_drawing_looks_like_an_mnist_digit(digit):
    image = strokes_to_mnist(digit_strokes(digit))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.min() >= 0 and image.max() <= 1
    assert centre_of_mass(image) == pytest.approx((14, 14), abs=0.6)  # centred as MNIST's are
    ink = np.argwhere(image > 0.1)
    height = ink[:, 0].max() - ink[:, 0].min() + 1
    assert 18 <= height <= 21  # scaled to MNIST's 20-pixel box
    mnist = load("mnist")
    same = mnist.x_train[mnist.y_train == int(digit)][:500] / 255.0
    assert image.sum() == pytest.approx(same.sum(axis=(1, 2)).mean(), rel=0.35)  # about as much ink


def test_the_same_drawing_at_any_size_and_place_gives_the_same_image():
    big = strokes_to_mnist(digit_strokes("0", size=280))
    small = strokes_to_mnist([[(x / 4 + 13, y / 4 + 7) for x, y in s] for s in digit_strokes("0", size=280)])
    assert np.abs(big - small).max() < 1e-5


def test_a_model_trained_for_one_epoch_reads_drawn_digits(digit_model_run):
    model = keras.models.load_model(digit_model_run.folder.path / "model.keras", compile=False)
    for digit in ("1", "0"):
        scores = model.predict(strokes_to_mnist(digit_strokes(digit))[None], verbose=0)[0]
        assert int(np.argmax(scores)) == int(digit)


def test_a_scanned_image_is_scaled_and_centred_too():
    scan = np.zeros((100, 60))
    scan[10:90, 25:35] = 1.0  # a thick vertical bar: a '1' in the corner of a large image
    image = image_to_mnist(scan)
    ink = np.argwhere(image > 0.5)
    assert ink[:, 0].max() - ink[:, 0].min() + 1 == 20
    assert centre_of_mass(image) == pytest.approx((14, 14), abs=0.6)
    assert not image_to_mnist(np.zeros((5, 5))).any()


def test_the_pad_says_why_it_cannot_feed_other_images():
    assert pad_problem((28, 28)) is None and pad_problem((28, 28, 1)) is None
    assert "32×32×3" in pad_problem((32, 32, 3))
