import hashlib

import numpy as np
import pytest

from workbench.core import data

from helpers import write_npz


def test_shipped_mnist_is_the_real_mnist():
    d = data.load("mnist")
    assert d.x_train.shape == (60000, 28, 28) and d.x_test.shape == (10000, 28, 28)
    assert hashlib.sha256(d.x_train.tobytes()).hexdigest() == (
        "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757")
    assert list(d.y_train[:10]) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    assert d.num_classes == 10 and d.input_shape == (28, 28) and d.scale == 255.0


def test_limits_take_the_first_samples():
    d = data.load("mnist").limited(100, 30)
    assert len(d.x_train) == 100 and len(d.y_test) == 30
    assert list(d.y_train[:3]) == [5, 0, 4]


def good(n=20, shape=(8, 8)):
    return dict(x_train=np.zeros((n, *shape), np.uint8), y_train=np.arange(n) % 3,
                x_test=np.zeros((n // 2, *shape), np.uint8), y_test=np.arange(n // 2) % 3)


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda a: a.pop("y_test"), "missing array(s) y_test"),
        (lambda a: a.update(y_train=a["y_train"][:-1]), "20 samples but y_train has 19"),
        (lambda a: a.update(x_train=np.zeros((20, 64), np.uint8)), "expected (N, H, W)"),
        (lambda a: a.update(x_train=np.full((20, 8, 8), np.nan)), "NaN"),
        (lambda a: a.update(y_train=np.arange(20) - 1), "labels range from -1"),
        (lambda a: a.update(y_train=np.linspace(0, 1, 20)), "not whole numbers"),
        (lambda a: a.update(x_test=np.zeros((0, 8, 8), np.uint8), y_test=np.zeros(0, int)), "x_test is empty"),
        (lambda a: a.update(x_test=np.zeros((10, 9, 9), np.uint8)), "differ in size"),
        (lambda a: a.update(x_train=np.array([["a"] * 8] * 8 * 20).reshape(20, 8, 8)), "pixels must be numbers"),
    ],
)
def test_each_dataset_fault_has_its_own_message(tmp_path, change, words):
    arrays = good()
    change(arrays)
    path = write_npz(tmp_path / "bad.npz", **arrays)
    with pytest.raises(data.DatasetError) as err:
        data.load(str(path))
    assert words in str(err.value)
    assert "bad.npz" in str(err.value)


def test_missing_and_non_npz_files(tmp_path):
    with pytest.raises(data.DatasetError, match="cannot read"):
        data.load(str(tmp_path / "nope.npz"))
    junk = tmp_path / "junk.npz"
    junk.write_text("not a zip")
    with pytest.raises(data.DatasetError, match="not a readable .npz"):
        data.load(str(junk))


def test_colour_images_of_any_size_load(tiny_npz):
    d = data.load(str(tiny_npz))
    assert d.input_shape == (12, 12, 3) and d.num_classes == 3
