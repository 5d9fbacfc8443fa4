"""The window's left column: the settings in a scroll area, the runs folder under them, and the actions (Start,
Stop, Compare, progress, tools) below the scroll area, always in sight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from workbench.gui.panels.action_panel import ActionPanel
from workbench.gui.panels.settings_panel import SettingsPanel


class SettingsColumn(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="leftColumn")
        self.settings = SettingsPanel()
        self.actions = actions = ActionPanel()
        self.settings_box = QGroupBox()
        QVBoxLayout(self.settings_box).addWidget(self.settings)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.settings_box)
        inner_layout.addStretch(1)
        self.runs_label = QLabel(objectName="runsDirLabel", wordWrap=True)
        inner_layout.addWidget(self.runs_label)
        self.scroll = scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        scroll.setMinimumWidth(inner.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scroll, 1)
        layout.addWidget(actions)
        # as narrow as the settings allow: the buttons share that width (a small window may cut their texts)
        actions.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(scroll.minimumWidth())
