"""`workbench explain`: measure why a configuration trains differently (loss scale, resolved metric)."""

from __future__ import annotations

import argparse
import sys

from workbench.cli.common import EXIT_OK, add_train_options, config_from_args, emit_json, prepared
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "explain"
HELP = QT_TRANSLATE_NOOP("cli", "measure why a configuration trains differently (loss scale, resolved metric)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_train_options(p)


def run(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    prepared(config)
    from workbench.analysis.diagnostics import explain

    report = explain(config)
    out = sys.stderr if args.json else sys.stdout
    print(report["explanation"], file=out)
    for warning in report["warnings"]:
        print(translate("cli", "warning: {warning}").format(warning=warning), file=out)
    if args.json:
        emit_json(report)
    return EXIT_OK
