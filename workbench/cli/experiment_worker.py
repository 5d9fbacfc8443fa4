"""`workbench experiment-worker --experiment ID`: run an existing experiment's trials (from this or another
machine) until none is left. Also the storage option and the trial line that `experiment` shares."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import EXIT_INTERRUPTED, EXIT_OK, Failure, runs_dir_of, stop_on_signals
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

NAME = "experiment-worker"
HELP = QT_TRANSLATE_NOOP("cli", "run trials of an existing experiment (from this or another machine) until none is "
                                "left")


def add_storage_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--storage", default=None, metavar="URL", help=translate(
        "cli", "Optuna storage: an SQLAlchemy URL or grpc://HOST:PORT (default: an SQLite file in the runs "
               "folder)"))


def storage_of(args: argparse.Namespace) -> str:
    """The storage URL: --storage, else the SQLite file of the runs folder."""
    from workbench.experiments.grid import default_storage

    if args.storage:
        return args.storage
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


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_storage_option(p)
    p.add_argument("--experiment", required=True, metavar="ID", help=translate("cli", "the experiment id"))


def run(args: argparse.Namespace) -> int:
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError

    with stop_on_signals() as stop:
        try:
            studies.work(storage_of(args), args.experiment, runs_dir_of(args), stop, on_trial=say_trial)
        except GridError as exc:
            raise Failure(str(exc)) from None
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK
