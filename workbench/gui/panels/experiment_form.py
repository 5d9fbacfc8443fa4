"""The Experiments tab's form for a new experiment: up to three varied settings with their values, the search
(grid, random or TPE), the seeds and a name. It only asks (`run_requested`); the window builds and checks the grid.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from workbench.core.settings import BY_NAME, shown, title
from workbench.gui.language import Retranslating
from workbench.gui.panels.experiment_tasks import gridable

AXES = 3  # varied settings the form offers (the command line takes any number)
EXAMPLES = {"optimizer": "sgd,adam", "lr": "0.001,0.01,0.1", "batch_size": "32,128", "loss": "sum_mse,keras_mse",
            "method": "tape,fit,custom", "model": "mlp,cnn", "epochs": "1,2"}


class ExperimentForm(Retranslating, QWidget):
    # --set texts, seeds, name, sampler, trials, prune
    run_requested = Signal(list, str, str, str, int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="experimentForm")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 0, 0, 4)
        self.form_hint = QLabel(wordWrap=True)
        grid.addWidget(self.form_hint, AXES + 4, 0, 1, 3)
        self.axis_combos: list[QComboBox] = []
        self.axis_values: list[QLineEdit] = []
        self.vary_labels: list[QLabel] = []
        for i in range(AXES):
            label = QLabel()
            combo = QComboBox(objectName=f"experimentSetting{i + 1}")
            combo.addItem("—", "")
            for name in gridable():
                combo.addItem("", name)
            edit = QLineEdit(objectName=f"experimentValues{i + 1}")
            combo.currentIndexChanged.connect(lambda _=0, c=combo, e=edit: self._axis_chosen(c, e))
            edit.textChanged.connect(self._update_count)
            grid.addWidget(label, i, 0)
            grid.addWidget(combo, i, 1)
            grid.addWidget(edit, i, 2)
            self.vary_labels.append(label)
            self.axis_combos.append(combo)
            self.axis_values.append(edit)
        self.seeds_label = QLabel()
        self.seeds = QLineEdit("0-2", objectName="experimentSeeds")
        self.seeds.textChanged.connect(self._update_count)
        self.name_label = QLabel()
        self.name = QLineEdit(objectName="experimentName")
        self.count = QLabel(objectName="experimentCount", wordWrap=True)
        self.run_button = QPushButton(objectName="experimentRunButton")
        self.run_button.clicked.connect(self._run_clicked)
        self.search_label = QLabel()
        self.sampler = QComboBox(objectName="experimentSampler")
        self.sampler.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.sampler.setMinimumContentsLength(8)
        for key in ("grid", "random", "tpe"):
            self.sampler.addItem("", key)
        self.sampler.currentIndexChanged.connect(self._update_count)
        self.trials = QSpinBox(objectName="experimentTrials", minimum=1, maximum=10_000, value=20)
        self.trials.valueChanged.connect(self._update_count)
        self.prune = QCheckBox(objectName="experimentPrune")
        grid.addWidget(self.search_label, AXES, 0)
        grid.addWidget(self.sampler, AXES, 1)
        grid.addWidget(self.trials, AXES, 2)
        grid.addWidget(self.prune, AXES + 1, 1, 1, 2)
        grid.addWidget(self.seeds_label, AXES + 2, 0)
        grid.addWidget(self.seeds, AXES + 2, 1)
        grid.addWidget(self.count, AXES + 2, 2)
        grid.addWidget(self.name_label, AXES + 3, 0)
        grid.addWidget(self.name, AXES + 3, 1)
        grid.addWidget(self.run_button, AXES + 3, 2)
        grid.setColumnStretch(2, 1)
        self.axis_combos[0].setCurrentIndex(self.axis_combos[0].findData("optimizer"))
        self.retranslate()

    def retranslate(self) -> None:
        self.form_hint.setText(self.tr("Every combination of these values × every seed is trained; the other "
                                       "settings are those of the settings panel."))
        for label in self.vary_labels:
            label.setText(self.tr("Vary"))
        for combo, edit in zip(self.axis_combos, self.axis_values, strict=True):
            combo.setItemText(0, self.tr("(nothing)"))
            for i in range(1, combo.count()):
                combo.setItemText(i, title(combo.itemData(i)))
                combo.setItemData(i, shown(BY_NAME[combo.itemData(i)].help), Qt.ItemDataRole.ToolTipRole)
            combo.setToolTip(self.tr("A setting to vary; the others keep the values in the settings panel"))
            combo.setAccessibleName(self.tr("Setting to vary"))
            edit.setToolTip(self.tr("Its values, separated by commas; for a random or TPE search also a range: "
                                    "LOW:HIGH or LOW:HIGH:log"))
            edit.setAccessibleName(self.tr("Values"))
            self._axis_chosen(combo, edit)
        self.search_label.setText(self.tr("Search"))
        for i, text in enumerate((self.tr("grid: every combination"), self.tr("random points"),
                                  self.tr("TPE (Bayesian)"))):
            self.sampler.setItemText(i, text)
        self.sampler.setToolTip(self.tr("A grid trains every combination of the listed values × every seed. Random "
                                        "and TPE (Optuna's samplers) draw the given number of settings from ranges "
                                        "such as 0.0001:1:log and from the lists, and train each with every seed"))
        self.sampler.setAccessibleName(self.tr("Search"))
        self.trials.setToolTip(self.tr("Settings a random or TPE search draws, each trained with every seed"))
        self.trials.setAccessibleName(self.tr("Trials"))
        self.trials.setSuffix(self.tr(" trials"))
        self.prune.setText(self.tr("stop hopeless trials"))
        self.prune.setToolTip(self.tr("Optuna's median pruner: a trial whose validation accuracy after an epoch is "
                                      "below the median of earlier trials' at that epoch stops there"))
        self.seeds_label.setText(self.tr("Seeds"))
        self.seeds.setToolTip(self.tr("Each setting runs once per seed: 0-4 or 0,3,7. Several seeds tell a real "
                                      "difference from the luck of one seed."))
        self.seeds.setAccessibleName(self.tr("Seeds"))
        self.name_label.setText(self.tr("Name"))
        self.name.setPlaceholderText(self.tr("(date and time)"))
        self.name.setToolTip(self.tr("The experiment's name; running a name again with the same grid continues it"))
        self.name.setAccessibleName(self.tr("Experiment name"))
        self.run_button.setText(self.tr("Run experiment"))
        self.run_button.setToolTip(self.tr("Train every setting × seed, one run after another (each an ordinary "
                                           "run in the table); Stop keeps what is done"))
        self._update_count()

    def set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.setEnabled(not running)

    def _axis_chosen(self, combo: QComboBox, edit: QLineEdit) -> None:
        name = combo.currentData()
        edit.setEnabled(bool(name))
        setting = BY_NAME.get(name) if name else None
        if setting is None:
            edit.setPlaceholderText("")
        elif setting.choices is not None:
            edit.setPlaceholderText(",".join(setting.choices))
        else:
            edit.setPlaceholderText(EXAMPLES.get(name, self.tr("values, separated by commas")))
        if name and not edit.text():
            edit.setText(EXAMPLES.get(name, ""))
        self._update_count()

    def sets(self) -> list[str]:
        """The form's varied settings as `--set` texts."""
        return [f"{combo.currentData()}={edit.text().strip()}"
                for combo, edit in zip(self.axis_combos, self.axis_values, strict=True) if combo.currentData()]

    def _update_count(self) -> None:
        searched = self.sampler.currentData() != "grid"
        self.trials.setEnabled(searched)
        seeds = self._seed_count()
        if searched:
            if seeds:  # the seeds are replicates: every sampled setting runs with each of them
                self.count.setText(self.tr("{trials} sampled settings × {seeds} seeds = {runs} runs").format(
                    trials=self.trials.value(), seeds=seeds, runs=self.trials.value() * seeds))
            else:
                self.count.setText(self.tr("seeds: 0-4 or 0,3,7"))
            return
        n = 1
        for combo, edit in zip(self.axis_combos, self.axis_values, strict=True):
            if combo.currentData():
                n *= max(1, len([t for t in edit.text().split(",") if t.strip()]))
        if seeds:
            self.count.setText(self.tr("{settings} settings × {seeds} seeds = {trials} runs").format(
                settings=n, seeds=seeds, trials=n * seeds))
        else:
            self.count.setText(self.tr("seeds: 0-4 or 0,3,7"))

    def _seed_count(self) -> int:
        """How many seeds the form lists (0: it lists none the way they are written)."""
        from workbench.experiments.grid import parse_seeds

        try:
            return len(parse_seeds(self.seeds.text()))
        except ValueError:
            return 0

    def _run_clicked(self) -> None:
        self.run_requested.emit(self.sets(), self.seeds.text(),
                                self.name.text().strip() or time.strftime("exp-%Y%m%d-%H%M%S"),
                                self.sampler.currentData(), self.trials.value(), self.prune.isChecked())
