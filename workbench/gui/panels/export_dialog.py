"""The Export button: pick a folder, write plots and CSV of the selected runs (or the live one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from workbench.gui.export import ALL_FORMATS, export_runs


def export_selected(window, out_dir: Path | None = None) -> list[Path]:
    runs = window.runs_table.selected_runs()
    if not runs:
        window.banner.show_message(QCoreApplication.translate("export", "Select one or more runs in the table to export them."))
        return []
    if out_dir is None:
        chosen = QFileDialog.getExistingDirectory(window, QCoreApplication.translate("export", "Export plots and data to…"))
        if not chosen:
            return []
        out_dir = Path(chosen)
    try:
        written = export_runs([Path(r.run_dir) for r in runs], out_dir, ALL_FORMATS,
                              smoothing=window.plots.smoothing, log_y=window.plots.log_y)
    except (OSError, ValueError) as exc:
        window.banner.show_message(QCoreApplication.translate("export", "Export failed: {problem}").format(problem=exc))
        return []
    window.status_metrics.setText(QCoreApplication.translate("export", "Exported {n} files to {path}").format(n=len(written), path=out_dir))
    return written
