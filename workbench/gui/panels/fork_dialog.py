"""What if…: continue a run from one of its finished epochs with other settings (those declared `forkable`).

The dialog only asks; the window hands the answer to the controller, which trains the fork as a new run that
keeps its parent's curves up to the fork (`trainer.fork`). Its editors are made from the settings' declarations,
so a setting marked `forkable` appears here with nothing else to edit.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from workbench.core.config import TrainConfig
from workbench.core.run_summary import RunSummary
from workbench.core.settings import FORKABLE, shown
from workbench.gui.language import Retranslating
from workbench.gui.panels.settings_panel import changed_signal, make_editor, read, show_texts, write


class ForkDialog(Retranslating, QDialog):
    def __init__(self, run: RunSummary, config: TrainConfig, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("forkDialog")
        self.run = run
        self.config = config
        self.epoch = QSpinBox(objectName="forkEpochSpin", minimum=1, maximum=max(1, run.epochs_completed),
                              value=max(1, run.epochs_completed if run.epochs_completed < config.epochs
                                        else config.epochs - 1))
        self.editors: dict[str, QWidget] = {}
        for setting in FORKABLE:
            editor = make_editor(setting)
            editor.setObjectName("fork" + setting.widget[:1].upper() + setting.widget[1:])
            write(editor, getattr(config, setting.name))
            self.editors[setting.name] = editor
            changed_signal(editor).connect(self._grey)
        self.before = {name: read(editor) for name, editor in self.editors.items()}  # as the editors show the run
        self.epochs = self.editors["epochs"]  # "until epoch": always after the fork's epoch
        self.epoch.valueChanged.connect(lambda e: self.epochs.setMinimum(e + 1))
        self.epochs.setMinimum(self.epoch.value() + 1)
        self.intro = QLabel(wordWrap=True)
        self.labels = {name: QLabel() for name in ("epoch", *self.editors)}
        form = QFormLayout(self)
        form.addRow(self.intro)
        form.addRow(self.labels["epoch"], self.epoch)
        for name, editor in self.editors.items():
            form.addRow(self.labels[name], editor)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.retranslate()
        self._grey()

    def _grey(self, *_) -> None:
        """Settings that do not apply to the chosen ones (momentum with Adam) are greyed out, as in the window."""
        chosen = SimpleNamespace(**{**self.config.to_dict(), **{n: read(e) for n, e in self.editors.items()}})
        for setting in FORKABLE:
            self.editors[setting.name].setEnabled(setting.applies_to(chosen))

    def __getattr__(self, name: str):
        """`dialog.loss`, `dialog.lr`, …: the editor of a forkable setting."""
        editors = self.__dict__.get("editors") or {}
        if name in editors:
            return editors[name]
        return super().__getattr__(name)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("What if…"))
        self.intro.setText(self.tr("Continue {run} from one of its finished epochs with other settings, as a new run "
                                   "that keeps its curves up to there (a fresh optimizer; the same batches "
                                   "after).").format(run=self.run.label))
        self.labels["epoch"].setText(self.tr("From epoch"))
        for setting in FORKABLE:
            show_texts(setting, self.editors[setting.name])
            self.labels[setting.name].setText(shown(setting.label).replace("&", ""))
        self.labels["epochs"].setText(self.tr("Until epoch"))

    def changes(self) -> dict:
        """The settings that differ from the run's."""
        return {name: read(editor) for name, editor in self.editors.items()
                if editor.isEnabled() and read(editor) != self.before[name]}
