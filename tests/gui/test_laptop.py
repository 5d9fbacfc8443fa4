"""The window on a laptop screen: every action in sight, axes that show the difference, results read in full."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt

from workbench.core.runs import RunFolder
from workbench.gui.preferences import first_size

#: Laptop screens, less a desktop's panel (the window's first size comes from the available area)
SCREENS = {"1366x768": QSize(1366, 768 - 40), "1280x720": QSize(1280, 720 - 40)}
ACTIONS = ("start_button", "stop_button", "compare_button", "tensorboard_button", "export_button", "lr_find_button")


def fully_visible(widget) -> bool:
    """Shown whole, not cut by a scroll area or the window's edge."""
    return widget.isVisible() and widget.visibleRegion().boundingRect().size() == widget.size()


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_every_action_is_in_sight_without_scrolling(make_window, qtbot, screen):
    window = make_window()
    window.resize(first_size(SCREENS[screen]))
    qtbot.waitUntil(lambda: window.height() <= SCREENS[screen].height())
    assert window.width() <= SCREENS[screen].width()
    window.settings.options_toggle.click()  # the folded training options open: the settings scroll, not the actions
    qtbot.wait(50)
    hidden = [name for name in ACTIONS if not fully_visible(getattr(window, name))]
    assert hidden == []
    assert window.settings_scroll.verticalScrollBar().maximum() > 0  # (the settings did need to scroll)


def write_run(runs_dir: Path, optimizer: str, final: float, epochs: int = 10, steps: int = 100) -> str:
    """A finished run's folder, curves as MNIST's go: near chance at the first batches, `final` at the end."""
    folder = RunFolder.create(runs_dir, {"method": "fit", "optimizer": optimizer, "lr": 0.01, "epochs": epochs,
                                         "batch_size": 32, "train_limit": 32 * steps})
    rows = []
    for step in range(1, epochs * steps + 1):
        accuracy = final - (final - 0.1) * math.exp(-step / 20) - 0.02 * ((step * 7919) % 5) / 5
        rows.append({"step": step, "epoch": (step - 1) // steps + 1, "loss": 2.3 * (1.05 - accuracy),
                     "accuracy": accuracy})
    folder.append_batches(rows)
    for epoch in range(1, epochs + 1):
        mean = sum(r["accuracy"] for r in rows[(epoch - 1) * steps: epoch * steps]) / steps
        folder.append_history({"epoch": epoch, "loss": 2.3 * (1.05 - mean), "accuracy": mean,
                               "val_loss": 2.3 * (1.05 - final), "val_accuracy": final - 0.01 / epoch})
    folder.write_status("completed", seconds=10.0)
    return folder.run_id


def test_two_good_runs_fill_the_accuracy_plot_and_the_full_range_is_one_click_away(make_window, tmp_path, qtbot):
    runs = tmp_path / "runs"
    runs.mkdir()
    ids = [write_run(runs, "sgd", 0.967), write_run(runs, "adam", 0.983)]
    window = make_window(runs_dir=runs)
    window.resize(first_size(SCREENS["1366x768"]))
    window.runs_table.select_runs(ids)
    qtbot.waitUntil(lambda: len(window.plots.runs) == 2)
    box = window.plots.accuracy_plot.getViewBox()
    qtbot.waitUntil(lambda: box.viewRange()[1][0] > 0.5)  # the converged part fills the plot
    assert box.viewRange()[1][1] < 1.01
    low_loss, high_loss = window.plots.loss_plot.getViewBox().viewRange()[1]
    assert high_loss < 2.3 * 0.95  # the first batches' loss (2.2) does not set the loss axis either
    window.outliers_check.click()  # the way back: every point
    qtbot.waitUntil(lambda: box.viewRange()[1][0] < 0.1)
    window.outliers_check.click()
    qtbot.waitUntil(lambda: box.viewRange()[1][0] > 0.5)
    window.plots.accuracy_plot.plot_menu.view_all.trigger()  # the plot's "Show all the data" is the same
    qtbot.waitUntil(lambda: box.viewRange()[1][0] < 0.1)
    assert not window.outliers_check.isChecked()


def test_the_last_viewed_runs_are_shown_again_after_a_restart(make_window, tmp_path, qtbot):
    runs = tmp_path / "runs"
    runs.mkdir()
    ids = [write_run(runs, "sgd", 0.96, epochs=2), write_run(runs, "adam", 0.98, epochs=2),
           write_run(runs, "adam", 0.97, epochs=2)]
    window = make_window(runs_dir=runs)
    window.runs_table.select_runs(ids[:2])
    window.close()
    again = make_window(runs_dir=runs)
    assert set(again.plots.runs) == set(ids[:2])
    assert {r.run_id for r in again.runs_table.selected_runs()} == set(ids[:2])


def test_the_first_run_hint_says_the_article_is_filled_in_only_when_it_is(make_window, settings_file, qtbot):
    window = make_window()
    assert "The article's settings are filled in" in window.empty_hint.text()
    window.settings.widgets["optimizer"].setCurrentIndex(window.settings.widgets["optimizer"].findData("adam"))
    assert "The article's settings are filled in" not in window.empty_hint.text()
    assert "No runs yet" in window.empty_hint.text()
    window.close()
    restored = make_window()  # the restored settings are not the article's: the hint does not say they are
    assert "The article's settings are filled in" not in restored.empty_hint.text()


def test_compare_s_progress_text_fits_its_bar(window):
    points = {"total": 18750, "done": 12000, "epoch": 6, "batch": 430, "eta": "0:15"}
    window.actions_panel.show_progress(points, 10, 1875, {"done": 5, "total": 6})
    bar = window.progress
    assert bar.fontMetrics().horizontalAdvance(bar.format()) <= bar.contentsRect().width()
    assert "6/10" in bar.format() and "0:15" in bar.format()
    assert bar.toolTip() == "run 6 of 6 · epoch 6/10 · batch 430/1875 · ETA 0:15"  # all of it, in the tooltip


def test_the_dynamics_log_axis_labels_decades_only(window):
    from workbench.gui.widgets.decade_axis import DecadeAxis

    axis = window.dynamics.plot.getAxis("left")
    assert isinstance(axis, DecadeAxis)
    values = [math.log10(v) for v in (1e-5, 2e-5, 5e-5, 9e-5, 1e-4, 3e-4, 1e-3)]
    assert axis.logTickStrings(values, 1, 1) == ["10⁻⁵", "", "", "", "10⁻⁴", "", "10⁻³"]


@pytest.fixture(scope="module")
def experiment_runs(tmp_path_factory):
    """A real two-setting experiment (SGD vs Adam, two seeds, a small slice of MNIST), made by the CLI."""
    runs = tmp_path_factory.mktemp("laptop") / "runs"
    done = subprocess.run([sys.executable, "-m", "workbench", "experiment", "--runs-dir", str(runs),
                           "--set", "optimizer=sgd,adam", "--seeds", "0-1", "--epochs", "1", "--train-limit", "320",
                           "--val-limit", "100", "--name", "laptop"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return runs, "laptop"


def test_the_experiments_tab_reads_in_full_on_a_laptop(make_window, experiment_runs, qtbot):
    runs, experiment = experiment_runs
    window = make_window(runs_dir=runs)
    window.resize(first_size(SCREENS["1366x768"]))
    window.view_tabs.setCurrentWidget(window.experiments)
    panel = window.experiments
    panel.show_experiment(experiment, select_all=True)
    qtbot.waitUntil(lambda: "−" in panel.difference.text(), timeout=30_000)
    qtbot.wait(50)
    label, viewport = panel.difference, panel.left_scroll.viewport()
    left = label.mapTo(viewport, label.rect().topLeft()).x()
    assert left >= 0 and left + label.width() <= viewport.width()  # inside the column, nothing to scroll to
    assert label.heightForWidth(label.width()) <= label.height()  # every line of it shown
    table = panel.table
    widths = [table.columnWidth(c) for c in range(table.model().columnCount())]
    assert sum(widths[:-1]) <= table.viewport().width()
    accuracy = 2  # settings, n, then the validation accuracy: shown whole
    assert widths[accuracy] >= table.sizeHintForColumn(accuracy)
    assert not table.horizontalScrollBar().isVisible()


def test_trial_names_read_as_what_differs(make_window, experiment_runs, qtbot):
    runs, experiment = experiment_runs
    window = make_window(runs_dir=runs)
    names = {window.runs_table.model().index(r, 0).data() for r in range(window.runs_table.model().rowCount())}
    assert names == {"SGD · seed 0", "SGD · seed 1", "Adam · seed 0", "Adam · seed 1"}
    model = window.runs_table.model()
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "Experiment")
    assert {model.index(r, column).data() for r in range(model.rowCount())} == {experiment}  # said once, in its column
