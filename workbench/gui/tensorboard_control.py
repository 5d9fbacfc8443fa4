"""The TensorBoard button's logic: start a server (in a thread, it takes seconds) or reuse it, then open it.

A QObject without widgets: the window connects its signals to its status bar,
banner and button. Closing the window calls `shutdown`, which stops the server and
waits for a start still under way, so no thread or child process outlives the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Signal
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


class TensorBoardLauncher(QObject):
    """One TensorBoard per runs folder: `open(folder)` starts or reuses it and opens the browser."""

    starting = Signal()
    ready = Signal(str)  # the URL, once it answers
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 opener: Callable[[str], None] = default_opener) -> None:
        super().__init__(parent)
        self.opener = opener
        self._starter: _Starter | None = None
        self._run_ids: tuple[str, ...] = ()

    @property
    def busy(self) -> bool:
        return self._starter is not None and self._starter.isRunning()

    def open(self, runs_dir: Path, run_ids: Sequence[str] = ()) -> None:
        """Opens TensorBoard on the folder, showing only `run_ids` if any are given."""
        server = tensorboard.server_for(runs_dir)
        self._run_ids = tuple(run_ids)
        if server.running:
            self._on_ready(server.url)
            return
        if self.busy:
            return  # already starting: one server per runs folder
        self.starting.emit()
        self._starter = _Starter(server, self)
        self._starter.ready.connect(self._on_ready)
        self._starter.failed.connect(self.failed)
        self._starter.start()

    def _on_ready(self, url: str) -> None:
        self.ready.emit(url)
        self.opener(tensorboard.runs_url(url, self._run_ids))

    def shutdown(self) -> None:
        """Stops every server this process started and waits for a start under way."""
        tensorboard.stop_all()
        if self._starter is not None:
            self._starter.wait()
