"""`workbench export-model --run ID`: a run's model for use elsewhere (Keras, SavedModel, TFLite)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import EXIT_OK, Failure, UsageError, emit_json, existing_run
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.training.model_export import FORMATS  # no TensorFlow at import

NAME = "export-model"
HELP = QT_TRANSLATE_NOOP("cli", "write a run's model for use elsewhere (Keras, SavedModel, TFLite)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--run", required=True, metavar="ID", help=translate("cli", "the run id"))
    p.add_argument("--format", choices=list(FORMATS), default="keras",
                   help=translate("cli", "keras: a .keras file; savedmodel: a SavedModel folder for serving; "
                                         "tflite: a TensorFlow Lite file"))
    p.add_argument("--out", metavar="PATH", help=translate(
        "cli", "file or folder to write (default: named after the run, in the current folder)"))


def run(args: argparse.Namespace) -> int:
    run_dir = existing_run(args, args.run, "--run")
    from workbench.training.model_export import ExportError, default_name, export_model

    out = Path(args.out).expanduser() if args.out else Path.cwd() / default_name(args.run, args.format)
    if args.format == "keras" and out.suffix != ".keras":
        raise UsageError(f"argument --out: {out} must end in .keras for --format keras")
    try:
        written = export_model(run_dir, args.format, out)
    except ExportError as exc:
        raise Failure(str(exc)) from None
    print(translate("cli", "wrote {path}").format(path=written), file=sys.stderr)
    if args.json:
        emit_json({"run_id": args.run, "format": args.format, "path": str(written)})
    return EXIT_OK
