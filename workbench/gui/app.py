"""Starts the application: `python main.py`, `workbench gui`, the `workbench-gui` launcher."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

END_SIGNALS = ("SIGTERM", "SIGINT", "SIGHUP")  # kill, Ctrl-C in the terminal, logout/shutdown


def close_on_signals(app) -> list[int]:
    """SIGTERM, SIGINT and SIGHUP close the window as its close button does: the run stops at
    its next batch and is kept as `stopped`, TensorBoard is shut down, settings are saved.

    Python runs signal handlers only when it gets control, which it never does while Qt
    waits in C++. So the signal also writes a byte to a socket (`signal.set_wakeup_fd`)
    that a QSocketNotifier watches; the handler itself only schedules the close.
    Returns the list that receives the signals caught (for the exit code).
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier, QTimer

    caught: list[int] = []
    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:  # the handler runs as Python regains control here
        with contextlib.suppress(OSError):
            receiver.recv(512)

    notifier.activated.connect(drain)

    def close_everything() -> None:
        app.closeAllWindows()  # the main window's closeEvent stops the run and TensorBoard
        app.quit()  # also ends a modal dialog's own event loop

    def handler(signum, _frame) -> None:
        if not caught:
            QTimer.singleShot(0, close_everything)
        caught.append(signum)

    for name in END_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    app._signal_sockets = (receiver, sender, notifier)  # keep them as long as the app
    return caught


def main(runs_dir: Path | None = None, argv: list[str] | None = None, quit_after: float | None = None) -> int:
    """Opens the window; `quit_after` seconds closes it again (smoke tests, start-up timing)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("TF Training Workbench")
    app.setOrganizationName("tf-training-workbench")
    app.setDesktopFileName("tf-training-workbench")
    from workbench.gui.icon import app_icon

    app.setWindowIcon(app_icon())
    window = MainWindow(runs_dir=runs_dir)
    caught = close_on_signals(app)
    window.show()
    if quit_after is not None:
        QTimer.singleShot(int(quit_after * 1000), window.close)
        QTimer.singleShot(0, lambda: print("workbench: window shown", file=sys.stderr, flush=True))
    code = app.exec()
    # Delete the window while the QApplication still exists: leaving both to the end of this
    # function destroys them in any order, and a QApplication gone first crashes Qt.
    import shiboken6

    shiboken6.delete(window)
    return 128 + caught[0] if caught else code
