"""Runs whose logged numbers are known to be wrong (the article's pitfalls, on purpose) are marked, with the
true value beside the reported one: nobody reads a 0.0 validation loss as the model's real quality."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from workbench.core.config import TrainConfig
from workbench.training import trainer

from gui_helpers import small_settings, wait_idle
from helpers import SMALL

VAL_ACC, VAL_LOSS = 8, 10  # runs table columns


@pytest.fixture(scope="module")
def pitfall_runs(tmp_path_factory):
    """One run per pitfall that makes Keras report a wrong number: {name: RunSummary}."""
    runs = tmp_path_factory.mktemp("runs")
    made = {}
    for name, settings in (("returned loss", dict(loss_report="returned")),
                           ("wrong metric", dict(metric="categorical_on_sparse"))):
        made[name] = trainer.train(TrainConfig(method="custom", name=name, **SMALL, **settings), runs).summary
    return runs, made


def row_of(window, name):
    model = window.runs_table.model()
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == name)


def test_the_runs_table_shows_the_reported_and_the_true_value(make_window, pitfall_runs):
    runs, made = pitfall_runs
    window = make_window(runs_dir=runs)
    model = window.runs_table.model()

    returned = made["returned loss"]
    row = row_of(window, "returned loss")
    shown = model.index(row, VAL_LOSS).data()
    assert shown == f"0.0000 ⚠ true {returned.true_final['val_loss']:.4f}"
    assert returned.true_final["val_loss"] > 0.1
    tip = model.index(row, VAL_LOSS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Keras logged 0.0000" in tip and "finding 3: a loss returned by test_step" in tip
    assert "⚠" not in model.index(row, VAL_ACC).data()  # its accuracy is right

    wrong = made["wrong metric"]
    row = row_of(window, "wrong metric")
    reported, true = re.fullmatch(r"(\d+\.\d\d)% ⚠ true (\d+\.\d\d)%", model.index(row, VAL_ACC).data()).groups()
    assert float(reported) == pytest.approx(100 * wrong.final["val_accuracy"], abs=0.006)
    assert float(true) == pytest.approx(100 * wrong.true_final["val_accuracy"], abs=0.006)
    assert float(true) > float(reported) + 5  # the article's direction: the wrong metric reads far lower
    assert "finding 2" in model.index(row, VAL_ACC).data(Qt.ItemDataRole.ToolTipRole)


def test_the_curves_draw_the_true_validation_values(make_window, pitfall_runs, qtbot):
    runs, made = pitfall_runs
    window = make_window(runs_dir=runs)
    window.runs_table.select_runs([made["returned loss"].run_id])
    qtbot.waitUntil(lambda: bool(window.plots.runs))
    curves = window.plots.runs[made["returned loss"].run_id]
    assert curves.name.startswith("⚠ ")  # the legend marks the run
    x, y = curves.series["true", "loss"].data()
    assert list(x) == [1, 2] and all(v > 0.1 for v in y)
    assert list(curves.series["val", "loss"].data()[1]) == [0.0, 0.0]  # Keras's number stays visible too


def test_the_window_offers_the_pitfall_and_shows_it_live(window, qtbot):
    s = window.settings
    assert not s.loss_report.isEnabled()  # fit: no test_step of its own
    small_settings(window, epochs=1, method="custom", loss_report="returned")
    assert s.loss_report.isEnabled() and s.config().loss_report == "returned"
    assert "third pitfall" in s.loss_report.toolTip()
    window.diagnosis.enable()  # the diagnosis says which of the article's findings the settings trigger
    qtbot.waitUntil(lambda: not window.diagnosis.busy() and window.diagnosis.report is not None
                    and window.diagnosis.report["config"]["loss_report"] == "returned", timeout=60_000)
    text = window.diagnosis.text.text()
    assert "finding 3: a loss returned by test_step" in text and "Keras reports 0," in text
    assert "metric trackers" in text
    window.start()
    wait_idle(qtbot, window)
    assert window.last_summary["final"]["val_loss"] == 0.0
    curves = next(iter(window.plots.runs.values()))
    assert curves.name.startswith("⚠ ") and curves.series["true", "loss"].n == 1
    assert "⚠ true" in window.runs_table.model().index(0, VAL_LOSS).data()
    small_settings(window, method="fit")
    assert s.config().loss_report == "tracked"  # held at its default where it does not apply
