"""The article's third pitfall: a loss returned by a custom `test_step` is not what `fit` reports."""

from __future__ import annotations

import csv
import json

import keras
import numpy as np
import pytest

from workbench.analysis import diagnostics
from workbench.core.article import ARTICLE_ROWS, cells, header
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.data import prepare
from workbench.training import trainer

from helpers import SMALL, run_cli


def true_mean_loss(model_path, config: TrainConfig) -> float:
    """The model's mean sum-of-squares loss over the run's validation images, computed here in numpy."""
    data = prepare(config)
    model = keras.saving.load_model(model_path)
    out = np.asarray(model.predict(data.x_test.astype("float32") / data.scale, verbose=0), dtype=np.float64)
    onehot = np.eye(10)[data.y_test]
    return float(np.mean(np.sum((out - onehot) ** 2, axis=1)))


@pytest.fixture(scope="module")
def returned(tmp_path_factory):
    config = TrainConfig(method="custom", loss_report="returned", **SMALL)
    return config, trainer.train(config, tmp_path_factory.mktemp("runs"))


def test_a_returned_loss_is_reported_as_keras_does_and_the_true_one_is_kept(returned):
    config, result = returned
    summary = result.summary
    assert summary.status == "completed"
    with open(result.folder.path / "history.csv") as f:
        logged = [float(row["val_loss"]) for row in csv.DictReader(f)]
    assert logged == [0.0] * config.epochs  # Keras 3: the untouched compiled-loss tracker, every epoch
    assert summary.final["val_loss"] == 0.0
    assert summary.final["loss"] > 0.1  # training loss is reported as usual
    assert summary.wrong == {"val_loss": 3}
    with open(result.folder.path / "true_history.csv") as f:
        true_rows = list(csv.DictReader(f))
    assert [int(r["epoch"]) for r in true_rows] == list(range(1, config.epochs + 1))
    true = true_mean_loss(result.folder.path / "model.keras", config)
    assert summary.true_final["val_loss"] == pytest.approx(true, rel=1e-4)
    assert summary.true_final["val_accuracy"] == pytest.approx(summary.final["val_accuracy"], abs=1e-6)


def test_the_tracked_loss_is_the_true_one(tmp_path):
    config = TrainConfig(method="custom", **SMALL)
    result = trainer.train(config, tmp_path)
    assert result.summary.final["val_loss"] == pytest.approx(true_mean_loss(result.folder.path / "model.keras",
                                                                            config), rel=1e-4)
    assert result.summary.wrong == {} and not (result.folder.path / "true_history.csv").exists()


def test_only_the_custom_method_can_return_its_loss():
    with pytest.raises(ConfigError, match="goes with --method custom"):
        TrainConfig(method="fit", loss_report="returned")
    p = run_cli("train", "--method", "tape", "--loss-report", "returned", "--epochs", "1")
    assert p.returncode == 2
    assert p.stderr.strip().endswith("argument --loss-report: goes with --method custom (only a custom test_step "
                                     "returns its own loss)")


def test_train_on_the_command_line_reports_the_wrong_loss_and_keeps_the_true_one(tmp_path):
    p = run_cli("train", "--method", "custom", "--loss-report", "returned", "--epochs", "1", "--train-limit", "640",
                "--val-limit", "200", "--runs-dir", str(tmp_path), "--json")
    assert p.returncode == 0, p.stderr
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    assert summary["final"]["val_loss"] == 0.0
    assert summary["true_final"]["val_loss"] > 0.1 and summary["wrong"] == {"val_loss": 3}


def test_explain_names_the_mechanism_and_measures_the_true_loss():
    config = TrainConfig(method="custom", loss_report="returned", train_limit=256)
    report = diagnostics.explain(config)
    measured = report["loss_report"]
    assert measured["mode"] == "returned" and measured["reported_val_loss"] == 0.0
    # the same seeded model on the same batch, scored in numpy
    x, y, data = diagnostics.first_batch(config)
    out = np.asarray(diagnostics._model(config, data)(x, training=False), dtype=np.float64)
    true = float(np.mean(np.sum((out - np.eye(10)[y]) ** 2, axis=1)))
    assert measured["true_val_loss"] == pytest.approx(true, rel=1e-5)
    assert 3 in report["findings"]
    warning = next(w for w in report["warnings"] if w.startswith("loss_report returned"))
    assert "metric trackers" in warning and "keep the loss in compile" in warning
    assert f"{true:.4g}" in warning

    tracked = diagnostics.explain(config.replace(loss_report="tracked"))
    assert tracked["loss_report"]["reported_val_loss"] == pytest.approx(true, rel=1e-5)
    assert 3 not in tracked["findings"] and not tracked["warnings"]
    assert diagnostics.explain(TrainConfig(method="fit", train_limit=256))["loss_report"] is None


def test_reproduce_has_the_third_finding_with_both_losses(tmp_path):
    row = ARTICLE_ROWS[-1]
    assert (row.method, row.loss_report, row.finding) == ("custom", "returned", 3)
    [result] = diagnostics.reproduce(tmp_path, epochs=1, train_limit=320, val_limit=100, rows=[row])
    assert result["measured_val_loss"] == 0.0
    assert result["true_val_loss"] > 0.1 and result["measured_train_loss"] > result["measured_val_loss"]
    shown = dict(zip(header(), cells(result), strict=True))
    assert shown["val loss (Keras)"] == "0.0000" and shown["val loss (true)"] == f"{result['true_val_loss']:.4f}"
    assert shown["finding"] == "finding 3: a loss returned by test_step"
    assert shown["reported val"] == "val loss far below train loss"
