"""Two questions the Experiments tab answers beside its table, and the way to the tool Optuna users know.

- `SeedsNeeded`: how many seeds per setting would detect a difference of the size the user types (points of
  validation accuracy, 80% power, α = 0.05; statsmodels' power of the t-test from each setting's measured
  spread), shown as a column of the table; and which setting mattered (Optuna's PED-ANOVA importance, from the
  report).
- `DashboardButton`: starts optuna-dashboard on the experiment's storage (127.0.0.1, a background task) and opens
  the experiment's page; without the optional package it says how to install it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.widgets.experiment_table import GroupsTable


class SeedsNeeded(Retranslating, QWidget):
    """The size of difference to detect (a spin box) → the table's "Seeds needed" column; the importance line."""

    def __init__(self, table: GroupsTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.data = None
        self.caption = QLabel(wordWrap=True)
        self.detect = QDoubleSpinBox(objectName="experimentDetect", decimals=2, minimum=0.01, maximum=50.0,
                                     singleStep=0.1, value=0.5)
        self.detect.valueChanged.connect(self._update)
        self.caption.setBuddy(self.detect)
        self.importance = QLabel(objectName="experimentImportance", wordWrap=True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.caption, 1)
        row.addWidget(self.detect)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.importance)
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(self.tr("Seeds needed to detect a difference of"))
        self.detect.setSuffix(self.tr(" points"))
        tip = self.tr("Seeds per setting for a two-sided t-test at α = 0.05 to detect a true difference of this "
                      "size in validation accuracy with 80% power, from each setting's measured spread "
                      "(statsmodels)")
        self.detect.setToolTip(tip)
        self.caption.setToolTip(tip)
        self.importance.setToolTip(self.tr("How much each varied setting explains of the trials' validation "
                                           "accuracy (Optuna's PED-ANOVA importance); never the seed"))
        self._update()

    def set_data(self, data) -> None:
        self.data = data
        self._update()

    def _update(self, *_: object) -> None:
        from workbench.experiments.stats import seeds_needed

        doc = self.data.doc if self.data is not None else None
        needed = {}
        if doc is not None:
            size = self.detect.value() / 100
            needed = {g["label"]: seeds_needed(size, g["val_accuracy_std"]) for g in doc["groups"]}
        self.table.set_seeds_needed(needed)
        self.importance.setText(self.importance_text(doc))

    def importance_text(self, doc: dict | None) -> str:
        from workbench.core.settings import title

        found = (doc or {}).get("importance")
        if not found:
            return ""
        shares = " · ".join(f"{title(name)} {value:.2f}" for name, value in found["params"].items())
        return self.tr("Which setting mattered ({evaluator}, {n} trials): {shares}").format(
            evaluator=found["evaluator"], n=found["trials"], shares=shares)


def open_in_browser(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


class DashboardButton(Retranslating, QPushButton):
    """Opens the chosen experiment in optuna-dashboard; `said` carries what to tell the user."""

    said = Signal(str)

    def __init__(self, parent: QWidget | None = None, opener: Callable[[str], None] = open_in_browser) -> None:
        super().__init__(parent)
        self.setObjectName("experimentDashboard")
        self.opener = opener
        self.storage = ""
        self.experiment_id = ""
        self._starting: background.Task | None = None
        self.clicked.connect(self.open)
        self.retranslate()

    def retranslate(self) -> None:
        from workbench.experiments.dashboard import INSTALL_HINT, installed

        self.setText(self.tr("Optuna Dashboard"))
        self.setToolTip(self.tr("Open this experiment in optuna-dashboard (on 127.0.0.1, in the browser)")
                        if installed() else INSTALL_HINT)

    def set_experiment(self, storage: str, experiment_id: str) -> None:
        from workbench.experiments.dashboard import installed

        self.storage, self.experiment_id = storage, experiment_id
        self.setEnabled(bool(experiment_id) and installed())

    def open(self) -> None:
        if not self.experiment_id or (self._starting is not None and self._starting.running):
            return
        from workbench.experiments import dashboard

        storage, experiment_id = self.storage, self.experiment_id

        def start() -> str:
            url = dashboard.server_for(storage).start()
            return dashboard.study_url(url, dashboard.study_id(storage, experiment_id))

        self.said.emit(self.tr("Starting optuna-dashboard…"))
        self._starting = background.run(start, returned=self._ready, errored=lambda exc: self.said.emit(str(exc)),
                                        parent=self)

    def _ready(self, url: str) -> None:
        self.said.emit(self.tr("optuna-dashboard at {url}").format(url=url))
        self.opener(url)

    def wait(self) -> None:
        if self._starting is not None:
            self._starting.wait()
