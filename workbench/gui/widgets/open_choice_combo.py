"""A settings combo whose choices are offered but not the only values: the model picker.

The items are the built-ins (`mlp`, `cnn`), then every file value chosen so far (its data the command-line value,
`PATH.py:FUNCTION` or `PATH.keras`), then "Your model file…", which asks for a file (and, for Python, the
function that builds the model) and selects it. A run's own model file shows when its settings are loaded
(`add_value`). The checks of the value are the setting's (`settings._model_problem`), made where every setting is
checked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QWidget

OTHER = "\x00other"  # the item data of "Your model file…"


def ask_for_model(parent: QWidget) -> str | None:
    """A file dialog, then for a Python file the name of its build function; None when cancelled."""
    from PySide6.QtCore import QCoreApplication

    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("OpenChoiceCombo", "Your model: a Python file with a build function, "
                                                              "or a saved Keras model"), "",
        QCoreApplication.translate("OpenChoiceCombo", "Models (*.py *.keras)"))
    if not path:
        return None
    if path.endswith(".keras"):
        return path
    function, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("OpenChoiceCombo", "The build function"),
        QCoreApplication.translate("OpenChoiceCombo", "The function in {file} that returns the model, called with "
                                                      "(input_shape, num_classes):").format(file=Path(path).name),
        text="build")
    return f"{path}:{function.strip()}" if ok and function.strip() else None


class OpenChoiceCombo(QComboBox):
    """Offered choices, files added as they are chosen, and the item that asks for one."""

    def __init__(self, choices: list[str], asker: Callable[[QWidget], str | None] = ask_for_model,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.asker = asker
        self._previous = 0
        for value in choices:
            self.addItem("", value)
        self.addItem("", OTHER)
        self.activated.connect(self._activated)

    def retranslate_other(self, text: str, tip: str) -> None:
        index = self.findData(OTHER)
        self.setItemText(index, text)
        self.setItemData(index, tip, 3)  # Qt.ToolTipRole

    def add_value(self, value: str) -> int:
        """The item of a file value (added before "Your model file…" if new)."""
        index = self.findData(value)
        if index < 0:
            index = self.findData(OTHER)
            self.insertItem(index, self.label_of(value), value)
            self.setItemData(index, value, 3)
        return index

    @staticmethod
    def label_of(value: str) -> str:
        """`convnet.py · build` for a Python file's function, the file's name for a saved model."""
        if ".py:" in value:
            path, function = value.rsplit(":", 1)
            return f"{Path(path).name} · {function}"
        return Path(value).name

    def _activated(self, index: int) -> None:
        if self.itemData(index) != OTHER:
            self._previous = index
            return
        value = self.asker(self)
        if value is None:  # cancelled: back to what it was
            self.setCurrentIndex(self._previous)
            return
        self._previous = self.add_value(value)
        self.setCurrentIndex(self._previous)
