"""`workbench lr-find`: the LR range test; the loss as the learning rate grows, and a suggestion."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    add_train_options,
    config_from_args,
    emit_json,
    prepared,
    runs_dir_of,
    stop_on_signals,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import percent

NAME = "lr-find"
HELP = QT_TRANSLATE_NOOP("cli", "LR range test: the loss as the learning rate grows from 1e-6 to 10; suggests a "
                                "learning rate")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_train_options(p)
    p.add_argument("--steps", type=int, default=300, help=translate(
        "cli", "training steps of the test (the learning rate grows exponentially over them)"))
    p.add_argument("--try", dest="try_seeds", default=None, metavar="SEEDS", help=translate(
        "cli", "then train each suggested learning rate with these seeds (as 0-2 or 0,3,7) for --epochs, as an "
               "experiment, and say which wins"))


def lr_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.3g}"


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if not 20 <= args.steps <= 10_000:
        raise UsageError(translate("cli", "argument --steps: {value} is out of range; allowed 20 to 10000").format(
            value=args.steps))
    prepared(config)
    from workbench.training.lr_find import lr_find

    result = lr_find(config, steps=args.steps)
    out = sys.stderr if args.json else sys.stdout
    print(translate("cli", "LR range test ({method}, {loss}, {optimizer}): {n} steps from {low} to {high}{end}").format(
        method=config.method, loss=config.loss, optimizer=config.optimizer, n=len(result.lrs),
        low=lr_text(result.lrs[0] if result.lrs else None), high=lr_text(result.lrs[-1] if result.lrs else None),
        end=translate("cli", ", where the loss exploded") if result.exploded else ""), file=out)
    print(translate("cli", "suggested lr (steepest descent): {lr}").format(lr=lr_text(result.suggested_lr)), file=out)
    print(translate("cli", "valley lr (safer): {lr}").format(lr=lr_text(result.valley_lr)), file=out)
    print(translate("cli", "minimum ÷ 10 lr (a tenth of the rate at the lowest loss): {lr}").format(
        lr=lr_text(result.minimum_lr)), file=out)
    doc = result.to_dict()
    code = EXIT_OK
    if args.try_seeds is not None:
        doc["try"], code = try_suggestions(args, config, doc, out)
    if args.json:
        emit_json(doc)
    return code


def try_suggestions(args: argparse.Namespace, config, result: dict, out) -> tuple[dict | None, int]:
    """The suggestions as an experiment (`lr=…` × seeds, in the runs folder's experiments storage), then the
    winner with its confidence interval and its lead over the runner-up."""
    import time

    from workbench.cli.experiment_worker import Waiting, say_trial
    from workbench.experiments import lr_try, trials
    from workbench.experiments import study as studies
    from workbench.experiments.grid import GridError, default_storage, make_grid

    names = lr_try.candidates(result)
    if not names:
        print(translate("cli", "no learning rate to try: the test suggested none"), file=sys.stderr)
        return None, EXIT_FAILED
    try:
        grid = make_grid(config, [lr_try.grid_set(list(names))], args.try_seeds)
    except GridError as exc:
        raise UsageError(f"argument --try: {exc}") from None
    experiment_id = time.strftime("lr-try-%Y%m%d-%H%M%S")
    storage = default_storage(runs_dir_of(args))
    studies.create(grid, storage, experiment_id)
    print(translate("cli", "experiment {id}: {lrs} × seeds {seeds}, {epochs} epochs each").format(
        id=experiment_id, lrs=", ".join(f"{lr:g}" for lr in sorted(names)), seeds=args.try_seeds,
        epochs=config.epochs), file=sys.stderr)
    with stop_on_signals() as stop:
        trials.work(storage, experiment_id, runs_dir_of(args), stop, on_trial=say_trial, on_wait=Waiting())
    tried = lr_try.outcome(studies.report(storage, experiment_id), names)
    for row in tried["tried"]:
        print(translate("cli", "lr {lr:g} ({readings}): val accuracy {mean} [{low}, {high}] 95% CI, {n} seeds").format(
            lr=row["lr"], readings=", ".join(translate("cli", r) for r in row["readings"]), mean=percent(row["mean"]), low=percent(row["low"]),
            high=percent(row["high"]), n=row["n"]), file=out)
    lead = tried["lead"]
    if lead is not None:
        text = (translate("cli", "winner: lr {lr:g}, ahead by {delta:.2f} points [{low:.2f}, {high:.2f}] 95% CI "
                                 "(Welch p = {p:.2g})") if lead["apart"] else
                translate("cli", "lr {lr:g} leads by {delta:.2f} points, but [{low:.2f}, {high:.2f}] 95% CI holds "
                                 "0: the seeds cannot tell these apart; try more seeds"))
        print(text.format(lr=tried["winner"], delta=100 * lead["delta"], low=100 * lead["low"],
                          high=100 * lead["high"], p=lead["p"]), file=out)
    for row in tried["tried"]:
        row.pop("values")
    return tried, EXIT_INTERRUPTED if stop.is_set() else EXIT_OK
