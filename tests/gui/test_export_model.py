"""Export model from the window: right-click a run, write a TFLite file that predicts what the run's model does."""

from __future__ import annotations

import keras
import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu

from gui_helpers import wait_for
from helpers import tflite_predict, validation_images


def test_right_click_offers_export_and_the_file_predicts_like_the_run(qtbot, make_window, trained, tmp_path):
    run_id = trained["custom"].summary.run_id
    window = make_window(runs_dir=trained["custom"].folder.path.parent)
    window.runs_table.select_runs([run_id])
    seen = {}

    def read_menu():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.update({a.text(): a.isEnabled() for a in menu.actions()})
            menu.close()

    QTimer.singleShot(300, read_menu)
    row = next(i for i, r in enumerate(window.runs_table.runs_model.runs) if r.run_id == run_id)
    pos = window.runs_table.visualRect(window.runs_table.model().index(row, 0)).center()
    window.runs_table.customContextMenuRequested.emit(pos)
    assert seen.get("Export model…") is True

    run = next(r for r in window.runs_table.runs_model.runs if r.run_id == run_id)
    out = tmp_path / "digits.tflite"
    window.run_actions.export_model(run, "tflite", out)
    wait_for(qtbot, window, lambda: "Model exported" in window.status_metrics.text(), timeout=120_000)
    assert str(out) in window.status_metrics.text() and out.stat().st_size > 0

    x = validation_images(50)
    expected = keras.saving.load_model(trained["custom"].folder.path / "model.keras").predict(x, verbose=0)
    got = tflite_predict(out, x)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)


def test_an_export_that_fails_says_why_and_the_window_stays_usable(qtbot, make_window, trained, tmp_path):
    window = make_window(runs_dir=trained["fit"].folder.path.parent)
    run = next(r for r in window.runs_table.runs_model.runs if r.run_id == trained["fit"].summary.run_id)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    window.run_actions.export_model(run, "savedmodel", blocker / "inside-a-file")
    wait_for(qtbot, window, lambda: "Export model" in window.banner.text(), timeout=120_000)
    assert window.start_button.isEnabled()
