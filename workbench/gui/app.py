"""Starts the application: `python main.py`, `workbench gui`, the `workbench-gui` launcher."""

from __future__ import annotations

import sys
from pathlib import Path


def app_icon():
    """The application icon from the package's resources (SVG plus PNG sizes)."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources.files("workbench") / "resources"
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(folder / f"icon-{size}.png"))
    icon.addFile(str(folder / "icon.svg"))
    return icon


def main(runs_dir: Path | None = None, argv: list[str] | None = None, quit_after: float | None = None) -> int:
    """Opens the window; `quit_after` seconds closes it again (smoke tests, start-up timing)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("TF Training Workbench")
    app.setOrganizationName("tf-training-workbench")
    app.setDesktopFileName("tf-training-workbench")
    app.setWindowIcon(app_icon())
    window = MainWindow(runs_dir=runs_dir)
    window.show()
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), window.close)
        QTimer.singleShot(0, lambda: print("workbench: window shown", file=sys.stderr, flush=True))
    code = app.exec()
    # Delete the window while the QApplication still exists: leaving both to the end of this
    # function destroys them in any order, and a QApplication gone first crashes Qt.
    import shiboken6

    shiboken6.delete(window)
    return code
