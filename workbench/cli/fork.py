"""`workbench fork RUN --epoch E`: what if — continue a run from one of its epochs with other settings."""

from __future__ import annotations

import argparse

from workbench.cli.common import (
    UsageError,
    add_trust_option,
    existing_run,
    prepared,
    runs_dir_of,
    usage_error,
)
from workbench.cli.outcome import train_with_progress
from workbench.core.config import ConfigError
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import read_config
from workbench.core.settings import FORKABLE, parse_value, value_problem

NAME = "fork"
HELP = QT_TRANSLATE_NOOP("cli", "what if: continue a run from one of its epochs with another loss, optimizer or "
                                "learning rate, as a new run")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("run", metavar="RUN", help=translate("cli", "the run id (a folder of the runs folder)"))
    add_trust_option(p)
    p.add_argument("--epoch", type=int, required=True, help=translate(
        "cli", "start from the weights after this finished epoch"))
    for spec in FORKABLE:
        p.add_argument(spec.cli_flag, dest=spec.name, default=None, metavar=spec.name.upper(),
                       help=translate("cli", "the fork's {name} (default: the run's)").format(name=spec.name))


def changes_of(args: argparse.Namespace) -> dict:
    """The settings the command line changes, each read and checked as its flag says."""
    changes = {}
    for spec in FORKABLE:
        text = getattr(args, spec.name)
        if text is None:
            continue
        try:
            value = parse_value(spec, text)
        except ValueError as exc:
            raise UsageError(f"argument {spec.cli_flag}: {exc}") from None
        if problem := value_problem(spec, value):
            raise UsageError(f"argument {spec.cli_flag}: {problem}")
        changes[spec.name] = value
    return changes


def run(args: argparse.Namespace) -> int:
    run_dir = existing_run(args, args.run, "RUN")
    changes = changes_of(args)
    try:
        config = read_config(run_dir).replace(**changes)
    except ConfigError as exc:
        raise usage_error(exc) from None
    from workbench.core.model_source import UntrustedModelCode, check_trusted
    from workbench.training import trainer

    try:
        check_trusted(run_dir, args.trust_model_code)  # before anything is trained or written
    except UntrustedModelCode as exc:
        raise UsageError(f"argument --trust-model-code: {exc}") from None

    def fork(callbacks, stop):
        try:
            return trainer.fork(run_dir, args.epoch, changes, runs_dir_of(args), callbacks, stop,
                                trust_code=args.trust_model_code)
        except UntrustedModelCode as exc:
            raise UsageError(f"argument --trust-model-code: {exc}") from None
        except ConfigError as exc:
            raise usage_error(exc) from None
        except trainer.CannotFork as exc:
            raise UsageError(f"argument --epoch: {exc}") from None

    return train_with_progress(args, config, len(prepared(config).x_train), fork)
