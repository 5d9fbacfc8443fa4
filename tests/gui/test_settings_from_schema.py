"""The window's settings come from the schema: every setting has its widget; dropout goes from the panel to the run."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QWidget

from workbench.core.settings import SETTINGS

from gui_helpers import small_settings, wait_idle


def test_every_setting_has_a_widget_with_its_name_tooltip_and_range(window):
    for s in SETTINGS:
        if s.group == "hidden":
            continue
        widget = window.findChild(QWidget, s.widget)
        assert widget is not None, s.name
        assert widget.toolTip() and widget.accessibleName(), s.name
        if s.type in (int, float) and s.choices is None:
            assert (widget.minimum(), widget.maximum()) == (s.low, s.high), s.name


def test_dropout_is_greyed_for_the_cnn_and_reaches_the_run(qtbot, window):
    s = window.settings
    s.options_toggle.click()
    s.dropout.setValue(0.2)
    s.model.setCurrentIndex(s.model.findData("cnn"))
    assert not s.dropout.isEnabled() and s.config().dropout == 0.0  # the cnn has no dropout
    s.model.setCurrentIndex(s.model.findData("mlp"))
    assert s.dropout.isEnabled()
    s.dropout.setValue(0.2)
    small_settings(window, epochs=1, train=320, val=100)
    window.start_button.click()
    wait_idle(qtbot, window)
    run = window.runs_table.runs_model.runs[0]
    assert run.status == "completed"
    assert json.loads((Path(run.run_dir) / "config.json").read_text())["dropout"] == 0.2
