"""How `train`, `resume` and `fork` end: the outcome on stderr (JSON with --json) and the exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from workbench.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Failure,
    emit_json,
    stop_on_signals,
)
from workbench.core.config import TrainConfig
from workbench.core.i18n import translate
from workbench.core.runs import status_word


def train_with_progress(args: argparse.Namespace, config: TrainConfig, samples: int, run: Callable) -> int:
    """Calls `run(callbacks, stop)` with a console progress bar and a Ctrl-C flag, then reports."""
    from workbench.core import data as datamod
    from workbench.training.callbacks import ConsoleProgress

    progress = ConsoleProgress(config.epochs, datamod.steps_per_epoch(samples, config.batch_size))
    with stop_on_signals() as stop:
        return report(args, lambda: run([progress], stop))


def report(args: argparse.Namespace, run: Callable) -> int:
    """Runs a training, prints its outcome and maps it to the exit code."""
    from workbench.training import trainer
    from workbench.training.distribute import DeviceError

    try:
        result = run()
    except (trainer.CannotResume, DeviceError, OSError) as exc:
        raise Failure(str(exc)) from exc
    except trainer.TrainingFailed as exc:
        raise Failure(translate("cli", "training failed: {problem}").format(problem=exc)) from exc
    summary = result.summary
    if not result.chief:
        print(translate("cli", "{status}: trained as a worker of the cluster; the chief writes the run").format(
            status=status_word(summary.status)), file=sys.stderr)
    else:
        print(translate("cli", "{status}: run {run} in {path}").format(
            status=status_word(summary.status), run=summary.run_id, path=summary.run_dir), file=sys.stderr)
    if summary.error:
        print(summary.error, file=sys.stderr)
    if summary.reason:
        print(summary.reason, file=sys.stderr)
    findings = []
    if result.chief and summary.run_dir:
        from workbench.analysis.layer_diagnosis import run_findings

        findings, _ = run_findings(summary.run_dir)
        for finding in findings:  # what the instruments measured, layer by layer (#38)
            print(finding.text, file=sys.stderr)
    if args.json:
        data = summary.to_dict()
        data["layer_findings"] = [f.to_dict() for f in findings]
        if not result.chief:
            data.update(run_dir=None, chief=False)
        emit_json(data)
    return {"completed": EXIT_OK, "stopped": EXIT_INTERRUPTED}.get(summary.status, EXIT_FAILED)
