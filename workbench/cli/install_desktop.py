"""`workbench install-desktop`: add the app to the desktop menu (Linux); `--uninstall` removes it."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import EXIT_OK, emit_json
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "install-desktop"
HELP = QT_TRANSLATE_NOOP("cli", "add the app to the desktop menu (Linux); --uninstall removes it")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--uninstall", action="store_true", help=translate("cli", "remove the menu entry and icon"))


def run(args: argparse.Namespace) -> int:
    from workbench.core import desktop

    changed = desktop.uninstall() if args.uninstall else desktop.install()
    for path in changed:
        print((translate("cli", "removed {path}") if args.uninstall else translate("cli", "wrote {path}")).format(
            path=path), file=sys.stderr)
    if args.json:
        emit_json({"files": [str(p) for p in changed], "exec": desktop.exec_line()})
    return EXIT_OK
