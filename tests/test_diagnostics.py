"""`explain` and `reproduce`: the article's findings, measured here."""

from __future__ import annotations

import json

import pytest

from workbench.analysis.diagnostics import explain
from workbench.core.article import ARTICLE_ROWS, cells
from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run

from helpers import run_cli


@pytest.mark.parametrize("loss, scale", [("keras_mse", 0.1), ("sum_mse", 1.0)])
def test_loss_scale_and_effective_learning_rate_are_measured(loss, scale):
    report = explain(TrainConfig(loss=loss, train_limit=256))
    assert report["loss_scale_vs_sum_mse"] == pytest.approx(scale, rel=1e-5)
    assert report["effective_lr_vs_sum_mse"] == pytest.approx(scale, rel=1e-3)  # SGD: step scales with the loss
    warned = any("keras_mse" in w and "lr 0.1" in w for w in report["warnings"])
    assert warned == (loss == "keras_mse")
    layers = report["update_ratio_per_layer"]  # each layer moves `scale` times as far (#20, in the article's words)
    assert set(layers) == {"dense1", "dense2", "dense3"}
    for layer in layers.values():
        assert layer["vs_sum_mse"] == pytest.approx(scale, rel=1e-3) and 0 < layer["update_ratio"] < 0.1
    assert "Per layer, that step moves the weights by dense1" in report["explanation"]


def test_adam_normalises_the_loss_scale_away():
    report = explain(TrainConfig(loss="keras_mse", optimizer="adam", lr=0.001, train_limit=256))
    assert report["loss_scale_vs_sum_mse"] == pytest.approx(0.1, rel=1e-5)
    assert report["effective_lr_vs_sum_mse"] == pytest.approx(1.0, abs=0.1)
    assert all(v["vs_sum_mse"] == pytest.approx(1.0, abs=0.1) for v in report["update_ratio_per_layer"].values())
    assert not report["warnings"]
    assert "Adam divides the step" in report["explanation"]


def test_resolved_metric_follows_each_methods_label_format():
    report = explain(TrainConfig(method="fit", train_limit=256))
    assert report["resolved_metric"] == "CategoricalAccuracy" and report["label_format"] == "onehot"
    by_method = report["metric_by_method"]
    assert by_method["fit"]["class"] == "CategoricalAccuracy"
    assert by_method["tape"]["class"] == by_method["custom"]["class"] == "SparseCategoricalAccuracy"
    assert by_method["tape"]["label_format"] == by_method["custom"]["label_format"] == "int"
    for m in by_method.values():  # "auto" fed logits is right in every method
        assert m["reported_accuracy"] == pytest.approx(m["true_accuracy"])


def test_the_metric_pitfall_is_warned_and_shown_wrong():
    report = explain(TrainConfig(method="custom", metric="categorical_on_sparse", train_limit=256))
    assert report["resolved_metric"] == "CategoricalAccuracy fed integer labels and argmax outputs"
    assert any("categorical_on_sparse" in w and "accuracy is wrong" in w for w in report["warnings"])


def test_explain_on_the_command_line(tmp_path):
    p = run_cli("explain", "--loss", "keras_mse", "--train-limit", "256", "--json")
    assert p.returncode == 0, p.stderr
    report = json.loads(p.stdout.strip().splitlines()[-1])
    for key in ("loss_scale_vs_sum_mse", "effective_lr_vs_sum_mse", "resolved_metric", "label_format",
                "warnings", "explanation"):
        assert key in report
    assert report["loss_scale_vs_sum_mse"] == pytest.approx(0.1, rel=1e-5)


def test_reproduce_command_json(tmp_path):
    """Every row of the article, trained on a slice: its settings, the run's own final numbers, the findings."""
    p = run_cli("reproduce", "--epochs", "1", "--train-limit", "640", "--val-limit", "200",
                "--runs-dir", str(tmp_path), "--json", timeout=900)
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout.strip().splitlines()[-1])
    assert len(rows) == len(ARTICLE_ROWS) == 9  # the eighth and ninth: findings 2 and 3
    keys = {"method", "loss", "optimizer", "lr", "reported_train_accuracy", "reported_val_accuracy",
            "measured_train_accuracy", "measured_val_accuracy", "run_id"}
    for row, article in zip(rows, ARTICLE_ROWS, strict=True):
        assert keys <= set(row)
        assert (row["method"], row["loss"], row["optimizer"], row["lr"]) == (
            article.method, article.loss, article.optimizer, article.lr)
        # fractions, as Keras, TensorBoard and `train --json` give them: exactly the run's own final numbers
        assert 0 <= row["measured_train_accuracy"] <= 1 and 0 <= row["measured_val_accuracy"] <= 1
        final = read_run(tmp_path / row["run_id"]).final
        assert (row["measured_train_accuracy"], row["measured_val_accuracy"]) == (
            final["accuracy"], final["val_accuracy"])
        for reported in (row["reported_train_accuracy"], row["reported_val_accuracy"]):
            assert reported is None or isinstance(reported, str) or 0.9 <= reported <= 1
    by = {(r["method"], r["loss"], r["lr"], r["metric"], r["optimizer"]): r for r in rows}
    # even on a slice, the article's direction shows: keras_mse at lr 0.01 trails sum_mse
    assert (by["tape", "keras_mse", 0.01, "auto", "sgd"]["measured_val_accuracy"]
            < by["tape", "sum_mse", 0.01, "auto", "sgd"]["measured_val_accuracy"])
    third = rows[-1]  # the article's third finding: Keras's val loss beside the true one
    assert third["loss_report"] == "returned" and third["measured_val_loss"] == 0.0 < third["true_val_loss"]
    assert rows[0]["reported_val_accuracy"] == 0.9661  # the article's 96.61%, as a fraction
    assert "96.61" in cells(rows[0])  # percent only in the table meant for people
