"""An experiment's table: one row per setting of the grid, mean ± std over its seeds (and n), sortable; the last
column, the seeds each setting needs to detect a difference of the size the user chose (`set_seeds_needed`).

Selecting rows highlights those settings in the plots; with two selected, the panel shows their difference.
The order of selection is kept: the difference is the second selected minus the first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from workbench.core.settings import title
from workbench.gui.language import Retranslating

NO_PARENT = QModelIndex()
#: (header, key in the report's groups, shown as percent)
STATS = [
    (QT_TRANSLATE_NOOP("GroupsModel", "Val acc"), "val_accuracy", True),
    (QT_TRANSLATE_NOOP("GroupsModel", "Best val acc"), "best_val_accuracy", True),
    (QT_TRANSLATE_NOOP("GroupsModel", "Val loss"), "val_loss", False),
    (QT_TRANSLATE_NOOP("GroupsModel", "Best val loss"), "best_val_loss", False),
    (QT_TRANSLATE_NOOP("GroupsModel", "Time per trial"), "seconds", False),
]


def mean_std_text(mean: float | None, std: float | None, percent: bool, seconds: bool = False) -> str:
    if mean is None:
        return "—"
    if seconds:
        return f"{mean:.1f} s" + (f" ± {std:.1f}" if std is not None else "")
    if percent:
        return f"{mean * 100:.2f}%" + (f" ± {std * 100:.2f}" if std is not None else "")
    return f"{mean:.4f}" + (f" ± {std:.4f}" if std is not None else "")


class GroupsModel(QAbstractTableModel):
    """Rows are the report's groups; the first columns are the varied settings."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.axes: list[str] = []
        self.groups: list[dict[str, Any]] = []
        self.seeds_needed: dict[str, int | None] = {}

    def set_seeds_needed(self, needed: dict[str, int | None]) -> None:
        self.seeds_needed = dict(needed)
        if self.rowCount():  # (invalid indexes in dataChanged crash the sorting proxy)
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, last), self.index(self.rowCount() - 1, last))

    def set_report(self, doc: dict[str, Any] | None) -> None:
        self.beginResetModel()
        self.axes = list((doc or {}).get("grid", {}).get("axes", {}))
        self.groups = list((doc or {}).get("groups", []))
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.axes) + 1 + len(STATS) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.axes):
            return title(self.axes[section])
        if section == len(self.axes):
            return "n"
        if section == len(self.axes) + 1 + len(STATS):
            return self.tr("Seeds needed")
        return self.tr(STATS[section - len(self.axes) - 1][0])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        group = self.groups[index.row()]
        col = index.column()
        if col < len(self.axes):
            value = group["settings"].get(self.axes[col])
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):  # (the tooltip: when elided)
                return f"{value:g}" if isinstance(value, float) else str(value)
            if role == Qt.ItemDataRole.UserRole:
                return value if isinstance(value, int | float) else str(value)
            return None
        if col == len(self.axes):
            return group["n"] if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole) else None
        if col == len(self.axes) + 1 + len(STATS):
            return self._seeds_needed(group, role)
        _, key, percent = STATS[col - len(self.axes) - 1]
        mean, std = group.get(f"{key}_mean"), group.get(f"{key}_std")
        if role == Qt.ItemDataRole.DisplayRole:
            return mean_std_text(mean, std, percent, seconds=key == "seconds")
        if role == Qt.ItemDataRole.UserRole:
            return -1e300 if mean is None else mean
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole number too, for a column too narrow to show it
            return mean_std_text(mean, std, percent, seconds=key == "seconds") + "\n" + self.tr(
                "mean ± sample standard deviation over {n} seeds").format(n=group["n"])
        return None


    def _seeds_needed(self, group: dict[str, Any], role: int):
        from workbench.experiments.stats import MOST_SEEDS

        n = self.seeds_needed.get(group["label"])
        if role == Qt.ItemDataRole.DisplayRole:
            return "—" if n is None else f"> {MOST_SEEDS}" if n > MOST_SEEDS else str(n)
        if role == Qt.ItemDataRole.UserRole:
            return 1e300 if n is None else n
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Seeds per setting to detect the chosen difference in validation accuracy with 80% "
                           "power (from this setting's spread over {n} seeds; — with fewer than two)").format(
                n=group["n"])
        return None


class GroupsTable(Retranslating, QTableView):
    """The table; `selection_changed` carries the selected groups' labels in the order they were selected."""

    selection_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentTable")
        self.groups_model = GroupsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.groups_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        # never sideways: `fit_columns` narrows the columns (texts elided, whole in their tooltips)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.order: list[str] = []  # selected labels, oldest first
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Experiment settings"))
        self.setToolTip(self.tr("One row per setting: mean ± std over its seeds. Click two rows to see their "
                                "difference with its 95% confidence interval."))
        self.groups_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                                 max(self.groups_model.columnCount() - 1, 0))

    def set_seeds_needed(self, needed: dict[str, int | None]) -> None:
        self.groups_model.set_seeds_needed(needed)
        self.fit_columns()

    def set_report(self, doc: dict[str, Any] | None) -> None:
        """Shows a (new or updated) report, keeping the selection where the settings still exist."""
        keep = list(self.order)
        self.selectionModel().blockSignals(True)
        self.groups_model.set_report(doc)
        self.selectionModel().blockSignals(False)
        self.select_labels(keep)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Columns as wide as their contents, narrowed from the last one (time per trial) towards the first
        while the table is wider than its view: no horizontal scrolling, cut texts elided, whole in tooltips."""
        self.resizeColumnsToContents()
        room = self.viewport().width()
        widths = [self.columnWidth(c) for c in range(self.model().columnCount())]
        excess = sum(widths) - room
        headline = len(self.groups_model.axes) + 1  # the validation accuracy: narrowed last
        for column in [*reversed(range(headline + 1, len(widths))), *reversed(range(headline + 1))]:
            if excess <= 0:
                break
            least = self.fontMetrics().horizontalAdvance("0.0…" if column > headline else "00.0%…") + 8
            cut = min(excess, max(0, widths[column] - least))
            self.setColumnWidth(column, widths[column] - cut)
            excess -= cut

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit_columns()

    def label_at(self, source_row: int) -> str:
        return self.groups_model.groups[source_row]["label"]

    def row_of(self, label: str) -> int | None:
        for row, group in enumerate(self.groups_model.groups):
            if group["label"] == label:
                return self.proxy.mapFromSource(self.groups_model.index(row, 0)).row()
        return None

    def select_labels(self, labels: list[str]) -> None:
        selection = self.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        for label in labels:
            row = self.row_of(label)
            if row is not None:
                selection.select(self.proxy.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        selection.blockSignals(False)
        self.order = [label for label in labels if self.row_of(label) is not None]
        self.selection_changed.emit(list(self.order))

    def _selection_changed(self, *_: Any) -> None:
        rows = {self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()}
        now = [self.label_at(r) for r in rows if r < len(self.groups_model.groups)]
        self.order = [label for label in self.order if label in now] + [
            label for label in now if label not in self.order]
        self.selection_changed.emit(list(self.order))
