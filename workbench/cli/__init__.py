"""`python -m workbench <subcommand>`: the command line of INTERFACE.md.

One module per subcommand, its options and its handler side by side: each has `NAME`, `HELP`,
`add_arguments(parser)` and `run(args) -> exit code`. What they share (errors, exit codes, the settings' flags,
tables, JSON, Ctrl-C) is in `common.py`. Bad arguments: one line on stderr, exit 2. Other failures: one line,
exit 1. Never a traceback unless `--debug`. `--json`: the last stdout line is JSON, progress goes to stderr.
TensorFlow is imported only when a command runs and needs it.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from workbench import __version__
from workbench.cli import (
    evaluate,
    experiment,
    experiment_report,
    experiment_worker,
    explain,
    export,
    export_model,
    fork,
    gui,
    install_desktop,
    landscape,
    lr_find,
    reproduce,
    resume,
    runs,
    tensorboard,
    train,
)
from workbench.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    Failure,
    Parser,
    UsageError,
)
from workbench.core.config import ConfigError
from workbench.core.data import DatasetError
from workbench.core.i18n import translate
from workbench.core.redact import redact

#: the subcommands, in the order `--help` lists them
COMMANDS = (train, runs, resume, fork, explain, reproduce, export, evaluate, export_model, tensorboard, experiment,
            experiment_worker, experiment_report, lr_find, landscape, gui, install_desktop)

__all__ = ["COMMANDS", "Failure", "UsageError", "build_parser", "main"]


def build_parser() -> Parser:
    parser = Parser(prog="workbench", description=translate(
        "cli", "TF Training Workbench: see why a network trains the way it does."))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help=translate("cli", "show Python tracebacks"))
    common.add_argument("--json", action="store_true", help=translate("cli", "last stdout line is JSON"))
    common.add_argument("--runs-dir", default=None, help=translate(
        "cli", "runs folder (default: $WORKBENCH_RUNS_DIR or the user data folder)"))
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=Parser)
    sub.required = True
    for command in COMMANDS:
        help_text = translate("cli", command.HELP)
        p = sub.add_parser(command.NAME, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=command.run)
        command.add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    parser = build_parser()
    command = next((a for a in argv if not a.startswith("-")), "")
    prog = f"workbench {command}".strip()
    try:
        args = parser.parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"{prog}: error: {redact(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except (Failure, DatasetError, ConfigError, OSError) as exc:
        if debug:
            print(redact(traceback.format_exc()), file=sys.stderr, end="")
        print(f"{prog}: error: {redact(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the promise: one line, never a traceback; never a password
        if debug:
            print(redact(traceback.format_exc()), file=sys.stderr, end="")
        print(f"{prog}: error: {type(exc).__name__}: {redact(str(exc))} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
