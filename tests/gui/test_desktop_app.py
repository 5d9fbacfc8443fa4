"""Keyboard, icon and About: the window as a desktop app."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from gui_helpers import small_settings, wait_idle


def test_keyboard_shortcuts_start_and_stop(qtbot, window):
    shortcuts = {a.objectName(): [s.toString() for s in a.shortcuts()] for a in window.findChildren(type(window.menuBar().actions()[0]))}
    assert shortcuts["startAction"] == ["Ctrl+R"] and "Esc" in shortcuts["stopAction"]
    assert shortcuts["exportAction"] == ["Ctrl+E"] and shortcuts["tensorboardAction"] == ["Ctrl+T"]
    assert shortcuts["quitAction"] == [QKeySequence("Ctrl+Q").toString()]
    small_settings(window, epochs=50, train=20000, val=200)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.training
    qtbot.waitUntil(lambda: window.live_key is not None, timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    wait_idle(qtbot, window, timeout=60_000)
    assert window.last_summary["status"] == "stopped"


def test_every_control_has_a_tooltip_and_accessible_name(window):
    for name in ("methodCombo", "optimizerCombo", "lossCombo", "metricCombo", "modelCombo", "learningRateSpin",
                 "batchSizeSpin", "epochsSpin", "seedSpin", "trainLimitSpin", "startButton", "stopButton",
                 "compareButton", "tensorboardButton", "exportButton", "smoothingSlider", "logScaleCheck",
                 "runsTable"):
        widget = window.findChild(QWidget, name)
        assert widget.toolTip(), name
        assert widget.accessibleName(), name


def test_icon_and_about(window):
    assert not window.windowIcon().isNull()
    from workbench.gui.about import about_text

    text = about_text(window.runs_dir, "")
    assert "Qt 6." in text and "PySide6" in text and "CC BY-SA 3.0" in text and "LeCun" in text


def test_the_runs_folder_is_shown_changeable_and_remembered(make_window, trained, tmp_path):
    first = make_window()
    assert str(first.runs_dir) in first.runs_label.text()
    other = trained["tape"].folder.path.parent
    first.set_runs_dir(other)
    assert str(other) in first.runs_label.text()
    assert {"small tape", "small fit"} <= {r.name for r in first.runs_table.runs_model.runs}
    first.close()
    from PySide6.QtCore import QSettings

    from workbench.gui import MainWindow

    again = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                       preload_tensorflow=False)
    try:
        assert again.runs_dir == other  # chosen last time
    finally:
        again.close()


def test_tab_moves_through_the_settings_in_layout_order(qtbot, window):
    s = window.settings

    def owner(widget):  # a spin box gives focus to its line edit: name the settings widget
        while widget is not None and widget not in s.tab_chain:
            widget = widget.parentWidget()
        return widget

    s.method.setFocus()
    qtbot.waitUntil(lambda: s.method.hasFocus(), timeout=2000)
    visited = []
    for _ in range(5):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        visited.append(owner(window.focusWidget()))
    assert visited == [s.optimizer, s.lr, s.loss, s.metric, s.model]
