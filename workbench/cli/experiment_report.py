"""`workbench experiment-report ID`: the summary of an experiment, per setting."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Failure,
    emit_json,
    print_table,
)
from workbench.cli.experiment_worker import add_storage_option, storage_of
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

NAME = "experiment-report"
HELP = QT_TRANSLATE_NOOP("cli", "the summary of an experiment")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_storage_option(p)
    p.add_argument("experiment", metavar="ID", help=translate("cli", "the experiment id"))


def run(args: argparse.Namespace) -> int:
    return report(args, storage_of(args), args.experiment, interrupted=False)


def _pm(mean, std, fmt) -> str:
    if mean is None:
        return "—"
    return fmt(mean) + (f" ± {fmt(std)}" if std is not None else "")


def report(args: argparse.Namespace, storage: str, experiment_id: str, interrupted: bool) -> int:
    """Prints the table per setting (JSON with --json); the exit code says whether every trial finished."""
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError

    try:
        doc = studies.report(storage, experiment_id)
    except GridError as exc:
        raise Failure(str(exc)) from None
    rows = [[translate("cli", "settings"), "n", translate("cli", "val accuracy"), translate("cli", "best val accuracy"),
             translate("cli", "val loss"), translate("cli", "s/trial")]]
    for g in doc["groups"]:
        rows.append([g["label"], str(g["n"]),
                     _pm(g["val_accuracy_mean"], g["val_accuracy_std"], percent),
                     _pm(g["best_val_accuracy_mean"], g["best_val_accuracy_std"], percent),
                     _pm(g["val_loss_mean"], g["val_loss_std"], lambda v: f"{v:.4f}"),
                     _pm(g["seconds_mean"], None, lambda v: f"{v:.1f}")])
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
