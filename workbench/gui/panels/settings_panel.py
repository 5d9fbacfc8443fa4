"""The training settings as widgets, built from the schema (`settings.SETTINGS`), to and from TrainConfig.

Each setting's widget, label, tooltip, range and greying come from its declaration:
a choice is a combo box whose item data are the command-line values and whose item
tooltips say what each means (the article's words); numbers are spin boxes over the
allowed range; a setting that does not apply to the other settings is greyed out
(and, if strict, held at its default). The panel adds only what is not a setting:
the dataset's browse button, the device line, and the folding "Training options".
"""

from __future__ import annotations

import math
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
)

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.settings import LR_MAX, LR_MIN, SETTINGS, Setting, shown
from workbench.gui.language import Retranslating
from workbench.gui.widgets.open_choice_combo import OpenChoiceCombo


class LearningRateSpin(QDoubleSpinBox):
    """A learning-rate field: 1e-6 to 10, typed in any float notation, stepping 1-2-5 per decade."""

    def __init__(self, parent: QWidget | None = None, objectName: str = "") -> None:  # noqa: N803
        super().__init__(parent)
        self.setObjectName(objectName)
        self.setDecimals(10)
        self.setRange(LR_MIN, LR_MAX)
        self.setKeyboardTracking(False)

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt API)
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = float(text)
        except ValueError:
            ok = all(c in "0123456789.eE+-" for c in text)
            return (QValidator.State.Intermediate if ok else QValidator.State.Invalid), text, pos
        state = QValidator.State.Acceptable if LR_MIN <= value <= LR_MAX else QValidator.State.Intermediate
        return state, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802
        ladder = [m * 10.0**e for e in range(-6, 2) for m in (1, 2, 5)]
        ladder = [v for v in ladder if LR_MIN <= v <= LR_MAX]
        value = self.value()
        if steps > 0:
            above = [v for v in ladder if v > value * (1 + 1e-9)]
            idx = min(len(above), steps) - 1
            self.setValue(above[idx] if above else LR_MAX)
        elif steps < 0:
            below = [v for v in ladder if v < value * (1 - 1e-9)]
            idx = max(-len(below), steps)
            self.setValue(below[idx] if below else LR_MIN)

    def stepEnabled(self):  # noqa: N802
        return QDoubleSpinBox.StepEnabledFlag.StepUpEnabled | QDoubleSpinBox.StepEnabledFlag.StepDownEnabled


def _combo(setting: Setting) -> QComboBox:
    """A combo whose item data are the command-line values (texts and tooltips: `show_texts`); with open
    choices (the model) it also takes files."""
    if setting.open_choices:
        combo = OpenChoiceCombo(list(setting.choices))
        combo.setObjectName(setting.widget)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)
        return combo
    combo = QComboBox(objectName=setting.widget)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    for i, value in enumerate(setting.choices):
        combo.addItem("", value)
        if value in setting.disabled_choices:
            combo.model().item(i).setEnabled(False)
    return combo


def show_texts(setting: Setting, widget: QWidget) -> None:
    """The setting's label, tooltip, choices and special texts on its widget, in the current language."""
    if isinstance(widget, QComboBox):
        for i, choice in enumerate(setting.choices.values()):
            widget.setItemText(i, shown(choice.label))
            widget.setItemData(i, shown(choice.meaning), Qt.ItemDataRole.ToolTipRole)
        if isinstance(widget, OpenChoiceCombo):
            widget.retranslate_other(
                QCoreApplication.translate("OpenChoiceCombo", "Your model file…"),
                QCoreApplication.translate("OpenChoiceCombo", "A Python file with a function (input_shape, "
                                                              "num_classes) that returns a keras.Model, or a saved "
                                                              ".keras model"))
    elif isinstance(widget, QCheckBox):
        widget.setText(shown(setting.label))
    elif isinstance(widget, QLineEdit):
        widget.setPlaceholderText(shown(setting.placeholder))
    elif isinstance(widget, QSpinBox | QDoubleSpinBox) and setting.special:
        widget.setSpecialValueText(shown(setting.special))
    widget.setToolTip(shown(setting.help))
    widget.setAccessibleName(shown(setting.label).replace("&", ""))


def make_editor(setting: Setting) -> QWidget:
    """The widget a setting is edited with, configured from its declaration."""
    if setting.choices is not None:
        widget: QWidget = _combo(setting)
    elif setting.editor == "lr":
        widget = LearningRateSpin(objectName=setting.widget)
    elif setting.type is bool:
        widget = QCheckBox(objectName=setting.widget)
    elif setting.type is int:
        widget = QSpinBox(objectName=setting.widget)
        widget.setRange(int(setting.low), int(setting.high))
    elif setting.type is float:
        widget = QDoubleSpinBox(objectName=setting.widget)
        widget.setDecimals(setting.decimals or 3)
        widget.setRange(setting.low, setting.high)
    else:
        widget = QLineEdit(objectName=setting.widget)
        if setting.max_length:
            widget.setMaxLength(setting.max_length)
    if isinstance(widget, QSpinBox | QDoubleSpinBox) and setting.step:
        widget.setSingleStep(setting.step)
    show_texts(setting, widget)
    return widget


def read(widget: QWidget) -> Any:
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    return widget.value()


def write(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0 and isinstance(widget, OpenChoiceCombo) and isinstance(value, str) and value:
            index = widget.add_value(value)  # a run's own model file
        if index >= 0:
            widget.setCurrentIndex(index)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    else:
        widget.setValue(value)


def changed_signal(widget: QWidget):
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.toggled
    if isinstance(widget, QLineEdit):
        return widget.editingFinished
    return widget.valueChanged


class SettingsPanel(Retranslating, QWidget):
    """Every training setting of the schema as a widget (`widgets[name]`, also as attributes)."""

    changed = Signal()
    preview_requested = Signal()  # the dataset field's menu: "Preview the dataset…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}  # the form's label of each setting (none for check boxes)
        self._hidden: dict[str, Any] = {}  # command-line-only settings, kept from set_config
        self._refreshing = False
        self.devices: dict | None = None
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.options = QWidget(objectName="trainingOptions")
        options_form = QFormLayout(self.options)
        options_form.setContentsMargins(0, 0, 0, 0)
        main_chain: list[QWidget] = []
        options_chain: list[QWidget] = []
        for setting in SETTINGS:
            if setting.group == "hidden":
                continue
            widget = make_editor(setting)
            self.widgets[setting.name] = widget
            setattr(self, setting.panel_attr, widget)
            target, chain = (options_form, options_chain) if setting.group == "options" else (form, main_chain)
            label = "" if setting.type is bool else shown(setting.label)
            if setting.editor == "file":
                row = QHBoxLayout()
                row.addWidget(widget, 1)
                row.addWidget(self._browse_button())
                target.addRow(label, row)
                chain += [widget, self.browse]
                field = row
            else:
                target.addRow(label, widget)
                chain.append(widget)
                field = widget
            if label:
                self.labels[setting.name] = target.labelForField(field)
            if setting.name == "cpu_replicas":  # what TensorFlow sees, under the device settings
                target.addRow("", self._device_label())
            changed_signal(widget).connect(self._on_change)
        # A hand-made fold: superqt's QCollapsible folds by height only, which leaves the folded
        # widgets in the Tab chain; hiding them takes them out.
        self.options_toggle = QToolButton(objectName="trainingOptionsToggle", checkable=True)
        self.options_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.options_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.options_toggle.toggled.connect(self._show_options)
        self.options.setVisible(False)
        form.addRow(self.options_toggle)
        form.addRow(self.options)
        chain = [*main_chain, self.options_toggle, *options_chain]
        for first, second in zip(chain, chain[1:], strict=False):  # Tab follows the layout, top to bottom
            QWidget.setTabOrder(first, second)
        self.tab_chain = chain
        self.retranslate()
        self.set_config(TrainConfig())

    def retranslate(self) -> None:
        """Every setting's texts from the schema, and the panel's own, in the current language."""
        for setting in SETTINGS:
            widget = self.widgets.get(setting.name)
            if widget is not None:
                show_texts(setting, widget)
            if setting.name in self.labels:
                self.labels[setting.name].setText(shown(setting.label))
        self.options_toggle.setText(self.tr("Training options"))
        self.options_toggle.setToolTip(self.tr("Show or hide the learning-rate schedule, early stopping, dropout "
                                               "and optimizer hyperparameters"))
        self.options_toggle.setAccessibleName(self.tr("Training options"))
        self.browse.setToolTip(self.tr("Choose an .npz dataset file"))
        self.browse.setAccessibleName(self.tr("Choose dataset file"))
        self.device_label.setToolTip(self.tr("What TensorFlow sees on this machine and what the Device setting "
                                             "will run"))
        if not self._refreshing:
            self._refresh()  # the combos' tooltips (their current choice) and the device line

    def _browse_button(self) -> QPushButton:
        self.browse = QPushButton("…", objectName="datasetBrowse")
        self.browse.setFixedWidth(32)
        self.browse.clicked.connect(self._browse)
        return self.browse

    def _device_label(self) -> QLabel:
        self.device_label = QLabel(objectName="deviceLabel", wordWrap=True)
        # as wide as the fields above it, never wider: it wraps instead
        self.device_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = self.device_label.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.device_label.setFont(font)
        return self.device_label

    def set_devices(self, devices: dict) -> None:
        """What TensorFlow sees (from `distribute.describe_devices`, once it has loaded)."""
        self.devices = devices
        self.cpu_replicas.setMaximum(max(1, devices["cpus"]) if not devices["gpus"] else 64)
        self._refresh()

    # -- keeping the widgets consistent ---------------------------------------------
    def _raw(self) -> SimpleNamespace:
        """The widgets' values as they stand (not validated), for the settings' `applies` rules."""
        values = {s.name: s.default for s in SETTINGS}
        values.update(self._hidden)
        values.update({name: read(w) for name, w in self.widgets.items()})
        return SimpleNamespace(**values)

    def _on_change(self) -> None:
        if not self._refreshing:
            self._refresh()
            self.changed.emit()

    def _refresh(self) -> None:
        """Greys out what does not apply (holding strict settings at their default), updates tooltips
        and the device line."""
        self._refreshing = True
        try:
            for _ in range(3):  # a reset can make another setting inapplicable (momentum -> nesterov)
                raw = self._raw()
                settled = True
                for setting in SETTINGS:
                    widget = self.widgets.get(setting.name)
                    if widget is None:
                        continue
                    enabled = setting.applies_to(raw)
                    if setting.name == "cpu_replicas" and self.devices and self.devices["gpus"]:
                        enabled = False  # mirrored over the GPUs
                    widget.setEnabled(enabled)
                    if not enabled and setting.strict and read(widget) != setting.default:
                        write(widget, setting.default)
                        settled = False
                if settled:
                    break
            for setting in SETTINGS:
                widget = self.widgets.get(setting.name)
                if isinstance(widget, QComboBox):
                    widget.setToolTip(widget.itemData(widget.currentIndex(), Qt.ItemDataRole.ToolTipRole)
                                      or shown(setting.help))
            self._update_device()
        finally:
            self._refreshing = False

    def _update_device(self) -> None:
        from workbench.training.distribute import devices_text, strategy_text

        if self.devices is None:
            self.device_label.setText(self.tr("Devices: known once TensorFlow has loaded"))
            return
        try:
            run = strategy_text(TrainConfig(strategy=self.strategy.currentData(),
                                            cpu_replicas=self.cpu_replicas.value()), self.devices)
        except ConfigError:
            run = "?"
        self.device_label.setText(self.tr("Sees {devices} · runs on {run}").format(
            devices=devices_text(self.devices), run=run))

    def _show_options(self, shown: bool) -> None:
        self.options.setVisible(shown)
        self.options_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _browse(self) -> None:
        """A dataset file or a folder of images: the button offers both."""
        menu = QMenu(self.browse)
        menu.addAction(self.tr("A file: NumPy archive (.npz) or CSV…"), lambda: self._choose_dataset(folder=False))
        menu.addAction(self.tr("A folder of images, one sub-folder per class…"),
                       lambda: self._choose_dataset(folder=True))
        menu.addSeparator()
        menu.addAction(self.tr("Preview the dataset…"), self.preview_requested.emit)
        menu.exec(self.browse.mapToGlobal(self.browse.rect().bottomLeft()))

    def _choose_dataset(self, folder: bool) -> None:
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of images"))
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a dataset"), "",
                                                  self.tr("Datasets (*.npz *.csv)"))
        if path:
            self.dataset.setText(path)
            self._on_change()

    # -- to and from TrainConfig ----------------------------------------------------------
    def set_config(self, cfg: TrainConfig) -> None:
        self._refreshing = True
        try:
            for setting in SETTINGS:
                widget = self.widgets.get(setting.name)
                if widget is None:
                    self._hidden[setting.name] = getattr(cfg, setting.name)
                else:
                    write(widget, getattr(cfg, setting.name))
        finally:
            self._refreshing = False
        self._refresh()

    def config(self) -> TrainConfig:
        """The settings as a TrainConfig; raises ConfigError naming the bad field."""
        values: dict[str, Any] = dict(self._hidden)
        for setting in SETTINGS:
            widget = self.widgets.get(setting.name)
            if widget is None:
                continue
            value = read(widget)
            if setting.strict and not widget.isEnabled():
                value = setting.default
            values[setting.name] = value
        lr = values["lr"]
        values["lr"] = float(f"{lr:.10g}") if math.isfinite(lr) else lr
        values["dataset"] = values["dataset"] or "mnist"
        return TrainConfig(**values)
