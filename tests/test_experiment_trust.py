"""Experiments whose numbers mean what their names say: seeds are replicates in a search, a search can be
repeated, the pruner spares the first epoch, no password is shown, a crashed or silent worker is noticed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import optuna
import pytest

from workbench.cli import main as cli_main
from workbench.core.config import TrainConfig
from workbench.core.redact import mask
from workbench.core.runs import RunFolder
from workbench.experiments import study as studies
from workbench.experiments import trials as trial_loop
from workbench.experiments.grid import default_storage, make_grid
from workbench.experiments.optuna_internals import missing

TINY = dict(train_limit=256, val_limit=64, epochs=1)


def test_a_tpe_search_trains_every_seed_of_each_setting_and_never_samples_the_seed(tmp_path):
    """3 settings × 2 seeds: 3 trials of 2 runs each; the sampler is told their mean."""
    grid = make_grid(TrainConfig(**TINY), ["lr=0.001:0.1:log"], "0-1", sampler="tpe", trials=3)
    storage = default_storage(tmp_path)
    studies.create(grid, storage, "tpe")
    assert trial_loop.work(storage, "tpe", tmp_path / "runs") == 3
    study = optuna.load_study(study_name="tpe", storage=studies.open_storage(storage))
    assert len(study.trials) == 3 and all(t.state == optuna.trial.TrialState.COMPLETE for t in study.trials)
    for t in study.trials:
        assert set(t.params) == {"lr"}  # never the seed
        runs = t.user_attrs[studies.RUNS_ATTR]
        assert sorted(r["seed"] for r in runs) == [0, 1]
        accuracies = [r["final"]["val_accuracy"] for r in runs]
        assert t.value == pytest.approx(sum(accuracies) / 2)
    doc = studies.report(storage, "tpe")
    assert doc["expected_trials"] == doc["completed_trials"] == 6
    assert len(doc["groups"]) == 3 and all(g["n"] == 2 for g in doc["groups"])
    assert len({t["run_id"] for t in doc["trials"]}) == 6


@pytest.mark.parametrize("sampler", ["random", "tpe"])
def test_the_same_search_proposes_the_same_settings(sampler):
    """The same command (same --search-seed) proposes the same settings; another seed other ones."""
    def proposals(search_seed: int) -> list[float]:
        grid = make_grid(TrainConfig(), ["lr=0.0001:1:log"], "0", sampler=sampler, trials=12,
                         search_seed=search_seed)
        study = optuna.create_study(sampler=studies._sampler(grid), direction="maximize")
        study.optimize(lambda t: -abs(trial_loop._suggest_setting(t, grid)["lr"] - 0.01), n_trials=12)
        return [t.params["lr"] for t in study.trials]

    assert proposals(0) == proposals(0)
    assert proposals(0) != proposals(1)


def test_the_median_pruner_never_prunes_in_the_first_epoch():
    grid = make_grid(TrainConfig(), ["lr=0.01,0.1"], "0", prune=True)
    study = optuna.create_study(direction="maximize", pruner=studies._pruner(grid))
    for _ in range(3):  # three finished trials at 0.9 after epochs 1 and 2
        t = study.ask()
        t.report(0.9, 1)
        t.report(0.9, 2)
        study.tell(t, 0.9)
    hopeless = study.ask()
    hopeless.report(0.1, 1)  # far below the median, but in its first epoch
    assert not hopeless.should_prune()
    hopeless.report(0.1, 2)
    assert hopeless.should_prune()


def test_a_password_in_the_storage_url_is_masked():
    assert mask("postgresql://user:s3cret@db.example:5432/exp") == "postgresql://user:***@db.example:5432/exp"
    assert mask("mysql+pymysql://u:p@ss@h/d") == "mysql+pymysql://u:***@h/d"
    assert mask("sqlite:////tmp/a@b.db") == "sqlite:////tmp/a@b.db"
    url = "postgresql://someone:s3cret@127.0.0.1:1/nothing"  # nothing listens there: the command fails
    for argv, env in ((["experiment-report", "x", "--storage", url, "--debug"], {}),
                      (["experiment-report", "x"], {"WORKBENCH_STORAGE": url})):
        p = subprocess.run([sys.executable, "-m", "workbench", *argv], capture_output=True, text=True,
                           timeout=120, env={**os.environ, **env})
        assert p.returncode == 1 and "s3cret" not in p.stdout + p.stderr, p.stderr[-2000:]


def test_no_output_report_or_process_list_shows_the_password(tmp_path, postgres):
    url = postgres.replace("postgres@", "postgres:s3cret@")  # (trust authentication: any password connects)
    p = subprocess.run([sys.executable, "-m", "workbench", "experiment", "--set", "lr=0.01,0.05", "--seeds", "0",
                        "--train-limit", "256", "--val-limit", "64", "--epochs", "1", "--workers", "2",
                        "--name", "secret", "--runs-dir", str(tmp_path / "runs"), "--json"],
                       capture_output=True, text=True, timeout=600, env={**os.environ, "WORKBENCH_STORAGE": url})
    assert p.returncode == 0, p.stderr[-3000:]
    assert "s3cret" not in p.stdout + p.stderr and "postgres:***@" in p.stderr
    doc = json.loads(p.stdout.splitlines()[-1])
    assert doc["storage"] == mask(url) and doc["completed_trials"] == 2
    for run_dir in (tmp_path / "runs").iterdir():
        for f in run_dir.rglob("*.json"):
            assert "s3cret" not in f.read_text(errors="replace"), f


def test_a_crashed_worker_is_reported_and_fails_the_experiment(tmp_path, capsys):
    from workbench.cli.experiment import run_workers

    # no such experiment in that storage: each worker ends with exit code 1 at once
    stopped, crashed = run_workers(2, default_storage(tmp_path), "none", tmp_path / "runs")
    assert not stopped and crashed == [1, 1]
    err = capsys.readouterr().err
    assert "worker 1 of 2 ended with exit code 1" in err and "worker 2 of 2 ended with exit code 1" in err


def test_a_worker_killed_behind_the_grpc_proxy_does_not_keep_the_others_waiting(tmp_path, grpc_proxy):
    """The proxy has no heartbeats: the killed worker's trial is taken over after --stale-after seconds."""
    runs = tmp_path / "runs"
    common = ["--train-limit", "2000", "--val-limit", "100", "--epochs", "3", "--steps-per-execution", "1",
              "--runs-dir", str(runs), "--storage", grpc_proxy, "--stale-after", "4"]
    first = subprocess.Popen([sys.executable, "-m", "workbench", "experiment", "--set", "optimizer=sgd,adam",
                              "--seeds", "0", "--name", "proxy", *common],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    storage = studies.open_storage(grpc_proxy)
    try:
        deadline = time.monotonic() + 180
        while not _running(storage, "proxy"):
            assert time.monotonic() < deadline and first.poll() is None, first.stderr.read()[-3000:]
            time.sleep(0.2)
        second = subprocess.Popen([sys.executable, "-m", "workbench", "experiment-worker", "--experiment", "proxy",
                                   *common[8:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(1.0)
        os.kill(first.pid, signal.SIGKILL)  # mid-trial: its trial stays RUNNING in the storage
        _, err = second.communicate(timeout=300)
    finally:
        for p in (first,):
            if p.poll() is None:
                p.kill()
    assert second.returncode == 0, err[-3000:]
    assert "waiting for trial" in err and "failed and queued again" in err
    doc = studies.report(grpc_proxy, "proxy")
    assert sorted(t["settings"]["optimizer"] for t in doc["trials"]) == ["adam", "sgd"]  # both, each once


def _running(storage, name: str) -> bool:
    try:
        study = optuna.load_study(study_name=name, storage=storage)
    except KeyError:
        return False
    return any(t.state == optuna.trial.TrialState.RUNNING for t in study.get_trials(deepcopy=False))


def test_what_the_experiments_rely_on_in_optuna_still_holds():
    assert missing() == []


def test_a_random_search_prunes_by_the_median_rule_from_the_second_epoch(tmp_path, capsys):
    """A real random search with the median pruner: a hopeless setting stops at the first epoch from the second
    on where its validation accuracy is below the median of the earlier finished trials' at that epoch (never at
    the first), and says so in its folder."""
    runs = tmp_path / "runs"
    argv = ["experiment", "--set", "lr=0.00001:0.1:log", "--sampler", "random", "--trials", "8", "--prune",
            "--train-limit", "320", "--val-limit", "100", "--epochs", "3", "--name", "prune", "--runs-dir", str(runs),
            "--json"]
    assert cli_main(argv) == 0
    doc = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert doc["grid"]["sampler"] == "random" and doc["completed_trials"] == 8
    assert all(1e-5 <= t["settings"]["lr"] <= 0.1 for t in doc["trials"])
    study = optuna.load_study(study_name="prune", storage=default_storage(runs))
    finished = sorted((t for t in study.trials if t.state.is_finished()), key=lambda t: t.number)

    def accuracy(trial) -> list[float]:  # per epoch, from the run's own history.csv
        return [row["val_accuracy"] for row in RunFolder(trial.user_attrs[studies.RUNS_ATTR][0]["run_dir"]).history()]

    pruned = [t for t in finished if t.state == optuna.trial.TrialState.PRUNED]
    assert pruned, [t.state for t in finished]
    for trial in pruned:
        mine = accuracy(trial)
        stopped = len(mine)
        assert RunFolder(trial.user_attrs[studies.RUNS_ATTR][0]["run_dir"]).status()["reason"].startswith(
            f"pruned at epoch {stopped}")
        earlier = [accuracy(t) for t in finished
                   if t.number < trial.number and t.state == optuna.trial.TrialState.COMPLETE]
        assert len(earlier) >= 3  # the pruner waits for three finished trials
        assert stopped >= 2  # never in the first epoch
        for epoch in range(2, stopped + 1):
            below = mine[epoch - 1] < np.median([a[epoch - 1] for a in earlier])
            assert below == (epoch == stopped), (trial.number, epoch)  # stopped at the first epoch below
    for trial in finished:
        if trial.state == optuna.trial.TrialState.COMPLETE:
            assert len(accuracy(trial)) == 3
