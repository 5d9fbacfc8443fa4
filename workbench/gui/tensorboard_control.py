"""The TensorBoard button: start (in a thread, it takes seconds) or reuse, then open the browser."""

from __future__ import annotations

from PySide6.QtCore import QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from .. import tensorboard


class _Starter(QThread):
    ready = Signal(str)
    failed = Signal(str)

    def __init__(self, server: tensorboard.TensorBoardServer, parent=None) -> None:
        super().__init__(parent)
        self.server = server

    def run(self) -> None:
        try:
            self.ready.emit(self.server.start())
        except tensorboard.TensorBoardError as exc:
            self.failed.emit(str(exc))


def default_opener(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


def open_tensorboard(window) -> None:
    """Opens the browser on the runs folder's server, starting it first if needed."""
    server = tensorboard.server_for(window.runs_dir)
    opener = getattr(window, "url_opener", default_opener)
    if server.running:
        opener(server.url)
        window.status_metrics.setText(f"TensorBoard at {server.url}")
        return
    starter = getattr(window, "_tb_starter", None)
    if starter is not None and starter.isRunning():
        return  # already starting: one server per runs folder
    window.tensorboard_button.setEnabled(False)
    window.status_metrics.setText("Starting TensorBoard…")
    starter = _Starter(server, window)
    window._tb_starter = starter

    def ready(url: str) -> None:
        window.tensorboard_button.setEnabled(True)
        window.status_metrics.setText(f"TensorBoard at {url}")
        opener(url)

    def failed(message: str) -> None:
        window.tensorboard_button.setEnabled(True)
        window.banner.show_message(message)

    starter.ready.connect(ready)
    starter.failed.connect(failed)
    starter.start()


def shutdown() -> None:
    """Stops every server this process started (called when the window closes)."""
    tensorboard.stop_all()
