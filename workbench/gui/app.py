"""Starts the application: `python main.py`, `workbench gui`, the `workbench-gui` launcher."""

from __future__ import annotations

import sys
from pathlib import Path


def main(runs_dir: Path | None = None, argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("TF Training Workbench")
    app.setOrganizationName("tf-training-workbench")
    window = MainWindow(runs_dir=runs_dir)
    window.show()
    return app.exec()
