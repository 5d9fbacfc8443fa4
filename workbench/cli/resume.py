"""`workbench resume RUN`: continue a stopped or interrupted run from its last finished epoch."""

from __future__ import annotations

import argparse

from workbench.cli.common import add_trust_option, existing_run, model_code_refused, prepared
from workbench.cli.outcome import train_with_progress
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import read_config

NAME = "resume"
HELP = QT_TRANSLATE_NOOP("cli", "continue a stopped or interrupted run from its last finished epoch")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("run", metavar="RUN", help=translate("cli", "the run id (a folder of the runs folder)"))
    add_trust_option(p)


def run(args: argparse.Namespace) -> int:
    run_dir = existing_run(args, args.run, "RUN")
    config = read_config(run_dir)
    from workbench.core.model_source import check_trusted
    from workbench.training import trainer

    with model_code_refused():
        check_trusted(run_dir, args.trust_model_code)  # before anything is trained or written

    def resume(callbacks, stop):
        with model_code_refused():
            return trainer.resume(run_dir, callbacks, stop, trust_code=args.trust_model_code)

    return train_with_progress(args, config, len(prepared(config).x_train), resume)
