"""Look inside a run from the window: confusion matrix, per-class table, mistakes, model summary."""

import pytest

from gui_helpers import wait_for


def test_inspect_shows_what_the_model_gets_wrong(qtbot, make_window, trained):
    window = make_window(runs_dir=trained["tape"].folder.path.parent)
    run = next(r for r in window.runs_table.runs_model.runs if r.run_id == trained["tape"].summary.run_id)
    dialog = window.inspect_run(run)
    qtbot.addWidget(dialog)
    wait_for(qtbot, window, lambda: dialog.result is not None, timeout=120_000)
    matrix = dialog.matrix
    counts = [[int(matrix.item(r, c).text()) for c in range(10)] for r in range(10)]
    assert sum(map(sum, counts)) == 500  # every validation image, once
    accuracy = sum(counts[i][i] for i in range(10)) / 500
    assert accuracy == pytest.approx(trained["tape"].summary.final["val_accuracy"], abs=1e-6)
    dialog.normalise.setChecked(True)
    assert dialog.matrix.item(0, 0).text().endswith("%")
    assert dialog.per_class.rowCount() == 10
    mistakes = dialog.gallery.findChildren(type(dialog.gallery), "mistake")
    assert len(mistakes) == 16  # pictures of the most confidently wrong images
    assert "Dense" in dialog.summary.toPlainText() and "parameters" in dialog.summary.toPlainText()
    dialog.close()
