"""What every command shares: errors and exit codes, the settings' flags, the runs folder, tables, JSON,
and the one way Ctrl-C stops a command.

Bad arguments raise `UsageError` (exit 2), anything else that went wrong `Failure` (exit 1); `main` turns both
into one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.data import DatasetError
from workbench.core.i18n import translate
from workbench.core.run_summary import read_run
from workbench.core.runs import default_runs_dir
from workbench.core.settings import BY_NAME, SETTINGS, Setting, parse_value, shown
from workbench.core.stop import StopFlag

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Bad arguments: exit 2."""


class Failure(Exception):
    """Anything else that went wrong: exit 1."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def flag_of(field_name: str) -> str:
    return "--" + field_name.replace("_", "-")


def add_train_options(p: argparse.ArgumentParser) -> None:
    """One flag per setting of the schema (settings.SETTINGS); the training options in their own group."""
    groups = {"options": p.add_argument_group(translate("cli", "training options"))}
    for s in SETTINGS:
        target = groups.get(s.group, p)
        if s.type is bool:
            target.add_argument(s.cli_flag, dest=s.name, action="store_false" if s.inverted else "store_true",
                                help=shown(s.help))
        else:
            target.add_argument(s.cli_flag, dest=s.name, type=reader(s) if s.special else s.type,
                                default=s.default, choices=list(s.choices) if s.choices and not s.open_choices else None,
                                help=shown(s.help))


def add_trust_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--trust-model-code", action="store_true", help=translate(
        "cli", "run a model file's Python code that this machine did not write (a run folder from elsewhere), and "
               "let a saved .keras model run its Lambda layers; read the code first"))


@contextmanager
def model_code_refused() -> Iterator[None]:
    """A run folder's model code this machine did not write, or a bad model file: one line, exit 2."""
    from workbench.core.model_source import UntrustedModelCode

    try:
        yield
    except UntrustedModelCode as exc:
        raise UsageError(f"argument --trust-model-code: {exc}") from None
    except ConfigError as exc:
        raise usage_error(exc) from None


def reader(setting: Setting):
    """argparse's type for a setting: its special word too (`--steps-per-execution auto`, `--train-limit all`)."""
    def read(text: str):
        try:
            return parse_value(setting, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    read.__name__ = setting.type.__name__
    return read


def usage_error(exc: ConfigError) -> UsageError:
    """A ConfigError as the command line says it: `argument --flag: what is allowed`."""
    setting = BY_NAME.get(exc.field)
    flag = setting.cli_flag if setting else flag_of(exc.field)
    return UsageError(f"argument {flag}: {str(exc).split(': ', 1)[1]}")


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    try:
        return TrainConfig(**{s.name: getattr(args, s.name) for s in SETTINGS})
    except ConfigError as exc:
        raise usage_error(exc) from None


def runs_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.runs_dir).expanduser() if args.runs_dir else default_runs_dir()


def existing_run(args: argparse.Namespace, run_id: str, argument: str) -> Path:
    """The folder of run `run_id` in the runs folder, or a usage error naming `argument` (RUN, --run, --runs)."""
    path = runs_dir_of(args) / run_id
    if read_run(path) is None:
        raise UsageError(f"argument {argument}: no run {run_id!r} in {runs_dir_of(args)}")
    return path


def prepared(config: TrainConfig):
    """The run's data, or a usage error naming the setting or the dataset at fault."""
    from workbench.core import data as datamod

    try:
        return datamod.prepare(config)
    except ConfigError as exc:
        raise usage_error(exc) from None
    except DatasetError as exc:
        raise UsageError(f"argument --dataset: {exc}") from None


def width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(rows: list[Sequence[str]], file=None) -> None:
    """Rows of text cells in aligned columns (wide characters counted as two)."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip(), file=file)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=str) + "\n")
    sys.stdout.flush()


@contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    """A StopFlag that Ctrl-C (SIGINT) and SIGTERM set while the block runs: training stops at the next batch
    (kept as `stopped`), an experiment queues its trial again. The previous handlers come back afterwards."""
    stop = StopFlag()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def qt_app():
    """A QApplication for headless rendering (offscreen when there is no display)."""
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["workbench"])
