"""`workbench gui`: open the main window (as `python main.py` does)."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import runs_dir_of
from workbench.core.i18n import QT_TRANSLATE_NOOP

NAME = "gui"
HELP = QT_TRANSLATE_NOOP("cli", "open the main window")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from workbench.gui.app import main as gui_main

    return gui_main(runs_dir=runs_dir_of(args) if args.runs_dir else None, argv=sys.argv[:1],
                    quit_after=args.quit_after)
