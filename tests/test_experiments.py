"""Experiments: grids of settings × seeds on Optuna, each trial a run; workers, kills, and the statistics."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import optuna
import pytest
from scipy import stats as scipy_stats

from workbench.cli import main as cli_main
from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.experiments import curves, trials
from workbench.experiments import study as studies
from workbench.experiments.grid import GridError, default_storage, make_grid
from workbench.experiments.stats import difference
from workbench.training import trainer

from helpers import weights_of

TINY = ["--train-limit", "320", "--val-limit", "100", "--epochs", "1"]


@pytest.mark.parametrize(("sets", "seeds", "says"), [
    (["speed=1,2"], "0", "unknown setting 'speed'"),
    (["optimizer="], "0", "--set optimizer: give at least one value"),
    (["lr=0.01,50"], "0", "--set lr: 50"),
    (["optimizer=sgd,nadam"], "0", "'nadam' is not one of"),
    (["lr=0.1,0.1"], "0", "listed twice"),
    (["lr"], "0", "write SETTING=V1,V2"),
    (["eager=true,false"], "0", "the combination eager=True is not allowed"),
    (["optimizer=sgd"], "4-2", "--seeds 4-2"),
    (["lr=1:0.1", "--trials", "3"], "0", "LOW must be below HIGH"),
    (["momentum=0:0.9:log", "--trials", "3"], "0", "above 0 for log"),
    (["lr=0.001:50", "--trials", "3"], "0", "--set lr: 50"),
    (["optimizer=sgd:adam", "--trials", "3"], "0", "for a number setting"),
    (["lr=0.001:1:log", "--sampler", "grid"], "0", "a range needs --sampler random or tpe"),
    (["lr=0.001:1:log"], "0", "--trials: a tpe search needs the number of trials"),
    (["lr=0.01,0.1", "--sampler", "bayes"], "0", "--sampler bayes: allowed auto, grid, random, tpe"),
])
def test_a_bad_grid_gets_one_clear_message(tmp_path, capsys, sets, seeds, says):
    """`sets`: SETTING=… texts, each given with --set, and other options (--trials 3) as they are."""
    argv = ["experiment", "--seeds", seeds, "--runs-dir", str(tmp_path)]
    i = 0
    while i < len(sets):
        if sets[i].startswith("--"):
            argv += sets[i:i + 2]
            i += 2
        else:
            argv += ["--set", sets[i]]
            i += 1
    assert cli_main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
    assert not (tmp_path / "experiments.db").exists()  # nothing was started


def test_a_grid_spells_settings_either_way_and_reads_seed_ranges():
    grid = make_grid(TrainConfig(), ["batch-size=16,32", "optimizer=sgd,adam"], "0-2")
    assert grid.axes == {"batch_size": [16, 32], "optimizer": ["sgd", "adam"]}
    assert grid.seeds == [0, 1, 2] and len(grid.trials()) == 12
    assert make_grid(TrainConfig(), [], "0,3,7").seeds == [0, 3, 7]
    with pytest.raises(GridError, match="given twice"):
        make_grid(TrainConfig(), ["lr=0.1", "lr=0.2"], "0")


def test_a_trial_is_the_same_run_as_train_with_its_settings(tmp_path):
    base = TrainConfig(train_limit=320, val_limit=100, epochs=1)
    grid = make_grid(base, ["optimizer=adam"], "3")
    storage = default_storage(tmp_path)
    studies.create(grid, storage, "same")
    assert trials.work(storage, "same", tmp_path / "trials") == 1
    doc = studies.report(storage, "same")
    [trial] = doc["trials"]
    alone = trainer.train(base.replace(optimizer="adam", seed=3), tmp_path / "alone")
    np.testing.assert_array_equal(weights_of(trial["run_dir"]), weights_of(alone.folder.path))
    assert trial["final"] == alone.summary.final
    config = RunFolder(trial["run_dir"]).config()
    assert config["optimizer"] == "adam" and config["seed"] == 3 and "same" in config["name"]
    assert read_run(trial["run_dir"]).experiment == "same" and alone.summary.experiment is None  # its group
    # TensorBoard's HParams dashboard: the trial's session holds its settings and its experiment
    hparams = hparams_of(trial["run_dir"])
    assert hparams["experiment"] == "same" and hparams["optimizer"] == "adam" and hparams["seed"] == 3


def hparams_of(run_dir) -> dict:
    """The HParams session start info the run's `logs/` folder holds."""
    import tensorflow as tf
    from tensorboard.plugins.hparams import plugin_data_pb2

    [events] = [p for p in (Path(run_dir) / "logs").iterdir() if p.name.startswith("events.")]
    for event in tf.compat.v1.train.summary_iterator(str(events)):
        for value in event.summary.value:
            if value.metadata.plugin_data.plugin_name == "hparams":
                data = plugin_data_pb2.HParamsPluginData.FromString(value.metadata.plugin_data.content)
                if data.HasField("session_start_info"):
                    return {k: getattr(v, v.WhichOneof("kind")) for k, v in data.session_start_info.hparams.items()}
    return {}


def test_two_workers_share_a_grid_over_the_grpc_proxy_and_run_each_trial_once(tmp_path, grpc_proxy):
    """2 × 2 × 2: two worker processes on one storage reached over the network, as two machines would."""
    runs = tmp_path / "runs"
    p = subprocess.run(
        [sys.executable, "-m", "workbench", "experiment", "--set", "optimizer=sgd,adam", "--set", "lr=0.01,0.05",
         "--seeds", "0-1", *TINY, "--workers", "2", "--name", "grid", "--runs-dir", str(runs), "--json",
         "--storage", grpc_proxy],
        capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    assert doc["storage"] == grpc_proxy
    keys = [(json.dumps(t["settings"], sort_keys=True), t["seed"]) for t in doc["trials"]]
    assert len(keys) == 8 and len(set(keys)) == 8  # every trial, none twice
    assert len({t["run_id"] for t in doc["trials"]}) == 8
    assert len([d for d in runs.iterdir() if d.is_dir()]) == 8  # one run folder per trial, no spare ones
    assert [g["n"] for g in doc["groups"]] == [2, 2, 2, 2]
    study = optuna.load_study(study_name="grid", storage=studies.open_storage(grpc_proxy))
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    assert len(complete) == 8
    assert {t["host"] for t in doc["trials"]} == {socket.gethostname()}  # (both on this machine)


def _running_trial(storage, name: str):
    try:
        study = optuna.load_study(study_name=name, storage=storage)  # (a storage opened once: polls are quick)
    except KeyError:
        return None
    return next((t for t in study.get_trials(deepcopy=False)
                 if t.state == optuna.trial.TrialState.RUNNING and "run_dir" in t.user_attrs), None)


def test_two_workers_share_an_experiment_in_postgresql(tmp_path, postgres):
    """The README's way for several machines: one PostgreSQL database, a worker process each."""
    runs = tmp_path / "runs"
    p = subprocess.run(
        [sys.executable, "-m", "workbench", "experiment", "--set", "lr=0.01,0.05", "--seeds", "0-1", *TINY,
         "--workers", "2", "--name", "shared", "--runs-dir", str(runs), "--storage", postgres],
        capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = studies.report(postgres, "shared")
    keys = [(t["settings"]["lr"], t["seed"]) for t in doc["trials"]]
    assert sorted(keys) == [(0.01, 0), (0.01, 1), (0.05, 0), (0.05, 1)]  # every trial, each once
    assert len([d for d in runs.iterdir() if d.is_dir()]) == 4
    assert [g["n"] for g in doc["groups"]] == [2, 2]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_or_stopped_worker_loses_only_its_trial_which_runs_again(tmp_path, sig):
    """SIGKILL: the trial's heartbeat stops and the next worker retries it; SIGTERM: the worker stops the
    trial at once and queues it again itself."""
    runs = tmp_path / "runs"
    storage = default_storage(runs.parent)
    command = [sys.executable, "-m", "workbench", "experiment", "--set", "optimizer=sgd", "--seeds", "0-1",
               "--train-limit", "4000", "--val-limit", "100", "--epochs", "6", "--steps-per-execution", "1",
               "--name", "killed", "--storage", storage, "--runs-dir", str(runs)]
    polled = optuna.storages.RDBStorage(storage)  # the tables, before this test and the worker both open the file
    worker = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while (trial := _running_trial(polled, "killed")) is None:
            assert time.monotonic() < deadline and worker.poll() is None, worker.stderr.read()[-3000:]
            time.sleep(0.05)
        time.sleep(1.0)
        os.kill(worker.pid, sig)  # mid-trial, as a machine that dies or a user who stops it
        assert worker.wait(60) == (-signal.SIGKILL if sig == signal.SIGKILL else 130)
    finally:
        if worker.poll() is None:
            worker.kill()
    killed_run = trial.user_attrs["run_dir"]
    p = subprocess.run([sys.executable, "-m", "workbench", "experiment-worker", "--storage", storage,
                        "--experiment", "killed", "--runs-dir", str(runs)], capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = studies.report(storage, "killed")
    assert sorted(t["seed"] for t in doc["trials"]) == [0, 1]  # both trials, each once
    assert killed_run not in [t["run_dir"] for t in doc["trials"]]  # the killed one ran again, in a new run
    study = optuna.load_study(study_name="killed", storage=storage)
    states = [t.state for t in study.trials]
    assert states.count(optuna.trial.TrialState.COMPLETE) == 2
    assert states.count(optuna.trial.TrialState.FAIL) == 1  # the killed (heartbeat) or stopped trial


def test_means_spreads_and_the_difference_match_numpy_and_scipy_from_the_history_files(tmp_path):
    runs = tmp_path / "runs"
    argv = ["experiment", "--set", "optimizer=sgd,adam", "--seeds", "0-2", *TINY, "--name", "stats",
            "--runs-dir", str(runs)]
    assert cli_main(argv) == 0
    doc = studies.report(default_storage(runs), "stats")
    finals: dict[str, list[float]] = {}
    for t in doc["trials"]:
        history = RunFolder(t["run_dir"]).history()
        finals.setdefault(t["settings"]["optimizer"], []).append(history[-1]["val_accuracy"])
    for group in doc["groups"]:
        values = np.array(finals[group["settings"]["optimizer"]])
        assert group["n"] == 3
        assert group["val_accuracy_mean"] == pytest.approx(values.mean(), rel=1e-12)
        assert group["val_accuracy_std"] == pytest.approx(values.std(ddof=1), rel=1e-12)
    sgd, adam = finals["sgd"], finals["adam"]
    d = difference(sgd, adam)
    assert d.delta == pytest.approx(np.mean(adam) - np.mean(sgd))
    assert d.p == pytest.approx(scipy_stats.ttest_ind(adam, sgd, equal_var=False).pvalue, rel=1e-9)
    ci = scipy_stats.ttest_ind(adam, sgd, equal_var=False).confidence_interval(0.95)
    assert (d.low, d.high) == (pytest.approx(ci.low, rel=1e-9), pytest.approx(ci.high, rel=1e-9))
    # the window's bands: per epoch, the mean ± sample std of the seeds' history rows
    data = curves.load(doc, runs)
    for band in data.curves("val_loss"):
        mine = [t for t in doc["trials"] if t["settings"] == band.settings]
        rows = np.array([[r["val_loss"] for r in RunFolder(t["run_dir"]).history()] for t in mine])
        assert len(band.seeds) == 3 and list(band.epochs) == list(range(1, rows.shape[1] + 1))
        assert np.allclose(band.mean, rows.mean(axis=0), rtol=1e-12)
        assert np.allclose(band.std, rows.std(axis=0, ddof=1), rtol=1e-12)
    # and the CSV export holds every seed's points
    epochs = sum(len(RunFolder(t["run_dir"]).history()) for t in doc["trials"])
    assert curves.write_csv(data, tmp_path / "experiment.csv") == 4 * epochs  # loss, accuracy and val_ of each


def test_the_report_reads_an_experiment_again(tmp_path, capsys):
    runs = tmp_path / "runs"
    assert cli_main(["experiment", "--set", "lr=0.01,0.1", *TINY, "--name", "again", "--runs-dir", str(runs)]) == 0
    capsys.readouterr()
    assert cli_main(["experiment-report", "again", "--runs-dir", str(runs), "--json"]) == 0
    out = capsys.readouterr()
    doc = json.loads(out.out.strip().splitlines()[-1])
    assert [g["settings"] for g in doc["groups"]] == [{"lr": 0.01}, {"lr": 0.1}]
    assert "lr=0.01" in out.err and "2 of 2 trials completed" in out.err
    # the same command again continues the experiment: nothing is left, nothing runs twice
    assert cli_main(["experiment", "--set", "lr=0.01,0.1", *TINY, "--name", "again", "--runs-dir", str(runs)]) == 0
    assert len([d for d in runs.iterdir() if d.is_dir()]) == 2
    assert cli_main(["experiment-report", "nope", "--runs-dir", str(runs)]) == 1


def test_an_experiment_stored_before_its_outcome_was_one_attribute_still_reports(tmp_path):
    """Experiments of before 2026-11-30 kept each outcome field as its own user attribute."""
    storage = default_storage(tmp_path)
    grid = make_grid(TrainConfig(epochs=1), ["lr=0.01"], "0-1")
    study = studies.create(grid, storage, "old")
    for seed in (0, 1):
        study.add_trial(optuna.trial.create_trial(
            params={"seed": seed, "lr": 0.01}, value=0.9 + seed / 100,
            distributions={"seed": optuna.distributions.CategoricalDistribution([0, 1]),
                           "lr": optuna.distributions.CategoricalDistribution([0.01])},
            user_attrs={"run_id": f"r{seed}", "run_dir": f"/x/r{seed}", "status": "completed", "host": "h",
                        "final": {"val_accuracy": 0.9 + seed / 100}, "best_val_accuracy": 0.95,
                        "best_val_loss": 0.1, "seconds": 2.0}))
    doc = studies.report(storage, "old")
    assert sorted(t["run_id"] for t in doc["trials"]) == ["r0", "r1"]
    assert doc["groups"][0]["n"] == 2 and doc["groups"][0]["val_accuracy_mean"] == pytest.approx(0.905)


def test_the_articles_rows_over_seeds_give_mean_std_and_whether_the_reported_number_lies_within():
    from workbench.core.article import ARTICLE_ROWS, cells, result_row

    row = ARTICLE_ROWS[0]  # reported val 96.61%
    finals = [0.9650, 0.9672, 0.9669]
    summaries = [{"final": {"val_accuracy": v, "accuracy": v + 0.002}, "status": "completed", "run_id": f"r{i}"}
                 for i, v in enumerate(finals)]
    result = result_row(row, summaries)
    assert result["n"] == 3 and result["run_ids"] == ["r0", "r1", "r2"]
    assert result["measured_val_accuracy"] == pytest.approx(np.mean(finals))
    assert result["measured_val_accuracy_std"] == pytest.approx(np.std(finals, ddof=1))
    inside = abs(row.reported_val - np.mean(finals)) <= 2 * np.std(finals, ddof=1)
    assert result["reported_val_within"] is bool(inside)
    shown = cells(result)
    assert shown[8] == f"{np.mean(finals) * 100:.2f} ± {np.std(finals, ddof=1) * 100:.2f}"
    far = result_row(row, [{"final": {"val_accuracy": v - 0.05}} for v in finals])
    assert far["reported_val_within"] is False and cells(far)[-1] == "no"
    assert result_row(row, summaries[:1])["reported_val_within"] is None  # one seed: no spread


def test_compare_and_the_article_are_grids_of_listed_points(tmp_path):
    from workbench.experiments.presets import article_grid, compare_grid

    base = TrainConfig(method="tape", train_limit=320, val_limit=100, epochs=1)
    grid = compare_grid(base, [0, 1])
    assert grid.points() == [{"optimizer": "sgd", "lr": 0.01}, {"optimizer": "adam", "lr": 0.001}]
    assert grid.base["method"] == "tape" and len(grid.trials()) == 4
    article = article_grid(base, [0, 1, 2])
    assert len(article.points()) == 9 and len(article.trials()) == 27
    assert set(article.axes) == {"method", "loss", "optimizer", "lr", "metric", "loss_report"}
    storage = default_storage(tmp_path)
    studies.create(grid, storage, "cmp")
    assert trials.work(storage, "cmp", tmp_path / "runs") == 4
    doc = studies.report(storage, "cmp")
    assert [(g["settings"], g["n"]) for g in doc["groups"]] == [
        ({"optimizer": "sgd", "lr": 0.01}, 2), ({"optimizer": "adam", "lr": 0.001}, 2)]


def test_several_openers_of_a_fresh_storage_at_once_all_get_it(tmp_path):
    """The window lists experiments while its worker creates one; workers start together: a fresh SQLite file
    opened by several at once must not fail (without the retry, the second failed every time here)."""
    import threading

    problems = []

    def open_it(url):
        try:
            studies._open(url)  # (open_storage shares one per process: this is what each process does)
        except Exception as exc:  # noqa: BLE001 - the test reports any
            problems.append(exc)

    for i in range(5):
        url = default_storage(tmp_path / str(i))
        (tmp_path / str(i)).mkdir()
        threads = [threading.Thread(target=open_it, args=(url,)) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert problems == []


def test_a_tpe_search_samples_a_range_and_prunes_hopeless_trials(tmp_path, capsys):
    """lr from 1e-4 to 0.1 (log) × optimizer, 6 trials by TPE, the median pruner on: every trial runs once,
    inside its range; a pruned trial is recorded as pruned and left out of its setting's mean. (Which trials are
    pruned, by the rule: test_experiment_trust.)"""
    runs = tmp_path / "runs"
    argv = ["experiment", "--set", "lr=0.0001:0.1:log", "--set", "optimizer=sgd,adam", "--trials", "6", "--prune",
            "--train-limit", "320", "--val-limit", "100", "--epochs", "2", "--name", "search",
            "--runs-dir", str(runs), "--json"]
    assert cli_main(argv) == 0
    doc = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert doc["grid"]["sampler"] == "tpe" and doc["expected_trials"] == doc["completed_trials"] == 6
    assert len({t["run_id"] for t in doc["trials"]}) == 6
    assert all(1e-4 <= t["settings"]["lr"] <= 0.1 and t["settings"]["optimizer"] in ("sgd", "adam")
               for t in doc["trials"])
    assert sorted(doc["grid"]["axes"]["lr"]) == sorted({t["settings"]["lr"] for t in doc["trials"]})
    for t in doc["trials"]:
        config = RunFolder(t["run_dir"]).config()
        assert config["lr"] == t["settings"]["lr"] and config["optimizer"] == t["settings"]["optimizer"]
    for group in doc["groups"]:
        mine = [t for t in doc["trials"] if t["settings"] == group["settings"]]
        assert group["n"] + group["pruned"] == len(mine)
        assert group["pruned"] == sum(t["status"] == "pruned" for t in mine)
    study = optuna.load_study(study_name="search", storage=default_storage(runs))
    pruned = [t for t in study.trials if t.state == optuna.trial.TrialState.PRUNED]
    assert len(pruned) == sum(t["status"] == "pruned" for t in doc["trials"])
    for t in pruned:  # stopped after the epoch the pruner judged, and says so in its folder
        assert "pruned at epoch" in RunFolder(t.user_attrs["run_dir"]).status()["reason"]
