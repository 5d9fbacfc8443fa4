"""What if…: continue a run from one of its finished epochs with another loss, optimizer or learning rate.

The dialog only asks; the window hands the answer to the controller, which trains the fork as a new run that
keeps its parent's curves up to the fork (`trainer.fork`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox

from workbench.core.config import TrainConfig
from workbench.core.runs import RunSummary
from workbench.core.settings import BY_NAME, shown
from workbench.gui.language import Retranslating
from workbench.gui.panels.settings_panel import LearningRateSpin


class ForkDialog(Retranslating, QDialog):
    def __init__(self, run: RunSummary, config: TrainConfig, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("forkDialog")
        self.run = run
        self.config = config
        self.epoch = QSpinBox(objectName="forkEpochSpin", minimum=1, maximum=max(1, run.epochs_completed),
                              value=max(1, run.epochs_completed if run.epochs_completed < config.epochs
                                        else config.epochs - 1))
        self.loss = QComboBox(objectName="forkLossCombo")
        self.optimizer = QComboBox(objectName="forkOptimizerCombo")
        for combo, name in ((self.loss, "loss"), (self.optimizer, "optimizer")):
            for value in BY_NAME[name].choices:
                combo.addItem(value, value)
            combo.setCurrentIndex(combo.findData(getattr(config, name)))
        self.lr = LearningRateSpin(objectName="forkLrSpin")
        self.lr.setValue(config.lr)
        self.epochs = QSpinBox(objectName="forkEpochsSpin", minimum=2, maximum=BY_NAME["epochs"].high,
                               value=config.epochs)
        self.epoch.valueChanged.connect(lambda e: self.epochs.setMinimum(e + 1))
        self.epochs.setMinimum(self.epoch.value() + 1)
        self.intro = QLabel(wordWrap=True)
        self.labels = [QLabel() for _ in range(5)]
        form = QFormLayout(self)
        form.addRow(self.intro)
        for label, widget in zip(self.labels, (self.epoch, self.loss, self.optimizer, self.lr, self.epochs),
                                 strict=True):
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What if…"))
        self.intro.setText(self.tr("Continue {run} from one of its finished epochs with other settings, as a new run "
                                   "that keeps its curves up to there (a fresh optimizer; the same batches "
                                   "after).").format(run=self.run.label))
        for label, text in zip(self.labels, (self.tr("From epoch"), shown(BY_NAME["loss"].label),
                                             shown(BY_NAME["optimizer"].label), shown(BY_NAME["lr"].label),
                                             self.tr("Until epoch")), strict=True):
            label.setText(text.replace("&", ""))

    def changes(self) -> dict:
        """The settings that differ from the run's."""
        chosen = {"loss": self.loss.currentData(), "optimizer": self.optimizer.currentData(),
                  "lr": float(self.lr.value()), "epochs": self.epochs.value()}
        return {k: v for k, v in chosen.items() if v != getattr(self.config, k)}
