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
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    add_train_options,
    config_from_args,
    runs_dir_of,
    stop_on_signals,
)
from workbench.cli.experiment_report import report
from workbench.cli.experiment_worker import (
    STORAGE_ENV,
    add_stale_option,
    add_storage_option,
    storage_of,
    work,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.redact import mask

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
    p.add_argument("--trials", type=int, default=0, help=translate(
        "cli", "settings a random or TPE search draws, each trained with every seed of --seeds"))
    p.add_argument("--search-seed", type=int, default=0, metavar="N", help=translate(
        "cli", "the random or TPE sampler's seed: the same command proposes the same settings"))
    p.add_argument("--prune", action="store_true", help=translate(
        "cli", "stop hopeless trials early: validation accuracy below the median of earlier trials' at the "
               "same epoch (Optuna's median pruner)"))
    add_storage_option(p)
    add_stale_option(p)


def run(args: argparse.Namespace) -> int:
    from workbench.experiments.grid import GridError, make_grid

    if args.workers < 1:
        raise UsageError(translate("cli", "argument --workers: at least 1"))
    name, args.name = args.name, ""
    base = config_from_args(args)
    try:
        grid = make_grid(base, args.sets, args.seeds, sampler=args.sampler, trials=args.trials, prune=args.prune,
                         search_seed=args.search_seed)
    except GridError as exc:
        raise UsageError(str(exc)) from None
    from workbench.core import data as datamod
    from workbench.core.data import DatasetError

    try:
        datamod.prepare(grid.config(grid.points()[0], grid.seeds[0]))
    except DatasetError as exc:
        raise UsageError(f"argument --dataset: {exc}") from None
    from workbench.experiments import study as studies

    if not args.stale_after > 0:
        raise UsageError(f"argument --stale-after: {args.stale_after:g} is out of range; allowed above 0")
    experiment_id = name or time.strftime("exp-%Y%m%d-%H%M%S")
    storage = storage_of(args)
    try:
        studies.create(grid, storage, experiment_id)
    except GridError as exc:
        raise UsageError(str(exc)) from None
    print(translate("cli", "experiment {id}: {n} trials in {storage}").format(
        id=experiment_id, n=grid.expected_trials(), storage=mask(storage)), file=sys.stderr)
    if args.workers == 1:
        with stop_on_signals() as stop:
            work(args, storage, experiment_id, stop)
        interrupted, crashed = stop.is_set(), []
    else:
        interrupted, crashed = run_workers(args.workers, storage, experiment_id, runs_dir_of(args), args.stale_after)
    code = report(args, storage, experiment_id, interrupted)
    return EXIT_FAILED if crashed and code == EXIT_OK else code


def run_workers(n: int, storage: str, experiment_id: str, runs_dir: Path,
                stale_after: float = 300.0) -> tuple[bool, list[int]]:
    """N worker processes on this machine; SIGINT/SIGTERM are passed on (each queues its trial again). Returns
    whether they were stopped, and the exit codes of workers that crashed (each said on stderr: their trials
    are run by the others, or by the next `experiment-worker`)."""
    command = [sys.executable, "-m", "workbench", "experiment-worker", "--experiment", experiment_id,
               "--runs-dir", str(runs_dir), "--stale-after", str(stale_after)]  # the storage in the environment: a password never in a process list
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", STORAGE_ENV: storage}
    workers = [subprocess.Popen(command, env=env) for _ in range(n)]
    stopped = []

    def pass_on(signum, _frame):
        stopped.append(signum)
        for w in workers:
            if w.poll() is None:
                w.send_signal(signal.SIGTERM)

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, pass_on)
    crashed = []
    for i, w in enumerate(workers, 1):
        code = w.wait()
        if code not in (EXIT_OK, EXIT_INTERRUPTED, -signal.SIGTERM, -signal.SIGINT) or (code and not stopped):
            crashed.append(code)
            print(translate("cli", "worker {i} of {n} ended with exit code {code}").format(i=i, n=n, code=code),
                  file=sys.stderr)
    return bool(stopped), crashed
