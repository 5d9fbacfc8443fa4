"""The LR range test: what it suggests, for every method, and that it changes nothing a run would do."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.training import trainer
from workbench.training.lr_find import lr_find, minimum, steepest, valley

from helpers import run_cli, weights_of


def test_keras_mse_suggests_about_ten_times_the_lr_of_sum_mse():
    """Under SGD Keras's "mse" has gradients 10× smaller than the article's loss: its curve and suggestions sit
    10× further right (#20: within a factor of 2). Full MNIST at batch 32, 300 steps."""
    article = lr_find(TrainConfig(method="tape", loss="sum_mse"))
    keras_mse = lr_find(TrainConfig(method="tape", loss="keras_mse"))
    assert 5 <= keras_mse.suggested_lr / article.suggested_lr <= 20
    assert 5 <= keras_mse.valley_lr / article.valley_lr <= 20
    for result in (article, keras_mse):
        assert result.exploded and len(result.lrs) == len(result.losses) < 300  # stopped where it blew up
        assert result.lrs[0] == pytest.approx(1e-6) and np.all(np.diff(result.lrs) > 0)
        assert result.valley_lr <= result.lrs[int(np.argmin(result.losses))]  # before the minimum
        assert result.minimum_lr == pytest.approx(result.lrs[int(np.argmin(result.losses))] / 10)
        assert result.suggested_lr < result.lrs[-1]


def test_every_method_sees_the_same_curve():
    """The same batches, weights and loss in each method: the same losses at the same learning rates."""
    curves = {m: lr_find(TrainConfig(method=m, train_limit=3200), steps=60) for m in ("tape", "fit", "custom")}
    for method in ("fit", "custom"):
        np.testing.assert_allclose(curves[method].lrs, curves["tape"].lrs)
        np.testing.assert_allclose(curves[method].raw_losses, curves["tape"].raw_losses, rtol=1e-4)


def test_the_test_leaves_a_run_as_it_would_be(tmp_path):
    """Same seed, same run: training after an LR range test gives the weights of training without one."""
    config = TrainConfig(method="fit", train_limit=640, val_limit=100, epochs=1)
    alone = trainer.train(config, tmp_path / "alone")
    lr_find(config, steps=40)
    after = trainer.train(config, tmp_path / "after")
    np.testing.assert_array_equal(weights_of(after.folder.path), weights_of(alone.folder.path))


def test_the_command_prints_its_suggestions_and_json(tmp_path):
    p = run_cli("lr-find", "--train-limit", "2000", "--steps", "50", "--optimizer", "adam", "--json",
                env_runs=tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    assert set(doc) >= {"suggested_lr", "valley_lr", "minimum_lr", "lrs", "losses"}
    assert len(doc["lrs"]) == len(doc["losses"]) <= 50 and doc["optimizer"] == "adam"
    assert "suggested lr (steepest descent)" in p.stderr
    bad = run_cli("lr-find", "--steps", "5", env_runs=tmp_path)
    assert bad.returncode == 2 and "--steps" in bad.stderr.strip().splitlines()[-1]
    assert not list(tmp_path.iterdir())  # no run folder


def synthetic_curve():
    """A range test's shape with known answers: flat, a fall centred on lr 1e-3 (steepest there), the lowest loss
    at 1e-1, then a rise; 301 lrs from 1e-6 to 10 (x = log10 lr)."""
    x = np.linspace(-6, 1, 301)
    loss = 2.0 - np.tanh(2.0 * (x + 3.0))  # falls fastest at x = -3
    rise = x > -1
    loss[rise] = loss[~rise][-1] + 4.0 * (x[rise] + 1.0) ** 2  # lowest at x = -1, then up
    return 10 ** x, loss


def test_steepest_is_where_the_loss_falls_fastest():
    lrs, losses = synthetic_curve()
    assert np.log10(lrs[steepest(lrs, losses)]) == pytest.approx(-3.0, abs=0.05)


def test_valley_is_two_thirds_along_the_longest_fall():
    """A loss flat to index 39, falling strictly to index 160, then rising: the fall runs from 39 to 160, and
    two thirds along it is 39 + 2/3 · 121 ≈ 120 (fastai's code would say 98, halfway)."""
    losses = np.concatenate([np.full(40, 5.0), np.linspace(5.0, 1.0, 121), np.linspace(1.0, 9.0, 60)])
    assert valley(losses) == 120
    noisy = losses + np.where(np.arange(len(losses)) % 2 == 0, 0.0, 1e-3)  # a zig-zag does not change its run much
    assert abs(valley(noisy) - 120) <= 2
    assert valley(np.array([1.0, 2.0])) is None


def test_minimum_suggests_a_tenth_of_the_lowest_losss_lr():
    lrs, losses = synthetic_curve()
    assert np.log10(lrs[minimum(losses)]) == pytest.approx(-1.0, abs=0.03)
    assert minimum(np.array([np.nan, np.nan])) is None


def test_try_trains_each_suggestion_as_an_experiment_and_names_the_winner(tmp_path):
    """`lr-find --try SEEDS`: the rounded suggestions × seeds as an ordinary experiment (its report reads the
    same runs), the winner the best mean final validation accuracy, its interval Student's over the seeds."""
    from statistics import mean

    from workbench.core.runs import RunFolder

    p = run_cli("lr-find", "--train-limit", "640", "--val-limit", "200", "--steps", "40", "--epochs", "1",
                "--try", "0-1", "--json", env_runs=tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    tried = doc["try"]
    suggested = {float(f"{doc[k]:.2g}") for k in ("suggested_lr", "valley_lr", "minimum_lr") if doc[k]}
    assert {row["lr"] for row in tried["tried"]} == suggested
    assert all(row["n"] == 2 and row["low"] <= row["mean"] <= row["high"] for row in tried["tried"])
    assert tried["winner"] == tried["tried"][0]["lr"] == max(tried["tried"], key=lambda r: r["mean"])["lr"]
    report = run_cli("experiment-report", tried["experiment_id"], "--json", env_runs=tmp_path)
    assert report.returncode == 0, report.stderr[-2000:]
    trials = json.loads(report.stdout.strip().splitlines()[-1])["trials"]
    assert len(trials) == 2 * len(suggested)
    for row in tried["tried"]:
        finals = [RunFolder(t["run_dir"]).history()[-1]["val_accuracy"] for t in trials if t["settings"]["lr"] == row["lr"]]
        assert row["mean"] == pytest.approx(mean(finals))
    assert ("winner: lr" in p.stderr) or ("cannot tell these apart" in p.stderr)
