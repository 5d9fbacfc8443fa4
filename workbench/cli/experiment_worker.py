"""`workbench experiment-worker --experiment ID`: run an existing experiment's trials (from this or another
machine) until none is left. Also the storage option and the trial line that `experiment` shares."""

from __future__ import annotations

import argparse
import os
import sys

from workbench.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    Failure,
    UsageError,
    runs_dir_of,
    stop_on_signals,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

STORAGE_ENV = "WORKBENCH_STORAGE"
NAME = "experiment-worker"
HELP = QT_TRANSLATE_NOOP("cli", "run trials of an existing experiment (from this or another machine) until none is "
                                "left")


def add_storage_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--storage", default=None, metavar="URL", help=translate(
        "cli", "Optuna storage: an SQLAlchemy URL or grpc://HOST:PORT (default: $WORKBENCH_STORAGE, else an SQLite "
               "file in the runs folder); a password in it is shown as ***"))


def storage_of(args: argparse.Namespace) -> str:
    """The storage URL: --storage, else $WORKBENCH_STORAGE (so a password need not be on a command line), else
    the SQLite file of the runs folder. Shown only through `redact.mask`."""
    from workbench.experiments.grid import default_storage

    if args.storage or os.environ.get(STORAGE_ENV):
        return args.storage or os.environ[STORAGE_ENV]
    runs = runs_dir_of(args)
    runs.mkdir(parents=True, exist_ok=True)
    return default_storage(runs)


def say_trial(trial: dict) -> None:
    """One line on stderr per finished trial."""
    from workbench.experiments.grid import point_label

    accuracy = (trial.get("final") or {}).get("val_accuracy")
    print(translate("cli", "trial {settings} seed {seed}: {status}, val accuracy {accuracy} (run {run})").format(
        settings=point_label(trial["settings"]), seed=trial["seed"], status=trial["status"],
        accuracy=percent(accuracy) if accuracy is not None else "—", run=trial["run_id"]), file=sys.stderr)


def add_stale_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stale-after", type=float, default=300.0, metavar="SECONDS", help=translate(
        "cli", "a trial whose worker has not been heard from for this long is failed and run again (any storage)"))


class Waiting:
    """Says on stderr what a worker with nothing left to start waits for: at the start and every 30 s."""

    def __init__(self) -> None:
        self.said: dict[int, float] = {}

    def __call__(self, what: dict) -> None:
        if what["taken_over"]:
            print(translate("cli", "trial {trial} ({settings}) was not heard from for {seconds:.0f} s: failed and "
                                   "queued again").format(trial=what["trial"], settings=_params(what["settings"]),
                                                          seconds=what["quiet"]), file=sys.stderr)
            return
        last = self.said.get(what["trial"])
        if last is None or what["quiet"] - last >= 30 or what["quiet"] < last:
            self.said[what["trial"]] = what["quiet"]
            print(translate("cli", "waiting for trial {trial} ({settings}) of another worker; heard from {seconds:.0f} "
                                   "s ago, taken over after {limit:.0f} s").format(
                trial=what["trial"], settings=_params(what["settings"]), seconds=what["quiet"],
                limit=what["stale_after"]), file=sys.stderr)


def _params(params: dict) -> str:
    return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in params.items()) or "-"


def work(args: argparse.Namespace, storage: str, experiment_id: str, stop) -> None:
    """This process's trials of the experiment, with the command line's say."""
    from workbench.experiments import trials

    if not args.stale_after > 0:
        raise UsageError(f"argument --stale-after: {args.stale_after:g} is out of range; allowed above 0")
    trials.work(storage, experiment_id, runs_dir_of(args), stop, on_trial=say_trial, on_wait=Waiting(),
                stale_after=args.stale_after)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_storage_option(p)
    add_stale_option(p)
    p.add_argument("--experiment", required=True, metavar="ID", help=translate("cli", "the experiment id"))


def run(args: argparse.Namespace) -> int:
    from workbench.experiments.grid import GridError

    with stop_on_signals() as stop:
        try:
            work(args, storage_of(args), args.experiment, stop)
        except GridError as exc:
            raise Failure(str(exc)) from None
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK
