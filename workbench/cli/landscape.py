"""`workbench landscape`: the loss around a run's weights (or two runs' from one start), their paths, sharpness."""

from __future__ import annotations

import argparse
import sys

import numpy as np

from workbench.cli.common import (
    EXIT_OK,
    Failure,
    UsageError,
    add_trust_option,
    emit_json,
    existing_run,
    model_code_refused,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "landscape"
HELP = QT_TRANSLATE_NOOP("cli", "the loss surface around a run (or two runs from one start) and their paths; "
                                "sharpness")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--run", dest="runs", action="append", required=True, metavar="ID", help=translate(
        "cli", "the run id; twice for two runs from the same start weights"))
    p.add_argument("--kind", default="plane", choices=("line", "plane"), help=translate(
        "cli", "line: start to end weights and beyond; plane: a surface with the paths on it"))
    p.add_argument("--grid", type=int, default=21, metavar="N", help=translate("cli", "points along each axis"))
    p.add_argument("--span", type=float, default=1.0, metavar="S", help=translate(
        "cli", "how far the plane reaches: ± S along random directions; around a path, S quarter-widths of margin"))
    p.add_argument("--samples", type=int, default=2000, metavar="N", help=translate(
        "cli", "validation samples of the fixed probe set"))
    p.add_argument("--directions", default="pca", choices=("pca", "random"), help=translate(
        "cli", "a plane of one run: the PCA plane of its path, or two seeded filter-normalised random directions"))
    p.add_argument("--npz", metavar="PATH", help=translate("cli", "also write the grid as a NumPy .npz file"))
    p.add_argument("--csv", metavar="PATH", help=translate("cli", "also write the grid as CSV (x, y, loss, accuracy)"))
    add_trust_option(p)


def run(args: argparse.Namespace) -> int:
    if not 3 <= args.grid <= 201:
        raise UsageError(translate("cli", "argument --grid: {value} is out of range; allowed 3 to 201").format(
            value=args.grid))
    if not 1 <= args.samples <= 100_000:
        raise UsageError(translate("cli", "argument --samples: {value} is out of range; allowed 1 to 100000").format(
            value=args.samples))
    if not args.span > 0:
        raise UsageError(translate("cli", "argument --span: {value} is out of range; allowed above 0").format(
            value=args.span))
    if len(args.runs) > 2 or (args.kind == "line" and len(args.runs) != 1):
        raise UsageError(translate("cli", "argument --run: a line takes one run, a plane one or two"))
    run_dirs = [existing_run(args, r, "--run") for r in args.runs]
    from workbench.analysis.landscape import LandscapeError, landscape

    rows = [0]

    def progress(j, _loss, _accuracy):
        rows[0] = j + 1
        print(translate("cli", "row {i} of {n}").format(i=j + 1, n=1 if args.kind == "line" else args.grid),
              file=sys.stderr, flush=True)

    try:
        with model_code_refused():
            doc = landscape(run_dirs, kind=args.kind, grid=args.grid, span=args.span, samples=args.samples,
                            directions=args.directions, on_row=progress, trust_code=args.trust_model_code)
    except LandscapeError as exc:
        raise Failure(str(exc)) from None
    out = sys.stderr if args.json else sys.stdout
    loss = np.asarray(doc["loss"], dtype=float)
    print(translate("cli", "{kind} of {runs} on {n} probe samples: loss from {low:.4g} to {high:.4g}").format(
        kind=doc["kind"], runs=", ".join(doc["runs"]), n=doc["samples"], low=float(np.nanmin(loss)),
        high=float(np.nanmax(loss))), file=out)
    for run_id, value in doc.get("sharpness", {}).items():
        print(translate("cli", "sharpness of {run}: top Hessian eigenvalue {value:.4g}").format(
            run=run_id, value=value), file=out)
    export(doc, args)
    if args.json:
        emit_json(doc)
    return EXIT_OK


def export(doc: dict, args: argparse.Namespace) -> None:
    """The grid as .npz and/or CSV, as asked."""
    from workbench.analysis.landscape import write_grid

    try:
        write_grid(doc, npz=args.npz, csv=args.csv)
    except OSError as exc:
        raise Failure(translate("cli", "cannot write {path}: {problem}").format(
            path=exc.filename, problem=exc.strerror or exc)) from None
