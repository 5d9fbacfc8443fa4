"""When two settings part, how many seeds a difference needs, which setting mattered, and optuna-dashboard:
each number recomputed here with scipy, statsmodels and Optuna from the runs' own history files."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import numpy as np
import optuna
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.meta_analysis import effectsize_smd
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import TTestIndPower

from workbench.cli import main as cli_main
from workbench.core.runs import RunFolder
from workbench.experiments import parting
from workbench.experiments.grid import default_storage
from workbench.experiments.stats import MOST_SEEDS, seeds_needed

SGD, ADAM = "optimizer=sgd lr=0.01", "optimizer=adam lr=0.01"


@pytest.fixture(scope="module")
def experiment(tmp_path_factory):
    """optimizer × lr, 3 seeds, 3 epochs: 12 small runs."""
    runs = tmp_path_factory.mktemp("statistics") / "runs"
    argv = ["experiment", "--set", "optimizer=sgd,adam", "--set", "lr=0.01,0.002", "--seeds", "0-2",
            "--train-limit", "480", "--val-limit", "150", "--epochs", "3", "--name", "parts", "--runs-dir", str(runs)]
    assert cli_main(argv) == 0
    return runs


def report(runs, capsys, *extra) -> dict:
    capsys.readouterr()
    assert cli_main(["experiment-report", "parts", "--runs-dir", str(runs), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def per_epoch(doc, label, metric) -> dict[int, list[float]]:
    """Every seed's value of `metric` per epoch, read from the run folders' history.csv."""
    settings = next(g["settings"] for g in doc["groups"] if g["label"] == label)
    values: dict[int, list[float]] = {}
    for t in doc["trials"]:
        if t["settings"] == settings:
            for row in RunFolder(t["run_dir"]).history():
                values.setdefault(int(row["epoch"]), []).append(row[metric])
    return values


@pytest.mark.parametrize("metric", ["val_accuracy", "loss"])
def test_when_two_settings_part_agrees_with_scipy_and_statsmodels(experiment, capsys, metric):
    doc = report(experiment, capsys, "--compare", SGD, ADAM.replace(" ", ","), "--metric", metric)
    found = doc["parting"]
    assert (found["a"], found["b"], found["metric"]) == (SGD, ADAM, metric)
    a, b = per_epoch(doc, SGD, metric), per_epoch(doc, ADAM, metric)
    assert [e["epoch"] for e in found["epochs"]] == [1, 2, 3] and all(len(a[e]) == 3 for e in (1, 2, 3))
    tests = [scipy_stats.ttest_ind(b[e], a[e], equal_var=False) for e in (1, 2, 3)]
    holm = multipletests([t.pvalue for t in tests], alpha=0.05, method="holm")[1]
    for row, test, p_holm in zip(found["epochs"], tests, holm, strict=True):
        e = row["epoch"]
        interval = test.confidence_interval(0.95)
        assert row["delta"] == pytest.approx(np.mean(b[e]) - np.mean(a[e]), rel=1e-12)
        assert (row["low"], row["high"]) == (pytest.approx(interval.low, rel=1e-9),
                                             pytest.approx(interval.high, rel=1e-9))
        assert row["p"] == pytest.approx(test.pvalue, rel=1e-9)
        assert row["p_holm"] == pytest.approx(p_holm, rel=1e-9)
        g = effectsize_smd(np.mean(b[e]), np.std(b[e], ddof=1), 3, np.mean(a[e]), np.std(a[e], ddof=1), 3)[0]
        assert row["g"] == pytest.approx(g, rel=1e-9)
    # the first epoch from which every later one is significant with the same sign, counted here by hand
    first = None
    for e, p in zip((3, 2, 1), holm[::-1], strict=True):
        if p >= 0.05 or np.sign(np.mean(b[e]) - np.mean(a[e])) != np.sign(np.mean(b[3]) - np.mean(a[3])):
            break
        first = e
    assert found["first_epoch"] == first


def test_two_settings_part_where_the_data_says():
    """Constructed curves: equal at epoch 1, apart (b higher, tight seeds) from epoch 2; a reversal resets it."""
    from workbench.experiments.curves import GroupCurve, SeedCurve

    def group(label, rows):
        seeds = [SeedCurve(i, f"r{i}", np.arange(1.0, len(r) + 1), np.array(r, dtype=float)) for i, r in
                 enumerate(rows)]
        return GroupCurve(label, {}, seeds[0].epochs, np.mean(rows, axis=0), np.std(rows, axis=0), seeds)

    a = group("sgd", [[0.50, 0.60, 0.70, 0.75], [0.52, 0.61, 0.71, 0.74], [0.48, 0.59, 0.69, 0.76]])
    b = group("adam", [[0.51, 0.80, 0.90, 0.95], [0.47, 0.81, 0.91, 0.94], [0.52, 0.79, 0.89, 0.96]])
    found = parting.part(a, b, "val_accuracy")
    assert found.first_epoch == 2 and found.leader == "adam" and found.worst_p < 0.05
    assert parting.part(b, a, "val_accuracy").leader == "adam"  # who leads does not depend on the order
    assert parting.part(a, b, "val_loss").leader == "sgd"  # a higher loss trails
    c = group("late", [[0.51, 0.80, 0.90, 0.60], [0.47, 0.81, 0.91, 0.61], [0.52, 0.79, 0.89, 0.59]])
    assert parting.part(a, c, "val_accuracy").first_epoch == 4  # ahead at 2–3, behind at 4: apart only at 4
    assert parting.part(a, a, "val_accuracy").first_epoch is None


def test_seeds_needed_is_statsmodels_power_analysis(experiment, capsys):
    doc = report(experiment, capsys, "--detect", "2")
    assert doc["detect"] == {"metric": "val_accuracy", "difference": 0.02, "alpha": 0.05, "power": 0.8}
    for group in doc["groups"]:
        finals = [RunFolder(t["run_dir"]).history()[-1]["val_accuracy"] for t in doc["trials"]
                  if t["settings"] == group["settings"]]
        std = np.std(finals, ddof=1)
        if std == 0:
            assert group["seeds_needed"] == 2
            continue
        n = TTestIndPower().solve_power(effect_size=0.02 / std, alpha=0.05, power=0.8, ratio=1.0)
        expected = MOST_SEEDS + 1 if not np.isfinite(n) or n > MOST_SEEDS else max(2, math.ceil(n))
        assert group["seeds_needed"] == expected, (group["label"], std, n)
    # the table shows them too
    assert cli_main(["experiment-report", "parts", "--runs-dir", str(experiment), "--detect", "2"]) == 0
    assert "seeds for 2 pts" in capsys.readouterr().out


def test_seeds_needed_follow_the_textbook():
    """Cohen's classic: d = 0.5 needs 64 per group at 80% power, d = 0.8 needs 26; none without a spread."""
    assert seeds_needed(0.5, 1.0) == 64 and seeds_needed(0.8, 1.0) == 26
    assert seeds_needed(0.01, 1.0) == MOST_SEEDS + 1
    assert seeds_needed(0.5, None) is None and seeds_needed(0.5, 0.0) == 2


def test_which_setting_mattered_is_optunas_importance(experiment, capsys):
    doc = report(experiment, capsys)
    study = optuna.load_study(study_name="parts", storage=default_storage(experiment))
    expected = optuna.importance.get_param_importances(
        study, evaluator=optuna.importance.PedAnovaImportanceEvaluator(), params=["optimizer", "lr"])
    assert doc["importance"]["evaluator"] == "PED-ANOVA" and doc["importance"]["trials"] == 12
    assert doc["importance"]["params"] == pytest.approx(expected) and "seed" not in doc["importance"]["params"]
    assert sum(doc["importance"]["params"].values()) == pytest.approx(1.0)
    assert cli_main(["experiment-report", "parts", "--runs-dir", str(experiment)]) == 0
    assert "which setting mattered (PED-ANOVA, 12 trials)" in capsys.readouterr().out


def test_a_bad_comparison_gets_one_clear_line(experiment, capsys):
    assert cli_main(["experiment-report", "parts", "--runs-dir", str(experiment), "--compare", SGD, "x=1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith(f"argument --compare: 'x=1' is not a setting of the experiment; allowed {SGD}; "
                            "optimizer=sgd lr=0.002; optimizer=adam lr=0.01; optimizer=adam lr=0.002")
    assert cli_main(["experiment-report", "parts", "--runs-dir", str(experiment), "--detect", "0"]) == 2
    assert "argument --detect: 0 is out of range" in capsys.readouterr().err


def test_the_experiment_opens_in_optuna_dashboard(experiment):
    """A real optuna-dashboard on 127.0.0.1 lists the experiment; the storage URL is not on its command line;
    Ctrl-C stops it."""
    p = subprocess.Popen([sys.executable, "-m", "workbench", "experiment-report", "parts", "--runs-dir",
                          str(experiment), "--dashboard", "--no-browser"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        line = ""
        while "optuna-dashboard at" not in line:
            line = p.stderr.readline()
            assert line, p.stdout.read()
        url = line.split(" at ", 1)[1].split()[0]
        assert url.startswith("http://127.0.0.1:") and "/dashboard/studies/" in url
        root = url.split("dashboard/")[0]
        with urllib.request.urlopen(root + "api/studies", timeout=10) as response:
            names = [s["study_name"] for s in json.load(response)["study_summaries"]]
        assert "parts" in names
        children = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
        assert children
        for child in children:
            with open(f"/proc/{child}/cmdline", "rb") as f:
                assert str(experiment).encode() not in f.read()  # the storage travels in the environment
        p.send_signal(signal.SIGINT)
        assert p.wait(timeout=30) == 0
        assert not any(os.path.exists(f"/proc/{c}") for c in children)  # the dashboard ended with the command
    finally:
        if p.poll() is None:
            p.kill()


def test_a_trials_sharpness_measured_by_its_landscape_is_in_the_report(experiment, capsys):
    from workbench.analysis.landscape import landscape

    doc = report(experiment, capsys)
    assert all(t["sharpness"] is None for t in doc["trials"])  # nothing measured yet
    first = doc["trials"][0]
    measured = landscape([Path(first["run_dir"])], kind="plane", grid=3, samples=100)["sharpness"]
    again = report(experiment, capsys)
    by_run = {t["run_id"]: t["sharpness"] for t in again["trials"]}
    assert by_run[first["run_id"]] == measured[first["run_id"]] > 0
    assert sum(v is not None for v in by_run.values()) == 1
