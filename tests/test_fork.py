"""What if: a run continued from one of its epochs with other settings is an ordinary run that keeps its
parent's records up to the fork."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.core.stop import StopFlag
from workbench.training import trainer

from helpers import StopAfter, run_cli, weights_of

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


@pytest.fixture(scope="module")
def parent(tmp_path_factory):
    runs = tmp_path_factory.mktemp("runs")
    return trainer.train(TrainConfig(method="fit", train_limit=640, val_limit=100, epochs=3, name="parent"), runs)


def rows(run_dir, upto=None):
    return [{k: r[k] for k in ("epoch", *METRICS)} for r in RunFolder(run_dir).history()
            if upto is None or r["epoch"] <= upto]


def test_a_fork_without_changes_ends_where_its_parent_ended(parent, tmp_path):
    """SGD keeps no optimizer state, and the fork sees the batches the parent saw: the same weights."""
    fork = trainer.fork(parent.folder.path, 1, {}, tmp_path)
    np.testing.assert_array_equal(weights_of(fork.folder.path), weights_of(parent.folder.path))
    assert rows(fork.folder.path) == rows(parent.folder.path)


def test_a_fork_keeps_its_parents_curves_before_the_fork_and_trains_on_with_its_change(parent, tmp_path):
    fork = trainer.fork(parent.folder.path, 2, {"loss": "keras_mse"}, tmp_path)
    folder = RunFolder(fork.folder.path)
    assert rows(fork.folder.path, upto=2) == rows(parent.folder.path, upto=2)  # the parent's record, kept
    assert [r["epoch"] for r in folder.history()] == [1, 2, 3]
    assert rows(fork.folder.path)[2] != rows(parent.folder.path)[2]  # epoch 3 trained with Keras's "mse"
    batches, parents = folder.batches(), RunFolder(parent.folder.path).batches()
    kept = [i for i, e in enumerate(parents["epoch"]) if e <= 2]
    assert batches["loss"][:len(kept)] == [parents["loss"][i] for i in kept]
    assert folder.config()["loss"] == "keras_mse" and folder.config()["seed"] == 0
    status = folder.status()
    assert status["parent"] == {"run_id": parent.summary.run_id, "epoch": 2} and status["status"] == "completed"
    summary = read_run(fork.folder.path)
    assert summary.name == "parent → loss=keras_mse from epoch 2" and summary.epochs_completed == 3


def test_a_stopped_fork_resumes_like_any_run(tmp_path):
    parent = trainer.train(TrainConfig(train_limit=640, val_limit=100, epochs=3, steps_per_execution=1), tmp_path / "p")
    flag = StopFlag()  # (one call per batch: a Stop in mid-epoch 3)
    stopped = trainer.fork(parent.folder.path, 1, {"lr": 0.05}, tmp_path, [StopAfter(flag, 30)], flag)
    assert stopped.status == "stopped" and read_run(stopped.folder.path).epochs_completed == 2
    done = trainer.resume(stopped.folder.path)
    assert done.status == "completed" and [r["epoch"] for r in RunFolder(done.folder.path).history()] == [1, 2, 3]
    alone = trainer.fork(parent.folder.path, 1, {"lr": 0.05}, tmp_path / "alone")
    np.testing.assert_array_equal(weights_of(done.folder.path), weights_of(alone.folder.path))


@pytest.mark.parametrize(("epoch", "changes", "says"), [
    (5, {}, "no weights of epoch 5"),
    (1, {"model": "cnn"}, "a fork can change"),
    (3, {}, "give more than 3 epochs"),
])
def test_a_fork_that_cannot_be_made_says_why(parent, tmp_path, epoch, changes, says):
    with pytest.raises(trainer.CannotFork, match=says):
        trainer.fork(parent.folder.path, epoch, changes, tmp_path)
    assert not list(tmp_path.iterdir())  # no folder for it


def test_the_fork_command(parent, tmp_path):
    runs = parent.folder.path.parent
    p = run_cli("fork", parent.summary.run_id, "--epoch", "2", "--optimizer", "adam", "--lr", "0.001", "--json",
                env_runs=runs)
    assert p.returncode == 0, p.stderr[-2000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    assert doc["optimizer"] == "adam" and doc["lr"] == 0.001 and doc["epochs_completed"] == 3
    bad = run_cli("fork", parent.summary.run_id, "--epoch", "9", env_runs=runs)
    assert bad.returncode == 2 and "--epoch" in bad.stderr.strip().splitlines()[-1]
