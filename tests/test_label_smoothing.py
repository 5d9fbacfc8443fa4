"""Label smoothing (Keras's `label_smoothing` of the cross-entropy): one declared setting, used by the one build
path (objectives.Objective), reaching the three methods, the CLI, forks, experiments and the window."""

from __future__ import annotations

import json

import keras
import numpy as np
import pytest

from workbench.core.config import ConfigError, TrainConfig
from workbench.experiments.grid import make_grid
from workbench.training import trainer
from workbench.training.objectives import Objective

from helpers import run_cli, weights_of

METHODS = ("tape", "fit", "custom")
SMOOTH = dict(loss="crossentropy", label_smoothing=0.2, epochs=1, train_limit=640, val_limit=100)


def test_the_three_methods_train_the_same_weights_with_label_smoothing(tmp_path):
    final = {m: weights_of(trainer.train(TrainConfig(method=m, **SMOOTH), tmp_path).folder.path) for m in METHODS}
    # smoothing needs one-hot labels, so every method computes CategoricalCrossentropy: tape and custom the same
    # loss object (exact); fit through Keras's compiled loss, which reduces in another order (last bits)
    assert np.array_equal(final["custom"], final["tape"])
    assert np.abs(final["fit"] - final["tape"]).max() <= 1e-6
    plain = trainer.train(TrainConfig(method="fit", **{**SMOOTH, "label_smoothing": 0.0}), tmp_path)
    assert not np.array_equal(weights_of(plain.folder.path), final["fit"])  # it changed the training


def test_the_true_loss_is_keras_s_smoothed_cross_entropy():
    rng = np.random.default_rng(0)
    logits, labels = rng.normal(size=(64, 10)).astype("float32"), rng.integers(0, 10, 64)
    keras_loss = keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2)
    expected = float(keras_loss(np.eye(10, dtype="float32")[labels], logits))
    objective = Objective.of(TrainConfig(**SMOOTH))
    assert objective.loss_labels == "onehot"  # also for tape and custom, which are fed integer labels
    assert objective.mean_loss(logits, labels) == pytest.approx(expected, rel=1e-5)
    plain = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(labels, logits)
    unsmoothed = Objective.of(TrainConfig(loss="crossentropy")).mean_loss(logits, labels)
    assert unsmoothed == pytest.approx(float(plain), rel=1e-5) and unsmoothed != pytest.approx(expected, rel=1e-3)


def test_label_smoothing_goes_with_the_cross_entropy_only(tmp_path):
    with pytest.raises(ConfigError, match="label smoothing goes with --loss crossentropy"):
        TrainConfig(loss="sum_mse", label_smoothing=0.1)
    p = run_cli("train", "--label-smoothing", "0.1", "--runs-dir", str(tmp_path))
    assert p.returncode == 2
    assert p.stderr.strip() == ("workbench train: error: argument --label-smoothing: label smoothing goes with "
                                "--loss crossentropy")
    p = run_cli("train", "--loss", "crossentropy", "--label-smoothing", "0.9", "--runs-dir", str(tmp_path))
    assert p.returncode == 2 and "0.9 is out of range; allowed 0 to 0.5" in p.stderr


def test_a_fork_may_change_the_label_smoothing_and_an_experiment_may_vary_it(tmp_path):
    parent = trainer.train(TrainConfig(**{**SMOOTH, "epochs": 2, "label_smoothing": 0.0}), tmp_path)
    p = run_cli("fork", parent.summary.run_id, "--epoch", "1", "--label-smoothing", "0.1", "--json",
                "--runs-dir", str(tmp_path))
    assert p.returncode == 0, p.stderr
    fork = json.loads(p.stdout.splitlines()[-1])
    assert json.loads((tmp_path / fork["run_id"] / "config.json").read_text())["label_smoothing"] == 0.1
    grid = make_grid(TrainConfig(loss="crossentropy"), ["label_smoothing=0,0.1"], "0")
    assert [grid.config(point, 0).label_smoothing for point in grid.points()] == [0.0, 0.1]
