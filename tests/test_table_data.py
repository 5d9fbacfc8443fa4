"""A CSV file as the dataset (#36): labels as names or numbers, a seeded split, features scaled inside the model,
so the exported .keras, SavedModel and TFLite models take raw rows; each bad file gets one line naming the row and
column."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from workbench.cli import main as cli_main
from workbench.core import data
from workbench.core.config import TrainConfig
from workbench.training import trainer

from helpers import tflite_predict

USER_MODEL = '''
import keras

def build(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)
    x = keras.layers.Dense(16, activation="relu")(inputs)
    return keras.Model(inputs, keras.layers.Dense(num_classes)(x))
'''


def write_csv(path, n=240, seed=0, labels=("high", "low", "mid")):
    """Three classes from a score of features on wildly different scales (raw: 1, 10, 100, 0.1)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)) * [1, 10, 100, 0.1] + [0, 50, -200, 1]
    score = x[:, 0] + x[:, 1] / 10 - x[:, 2] / 100
    cut = np.quantile(score, [1 / 3, 2 / 3])
    y = np.where(score > cut[1], labels[0], np.where(score < cut[0], labels[1], labels[2]))
    lines = ["a,b,kind,c,d"] + [f"{r[0]:.5f},{r[1]:.5f},{k},{r[2]:.5f},{r[3]:.5f}" for r, k in zip(x, y, strict=True)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_csv_is_read_with_its_class_names_and_a_seeded_split(tmp_path):
    path = write_csv(tmp_path / "m.csv")
    loaded = data.load(str(path), label_column="kind", val_split=0.25, seed=1)
    assert loaded.class_names == ("high", "low", "mid") and loaded.feature_names == ("a", "b", "c", "d")
    assert loaded.x_train.shape == (180, 4) and loaded.x_test.shape == (60, 4) and loaded.tabular
    assert loaded.x_train.dtype == np.float32 and loaded.scale == 1.0  # raw: the model scales them
    again = data.load(str(path), label_column="kind", val_split=0.25, seed=1)
    assert np.array_equal(again.x_test, loaded.x_test)
    other = data.load(str(path), label_column="kind", val_split=0.25, seed=2)
    assert not np.array_equal(other.x_test, loaded.x_test)
    numbers = write_csv(tmp_path / "n.csv", labels=("10", "9", "2"))
    assert data.load(str(numbers), label_column="kind").class_names == ("2", "9", "10")  # numerically


def test_a_csv_trains_with_the_mlp_and_a_user_model_and_exports_take_raw_rows(tmp_path, capsys):
    path = write_csv(tmp_path / "m.csv")
    (tmp_path / "user.py").write_text(USER_MODEL)
    runs = tmp_path / "runs"
    common = dict(dataset=str(path), label_column="kind", epochs=3, batch_size=16, optimizer="adam", lr=0.01,
                  loss="crossentropy", dynamics_every=5)
    finals = {}
    for method in ("tape", "fit"):
        result = trainer.train(TrainConfig(method=method, **common), runs)
        finals[method] = keras.saving.load_model(result.folder.path / "model.keras").get_weights()
    for a, b in zip(finals["tape"], finals["fit"], strict=True):
        np.testing.assert_allclose(b, a, rtol=1e-5, atol=1e-6)  # the same seed, the same weights
    assert result.summary.final["val_accuracy"] > 0.8  # learnt, though the raw scales differ 1000-fold
    assert json.loads((result.folder.path / "config.json").read_text())["class_names"] == ["high", "low", "mid"]
    user = trainer.train(TrainConfig(model=f"{tmp_path / 'user.py'}:build", **common), runs)
    assert user.status == "completed" and user.summary.final["val_accuracy"] > 0.6
    run = result.folder.path.name
    assert cli_main(["evaluate", "--run", run, "--json", "--runs-dir", str(runs)]) == 0
    evaluation = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert evaluation["class_names"] == ["high", "low", "mid"]
    rows = data.load(str(path), label_column="kind").x_test  # the raw validation rows, as in the file
    expected = keras.saving.load_model(result.folder.path / "model.keras").predict(rows, verbose=0)
    assert list(expected.argmax(1)) == json.loads((result.folder.path / "evaluation.json").read_text())[
        "predictions"]
    for fmt, out in (("keras", tmp_path / "m.keras"), ("savedmodel", tmp_path / "served"),
                     ("tflite", tmp_path / "m.tflite")):
        assert cli_main(["export-model", "--run", run, "--format", fmt, "--out", str(out), "--runs-dir",
                         str(runs)]) == 0
        if fmt == "keras":
            got = keras.saving.load_model(out).predict(rows, verbose=0)
        elif fmt == "savedmodel":
            import tensorflow as tf

            served = tf.saved_model.load(str(out))
            got = next(iter(served.signatures["serving_default"](tf.constant(rows)).values())).numpy()
        else:
            got = tflite_predict(out, rows)
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize(("text", "extra", "says"), [
    ("a,b\n1,2\n3,4\n", [], "no column 'label'; the columns are a, b: give --label-column NAME"),
    ("a,label\n1,x\nfoo,y\n", [], "line 3, column 'a' holds 'foo', not a number"),
    ("a,b,label\n1,,x\n2,3,y\n", [], "line 2, column 'b' is empty"),
    ("a,label\n1,x\n2,x\n", [], "the label column 'label' holds 1 class(es); at least two are needed"),
    ("a,label\n1,x\n2,y\n3,x\n4,y\n", ["--model", "cnn", "--batch-size", "1"], "argument --model: cnn takes images"),
    ("a,label\n1,x\n2,y\n3,x\n4,y\n", ["--batch-size", "32"], "argument --batch-size: 32 is larger than the 3"),
])
def test_a_bad_csv_gets_one_clear_line(tmp_path, capsys, text, extra, says):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    code = cli_main(["train", "--dataset", str(path), "--epochs", "1", *extra, "--runs-dir", str(tmp_path / "runs")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and says in err[0], err
