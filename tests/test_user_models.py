"""The user's own network: a Python file's build function or a saved .keras model, trained by every method from
the same weights; its file kept in the run folder and run again only when this machine wrote it; one clear line
for each bad model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keras
import numpy as np
import pytest

from workbench.cli import main as cli_main
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.model_source import COPY_KERAS, COPY_PY
from workbench.training import trainer

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "convnet.py"
SMALL = dict(train_limit=320, val_limit=64, epochs=1, seed=4)

BAD = '''
import keras

def not_model(input_shape, num_classes):
    return [1, 2]

def five(input_shape, num_classes):
    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(), keras.layers.Dense(5)])

def wrong_input(input_shape, num_classes):
    return keras.Sequential([keras.Input((7, 7, 3)), keras.layers.Flatten(), keras.layers.Dense(num_classes)])

def raises(input_shape, num_classes):
    raise RuntimeError("boom")

class Small(keras.Model):
    def __init__(self, num_classes, **kwargs):
        super().__init__(**kwargs)
        self.flat = keras.layers.Flatten()
        self.hidden = keras.layers.Dense(32, activation="relu")
        self.out = keras.layers.Dense(num_classes)

    def call(self, x):
        return self.out(self.hidden(self.flat(x)))

def subclassed(input_shape, num_classes):
    return Small(num_classes)
'''


@pytest.fixture
def model_files(tmp_path):
    (tmp_path / "models.py").write_text(BAD)
    (tmp_path / "broken.py").write_text("import not_a_module_anywhere\n")
    lam = keras.Sequential([keras.Input((28, 28)), keras.layers.Lambda(lambda x: x * 2.0), keras.layers.Flatten(),
                            keras.layers.Dense(10)])
    lam.save(tmp_path / "lambda.keras")
    return tmp_path


def weights(run_dir: Path) -> list[np.ndarray]:
    return keras.saving.load_model(run_dir / "model.keras").get_weights()


def test_a_subclassed_model_trains_in_every_method_and_keeps_its_weights(model_files, tmp_path, monkeypatch,
                                                                         capsys):
    spec = f"{model_files / 'models.py'}:subclassed"
    finals = []
    for method in ("tape", "fit", "custom"):
        result = trainer.train(TrainConfig(method=method, model=spec, **SMALL), tmp_path / "runs")
        assert result.status == "completed"
        assert (result.folder.path / "model.weights.h5").is_file()  # no get_config: its weights, for its code
        finals.append(result.summary.final["val_accuracy"])
    assert finals[0] == finals[1] == finals[2]
    # its landscape rebuilds it from the run's copy of its code: only with the user's word on another machine
    line = ["landscape", "--run", result.folder.path.name, "--kind", "line", "--grid", "3", "--samples", "64",
            "--runs-dir", str(tmp_path / "runs")]
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "elsewhere"))
    assert cli_main(line) == 2
    assert "argument --trust-model-code: " in capsys.readouterr().err
    assert cli_main([*line, "--trust-model-code", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out.strip().splitlines()[-1])["loss"]) == 3


@pytest.mark.parametrize(("spec", "says"), [
    ("{dir}/nope.py:build", "{dir}/nope.py: no such file"),
    ("{dir}/broken.py:build", "{dir}/broken.py raised ModuleNotFoundError on import: No module named "
                              "'not_a_module_anywhere'"),
    ("{dir}/models.py:missing", "{dir}/models.py has no function missing(input_shape, num_classes)"),
    ("{dir}/models.py:not_model", "{dir}/models.py:not_model returned list, not a keras.Model"),
    ("{dir}/models.py:five", "the model's output has shape (5,); the data has 10 classes: end the model with "
                             "Dense(10)"),
    ("{dir}/models.py:wrong_input", "the model takes inputs of shape (7, 7, 3); the data's samples have shape "
                                    "(28, 28)"),
    ("{dir}/models.py:raises", "raised RuntimeError: boom"),
    ("{dir}/lambda.keras", "{dir}/lambda.keras holds Python code (a Lambda layer), which Keras's safe_mode does "
                           "not run: if you trust the file, give --trust-model-code"),
    ("{dir}/models.py", "write FILE.py:FUNCTION, the function that builds the model"),
    ("{dir}/model.txt", "is not a model: give mlp, cnn, FILE.py:FUNCTION or FILE.keras"),
])
def test_a_bad_model_gets_one_clear_line_and_no_run_folder(model_files, capsys, spec, says):
    runs = model_files / "runs"
    code = cli_main(["train", "--model", spec.format(dir=model_files), "--train-limit", "64", "--val-limit", "32",
                     "--epochs", "1", "--runs-dir", str(runs)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert err[0].startswith("workbench train: error: argument --model: ") and says.format(dir=model_files) in err[0]
    assert not runs.exists() or not any(runs.iterdir())


def test_a_saved_model_gives_its_architecture_with_fresh_weights_from_the_seed(model_files, tmp_path):
    source = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(16, activation="relu"),
                               keras.layers.Dense(10)])
    source.save(tmp_path / "arch.keras")
    ends = [trainer.train(TrainConfig(model=str(tmp_path / "arch.keras"), **SMALL),
                          tmp_path / "runs") for _ in range(2)]
    a, b = weights(ends[0].folder.path), weights(ends[1].folder.path)
    assert [w.shape for w in a] == [w.shape for w in source.get_weights()]
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))  # the same seed: the same weights
    assert not np.array_equal(a[0], source.get_weights()[0])  # fresh, not the file's
    assert (ends[0].folder.path / COPY_KERAS).is_file()
    # a Lambda layer runs only when the user says so
    with pytest.raises(ConfigError, match="safe_mode"):
        trainer.train(TrainConfig(model=str(model_files / "lambda.keras"), **SMALL), tmp_path / "runs")
    trusted = trainer.train(TrainConfig(model=str(model_files / "lambda.keras"), **SMALL), tmp_path / "runs",
                            trust_code=True)
    assert trusted.status == "completed"


def test_a_run_is_rebuilt_from_its_own_copy_and_code_from_elsewhere_needs_the_users_word(tmp_path, monkeypatch):
    model = tmp_path / "mine.py"
    model.write_text(EXAMPLE.read_text())
    runs = tmp_path / "runs"
    base = ["--runs-dir", str(runs), "--train-limit", "320", "--val-limit", "64", "--optimizer", "adam",
            "--lr", "0.001"]
    assert cli_main(["train", "--model", f"{model}:build", "--epochs", "2", *base]) == 0
    (run,) = runs.iterdir()
    model.write_text("raise SystemExit('the file changed')\n")  # the original changes: the run has its copy
    assert cli_main(["fork", run.name, "--epoch", "1", "--lr", "0.0005", *base[:2]]) == 0
    # the same folder on another machine (another user's data folder): its code does not run unasked
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "elsewhere"))
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(tmp_path / "elsewhere")}
    refused = subprocess.run([sys.executable, "-m", "workbench", "fork", run.name, "--epoch", "1", "--lr", "0.0002",
                              "--runs-dir", str(runs)], capture_output=True, text=True, timeout=300, env=env)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        f"workbench fork: error: argument --trust-model-code: {run / COPY_PY} is Python code this machine did not "
        "write: read it, then give --trust-model-code to run it")
    assert len(list(runs.iterdir())) == 2  # nothing was made
    assert cli_main(["fork", run.name, "--epoch", "1", "--lr", "0.0002", "--trust-model-code", *base[:2]]) == 0
    assert len(list(runs.iterdir())) == 3


def test_explain_finds_a_softmax_fed_to_a_loss_that_takes_logits(tmp_path, capsys):
    """The classic fourth pitfall, measured on a real batch: found for a softmax model with crossentropy, not for
    the same model with the article's loss, nor for a model that outputs logits."""
    import json

    (tmp_path / "soft.py").write_text(
        "import keras\n"
        "class HandSoftmax(keras.layers.Layer):\n"
        "    def call(self, h):\n"
        "        e = keras.ops.exp(h - keras.ops.max(h, axis=-1, keepdims=True))\n"
        "        return e / keras.ops.sum(e, axis=-1, keepdims=True)\n"
        "def by_hand(input_shape, num_classes):\n"
        "    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(),\n"
        "                             keras.layers.Dense(num_classes), HandSoftmax()])\n"
        "def activation(input_shape, num_classes):\n"
        "    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(),\n"
        "                             keras.layers.Dense(num_classes, activation='softmax')])\n")

    def explain(*argv) -> dict:
        capsys.readouterr()
        assert cli_main(["explain", "--train-limit", "640", "--json", *argv]) == 0
        return json.loads(capsys.readouterr().out.strip().splitlines()[-1])

    found = explain("--model", f"{tmp_path / 'soft.py'}:by_hand", "--loss", "crossentropy")
    assert found["outputs"]["probabilities"] and 4 in found["findings"]
    ratio = found["outputs"]["gradient_ratio"]
    assert ratio < 0.5  # the second softmax shrinks the gradients (its Jacobian's entries are at most 1/4)
    text = next(w for w in found["warnings"] if "softmax is applied twice" in w)
    assert f"{ratio:.2g}x" in text and f"{found['outputs']['crossentropy_as_logits']:.3f}" in text
    assert "Dense(classes)" in text
    # Keras 3 sees through its own softmax: measured equal, said so, no finding
    seen = explain("--model", f"{tmp_path / 'soft.py'}:activation", "--loss", "crossentropy")
    assert seen["outputs"]["probabilities"] and seen["outputs"]["gradient_ratio"] == pytest.approx(1.0, rel=1e-4)
    assert 4 not in seen["findings"] and any("Keras 3 takes the logits under its softmax" in w
                                             for w in seen["warnings"])
    assert 4 not in explain("--model", f"{tmp_path / 'soft.py'}:by_hand", "--loss", "sum_mse")["findings"]
    plain = explain("--loss", "crossentropy")
    assert not plain["outputs"]["probabilities"] and 4 not in plain["findings"]


def test_init_from_file_starts_from_the_saved_models_weights(tmp_path, capsys):
    from workbench.training import weights_path

    saved = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)])
    saved.layers[-1].set_weights([np.full((784, 10), 0.01, np.float32), np.arange(10, dtype=np.float32)])
    saved.save(tmp_path / "start.keras")
    spec = str(tmp_path / "start.keras")
    starts = {}
    for init in ("from-file", "seed"):
        result = trainer.train(TrainConfig(model=spec, init=init, **SMALL), tmp_path / "runs")
        starts[init] = weights_path.load_point(result.folder.path, 0)
    kernel, bias = starts["from-file"]
    np.testing.assert_array_equal(kernel, np.full((784, 10), 0.01, np.float32))
    np.testing.assert_array_equal(bias, np.arange(10, dtype=np.float32))
    assert not np.array_equal(starts["seed"][0], kernel)  # the default: fresh weights from the seed
    code = cli_main(["train", "--init", "from-file", "--epochs", "1", "--runs-dir", str(tmp_path / "runs")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and err[-1].endswith("--init from-file goes with --model FILE.keras: only a saved model has "
                                          "weights")


def test_a_dropout_without_a_seed_still_drops_the_same_units_in_every_method(tmp_path):
    """Keras seeds a layer's generator from the global seed when the layer is made, and the workbench sets it to
    the run's seed just before building: an unseeded Dropout draws the same masks in tape, fit and custom."""
    (tmp_path / "drop.py").write_text(
        "import keras\n"
        "def build(input_shape, num_classes):\n"
        "    return keras.Sequential([keras.Input(input_shape), keras.layers.Flatten(),\n"
        "                             keras.layers.Dense(64, activation='relu'), keras.layers.Dropout(0.5),\n"
        "                             keras.layers.Dense(num_classes)])\n")
    ends = {}
    for method in ("tape", "fit", "custom"):
        result = trainer.train(TrainConfig(method=method, model=f"{tmp_path / 'drop.py'}:build", **SMALL),
                               tmp_path / "runs")
        ends[method] = keras.saving.load_model(result.folder.path / "model.keras").get_weights()
    other = trainer.train(TrainConfig(model=f"{tmp_path / 'drop.py'}:build", **{**SMALL, "seed": 5}),
                          tmp_path / "runs")
    for method in ("fit", "custom"):
        for a, b in zip(ends["tape"], ends[method], strict=True):
            np.testing.assert_array_equal(a, b)
    other_end = keras.saving.load_model(other.folder.path / "model.keras").get_weights()
    assert not np.array_equal(other_end[0], ends["fit"][0])  # another seed, other masks and weights
