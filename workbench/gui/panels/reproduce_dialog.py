"""The article's table, reported beside measured, after the window's "Reproduce the article" runs."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from workbench.core.article import cells, header, note
from workbench.gui.language import Retranslating


class ReproduceDialog(Retranslating, QDialog):
    def __init__(self, results: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("reproduceDialog")
        self.results = results
        self.table = QTableWidget(len(results), len(header()), objectName="reproduceTable")
        self.table.verticalHeader().setVisible(False)
        self.explained = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.explained)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(min(1100, self.table.horizontalHeader().length() + 40), 360)

    def retranslate(self) -> None:
        """The title, headers, notes and words in the cells, in the current language."""
        self.setWindowTitle(self.tr("The article, reproduced"))
        self.table.setHorizontalHeaderLabels(list(header()))
        for r, result in enumerate(self.results):
            for c, text in enumerate(cells(result)):
                item = QTableWidgetItem(text)
                if result.get("note"):
                    item.setToolTip(note(result))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        n = max((r.get("n") or 1 for r in self.results), default=1)
        if n > 1:
            self.explained.setText(self.tr(
                "Accuracies in percent: the mean ± std over {n} seeds. \"Reported within ±2 std\": the article's "
                "number lies within two standard deviations of the mean measured here, i.e. within the spread of "
                "the seeds. The experiment is in the Experiments tab, each run in the runs table.").format(n=n))
        else:
            self.explained.setText(self.tr("Accuracies in percent. The runs are in the runs table: select them to "
                                           "overlay their curves."))
