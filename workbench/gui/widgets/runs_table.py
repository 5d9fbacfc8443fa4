"""The runs table: a model over `runs.list_runs`, sortable, multi-select.

Selecting runs asks the window to overlay them; the table never reads
TensorFlow or training state, only run folders.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from workbench.core.i18n import translate
from workbench.core.run_summary import RunSummary, list_runs, read_run
from workbench.core.runs import FINDINGS, percent, status_word
from workbench.gui.language import Retranslating


def _num(v: float | None) -> str:
    return "" if v is None else f"{v:.4f}"


def _duration(s: float | None) -> str:
    if s is None:
        return ""
    m, sec = divmod(int(round(s)), 60)
    return f"{m}:{sec:02d}" if m < 60 else f"{m // 60}:{m % 60:02d}:{sec:02d}"


def _reported(run: RunSummary, key: str, shown: str, text) -> str:
    """A logged value; where the run's settings make it wrong on purpose, marked and with the true one."""
    if key not in run.wrong:
        return shown
    true = run.true_final.get(key)
    if true is None:
        return f"{shown} ⚠"
    return QCoreApplication.translate("RunsModel", "{reported} ⚠ true {true}").format(reported=shown, true=text(true))


def _marked(run: RunSummary, key: str, shown: str) -> str:
    """A value made from logged numbers that are known to be wrong (the best so far): marked only."""
    return f"{shown} ⚠" if key in run.wrong and shown else shown


def why_wrong(run: RunSummary) -> str:
    """The tooltip of a run whose logged values are known to be wrong: which finding, and the true values."""
    lines = []
    for key, finding in run.wrong.items():
        reported, true = run.final.get(key), run.true_final.get(key)
        text = percent if key.endswith("accuracy") else _num
        lines.append(QCoreApplication.translate(
            "RunsModel", "{key}: Keras logged {reported}; the model really scores {true} ({finding})").format(
            key=key, reported=text(reported) or "—", true=text(true) or "—",
            finding=translate("findings", FINDINGS[finding])))
    return "\n".join(lines)


COLUMNS: list[tuple[str, Any]] = [  # headers are translated where shown
    (QT_TRANSLATE_NOOP("RunsModel", "Name"), lambda r: r.label),
    (QT_TRANSLATE_NOOP("RunsModel", "Method"),
     lambda r: (r.method or "") + (f" ×{r.replicas} ({r.strategy})" if (r.replicas or 1) > 1 else "")),
    (QT_TRANSLATE_NOOP("RunsModel", "Optimizer"), lambda r: r.optimizer or ""),
    ("LR", lambda r: "" if r.lr is None else f"{r.lr:g}"),
    (QT_TRANSLATE_NOOP("RunsModel", "Loss"), lambda r: r.loss or ""),
    (QT_TRANSLATE_NOOP("RunsModel", "Metric"), lambda r: r.metric or ""),
    (QT_TRANSLATE_NOOP("RunsModel", "Epochs"),
     lambda r: f"{r.epochs_completed}/{r.epochs}" if r.epochs else str(r.epochs_completed)),
    (QT_TRANSLATE_NOOP("RunsModel", "Status"),
     lambda r: status_word("early-stopped" if r.reason and r.reason.startswith("early-stopped") else r.status)),
    (QT_TRANSLATE_NOOP("RunsModel", "Val acc"),
     lambda r: _reported(r, "val_accuracy", percent(r.final.get("val_accuracy")), percent)),
    (QT_TRANSLATE_NOOP("RunsModel", "Best val acc"), lambda r: _marked(r, "val_accuracy", percent(r.best_val_accuracy))),
    (QT_TRANSLATE_NOOP("RunsModel", "Val loss"),
     lambda r: _reported(r, "val_loss", _num(r.final.get("val_loss")), _num)),
    (QT_TRANSLATE_NOOP("RunsModel", "Best val loss"), lambda r: _marked(r, "val_loss", _num(r.best_val_loss))),
    (QT_TRANSLATE_NOOP("RunsModel", "Sharpness"), lambda r: "" if r.sharpness is None else f"{r.sharpness:.4g}"),
    (QT_TRANSLATE_NOOP("RunsModel", "Duration"), lambda r: _duration(r.seconds)),
    (QT_TRANSLATE_NOOP("RunsModel", "Date"),
     lambda r: time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started)) if r.started else ""),
    (QT_TRANSLATE_NOOP("RunsModel", "Experiment"), lambda r: r.experiment or ""),  # sort by it: trials grouped
]
SORT_KEYS = {3: "lr", 8: ("final", "val_accuracy"), 9: "best_val_accuracy", 10: ("final", "val_loss"),
             11: "best_val_loss", 12: "sharpness", 13: "seconds", 14: "started"}
DATE_COLUMN = next(c for c, key in SORT_KEYS.items() if key == "started")  # newest first
SHARPNESS_COLUMN = next(c for c, key in SORT_KEYS.items() if key == "sharpness")
NO_PARENT = QModelIndex()
STATUS_COLORS = {"failed": "#c0392b", "diverged": "#c0392b", "interrupted": "#d68910",
                 "stopped": "#d68910", "running": "#2471a3"}


class RunsModel(QAbstractTableModel):
    """Rows are RunSummary objects read from the runs folder."""

    def __init__(self, runs_dir: Path, parent=None) -> None:
        super().__init__(parent)
        self.runs_dir = Path(runs_dir)
        self.runs: list[RunSummary] = []

    def reload(self) -> None:
        self.beginResetModel()
        self.runs = list_runs(self.runs_dir)
        self.endResetModel()

    def refresh_run(self, run_dir: Path) -> bool:
        """Rereads one run's row (False if it has no row yet): a live run's epoch changes its row only, and
        rereading every run each epoch cost the window's thread 0.13 s with 200 runs in the folder."""
        summary = read_run(Path(run_dir))
        if summary is None:
            return False
        for row, run in enumerate(self.runs):
            if run.run_id == summary.run_id:
                self.runs[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return True
        return False

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][0])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        run = self.runs[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            try:
                return COLUMNS[col][1](run)
            except (TypeError, ValueError):
                return ""
        if role == Qt.ItemDataRole.UserRole:  # sort key
            key = SORT_KEYS.get(col)
            if key is None:
                return self.data(index)
            value = run.final.get(key[1]) if isinstance(key, tuple) else getattr(run, key)
            return -1e300 if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole:
            if run.wrong and col in (8, 9, 10, 11):
                return why_wrong(run)
            if col == SHARPNESS_COLUMN:
                return self.tr("Sharpness: the largest eigenvalue of the loss's Hessian at the run's end weights, "
                               "on the landscape's probe set (power iteration). Higher: a narrower valley, where "
                               "the same step changes the loss more. Measured in the Landscape tab or by "
                               "workbench landscape.")
            return run.error or run.reason or run.run_dir
        if role == Qt.ItemDataRole.ForegroundRole and col == 7 and run.status in STATUS_COLORS:
            return QColor(STATUS_COLORS[run.status])
        return None

    def run_at(self, row: int) -> RunSummary:
        return self.runs[row]


class RunsTable(Retranslating, QTableView):
    """The table widget; `selection_changed` carries the selected runs."""

    selection_changed = Signal(list)

    def __init__(self, runs_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runsTable")
        self.runs_model = RunsModel(runs_dir, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.runs_model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.selectionModel().selectionChanged.connect(self._emit_selection)
        self.reload()
        self.sortByColumn(DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Runs"))
        self.setToolTip(self.tr("Every run in the runs folder. Select runs (Ctrl/Shift-click) to overlay them in "
                                "the plots."))
        model = self.runs_model
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if model.runs:  # the status words
            model.dataChanged.emit(model.index(0, 7), model.index(len(model.runs) - 1, 7))

    def set_runs_dir(self, runs_dir: Path) -> None:
        self.runs_model.runs_dir = Path(runs_dir)
        self.select_runs([])
        self.reload()

    def refresh_run(self, run_dir: Path) -> None:
        """Rereads one run's row (the whole folder if the run has no row yet), keeping the selection."""
        if not self.runs_model.refresh_run(run_dir):
            self.reload()

    def reload(self) -> None:
        """Rereads the runs folder, keeping the selection."""
        keep = {r.run_id for r in self.selected_runs()}
        self.selectionModel().blockSignals(True)
        self.runs_model.reload()
        self.selectionModel().blockSignals(False)
        self.select_runs(keep)
        self.resizeColumnsToContents()
        if self.columnWidth(0) > 240:  # long names are elided; the full name is in the legend
            self.setColumnWidth(0, 240)

    def selected_runs(self) -> list[RunSummary]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()})
        return [self.runs_model.run_at(r) for r in rows if r < len(self.runs_model.runs)]

    def select_runs(self, run_ids) -> None:
        run_ids = set(run_ids)
        selection = self.selectionModel()
        selection.blockSignals(True)
        selection.clearSelection()
        for row, run in enumerate(self.runs_model.runs):
            if run.run_id in run_ids:
                index = self.proxy.mapFromSource(self.runs_model.index(row, 0))
                selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        selection.blockSignals(False)
        self._emit_selection()

    def _emit_selection(self, *_: Any) -> None:
        self.selection_changed.emit(self.selected_runs())
