"""Runs survive the process: signals, SIGKILL, resume to the same weights."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import keras
import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.training import trainer
from workbench.training.callbacks import StopFlag

from helpers import StopAfter, run_cli, weights_of


def start_cli(runs_dir, *args):
    env = {**os.environ, "WORKBENCH_RUNS_DIR": str(runs_dir)}
    return subprocess.Popen([sys.executable, "-m", "workbench", "train", *args, "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_epochs(runs_dir, n, proc, timeout=300):
    """Until n epochs are recorded and checkpointed."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        for history in runs_dir.glob("*/history.csv"):
            if len(history.read_text().splitlines()) > n and (history.parent / "checkpoint" / "state.json").exists():
                return history.parent
        time.sleep(0.05)
    raise TimeoutError


def relative(a, b):
    return np.linalg.norm(a - b) / np.linalg.norm(a)


def test_sigterm_stops_the_run_keeps_it_and_resume_ends_like_an_uninterrupted_run(tmp_path):
    args = ["--method", "tape", "--optimizer", "adam", "--lr", "0.001", "--epochs", "4",
            "--train-limit", "3000", "--val-limit", "200"]
    proc = start_cli(tmp_path / "stopped", *args)
    run_dir = wait_for_epochs(tmp_path / "stopped", 1, proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["status"] == "stopped" and 1 <= summary["epochs_completed"] < 4
    assert (run_dir / "model.keras").is_file()
    resumed = run_cli("resume", run_dir.name, "--json", env_runs=tmp_path / "stopped")
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout.strip().splitlines()[-1])["epochs_completed"] == 4
    straight = trainer.train(TrainConfig(method="tape", optimizer="adam", lr=0.001, epochs=4, train_limit=3000,
                                         val_limit=200), tmp_path / "straight")
    assert relative(weights_of(straight.folder.path), weights_of(run_dir)) <= 1e-5


def test_a_killed_run_is_interrupted_and_resumes_to_the_same_weights(tmp_path):
    base = dict(method="fit", optimizer="adam", lr=0.001, epochs=5, train_limit=6000, val_limit=200)
    args = ["--method", "fit", "--optimizer", "adam", "--lr", "0.001", "--epochs", "5",
            "--train-limit", "6000", "--val-limit", "200"]
    proc = start_cli(tmp_path / "killed", *args)
    run_dir = wait_for_epochs(tmp_path / "killed", 1, proc)
    proc.kill()
    proc.wait()
    summary = read_run(run_dir)
    assert summary.status == "interrupted"
    # killed after at least one checkpointed epoch and before the last: some, not all, epochs are kept
    assert 1 <= summary.epochs_completed < 5
    listing = json.loads(run_cli("runs", "--json", env_runs=tmp_path / "killed").stdout.strip().splitlines()[-1])
    assert listing[0]["status"] == "interrupted"
    resumed = run_cli("resume", run_dir.name, "--json", env_runs=tmp_path / "killed")
    assert resumed.returncode == 0, resumed.stderr
    done = json.loads(resumed.stdout.strip().splitlines()[-1])
    assert done["status"] == "completed" and done["epochs_completed"] == 5
    history = [r["epoch"] for r in RunFolder(run_dir).history()]
    assert history == [1, 2, 3, 4, 5]
    straight = trainer.train(TrainConfig(**base), tmp_path / "straight")
    assert relative(weights_of(straight.folder.path), weights_of(run_dir)) <= 1e-5




@pytest.mark.parametrize("method, optimizer, lr", [("tape", "adam", 0.001), ("fit", "sgd", 0.01), ("custom", "rmsprop", 0.001)])
def test_stop_then_resume_ends_like_an_uninterrupted_run(tmp_path, method, optimizer, lr):
    # calls of 5 steps (fast mode; Stop is seen at the end of a call)
    cfg = TrainConfig(method=method, optimizer=optimizer, lr=lr, epochs=3, train_limit=1000, val_limit=100,
                      steps_per_execution=5)
    flag = StopFlag()
    stopped = trainer.train(cfg, tmp_path / "a", [StopAfter(flag, 45)], flag)  # 32 batches/epoch: mid-epoch 2
    assert stopped.status == "stopped" and stopped.summary.epochs_completed == 1
    resumed = trainer.resume(stopped.folder.path)
    assert resumed.status == "completed" and resumed.summary.epochs_completed == 3
    steps = resumed.folder.batches()["step"]
    assert steps == list(range(1, 97))  # the partial epoch's rows were replaced, none doubled
    straight = trainer.train(cfg, tmp_path / "b")
    assert relative(weights_of(straight.folder.path), weights_of(resumed.folder.path)) <= 1e-5


def test_resume_without_a_checkpoint_says_why(tmp_path):
    flag = StopFlag()
    flag.set()
    # one call per batch: in fast mode the first call would finish this 10-batch epoch before Stop is seen
    stopped = trainer.train(TrainConfig(epochs=2, train_limit=320, val_limit=100, steps_per_execution=1),
                            tmp_path, [], flag)
    with pytest.raises(trainer.CannotResume, match="before its first epoch ended"):
        trainer.resume(stopped.folder.path)
    p = run_cli("resume", stopped.summary.run_id, "--runs-dir", str(tmp_path))
    assert p.returncode == 1 and "before its first epoch ended" in p.stderr and "Traceback" not in p.stderr


class CountValidation(keras.callbacks.Callback):
    """Stops the run after `stop_after` training batches of the first epoch; counts validation batches."""

    def __init__(self, flag: StopFlag, stop_after: int) -> None:
        super().__init__()
        self.flag, self.stop_after = flag, stop_after
        self.val_batches = 0

    def on_train_batch_end(self, batch, logs=None):
        if batch + 1 >= self.stop_after:
            self.flag.set()

    def on_test_batch_end(self, batch, logs=None):
        self.val_batches += 1


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
@pytest.mark.parametrize(("stop_after", "val_batches"), [(10, 0), (2000 // 32 + 1, 4)])
def test_stop_skips_the_validation_of_an_epoch_it_cuts_short(tmp_path, method, stop_after, val_batches):
    """Mid-epoch, Stop skips validation (the epoch is not recorded anyway, and fit does not wait for its
    test step to compile); a stop that comes as the epoch's last batch ends still validates the whole
    epoch, which is recorded."""
    flag = StopFlag()
    counter = CountValidation(flag, stop_after)
    config = TrainConfig(method=method, train_limit=2000, val_limit=2000, epochs=3, steps_per_execution=1)
    result = trainer.train(config, tmp_path, [counter], flag)
    assert result.summary.status == "stopped"
    assert counter.val_batches == val_batches  # 2000 validation images in batches of 500
    recorded = result.folder.history()
    assert len(recorded) == (0 if val_batches == 0 else 1)
