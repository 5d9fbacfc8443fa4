"""`workbench experiment-report ID`: the summary of an experiment, per setting; when two settings part, how many
seeds a difference needs, which setting mattered; `--dashboard` opens it in optuna-dashboard."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Failure,
    UsageError,
    emit_json,
    print_table,
    runs_dir_of,
    stop_on_signals,
)
from workbench.cli.experiment_worker import add_storage_option, storage_of
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

NAME = "experiment-report"
HELP = QT_TRANSLATE_NOOP("cli", "the summary of an experiment")


def add_arguments(p: argparse.ArgumentParser) -> None:
    from workbench.experiments.curves import METRICS

    add_storage_option(p)
    p.add_argument("experiment", metavar="ID", help=translate("cli", "the experiment id"))
    p.add_argument("--detect", type=float, default=0.5, metavar="POINTS", help=translate(
        "cli", "the difference of validation accuracy, in percentage points, that the seeds needed are for "
               "(80% power, alpha 0.05; default 0.5)"))
    p.add_argument("--compare", nargs=2, default=None, metavar=("A", "B"), help=translate(
        "cli", "two settings by their labels (as in the table): B − A per epoch and the first epoch from which "
               "they differ (default: the two settings of an experiment that has two)"))
    p.add_argument("--metric", choices=METRICS, default="val_accuracy", help=translate(
        "cli", "the metric of --compare (default val_accuracy)"))
    p.add_argument("--dashboard", action="store_true", help=translate(
        "cli", "then open the experiment in optuna-dashboard on 127.0.0.1 until Ctrl-C (an optional extra)"))
    p.add_argument("--no-browser", action="store_true", help=translate("cli", "with --dashboard: do not open a "
                                                                              "browser"))


def run(args: argparse.Namespace) -> int:
    if not 0 < args.detect <= 100:
        raise UsageError(f"argument --detect: {args.detect:g} is out of range; allowed above 0 up to 100 points")
    storage = storage_of(args)
    code = report(args, storage, args.experiment, interrupted=False)
    if args.dashboard:
        serve_dashboard(args, storage, args.experiment)
    return code


def _pm(mean, std, fmt) -> str:
    if mean is None:
        return "—"
    return fmt(mean) + (f" ± {fmt(std)}" if std is not None else "")


def report(args: argparse.Namespace, storage: str, experiment_id: str, interrupted: bool) -> int:
    """Prints the table per setting (JSON with --json); the exit code says whether every trial finished."""
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError

    detect = getattr(args, "detect", 0.5) / 100
    try:
        doc = studies.report(storage, experiment_id, detect=detect)
    except GridError as exc:
        raise Failure(str(exc)) from None
    out = sys.stderr if args.json else sys.stdout
    rows = [[translate("cli", "settings"), "n", translate("cli", "val accuracy"), translate("cli", "best val accuracy"),
             translate("cli", "val loss"), translate("cli", "s/trial"),
             translate("cli", "seeds for {points} pts").format(points=f"{detect * 100:g}")]]
    for g in doc["groups"]:
        rows.append([g["label"], str(g["n"]),
                     _pm(g["val_accuracy_mean"], g["val_accuracy_std"], percent),
                     _pm(g["best_val_accuracy_mean"], g["best_val_accuracy_std"], percent),
                     _pm(g["val_loss_mean"], g["val_loss_std"], lambda v: f"{v:.4f}"),
                     _pm(g["seconds_mean"], None, lambda v: f"{v:.1f}"), seeds_text(g["seeds_needed"])])
    print_table(rows, file=out)
    print(translate("cli", "experiment {id}: {done} of {total} trials completed").format(
        id=experiment_id, done=doc["completed_trials"], total=doc["expected_trials"]), file=sys.stderr)
    if doc["importance"]:
        print(importance_text(doc["importance"]), file=out)
    doc["parting"] = parting_of(args, doc)
    if doc["parting"]:
        print(parting_text(doc["parting"]), file=out)
    if args.json:
        emit_json(doc)
    if interrupted:
        return EXIT_INTERRUPTED
    complete = doc["completed_trials"] >= doc["expected_trials"] and all(
        t["status"] in ("completed", "pruned") for t in doc["trials"])
    return EXIT_OK if complete else EXIT_FAILED


def seeds_text(n: int | None) -> str:
    from workbench.experiments.stats import MOST_SEEDS

    return "—" if n is None else f"> {MOST_SEEDS}" if n > MOST_SEEDS else str(n)


def importance_text(importance: dict) -> str:
    shares = ", ".join(f"{name} {value:.2f}" for name, value in importance["params"].items())
    return translate("cli", "which setting mattered ({evaluator}, {n} trials): {shares}").format(
        evaluator=importance["evaluator"], n=importance["trials"], shares=shares)


def parting_of(args: argparse.Namespace, doc: dict) -> dict | None:
    """B − A per epoch from the runs' history files (None without two settings to compare)."""
    from workbench.experiments import curves, parting

    labels = getattr(args, "compare", None)
    if labels is None:
        if len(doc["groups"]) != 2:
            return None
        labels = [g["label"] for g in doc["groups"]]
    known = [g["label"] for g in doc["groups"]]
    labels = [_known_label(label, known) for label in labels]
    metric = getattr(args, "metric", "val_accuracy")
    by_label = {c.label: c for c in curves.load(doc, runs_dir_of(args)).curves(metric)}
    return parting.part(by_label[labels[0]], by_label[labels[1]], metric).to_dict()


def _known_label(label: str, known: list[str]) -> str:
    """The table's label that `label` names: the same settings in any order, separated by spaces or commas."""
    import re

    def words(text: str) -> set[str]:
        return set(re.split(r"[\s,]+", text.strip()))

    for candidate in known:
        if words(candidate) == words(label):
            return candidate
    raise UsageError(f"argument --compare: {label!r} is not a setting of the experiment; allowed "
                     + "; ".join(known))


def parting_text(found: dict) -> str:
    """"b leads from epoch 2 on (p < 0.01 after Holm; Hedges' g 1.9)", or why not yet."""
    if not found["epochs"]:
        return translate("cli", "{b} − {a}: each needs at least two finished seeds per epoch").format(
            a=found["a"], b=found["b"])
    if found["first_epoch"] is None:
        last = found["epochs"][-1]
        return translate("cli", "{b} − {a} ({metric}): not apart at the last epoch (p = {p:.3f} after Holm)").format(
            a=found["a"], b=found["b"], metric=found["metric"], p=last["p_holm"])
    at = next(e for e in found["epochs"] if e["epoch"] == found["first_epoch"])
    g = "—" if at["g"] is None else f"{at['g']:.2f}"
    return translate("cli", "{leader} leads in {metric} from epoch {epoch} on (p ≤ {p:.3g} after Holm at every "
                            "epoch since; Hedges' g {g} at epoch {epoch})").format(
        leader=found["leader"], metric=found["metric"], epoch=found["first_epoch"], p=found["worst_p_holm"], g=g)


def serve_dashboard(args: argparse.Namespace, storage: str, experiment_id: str) -> None:
    """optuna-dashboard on the storage until Ctrl-C, its page of this experiment opened in a browser."""
    import time

    from workbench.core.local_server import ServerError
    from workbench.experiments import dashboard

    server = dashboard.server_for(storage)
    try:
        url = dashboard.study_url(server.start(), dashboard.study_id(storage, experiment_id))
    except ServerError as exc:
        raise Failure(str(exc)) from None
    print(translate("cli", "optuna-dashboard at {url} (Ctrl-C stops it)").format(url=url), file=sys.stderr,
          flush=True)
    if not args.no_browser:
        import webbrowser

        webbrowser.open(url)
    with stop_on_signals() as stop:
        try:
            while not stop.is_set() and server.running:
                time.sleep(0.2)
        finally:
            server.stop()
