"""`workbench evaluate --run ID`: confusion matrix and per-class metrics of a run's model on its validation data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import EXIT_OK, Failure, emit_json, existing_run, print_table
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

NAME = "evaluate"
HELP = QT_TRANSLATE_NOOP("cli", "confusion matrix and per-class metrics of a run's model on its validation data")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--run", required=True, metavar="ID", help=translate("cli", "the run id"))
    p.add_argument("--csv", metavar="PATH", help=translate("cli", "also write the confusion matrix as CSV"))


def run(args: argparse.Namespace) -> int:
    run_dir = existing_run(args, args.run, "--run")
    from workbench.analysis.evaluation import NoModel, evaluate, matrix_csv

    try:
        result = evaluate(run_dir)
    except NoModel as exc:
        raise Failure(str(exc)) from None
    if args.csv:
        try:
            Path(args.csv).write_text(matrix_csv(result))
        except OSError as exc:
            raise Failure(translate("cli", "cannot write {path}: {problem}").format(
                path=args.csv, problem=exc.strerror or exc)) from None
    show(result, sys.stderr if args.json else sys.stdout)
    if args.json:  # the per-image predictions stay in the run's evaluation.json
        emit_json({k: v for k, v in result.items() if k != "predictions"})
    return EXIT_OK


def show(result: dict, out) -> None:
    """The accuracy, the confusion matrix and the per-class table as text."""
    k = len(result["confusion_matrix"])
    names = [str(n) for n in result.get("class_names") or range(k)]  # a folder's or a CSV's class names
    width = max(5, *(len(n) for n in names))
    print(translate("cli", "run {run}: accuracy {accuracy} on {n} validation samples").format(
        run=result["run_id"], accuracy=percent(result["accuracy"]), n=result["samples"]), file=out)
    print(translate("cli", "confusion matrix (rows: true class, columns: predicted)"), file=out)
    print(" " * (width + 1) + " ".join(f"{n:>{width}}" for n in names), file=out)
    for c, row in enumerate(result["confusion_matrix"]):
        print(f"{names[c]:>{width}} " + " ".join(f"{v:>{width}}" for v in row), file=out)
    table = [(translate("cli", "class"), translate("cli", "precision"), translate("cli", "recall"),
              translate("cli", "support"))]
    table += [(names[m["class"]], percent(m["precision"]), percent(m["recall"]), str(m["support"]))
              for m in result["per_class"]]
    print_table(table, file=out)
    if result["outputs"] == "scores":
        print(translate("cli", "top-3 values are the model's raw scores: it was trained with a squared error "
                               "against the one-hot label, so its outputs are not logits"), file=out)
