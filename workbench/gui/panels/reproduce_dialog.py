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


class ReproduceDialog(QDialog):
    def __init__(self, results: list[dict], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The article, reproduced"))
        self.setObjectName("reproduceDialog")
        table = QTableWidget(len(results), len(header()), objectName="reproduceTable")
        table.setHorizontalHeaderLabels(list(header()))
        table.verticalHeader().setVisible(False)
        for r, result in enumerate(results):
            for c, text in enumerate(cells(result)):
                item = QTableWidgetItem(text)
                if result.get("note"):
                    item.setToolTip(note(result))
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        self.table = table
        explained = QLabel(self.tr("Accuracies in percent. The runs are in the runs table: select them to overlay "
                                   "their curves."), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(explained)
        layout.addWidget(buttons)
        self.resize(min(1100, table.horizontalHeader().length() + 40), 360)
