"""`workbench reproduce`: re-run the article's experiments; print reported vs measured."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    emit_json,
    flag_of,
    print_table,
    runs_dir_of,
    stop_on_signals,
)
from workbench.core.config import TrainConfig
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "reproduce"
HELP = QT_TRANSLATE_NOOP("cli", "re-run the article's experiments; print reported vs measured")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--train-limit", type=int, default=0, help=translate("cli", "first N training samples (0 = all)"))
    p.add_argument("--val-limit", type=int, default=0, help=translate("cli", "first N validation samples (0 = all)"))
    p.add_argument("--seeds", default="0", metavar="SPEC",
                   help=translate("cli", "train each row with these seeds (0-2 or 0,3,7) and show mean ± std"))


def progress(config: TrainConfig) -> list:
    """A console progress bar for each run the reproduction trains."""
    from workbench.core import data as datamod
    from workbench.training.callbacks import ConsoleProgress

    print(translate("cli", "training {run}").format(run=config.name), file=sys.stderr)
    n = len(datamod.prepare(config).x_train)
    return [ConsoleProgress(config.epochs, datamod.steps_per_epoch(n, config.batch_size))]


def run(args: argparse.Namespace) -> int:
    for name in ("epochs", "train_limit", "val_limit"):
        value = getattr(args, name)
        low = 1 if name == "epochs" else 0
        if value < low:
            raise UsageError(f"argument {flag_of(name)}: {value} is out of range; allowed {low} or more")
    from workbench.analysis.diagnostics import reproduce
    from workbench.experiments.grid import GridError, parse_seeds

    try:
        seeds = parse_seeds(args.seeds)
    except GridError as exc:
        raise UsageError(str(exc).replace("--seeds", "argument --seeds:", 1)) from None
    with stop_on_signals() as stop:
        rows = reproduce(runs_dir_of(args), args.epochs, args.train_limit, args.val_limit,
                         callbacks_for=progress, stop=stop, seeds=seeds)
    if args.json:
        emit_json(rows)
    else:
        from workbench.core.article import cells, header

        print_table([header()] + [cells(r) for r in rows])
        print(translate("cli", "accuracies in percent (--json gives fractions)"))
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK
