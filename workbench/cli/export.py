"""`workbench export`: plots and data of chosen runs, written without opening a window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import EXIT_OK, UsageError, emit_json, existing_run, qt_app
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "export"
HELP = QT_TRANSLATE_NOOP("cli", "write plots and data of chosen runs without opening a window")
ALLOWED = ("png", "svg", "pdf", "csv")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--runs", nargs="+", required=True, metavar="ID", help=translate("cli", "run ids to export"))
    p.add_argument("--out", required=True, help=translate("cli", "folder to write into"))
    p.add_argument("--formats", default="png,svg,pdf,csv", help=translate("cli", "comma list of png,svg,pdf,csv"))
    p.add_argument("--smoothing", type=float, default=0.0, help=translate("cli", "0..0.99, as the window's slider"))
    p.add_argument("--log-y", action="store_true", help=translate("cli", "logarithmic loss axis"))


def run(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    bad = [f for f in formats if f not in ALLOWED]
    if bad or not formats:
        raise UsageError(f"argument --formats: {','.join(bad) or 'nothing'} is not allowed; choose from "
                         f"{','.join(ALLOWED)}")
    if not 0 <= args.smoothing <= 0.99:
        raise UsageError(f"argument --smoothing: {args.smoothing} is out of range; allowed 0 to 0.99")
    run_dirs = [existing_run(args, run_id, "--runs") for run_id in args.runs]
    if formats == ["csv"]:  # the data alone needs no Qt
        from workbench.core.points import write_csv

        Path(args.out).mkdir(parents=True, exist_ok=True)
        write_csv(run_dirs, Path(args.out) / "metrics.csv")
        written = [Path(args.out) / "metrics.csv"]
    else:
        qt_app()
        from workbench.gui.export import export_runs

        written = export_runs(run_dirs, Path(args.out), formats, args.smoothing, args.log_y)
    for path in written:
        print(translate("cli", "wrote {path}").format(path=path), file=sys.stderr)
    if args.json:
        emit_json({"files": [str(p) for p in written]})
    return EXIT_OK
