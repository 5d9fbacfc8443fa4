"""The runs folder and the experiments' storage the window works on, in one object that announces a change.

The controller, the runs table, the Experiments tab and the plots follow `changed`; nothing else keeps its own
copy of the folder to push around.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal


class Workspace(QObject):
    changed = Signal(object)  # the new runs folder (a Path)

    def __init__(self, runs_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runs_dir = Path(runs_dir)

    @property
    def storage(self) -> str:
        """Where the window's experiments live: `experiments.db` in the runs folder."""
        from workbench.experiments.grid import default_storage

        return default_storage(self.runs_dir)

    def set_runs_dir(self, path: Path) -> None:
        self.runs_dir = Path(path)
        self.changed.emit(self.runs_dir)
