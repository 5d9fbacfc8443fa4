"""The main window, driven through its real widgets with real training in its thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QPushButton, QSpinBox

from gui_helpers import small_settings, wait_idle

NAMES = {
    QComboBox: ["methodCombo", "optimizerCombo", "lossCombo", "metricCombo", "modelCombo"],
    QDoubleSpinBox: ["learningRateSpin"],
    QSpinBox: ["batchSizeSpin", "epochsSpin", "seedSpin", "trainLimitSpin"],
    QPushButton: ["startButton", "stopButton", "compareButton", "tensorboardButton", "exportButton"],
}


def test_widgets_carry_the_interface_names_and_values(window):
    for cls, names in NAMES.items():
        for name in names:
            widget = window.findChild(cls, name)
            assert widget is not None, name
            assert widget.toolTip(), f"{name} has no tooltip"
    for name in ("lossPlot", "accuracyPlot"):
        assert isinstance(window.findChild(pg.PlotWidget, name), pg.PlotWidget)
    combo = window.findChild(QComboBox, "methodCombo")
    assert [combo.itemData(i) for i in range(combo.count())] == ["tape", "fit", "custom"]
    metric = window.findChild(QComboBox, "metricCombo")
    assert [metric.itemData(i) for i in range(metric.count())] == ["auto", "sparse", "categorical", "categorical_on_sparse"]
    lr = window.findChild(QDoubleSpinBox, "learningRateSpin")
    for value in (0.0001, 1e-5, 10.0):
        lr.setValue(value)
        assert lr.value() == value
    lr.setValue(0.01)
    lr.stepBy(1)
    assert lr.value() == 0.02
    lr.stepBy(-2)
    assert lr.value() == 0.005
    # the first-run hint says what to do
    assert window.empty_hint.isVisible() and "Start" in window.empty_hint.text()


def test_the_window_shows_before_tensorflow_is_imported(tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from workbench.gui import MainWindow\n"
        f"w = MainWindow(runs_dir=r'{tmp_path}')\n"
        "w.show(); app.processEvents()\n"
        "print(w.isVisible(), 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["True", "False", "False"], out.stderr


def test_a_short_run_from_the_widgets_draws_train_and_validation_curves(qtbot, window):
    small_settings(window, epochs=3, train=6000, val=1000, method="tape")
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert window.training and not window.start_button.isEnabled() and window.stop_button.isEnabled()
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "completed", window.banner.text()
    run_id = window.last_summary["run_id"]
    curves = window.plots.runs[run_id]
    assert window.settings.widgets["steps_per_execution"].text() == "auto"  # fast mode, the default
    assert json.loads((window.runs_dir / run_id / "status.json").read_text())["steps_per_execution"] > 1
    for metric in ("loss", "accuracy"):
        assert curves.series["batch", metric].n == 3 * 188  # every batch point arrived, in fast mode too
        assert curves.series["epoch", metric].n == 3
        assert curves.series["val", metric].n == 3
        for kind in ("batch", "epoch", "val"):
            x, y = curves.items[kind, metric].getData()
            assert x is not None and len(x) > 0, (kind, metric)
    legend_labels = [label.text for _, label in window.plots.legends["loss"].items]
    assert legend_labels == ["tape sgd lr=0.01 sum_mse"]  # the run, named by its settings
    table = window.runs_table
    assert [r.run_id for r in table.selected_runs()] == [run_id]
    assert table.runs_model.runs[0].status == "completed"
    assert window.progress.value() == window.progress.maximum()
    assert window.start_button.isEnabled() and not window.stop_button.isEnabled()
    assert "validation accuracy" in window.status_metrics.text()


def test_a_live_run_is_drawn_at_least_ten_times_a_second_unless_drawing_is_slow():
    from workbench.gui.widgets.plots import frame_gap

    assert frame_gap(0.0005) == pytest.approx(0.033)  # cheap frames: up to 30 a second
    assert frame_gap(0.005) < 0.1  # 5 ms frames: 10 a second (the 3% budget alone gave 6)
    assert frame_gap(0.01) < 0.1  # 10 ms frames (two plots here, measured): still 10 a second
    assert frame_gap(0.03) == pytest.approx(0.2)  # a slow screen: drawing takes at most 15% of the time


def test_stop_keeps_the_run_and_a_second_run_starts(qtbot, window):
    small_settings(window, epochs=50, train=20000, val=1000)
    window.start_button.click()
    qtbot.waitUntil(lambda: window.live_key and window.plots.runs[window.live_key].series["batch", "loss"].n > 50,
                    timeout=120_000)
    window.stop_button.click()
    wait_idle(qtbot, window, timeout=30_000)
    assert window.last_summary["status"] == "stopped"
    from pathlib import Path

    assert (Path(window.last_summary["run_dir"]) / "model.keras").is_file()
    small_settings(window, epochs=1, train=500, val=200)
    window.start_button.click()
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "completed"
    assert len(window.runs_table.runs_model.runs) == 2


def test_closing_mid_run_stops_and_joins_the_thread(qtbot, make_window, tmp_path):
    window = make_window()
    small_settings(window, epochs=50, train=20000, val=500)
    window.start_button.click()
    qtbot.waitUntil(lambda: window.live_key is not None and window.plots.runs[window.live_key].series["batch", "loss"].n > 0,
                    timeout=120_000)
    worker = window.worker
    window.close()
    assert not worker.isRunning()
    status = json.loads((tmp_path / "runs" / window.live_key / "status.json").read_text())
    assert status["status"] == "stopped"


def test_a_bad_dataset_gives_a_message_and_the_window_stays_usable(qtbot, window, tmp_path):
    window.settings.dataset.setText(str(tmp_path / "missing.npz"))
    window.start_button.click()
    wait_idle(qtbot, window)
    assert "missing.npz" in window.banner.text()
    assert window.start_button.isEnabled() and window.settings.isEnabled()
    junk = tmp_path / "junk.npz"
    junk.write_text("nope")
    window.settings.dataset.setText(str(junk))
    window.start_button.click()
    wait_idle(qtbot, window)
    assert "not a readable .npz" in window.banner.text()
    assert not (tmp_path / "runs").exists() or not any((tmp_path / "runs").iterdir())


def test_bad_settings_and_divergence_are_explained(qtbot, window):
    small_settings(window, train=100)
    window.settings.batch.setValue(500)
    window.start_button.click()
    wait_idle(qtbot, window)
    assert "batch_size" in window.banner.text() and "allowed 1 to 100" in window.banner.text()
    small_settings(window, epochs=2, train=3000, val=100)
    window.settings.batch.setValue(32)
    window.settings.lr.setValue(10.0)
    window.start_button.click()
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "diverged"
    assert "smaller learning rate" in window.banner.text()


def test_settings_and_geometry_are_remembered(qtbot, make_window):
    first = make_window()
    first.settings.lr.setValue(0.0001)
    first.settings.method.setCurrentIndex(first.settings.method.findData("custom"))
    first.settings.epochs.setValue(7)
    first.resize(760, 560)  # within the offscreen screen (800x600); the fonts' minimum width may be a little more
    size = (first.width(), first.height())
    first.close()
    second = make_window()
    assert second.settings.lr.value() == 0.0001
    assert second.settings.method.currentData() == "custom"
    assert second.settings.epochs.value() == 7
    assert (second.width(), second.height()) == size and size[1] == 560
