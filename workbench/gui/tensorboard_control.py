"""The TensorBoard button's logic: start a server (a background task, it takes seconds) or reuse it, then open it.

A QObject without widgets: the window connects its signals to its status bar,
banner and button. Closing the window calls `shutdown`, which stops the server and
waits for a start still under way, so no thread or child process outlives the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from workbench.core import tensorboard
from workbench.gui import background


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
        self._starting: background.Task | None = None
        self._run_ids: tuple[str, ...] = ()

    @property
    def busy(self) -> bool:
        return self._starting is not None and self._starting.running

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
        self._starting = background.run(server.start, returned=self._on_ready,
                                        errored=lambda exc: self.failed.emit(str(exc)), parent=self)

    def _on_ready(self, url: str) -> None:
        self.ready.emit(url)
        self.opener(tensorboard.runs_url(url, self._run_ids))

    def shutdown(self) -> None:
        """Stops every server this process started and waits for a start under way."""
        tensorboard.stop_all()
        if self._starting is not None:
            self._starting.wait()
