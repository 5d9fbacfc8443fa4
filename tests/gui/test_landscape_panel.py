"""The Landscape tab, clicked: a run's plane fills in from the background, its path and end drawn, sharpness in
the runs table; two runs from one start on one plane; the line; cached answers at once; cancel; grid export."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from workbench.core.config import TrainConfig
from workbench.training import trainer

SMALL = dict(train_limit=640, val_limit=300, epochs=3, dynamics_every=0, seed=3)


def click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def computed(qtbot, panel, timeout=120_000):
    """Presses Compute and waits for the answer; returns the rows that arrived while it ran."""
    click(qtbot, panel.compute_button)
    rows = []
    panel.relay.row.connect(lambda j, *_: rows.append(j))
    qtbot.waitUntil(lambda: panel.task is None, timeout=timeout)
    assert panel.doc is not None, panel.status.text()
    return rows


def test_the_landscape_tab_draws_a_run_and_two_runs_from_one_start(qtbot, make_window, tmp_path):
    runs = tmp_path / "runs"
    sgd = trainer.train(TrainConfig(optimizer="sgd", lr=0.05, name="sgd", **SMALL), runs).summary.run_id
    adam = trainer.train(TrainConfig(optimizer="adam", lr=0.001, name="adam", **SMALL), runs).summary.run_id
    window = make_window(runs_dir=runs)
    tabs, panel = window.view_tabs, window.landscape
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(panel)).center())
    assert "Select one run" in panel.hint.text() and not panel.compute_button.isEnabled()

    # one run: the plane on the PCA of its path fills in row by row; the path ends at the centre
    window.runs_table.select_runs([sgd])
    assert panel.view.currentData() == "pca" and panel.compute_button.isEnabled()
    panel.grid.setValue(5)
    panel.samples.setValue(300)
    assert computed(qtbot, panel) == [0, 1, 2, 3, 4]
    plot = panel.plot
    assert plot.image in plot.plotItem.items and plot.image.image.shape == (5, 5) and plot.bar.isVisible()
    assert np.isfinite(plot.values).all() and plot.contours  # contour lines over the colours
    paths = [i for i in plot.plotItem.items if isinstance(i, pg.PlotDataItem)]
    assert [p.name() for p in paths] == ["sgd"]
    x, y = paths[0].getData()
    assert len(x) == 4 and abs(x[-1]) < 1e-6 and abs(y[-1]) < 1e-6  # start + 3 epochs, ending at (0, 0)
    assert "Sharpness of sgd (top Hessian eigenvalue)" in panel.status.text()
    sharp = panel.doc["sharpness"][sgd]
    model = window.runs_table.model()  # what the user sees: the sorting proxy
    source = window.runs_table.runs_model
    row = next(r for r in range(model.rowCount()) if source.run_at(model.mapToSource(model.index(r, 0)).row()).run_id
               == sgd)
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) ==
                  "Sharpness")
    assert model.data(model.index(row, column)) == f"{sharp:.4g}"  # in the runs table at once
    for suffix in ("png", "svg", "pdf"):  # the plot's right-click menu saves the view
        saved = plot.menu.save_picture(tmp_path / f"plane.{suffix}")
        assert saved is not None and saved.stat().st_size > 1000

    # selecting another run and coming back: the cached plane at once, no button pressed
    window.runs_table.select_runs([adam])
    assert panel.doc is None
    window.runs_table.select_runs([sgd])
    assert panel.doc is not None and panel.task is None and plot.image.image.shape == (5, 5)

    # the line: loss along α, the kept epochs on it; accuracy on demand; exported as CSV
    panel.view.setCurrentIndex(panel.view.findData("line"))
    computed(qtbot, panel)
    assert panel.doc["kind"] == "line" and len(panel.doc["xs"]) == 5
    assert not plot.bar.isVisible()
    dots = [i for i in plot.plotItem.items if isinstance(i, pg.ScatterPlotItem)]
    assert dots and len(dots[0].data) == 4
    panel.quantity.setCurrentIndex(panel.quantity.findData("accuracy"))
    line = next(i for i in plot.plotItem.items if isinstance(i, pg.PlotDataItem))
    assert np.allclose(line.getData()[1], panel.doc["accuracy"])
    out = panel.export_grid(tmp_path / "line.csv")
    assert out.read_text().splitlines()[0] == "x,y,loss,accuracy" and len(out.read_text().splitlines()) == 6

    # two runs from the same seed: one plane through the common start, both paths and both ends
    panel.quantity.setCurrentIndex(panel.quantity.findData("loss"))
    window.runs_table.select_runs([sgd, adam])
    assert [panel.view.itemData(i) for i in range(panel.view.count())] == ["two"]
    assert "(0, 0) is the common start" in panel.hint.text()
    computed(qtbot, panel)
    names = sorted(p.name() for p in plot.plotItem.items if isinstance(p, pg.PlotDataItem))
    assert names == ["adam", "sgd"]
    for item in (p for p in plot.plotItem.items if isinstance(p, pg.PlotDataItem)):
        x, y = item.getData()
        assert abs(x[0]) < 1e-6 and abs(y[0]) < 1e-6  # both begin at the common start
    stars = [i for i in plot.plotItem.items if isinstance(i, pg.ScatterPlotItem) and len(i.data) == 1]
    assert len(stars) == 2
    assert "adam" in plot.getAxis("left").labelText and "sgd" in plot.getAxis("bottom").labelText


def test_a_landscape_can_be_cancelled_and_a_bad_run_gets_a_message(qtbot, make_window, tmp_path):
    runs = tmp_path / "runs"
    kept = trainer.train(TrainConfig(name="kept", **SMALL), runs).summary.run_id
    bare = trainer.train(TrainConfig(name="bare", path_mb=0, **SMALL), runs).summary.run_id
    window = make_window(runs_dir=runs)
    panel = window.landscape
    window.view_tabs.setCurrentWidget(panel)
    window.runs_table.select_runs([kept])
    panel.grid.setValue(101)
    click(qtbot, panel.compute_button)
    assert panel.cancel_button.isEnabled() and not panel.compute_button.isEnabled()
    qtbot.waitUntil(lambda: panel.plot.values.size > 0, timeout=60_000)  # rows are coming
    click(qtbot, panel.cancel_button)
    assert panel.status.text() == "Cancelled." and panel.compute_button.isEnabled()
    assert panel.doc is None and not panel.export_button.isEnabled()
    # a run that kept no path: one message, the tab still usable
    window.runs_table.select_runs([bare])
    panel.view.setCurrentIndex(panel.view.findData("line"))
    panel.grid.setValue(5)
    click(qtbot, panel.compute_button)
    qtbot.waitUntil(lambda: panel.task is None, timeout=60_000)
    assert "kept no weights path" in panel.status.text() and panel.compute_button.isEnabled()
