"""Models leave the workbench: every saved model loads in plain Keras, and exports load as their users load them."""

from __future__ import annotations

import json
import subprocess
import sys

import keras
import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.training import models, trainer
from workbench.training.methods.custom import CustomStepModel

from helpers import run_cli, tflite_predict, validation_images

# every method, loss, metric and model at least once
COMBOS = [
    ("tape", "sum_mse", "auto", "mlp"),
    ("fit", "keras_mse", "categorical", "mlp"),
    ("custom", "crossentropy", "categorical_on_sparse", "cnn"),
    ("custom", "sum_mse", "sparse", "mlp"),
    ("fit", "crossentropy", "auto", "cnn"),
    ("tape", "keras_mse", "categorical_on_sparse", "mlp"),
]

PLAIN_KERAS = r"""
import json, sys
import keras, numpy as np
x = np.load(sys.argv[1])["x"]
out = {}
for path in json.loads(sys.argv[2]):
    model = keras.saving.load_model(path)  # compile too: nothing of the workbench is needed
    out[path] = model.predict(x, verbose=0).tolist()
assert not any(name == "workbench" or name.startswith("workbench.") for name in sys.modules)
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    runs_dir = tmp_path_factory.mktemp("portable")
    return [trainer.train(TrainConfig(method=method, loss=loss, metric=metric, model=model, epochs=2,
                                      train_limit=320, val_limit=100), runs_dir)
            for method, loss, metric, model in COMBOS]


def workbench_predictions(result, weights: str, x: np.ndarray) -> np.ndarray:
    """What the workbench's own model (its training class, the checkpoint's weights) predicts."""
    c = result.folder.config()
    cls = CustomStepModel if c["method"] == "custom" else keras.Sequential
    model = models.build(c["model"], x.shape[1:], 10, c["seed"], cls)
    model.load_weights(result.folder.path / "checkpoint" / weights)
    return model.predict(x, verbose=0)


def test_every_saved_model_loads_in_plain_keras_and_predicts_the_same(runs, tmp_path):
    x = validation_images()
    np.savez(tmp_path / "x.npz", x=x)
    paths = [str(r.folder.path / name) for r in runs for name in ("model.keras", "best.keras")]
    p = subprocess.run([sys.executable, "-c", PLAIN_KERAS, str(tmp_path / "x.npz"), json.dumps(paths)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    loaded = json.loads(p.stdout.strip().splitlines()[-1])
    for result in runs:
        for name, weights in (("model.keras", "model.weights.h5"), ("best.keras", "best.weights.h5")):
            theirs = np.array(loaded[str(result.folder.path / name)])
            np.testing.assert_allclose(theirs, workbench_predictions(result, weights, x), rtol=1e-5, atol=1e-6,
                                       err_msg=f"{result.summary.run_id}/{name}")


@pytest.mark.parametrize("fmt", ["keras", "savedmodel", "tflite"])
def test_export_model_writes_what_its_users_load(runs, tmp_path, fmt):
    result = runs[2]  # custom, cnn: the class plain Keras never knew
    out = tmp_path / {"keras": "m.keras", "savedmodel": "served", "tflite": "m.tflite"}[fmt]
    p = run_cli("export-model", "--runs-dir", str(result.folder.path.parent), "--run", result.summary.run_id,
                "--format", fmt, "--out", str(out), "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout.strip().splitlines()[-1])["path"] == str(out)
    x = validation_images()
    expected = workbench_predictions(result, "model.weights.h5", x)
    if fmt == "keras":
        got = keras.saving.load_model(out).predict(x, verbose=0)
    elif fmt == "savedmodel":
        import tensorflow as tf

        got = tf.saved_model.load(str(out)).signatures["serving_default"](tf.constant(x))
        got = next(iter(got.values())).numpy()
    else:
        got = tflite_predict(out, x)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)
    assert np.array_equal(got.argmax(1), expected.argmax(1))


def test_export_model_says_what_is_wrong(runs, tmp_path):
    result = runs[0]
    args = ("export-model", "--runs-dir", str(result.folder.path.parent), "--run", result.summary.run_id)
    wrong_suffix = run_cli(*args, "--format", "keras", "--out", str(tmp_path / "m.h5"))
    assert wrong_suffix.returncode == 2 and "--out" in wrong_suffix.stderr and ".keras" in wrong_suffix.stderr
    bad_format = run_cli(*args, "--format", "onnx")
    assert bad_format.returncode == 2 and "--format" in bad_format.stderr
    missing = run_cli("export-model", "--runs-dir", str(tmp_path), "--run", "nope")
    assert missing.returncode == 2 and "no run 'nope'" in missing.stderr
    assert not list(tmp_path.glob("*.h5"))


def test_an_old_run_saved_with_the_workbench_class_still_exports(runs, tmp_path):
    """Run folders written before models were saved as plain Keras hold a CustomStepModel."""
    import shutil

    old = tmp_path / "runs" / runs[3].summary.run_id
    shutil.copytree(runs[3].folder.path, old)
    model = models.build("mlp", (28, 28), 10, 0, CustomStepModel)
    model.load_weights(old / "checkpoint" / "model.weights.h5")
    model.save(old / "model.keras")
    from workbench.training.model_export import export_model

    out = export_model(old, "keras", tmp_path / "new.keras")
    x = validation_images(20)
    np.testing.assert_allclose(keras.saving.load_model(out).predict(x, verbose=0),
                               model.predict(x, verbose=0), rtol=1e-6, atol=1e-7)
    assert type(keras.saving.load_model(out)) is keras.Sequential
