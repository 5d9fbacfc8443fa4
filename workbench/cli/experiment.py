"""`experiment`, `experiment-worker`, `experiment-report`: grids of settings × seeds on Optuna (INTERFACE.md)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from workbench.core.i18n import translate
from workbench.core.runs import percent


def add_options(name: str, p: argparse.ArgumentParser) -> None:
    if name == "experiment":
        p.add_argument("--set", dest="sets", action="append", default=[], metavar="SETTING=V1,V2",
                       help=translate("cli", "a setting and its values, e.g. optimizer=sgd,adam (repeatable)"))
        p.add_argument("--seeds", default="0", metavar="SPEC", help=translate("cli", "seeds as 0-4 or 0,3,7"))
        p.add_argument("--workers", type=int, default=1, help=translate("cli", "worker processes on this machine"))
        p.add_argument("--sampler", default="auto", metavar="{auto,grid,random,tpe}", help=translate(
            "cli", "grid: every combination; random or tpe: --trials points sampled from ranges (SETTING=LOW:HIGH"
                   "[:log]) and lists (auto: tpe with a range, else grid)"))
        p.add_argument("--trials", type=int, default=0, help=translate("cli", "trials of a random or TPE search"))
        p.add_argument("--prune", action="store_true", help=translate(
            "cli", "stop hopeless trials early: validation accuracy below the median of earlier trials' at the "
                   "same epoch (Optuna's median pruner)"))
    if name in ("experiment", "experiment-worker", "experiment-report"):
        p.add_argument("--storage", default=None, metavar="URL", help=translate(
            "cli", "Optuna storage: an SQLAlchemy URL or grpc://HOST:PORT (default: an SQLite file in the runs "
                   "folder)"))
    if name == "experiment-worker":
        p.add_argument("--experiment", required=True, metavar="ID", help=translate("cli", "the experiment id"))
    if name == "experiment-report":
        p.add_argument("experiment", metavar="ID", help=translate("cli", "the experiment id"))


def _storage(args: argparse.Namespace) -> str:
    from workbench.cli import runs_dir_of
    from workbench.experiments.grid import default_storage

    if args.storage:
        return args.storage
    runs = runs_dir_of(args)
    runs.mkdir(parents=True, exist_ok=True)
    return default_storage(runs)


def cmd_experiment(args: argparse.Namespace) -> int:
    from workbench.cli import UsageError, config_from_args, runs_dir_of
    from workbench.experiments.grid import GridError, make_grid

    if args.workers < 1:
        raise UsageError(translate("cli", "argument --workers: at least 1"))
    name, args.name = args.name, ""
    base = config_from_args(args)
    try:
        grid = make_grid(base, args.sets, args.seeds, sampler=args.sampler, trials=args.trials, prune=args.prune)
    except GridError as exc:
        raise UsageError(str(exc)) from None
    from workbench.core import data as datamod
    from workbench.core.data import DatasetError

    try:
        datamod.prepare(grid.config(grid.points()[0], grid.seeds[0]))
    except DatasetError as exc:
        raise UsageError(f"argument --dataset: {exc}") from None
    from workbench.experiments import study as studies

    experiment_id = name or time.strftime("exp-%Y%m%d-%H%M%S")
    storage = _storage(args)
    try:
        studies.create(grid, storage, experiment_id)
    except GridError as exc:
        raise UsageError(str(exc)) from None
    print(translate("cli", "experiment {id}: {n} trials in {storage}").format(
        id=experiment_id, n=grid.expected_trials(), storage=storage), file=sys.stderr)
    if args.workers == 1:
        with _stop_on_signals() as stop:
            studies.work(storage, experiment_id, runs_dir_of(args), stop, on_trial=_say_trial)
        interrupted = stop.is_set()
    else:
        interrupted = _run_workers(args.workers, storage, experiment_id, runs_dir_of(args))
    return _report(args, storage, experiment_id, interrupted)


def cmd_experiment_worker(args: argparse.Namespace) -> int:
    from workbench.cli import EXIT_INTERRUPTED, EXIT_OK, Failure, runs_dir_of
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError

    with _stop_on_signals() as stop:
        try:
            studies.work(_storage(args), args.experiment, runs_dir_of(args), stop, on_trial=_say_trial)
        except GridError as exc:
            raise Failure(str(exc)) from None
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK


def cmd_experiment_report(args: argparse.Namespace) -> int:
    return _report(args, _storage(args), args.experiment, interrupted=False)


@contextmanager
def _stop_on_signals():
    """A StopFlag that Ctrl-C and SIGTERM set while trials run (the trial under way is queued again)."""
    from workbench.core.stop import StopFlag

    stop = StopFlag()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _say_trial(trial: dict) -> None:
    from workbench.experiments.grid import point_label

    accuracy = (trial.get("final") or {}).get("val_accuracy")
    print(translate("cli", "trial {settings} seed {seed}: {status}, val accuracy {accuracy} (run {run})").format(
        settings=point_label(trial["settings"]), seed=trial["seed"], status=trial["status"],
        accuracy=percent(accuracy) if accuracy is not None else "—", run=trial["run_id"]), file=sys.stderr)


def _run_workers(n: int, storage: str, experiment_id: str, runs_dir: Path) -> bool:
    """N worker processes on this machine; SIGINT/SIGTERM are passed on (each queues its trial again)."""
    command = [sys.executable, "-m", "workbench", "experiment-worker", "--storage", storage,
               "--experiment", experiment_id, "--runs-dir", str(runs_dir)]
    workers = [subprocess.Popen(command, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}) for _ in range(n)]
    stopped = []

    def pass_on(signum, _frame):
        stopped.append(signum)
        for w in workers:
            if w.poll() is None:
                w.send_signal(signal.SIGTERM)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, pass_on)
    for w in workers:
        w.wait()
    return bool(stopped)


def _report(args: argparse.Namespace, storage: str, experiment_id: str, interrupted: bool) -> int:
    from workbench.cli import (
        EXIT_FAILED,
        EXIT_INTERRUPTED,
        EXIT_OK,
        Failure,
        emit_json,
        print_table,
    )
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError

    try:
        doc = studies.report(storage, experiment_id)
    except GridError as exc:
        raise Failure(str(exc)) from None

    def pm(mean, std, fmt) -> str:
        if mean is None:
            return "—"
        return fmt(mean) + (f" ± {fmt(std)}" if std is not None else "")

    rows = [[translate("cli", "settings"), "n", translate("cli", "val accuracy"), translate("cli", "best val accuracy"),
             translate("cli", "val loss"), translate("cli", "s/trial")]]
    for g in doc["groups"]:
        rows.append([g["label"], str(g["n"]),
                     pm(g["val_accuracy_mean"], g["val_accuracy_std"], percent),
                     pm(g["best_val_accuracy_mean"], g["best_val_accuracy_std"], percent),
                     pm(g["val_loss_mean"], g["val_loss_std"], lambda v: f"{v:.4f}"),
                     pm(g["seconds_mean"], None, lambda v: f"{v:.1f}")])
    print_table(rows, file=sys.stderr if args.json else sys.stdout)
    print(translate("cli", "experiment {id}: {done} of {total} trials completed").format(
        id=experiment_id, done=doc["completed_trials"], total=doc["expected_trials"]), file=sys.stderr)
    if args.json:
        emit_json(doc)
    if interrupted:
        return EXIT_INTERRUPTED
    complete = doc["completed_trials"] >= doc["expected_trials"] and all(
        t["status"] in ("completed", "pruned") for t in doc["trials"])
    return EXIT_OK if complete else EXIT_FAILED
