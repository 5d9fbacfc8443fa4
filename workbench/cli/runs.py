"""`workbench runs`: the runs in a runs folder, as a table or JSON."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import EXIT_OK, emit_json, print_table, runs_dir_of
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.run_summary import list_runs
from workbench.core.runs import percent, status_word

NAME = "runs"
HELP = QT_TRANSLATE_NOOP("cli", "list the runs in a runs folder")


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Only the common options."""


def run(args: argparse.Namespace) -> int:
    runs = list_runs(runs_dir_of(args))
    if args.json:
        emit_json([r.to_dict() for r in runs])
        return EXIT_OK
    if not runs:
        print(translate("cli", "no runs in {path}").format(path=runs_dir_of(args)), file=sys.stderr)
        return EXIT_OK
    header = ("run_id", translate("cli", "name"), translate("cli", "status"), "method", "optimizer", "lr", "loss",
              translate("cli", "epochs"), translate("cli", "val_acc"), translate("cli", "sharpness"))
    rows = [header] + [
        (r.run_id, r.name, status_word(r.status), r.method or "", r.optimizer or "",
         "" if r.lr is None else f"{r.lr:g}", r.loss or "", str(r.epochs_completed),
         percent(r.final.get("val_accuracy")), "" if r.sharpness is None else f"{r.sharpness:.4g}")
        for r in runs
    ]
    print_table(rows)
    return EXIT_OK
