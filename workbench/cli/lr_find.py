"""`workbench lr-find`: the LR range test; the loss as the learning rate grows, and a suggestion."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import (
    EXIT_OK,
    UsageError,
    add_train_options,
    config_from_args,
    emit_json,
    prepared,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "lr-find"
HELP = QT_TRANSLATE_NOOP("cli", "LR range test: the loss as the learning rate grows from 1e-6 to 10; suggests a "
                                "learning rate")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_train_options(p)
    p.add_argument("--steps", type=int, default=300, help=translate(
        "cli", "training steps of the test (the learning rate grows exponentially over them)"))


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
    if args.json:
        emit_json(result.to_dict())
    return EXIT_OK
