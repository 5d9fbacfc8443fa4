"""Every recorded point of some runs in one long CSV (`workbench export --formats csv`, the window's Export).

No Qt: the CSV needs none, so the command line writes it without starting Qt.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from pathlib import Path

from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder


def write_csv(run_dirs: Iterable[Path], path: Path) -> int:
    """Every recorded point in long form: run_id,name,scope,step,metric,value. Returns the row count."""
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["run_id", "name", "scope", "step", "metric", "value"])
        for run_dir in run_dirs:
            run = read_run(Path(run_dir))
            if run is None:
                continue
            folder = RunFolder(Path(run_dir))
            name = run.label
            batches = folder.batches()
            for i, step in enumerate(batches["step"]):
                if step is None:
                    continue
                for metric in ("loss", "accuracy"):
                    value = batches[metric][i]
                    if value is not None:
                        writer.writerow([run.run_id, name, "batch", int(step), metric, _fmt(value)])
                        rows += 1
            for row in folder.history():
                if row.get("epoch") is None:
                    continue
                for metric in ("loss", "accuracy", "val_loss", "val_accuracy", "lr"):
                    if row.get(metric) is not None:
                        writer.writerow([run.run_id, name, "epoch", int(row["epoch"]), metric, _fmt(row[metric])])
                        rows += 1
    return rows


def _fmt(value: float) -> str:
    return repr(float(value)) if math.isfinite(value) else str(value)
