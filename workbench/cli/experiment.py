"""`workbench experiment`: a grid (or search) of settings × seeds on Optuna, each trial a run (INTERFACE.md)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from workbench.cli.common import (
    UsageError,
    add_train_options,
    config_from_args,
    runs_dir_of,
    stop_on_signals,
)
from workbench.cli.experiment_report import report
from workbench.cli.experiment_worker import add_storage_option, say_trial, storage_of
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "experiment"
HELP = QT_TRANSLATE_NOOP("cli", "a grid of settings x seeds, each trial a run, summarised per setting")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_train_options(p)
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
    add_storage_option(p)


def run(args: argparse.Namespace) -> int:
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
    storage = storage_of(args)
    try:
        studies.create(grid, storage, experiment_id)
    except GridError as exc:
        raise UsageError(str(exc)) from None
    print(translate("cli", "experiment {id}: {n} trials in {storage}").format(
        id=experiment_id, n=grid.expected_trials(), storage=storage), file=sys.stderr)
    if args.workers == 1:
        with stop_on_signals() as stop:
            studies.work(storage, experiment_id, runs_dir_of(args), stop, on_trial=say_trial)
        interrupted = stop.is_set()
    else:
        interrupted = run_workers(args.workers, storage, experiment_id, runs_dir_of(args))
    return report(args, storage, experiment_id, interrupted)


def run_workers(n: int, storage: str, experiment_id: str, runs_dir: Path) -> bool:
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
