"""The Device setting: what TensorFlow sees, and a mirrored run started from the window."""

import json

from PySide6.QtCore import Qt

from gui_helpers import small_settings, wait_for, wait_idle


def test_the_window_trains_mirrored_over_two_cpus(qtbot, window):
    window.tf_label.preload()
    wait_for(qtbot, window, lambda: window.settings.devices is not None, timeout=120_000)
    s = window.settings
    assert "2 logical CPUs" in s.device_label.text() and "one device" in s.device_label.text()
    multi = s.strategy.findData("multiworker")
    assert not s.strategy.model().item(multi).isEnabled()  # a cluster starts from the command line
    assert not s.cpu_replicas.isEnabled()
    small_settings(window, epochs=1, strategy="mirrored")
    assert s.cpu_replicas.isEnabled() and not s.eager.isEnabled()
    s.cpu_replicas.setValue(2)
    assert "MirroredStrategy over 2 logical CPU devices" in s.device_label.text()
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "completed", window.banner.text()
    run_dir = window.runs_dir / window.last_summary["run_id"]
    assert json.loads((run_dir / "status.json").read_text())["replicas"] == 2
    assert json.loads((run_dir / "config.json").read_text())["strategy"] == "mirrored"
    row = next(i for i, r in enumerate(window.runs_table.runs_model.runs) if r.run_id == run_dir.name)
    method = window.runs_table.runs_model.index(row, 1).data()
    assert method == "fit ×2 (mirrored)"  # the table says where it trained


def test_more_cpu_replicas_than_tensorflow_has_is_one_clear_message(qtbot, window):
    s = window.settings
    small_settings(window, epochs=1, strategy="mirrored")
    s.cpu_replicas.setValue(8)  # TensorFlow already runs with 2 logical CPUs in this process
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert "cpu_replicas" in window.banner.text() and "at most 2" in window.banner.text()
    assert window.start_button.isEnabled()  # the window stays usable
