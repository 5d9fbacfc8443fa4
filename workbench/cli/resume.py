"""`workbench resume RUN`: continue a stopped or interrupted run from its last finished epoch."""

from __future__ import annotations

import argparse

from workbench.cli.common import existing_run, prepared
from workbench.cli.outcome import train_with_progress
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import read_config

NAME = "resume"
HELP = QT_TRANSLATE_NOOP("cli", "continue a stopped or interrupted run from its last finished epoch")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("run", metavar="RUN", help=translate("cli", "the run id (a folder of the runs folder)"))


def run(args: argparse.Namespace) -> int:
    run_dir = existing_run(args, args.run, "RUN")
    config = read_config(run_dir)
    from workbench.training import trainer

    return train_with_progress(args, config, len(prepared(config).x_train),
                               lambda callbacks, stop: trainer.resume(run_dir, callbacks, stop))
