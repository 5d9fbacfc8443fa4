"""A folder of images as the dataset (#36): read by Keras's image_dataset_from_directory, classes named by their
folders, split by the seed; the three methods agree on it with a user's BatchNorm convnet; each bad folder gets
one line that names what is wrong."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from workbench.cli import main as cli_main
from workbench.core import data
from workbench.core.config import TrainConfig
from workbench.core.model_source import COPY_PY
from workbench.training import trainer

ROOT = Path(__file__).resolve().parents[1]
CONVNET = ROOT / "examples" / "convnet.py"
DIGITS = {"zero": 0, "one": 1, "seven": 7}  # sorted by name: one = 0, seven = 1, zero = 2


def digits_folder(root: Path, per_class: int = 24, test: int = 8, rgb: bool = False) -> Path:
    mnist = data.load("mnist")
    for split, x, y, n in (("train", mnist.x_train, mnist.y_train, per_class),
                           ("test", mnist.x_test, mnist.y_test, test)):
        for name, digit in DIGITS.items():
            (root / split / name).mkdir(parents=True)
            for i in np.flatnonzero(y == digit)[:n]:
                image = Image.fromarray(x[i])
                (image.convert("RGB") if rgb else image).save(root / split / name / f"{i}.png")
    return root


def test_a_folder_is_read_with_its_class_names_and_the_example_writes_one(tmp_path):
    folder = digits_folder(tmp_path / "digits")
    loaded = data.load(str(folder))
    assert loaded.class_names == ("one", "seven", "zero") and loaded.num_classes == 3
    assert loaded.x_train.shape == (72, 28, 28) and loaded.x_train.dtype == np.uint8  # grayscale, as MNIST
    mnist = data.load("mnist")
    first_zero = np.flatnonzero(mnist.y_train == 0)[0]
    zeros = loaded.x_train[loaded.y_train == 2]
    assert any(np.array_equal(z, mnist.x_train[first_zero]) for z in zeros)  # PNG round trip: the same pixels
    rgb = data.load(str(digits_folder(tmp_path / "rgb", rgb=True)))
    assert rgb.x_train.shape == (72, 28, 28, 3)
    resized = data.load(str(folder), image_size="14,14")
    assert resized.x_train.shape == (72, 14, 14)
    # no test/: a seeded share held out; the same seed, the same split
    flat = folder / "train"
    a, b = data.load(str(flat), val_split=0.25, seed=1), data.load(str(flat), val_split=0.25, seed=2)
    assert len(a.x_test) == 18 and len(a.x_train) == 54
    again = data.load(str(flat), val_split=0.25, seed=1)
    assert np.array_equal(a.x_test, again.x_test) and np.array_equal(a.y_test, again.y_test)
    assert not np.array_equal(a.y_test, b.y_test) or not np.array_equal(a.x_test, b.x_test)
    spec = importlib.util.spec_from_file_location("mnist_folder", ROOT / "examples" / "mnist_folder.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    made = example.write(tmp_path / "example", per_class=3)
    assert sorted(p.name for p in (made / "train").iterdir()) == [str(d) for d in range(10)]
    assert data.load(str(made)).x_test.shape == (10, 28, 28)


def test_the_three_methods_agree_on_a_folder_with_a_batchnorm_convnet(tmp_path):
    """#36's first "done when": a functional convnet with BatchNorm, given as file.py:build, on an image folder."""
    import keras

    folder = digits_folder(tmp_path / "digits", per_class=32)
    finals = {}
    for method in ("tape", "fit", "custom"):
        config = TrainConfig(method=method, dataset=str(folder), model=f"{CONVNET}:build", epochs=1,
                             batch_size=16, seed=3, optimizer="adam", lr=0.001)
        result = trainer.train(config, tmp_path / "runs")
        assert result.status == "completed"
        assert (result.folder.path / COPY_PY).read_text() == CONVNET.read_text()  # the run keeps its model file
        finals[method] = keras.saving.load_model(result.folder.path / "model.keras").get_weights()
        assert json.loads((result.folder.path / "config.json").read_text())["class_names"] == ["one", "seven", "zero"]
    assert any(np.any(w != 0) for w in finals["fit"] if w.ndim == 1)  # BatchNorm's statistics moved: it trained
    for method in ("fit", "custom"):
        for a, b in zip(finals["tape"], finals[method], strict=True):
            np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-7)
    # the saved model is plain Keras: it loads and predicts without the workbench or the file
    code = ("import keras, numpy as np, sys; m = keras.saving.load_model(sys.argv[1]); "
            "print(m.predict(np.zeros((2, 28, 28)), verbose=0).shape)")
    out = subprocess.run([sys.executable, "-c", code, str(result.folder.path / "model.keras")],
                         capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().endswith("(2, 3)"), out.stderr[-1500:]


@pytest.mark.parametrize(("make", "extra", "says"), [
    (lambda f: (f / "only").mkdir(parents=True), [], "has 1 class folder(s); a dataset needs at least two"),
    (lambda f: [(f / c).mkdir(parents=True) for c in ("a", "b")], [], "no image files (.png, .jpg, .jpeg, .bmp, .gif) in"),
    ("corrupt", [], "is not a readable image"),
    ("mixed", [], "images differ in size"),
    ("mixed", ["--image-size", "abc"], "argument --image-size: 'abc' is not H,W"),
    ("mismatch", [], "test/ has the classes a; train/ has a, b"),
])
def test_a_bad_folder_gets_one_clear_line(tmp_path, capsys, make, extra, says):
    folder = tmp_path / "bad"
    image = Image.fromarray(np.zeros((8, 8), np.uint8))
    if make in ("corrupt", "mixed"):
        for c in ("a", "b"):
            (folder / c).mkdir(parents=True)
            image.save(folder / c / "0.png")
        if make == "corrupt":
            (folder / "b" / "1.png").write_bytes(b"not a png")
        else:
            Image.fromarray(np.zeros((9, 8), np.uint8)).save(folder / "b" / "1.png")
    elif make == "mismatch":
        for split, classes in (("train", "ab"), ("test", "a")):
            for c in classes:
                (folder / split / c).mkdir(parents=True)
                image.save(folder / split / c / "0.png")
    else:
        make(folder)
    code = cli_main(["train", "--dataset", str(folder), *extra, "--epochs", "1", "--batch-size", "1",
                     "--runs-dir", str(tmp_path / "runs")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and says in err[-1] and len(err) == 1
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())
    if make == "mixed" and not extra:  # the fix the message names works
        assert cli_main(["train", "--dataset", str(folder), "--image-size", "8,8", "--epochs", "1", "--batch-size",
                         "1", "--val-split", "0.5", "--runs-dir", str(tmp_path / "runs"), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["status"] == "completed"  # stdout is the JSON alone
