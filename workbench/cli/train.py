"""`workbench train`: one training run, headless; writes a run folder."""

from __future__ import annotations

import argparse

from workbench.cli.common import (
    UsageError,
    add_train_options,
    add_trust_option,
    config_from_args,
    model_code_refused,
    prepared,
    runs_dir_of,
)
from workbench.cli.outcome import train_with_progress
from workbench.core.i18n import QT_TRANSLATE_NOOP

NAME = "train"
HELP = QT_TRANSLATE_NOOP("cli", "one training run, headless; writes a run folder")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_train_options(p)
    add_trust_option(p)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    from workbench.training.distribute import DeviceError, check

    try:
        check(config)
    except DeviceError as exc:
        raise UsageError(f"argument --strategy: {exc}") from None
    data = prepared(config)
    from workbench.training import trainer

    with model_code_refused():
        trainer.check_model(config, data, args.trust_model_code)  # a bad model file: one line, no folder

    def train(callbacks, stop):
        with model_code_refused():
            return trainer.train(config, runs_dir_of(args), callbacks, stop, trust_code=args.trust_model_code)

    return train_with_progress(args, config, len(data.x_train), train)
