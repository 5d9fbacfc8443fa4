"""The status bar's TensorFlow label, and loading TensorFlow in the background after the window is painted
(importing it takes seconds; the window must not wait for it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel

from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.worker import load_tensorflow


class TensorFlowLabel(Retranslating, QLabel):
    loaded = Signal(dict)  # the devices and versions, once TensorFlow is in
    failed = Signal(str)  # why it could not be loaded

    def __init__(self) -> None:
        super().__init__(objectName="tensorflowStatus")
        self.versions = ""  # TensorFlow's and Keras's versions once loaded
        self.loader: background.Task | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.versions or (self.loader is not None and self.tr("Loading TensorFlow in the background…"))
                     or self.tr("TensorFlow loads on first use"))

    def preload(self) -> None:
        """Starts loading TensorFlow in a background thread (once)."""
        if self.loader is not None:
            return
        self.setText(self.tr("Loading TensorFlow in the background…"))
        self.loader = background.run(load_tensorflow, returned=self._loaded, errored=self._failed, parent=self)

    def _loaded(self, loaded: dict) -> None:
        self.versions = loaded["versions"]
        self.setText(self.versions)
        self.loaded.emit(loaded)

    def _failed(self, exc: Exception) -> None:
        self.setText(self.tr("TensorFlow failed to load"))
        self.failed.emit(self.tr("TensorFlow could not be loaded: {problem}").format(problem=f"{type(exc).__name__}: {exc}"))

    def wait(self) -> None:
        if self.loader is not None:
            self.loader.wait()
