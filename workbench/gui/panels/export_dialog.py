"""The Export button: pick a folder, write plots and CSV of the selected runs (or the live one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from workbench.gui.export import ALL_FORMATS, export_runs


def export_selected(window, out_dir: Path | None = None) -> list[Path]:
    runs = window.runs_table.selected_runs()
    if not runs:
        window.banner.show_message("Select one or more runs in the table to export them.")
        return []
    if out_dir is None:
        chosen = QFileDialog.getExistingDirectory(window, "Export plots and data to…")
        if not chosen:
            return []
        out_dir = Path(chosen)
    try:
        written = export_runs([Path(r.run_dir) for r in runs], out_dir, ALL_FORMATS,
                              smoothing=window.plots.smoothing, log_y=window.plots.log_y)
    except (OSError, ValueError) as exc:
        window.banner.show_message(f"Export failed: {exc}")
        return []
    window.status_metrics.setText(f"Exported {len(written)} files to {out_dir}")
    return written
