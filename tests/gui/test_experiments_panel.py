"""The Experiments tab, clicked as a user would: a grid from its widgets, Stop and Continue, the table, the
difference of two rows, the bands, parallel coordinates, the heat map and the export."""

from __future__ import annotations

import csv
import json
import urllib.request

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRectF, Qt

from workbench.core.runs import RunFolder
from workbench.experiments import dashboard
from workbench.experiments import study as studies
from workbench.experiments.stats import difference, seeds_needed
from workbench.gui.widgets.parallel_coordinates import metric_color

from gui_helpers import small_settings, wait_for, wait_idle


def click_tab(qtbot, tabs, index):
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_bad_grid_gets_one_message_and_nothing_runs(qtbot, window):
    click_tab(qtbot, window.view_tabs, window.view_tabs.indexOf(window.experiments))
    panel = window.experiments
    panel.axis_values[0].setText("sgd,nesterov")
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert "optimizer" in window.banner.text() and "nesterov" in window.banner.text()
    assert not window.training and window.start_button.isEnabled()
    panel.seeds.setText("4-x")
    assert "0-4" in panel.count.text()


def test_the_window_runs_an_experiment_stops_continues_and_shows_its_spread(qtbot, window, tmp_path):
    small_settings(window, epochs=2, train=320, val=100)
    click_tab(qtbot, window.view_tabs, window.view_tabs.indexOf(window.experiments))
    panel = window.experiments
    assert panel.axis_combos[0].currentData() == "optimizer" and panel.axis_values[0].text() == "sgd,adam"
    # a second setting with one value: two settings, so the heat map has a grid to show
    panel.axis_combos[1].setCurrentIndex(panel.axis_combos[1].findData("lr"))
    panel.axis_values[1].setText("0.05")
    panel.seeds.setText("0-1")
    panel.name.setText("gui")
    assert "2 settings × 2 seeds = 4 runs" in panel.count.text()
    finished = []
    window.controller.run_finished.connect(finished.append)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert window.training and not panel.run_button.isEnabled()
    wait_for(qtbot, window, lambda: finished)  # the first trial is done: stop in the second
    wait_for(qtbot, window, lambda: window.live_key not in (None, finished[0]["run_id"]))
    qtbot.mouseClick(window.stop_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    # the report read after the Stop (until it is back, the one from the start, with no trial done, is shown)
    wait_for(qtbot, window, lambda: panel.data is not None and panel.data.doc["completed_trials"] >= 1
             and panel.continue_button.isEnabled())
    done_before = panel.data.doc["completed_trials"]
    assert 1 <= done_before < 4  # Stop came after the first trial and before the last: Continue has work
    assert f"{done_before} of 4 runs done" in panel.progress.text()
    # Continue runs what is left, nothing twice
    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    wait_for(qtbot, window, lambda: panel.data.doc["completed_trials"] == 4)
    doc = panel.data.doc
    assert sorted((t["settings"]["optimizer"], t["seed"]) for t in doc["trials"]) == [
        ("adam", 0), ("adam", 1), ("sgd", 0), ("sgd", 1)]
    assert doc == studies.report(panel.storage, "gui")
    runs_model = window.runs_table.runs_model  # the trials are ordinary runs, grouped by their experiment
    column = [runs_model.headerData(c, Qt.Orientation.Horizontal) for c in range(runs_model.columnCount())].index(
        "Experiment")
    trial_rows = [r for r in range(runs_model.rowCount()) if runs_model.index(r, column).data() == "gui"]
    assert len(trial_rows) >= 4  # (and the stopped trial's run)
    assert not panel.continue_button.isEnabled()

    # the table: one row per setting, mean ± std over the seeds
    table = panel.table
    model = table.model()
    assert model.rowCount() == 2
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Optimizer", "Learning rate", "n"] and "Val acc" in headers
    finals = {o: [t["final"]["val_accuracy"] for t in doc["trials"] if t["settings"]["optimizer"] == o]
              for o in ("sgd", "adam")}
    for row in range(2):
        optimizer = model.index(row, 0).data()
        values = np.array(finals[optimizer])
        shown = model.index(row, headers.index("Val acc")).data()
        assert shown == f"{values.mean() * 100:.2f}% ± {values.std(ddof=1) * 100:.2f}"
        assert model.index(row, 2).data() == 2
    # sorting by a click on the header
    header = table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(headers.index("Val acc")) + 5, 5))
    assert header.sortIndicatorSection() == headers.index("Val acc")
    order = [model.index(r, headers.index("Val acc")).data(Qt.ItemDataRole.UserRole) for r in range(2)]
    assert order == sorted(order) or order == sorted(order, reverse=True)

    # two rows clicked: the difference, second minus first, as scipy gives it
    labels = [model.index(r, 0).data() for r in range(2)]
    click_row(qtbot, table, 0)
    click_row(qtbot, table, 1)
    first, second = labels
    d = difference(finals[first], finals[second])
    text = panel.difference.text()
    assert f"optimizer={second} lr=0.05 − optimizer={first} lr=0.05" in text
    assert f"{d.delta * 100:+.2f} points" in text and f"[{d.low * 100:.2f}, {d.high * 100:.2f}]" in text
    assert "2 seeds each" in text

    # the bands: a mean line per setting (bold when selected) over a ±1 std band; seeds on demand
    bands = panel.bands
    assert len(bands.items) == 2
    for group in bands.curves:
        mean_item = bands.items[group.label][0]
        x, y = mean_item.getData()
        assert list(x) == [1.0, 2.0] and np.allclose(y, group.mean * 100)
        assert any(isinstance(i, pg.FillBetweenItem) for i in bands.items[group.label])
    assert [label.text for _, label in bands.legend.items] == [
        f"{g.label} (n=2)" for g in bands.curves]
    qtbot.mouseClick(panel.show_seeds, Qt.MouseButton.LeftButton)
    assert sum(len(items) for items in bands.items.values()) == 2 * (1 + 3 + 2)  # mean, band (3), 2 seeds

    # parallel coordinates: a line per trial through its settings, ending higher and brighter the better it is
    click_tab(qtbot, panel.views, 1)
    lines = panel.parallel.lines(QRectF(panel.parallel.rect()))
    assert len(lines) == 4
    best, worst = max(lines, key=lambda t: t.value), min(lines, key=lambda t: t.value)
    assert best.points[-1].y() < worst.points[-1].y()
    assert best.color.name() == metric_color(1.0).name() and worst.color.name() == metric_color(0.0).name()
    height_of = {t.settings["optimizer"]: t.points[0].y() for t in lines}
    assert len(set(height_of.values())) == 2  # sgd and adam at their own places on the optimizer axis
    assert all(t.points[0].y() == height_of[t.settings["optimizer"]] for t in lines)
    assert _pixels_like(panel.parallel.grab().toImage(), best.color) > 10  # and the best line is on screen
    # the heat map: a cell per setting, its text the mean ± std of its seeds, the better cell the brighter
    click_tab(qtbot, panel.views, 2)
    boxes = {b.key: b for b in panel.heat_map.cell_boxes(QRectF(panel.heat_map.rect()))}
    assert set(boxes) == {("sgd", 0.05), ("adam", 0.05)}
    image = panel.heat_map.grab().toImage()
    for (optimizer, _), box in boxes.items():
        values = np.array(finals[optimizer])
        assert box.text == f"{values.mean() * 100:.2f}% ± {values.std(ddof=1) * 100:.2f}\nn=2"
        corner = box.rect.topLeft().toPoint() + QPoint(3, 3)
        assert image.pixelColor(corner).name() == box.color.name()
    better = max(finals, key=lambda o: np.mean(finals[o]))
    assert boxes[(better, 0.05)].color.name() == metric_color(1.0).name()

    # the difference by epoch: b − a at each epoch from the runs' histories, and the sentence that reads it
    click_tab(qtbot, panel.views, 3)
    per_epoch = {o: np.array([[r["val_accuracy"] for r in RunFolder(t["run_dir"]).history()]
                              for t in doc["trials"] if t["settings"]["optimizer"] == o]) for o in finals}
    x, y = panel.parting_plot.line.getData()
    assert list(x) == [1.0, 2.0]
    assert np.allclose(y, (per_epoch[second].mean(axis=0) - per_epoch[first].mean(axis=0)) * 100)
    found = panel.difference.parting
    if found.first_epoch is None:
        assert "not apart at the last epoch" in panel.difference.text()
    else:
        assert f"leads from epoch {found.first_epoch} on" in panel.difference.text()
        assert panel.parting_plot.significant_epochs() == [e.epoch for e in found.epochs if e.p_holm < 0.05]

    # the seeds needed: the last column, for the difference typed in the spin box
    needed_column = headers.index("Seeds needed")
    assert needed_column == len(headers) - 1

    def needed_shown():
        return {model.index(r, 0).data(): model.index(r, needed_column).data() for r in range(2)}

    def needed_for(points):
        return {o: (lambda n: "—" if n is None else "> 1000" if n > 1000 else str(n))(
            seeds_needed(points / 100, np.std(finals[o], ddof=1))) for o in finals}

    assert needed_shown() == needed_for(0.5)
    spin = panel.seeds_needed.detect
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "5")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert spin.value() == 5.0 and needed_shown() == needed_for(5.0)
    if doc["importance"]:
        assert panel.seeds_needed.importance.text().startswith("Which setting mattered (PED-ANOVA, 4 trials)")

    # optuna-dashboard, real, on the experiment's storage: the button opens the experiment's page
    opened = []
    panel.dashboard.opener = opened.append
    qtbot.mouseClick(panel.dashboard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert "/dashboard/studies/" in opened[0] and opened[0] in panel.progress.text()
    with urllib.request.urlopen(opened[0].split("dashboard/")[0] + "api/studies", timeout=10) as response:
        assert "gui" in [s["study_name"] for s in json.load(response)["study_summaries"]]
    dashboard.stop_all()

    # the metric switch recomputes everything from memory
    panel.metric.setCurrentIndex(panel.metric.findData("val_loss"))
    assert "validation loss" in panel.difference.text() and "points" not in panel.difference.text()

    # export: the bands as pictures, every seed's points as CSV
    written = panel.export(tmp_path / "out")
    assert {p.name for p in written} == {"val_loss.png", "val_loss.svg", "val_loss.pdf", "experiment.csv"}
    with open(tmp_path / "out" / "experiment.csv") as f:
        rows = list(csv.DictReader(f))
    assert {(r["seed"], r["setting"]) for r in rows} == {(str(s), f"optimizer={o} lr=0.05") for s in (0, 1) for o in labels}
    assert len(rows) == 4 * 2 * 4  # trials × epochs × metrics


def _pixels_like(image, color, within: int = 40) -> int:
    """How many pixels are near `color` (a line drawn in it, antialiased, has some)."""
    near = 0
    for x in range(image.width()):
        for y in range(0, image.height(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - color.red()) + abs(c.green() - color.green()) + abs(c.blue() - color.blue()) < within:
                near += 1
    return near


@pytest.fixture(autouse=True)
def _no_dialogs(monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")


def test_a_tpe_search_from_the_window_samples_its_range(qtbot, window):
    small_settings(window, epochs=1, train=320, val=100)
    click_tab(qtbot, window.view_tabs, window.view_tabs.indexOf(window.experiments))
    panel = window.experiments
    panel.axis_combos[0].setCurrentIndex(panel.axis_combos[0].findData("lr"))
    panel.axis_values[0].setText("0.001:0.1:log")
    panel.sampler.setCurrentIndex(panel.sampler.findData("tpe"))
    panel.trials.setValue(3)
    panel.seeds.setText("0")
    assert "3 sampled settings × 1 seeds = 3 runs" in panel.count.text()
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    wait_for(qtbot, window, lambda: panel.data is not None and panel.data.doc["completed_trials"] == 3)
    doc = panel.data.doc
    lrs = [t["settings"]["lr"] for t in doc["trials"]]
    assert all(0.001 <= lr <= 0.1 for lr in lrs) and doc["grid"]["sampler"] == "tpe"
    assert panel.table.model().rowCount() == len(set(lrs))
    click_tab(qtbot, panel.views, 1)
    assert panel.parallel.scales == {"lr": (0.001, 0.1, True)}  # a continuous, logarithmic axis
    # each trial crosses the lr axis where its lr lies on a log scale: equal ratios, equal distances
    lines = panel.parallel.lines(QRectF(panel.parallel.rect()))
    heights = sorted((t.settings["lr"], t.points[0].y()) for t in lines)
    per_decade = [(y0 - y1) / np.log10(lr1 / lr0) for (lr0, y0), (lr1, y1) in zip(heights, heights[1:], strict=False)
                  if lr1 > lr0]
    assert per_decade and all(d > 0 for d in per_decade) and np.allclose(per_decade, per_decade[0], rtol=1e-6)


def test_find_lr_from_the_window_sets_the_learning_rate(qtbot, window):
    small_settings(window, epochs=1, train=2000, val=100)
    qtbot.mouseClick(window.lr_find_button, Qt.MouseButton.LeftButton)
    dialog = window.lr_find_dialog
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    result = dialog.result
    assert result["method"] == window.settings.config().method and len(result["lrs"]) > 20
    x, y = dialog.smooth.getData()
    assert len(x) == len(result["lrs"]) and np.allclose(y, result["losses"])
    assert dialog.use_steep.isEnabled() and dialog.steep_line.isVisible()
    # fastai's three readings on the curve, each with its line and its meaning under the plot
    for key, line, button in (("suggested_lr", dialog.steep_line, dialog.use_steep),
                              ("valley_lr", dialog.valley_line, dialog.use_valley),
                              ("minimum_lr", dialog.minimum_line, dialog.use_minimum)):
        assert line.isVisible() and line.value() == pytest.approx(np.log10(result[key]))
        assert f"{result[key]:.2g}" in button.text() and f"{result[key]:.2g}" in dialog.status.text()
    assert "two thirds" in dialog.status.text() and "lowest loss" in dialog.status.text()
    qtbot.mouseClick(dialog.use_steep, Qt.MouseButton.LeftButton)
    assert window.settings.lr.value() == pytest.approx(float(f"{result['suggested_lr']:.2g}"))
    assert not dialog.isVisible()


def test_try_the_suggestions_runs_them_as_an_experiment(qtbot, window):
    small_settings(window, epochs=1, train=640, val=100)
    window.seeds_spin.setValue(2)
    qtbot.mouseClick(window.lr_find_button, Qt.MouseButton.LeftButton)
    dialog = window.lr_find_dialog
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=120_000)
    lrs = dialog.suggested()
    assert lrs and dialog.try_button.isEnabled()
    qtbot.mouseClick(dialog.try_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    panel = window.experiments
    wait_idle(qtbot, window)
    wait_for(qtbot, window, lambda: panel.data is not None and panel.data.doc["completed_trials"] == 2 * len(lrs))
    doc = panel.data.doc
    assert doc["experiment_id"].startswith("lr-try-")
    assert sorted({t["settings"]["lr"] for t in doc["trials"]}) == lrs  # each suggestion, with both seeds
    assert sorted(t["seed"] for t in doc["trials"]) == sorted([0, 1] * len(lrs))
    assert panel.table.model().rowCount() == len(lrs)
