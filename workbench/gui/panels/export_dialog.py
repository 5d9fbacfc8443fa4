"""The Export button: pick a folder, write plots and CSV of the chosen runs.

It is given what it needs (the runs, the plots' view, a place for messages); it does not reach into the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from workbench.core.run_summary import RunSummary
from workbench.gui.export import ALL_FORMATS, export_runs


def export_selected(parent: QWidget, runs: list[RunSummary], smoothing: float, log_y: bool,
                    problem: Callable[[str], None], done: Callable[[str], None],
                    out_dir: Path | None = None) -> list[Path]:
    """Writes the runs' plots (PNG, SVG, PDF, as the plots show them) and their data (CSV) into a folder the user
    picks (or `out_dir`); says the outcome through `done` or `problem`. Returns the files written."""
    if not runs:
        problem(QCoreApplication.translate("export", "Select one or more runs in the table to export them."))
        return []
    if out_dir is None:
        chosen = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("export", "Export plots and data to…"))
        if not chosen:
            return []
        out_dir = Path(chosen)
    try:
        written = export_runs([Path(r.run_dir) for r in runs], out_dir, ALL_FORMATS, smoothing=smoothing, log_y=log_y)
    except (OSError, ValueError) as exc:
        problem(QCoreApplication.translate("export", "Export failed: {problem}").format(problem=exc))
        return []
    done(QCoreApplication.translate("export", "Exported {n} files to {path}").format(n=len(written), path=out_dir))
    return written
