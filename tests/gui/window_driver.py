"""Runs the real app (`workbench.gui.app.main`) and, once its window is up, acts as a user would.

`python window_driver.py RUNS_DIR [--train] [--tensorboard]`: starts a long run and/or
TensorBoard through the window's own buttons and prints one line per event on stdout
(`tensorboard PID PORT`, `running RUN_ID`), so a test can send the app real signals.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from workbench.core.config import TrainConfig
from workbench.gui import MainWindow
from workbench.gui import app as gui_app


def say(*words) -> None:
    print(*words, flush=True)


def drive() -> None:
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if "--tensorboard" in sys.argv:
        from workbench.core import tensorboard

        def opened(url: str) -> None:
            server = tensorboard.server_for(window.runs_dir)
            say("tensorboard", server.pid, server.port)

        window.tensorboard.opener = opened
        window.tensorboard_button.click()
    if "--train" in sys.argv:
        window.settings.set_config(TrainConfig(epochs=50, train_limit=5000, val_limit=200, name="long"))
        window.start_button.click()


if __name__ == "__main__":
    qapp = QApplication(sys.argv[:1])  # main() takes this one; timers need it first
    QTimer.singleShot(300, drive)
    say("exit", gui_app.main(runs_dir=Path(sys.argv[1]), argv=sys.argv[:1]))
