"""The Dynamics tab, clicked: per-layer lines of the selected runs, the 1e-3 band, the other instruments."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from workbench.core.config import TrainConfig
from workbench.core.runs import RunFolder
from workbench.training import trainer


def test_the_dynamics_tab_overlays_each_layer_of_the_selected_runs(qtbot, make_window, tmp_path):
    runs = tmp_path / "runs"
    made = [trainer.train(TrainConfig(loss=loss, train_limit=640, val_limit=100, epochs=1, dynamics_every=4,
                                      steps_per_execution=1, name=loss), runs) for loss in ("sum_mse", "keras_mse")]
    plain = trainer.train(TrainConfig(train_limit=320, val_limit=100, epochs=1, dynamics_every=0, name="off"), runs)
    window = make_window(runs_dir=runs)
    tabs = window.view_tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(window.dynamics)).center())
    panel = window.dynamics
    assert "Select runs" in panel.hint.text()
    window.runs_table.select_runs([r.summary.run_id for r in made])
    lines = [i for i in panel.plot.plotItem.items if isinstance(i, pg.PlotDataItem)]
    assert len(lines) == 2 * 3  # two runs × three layers
    assert panel.band in panel.plot.plotItem.items  # the 1e-3 rule of thumb
    names = [label.text for _, label in panel.legend.items]
    assert "sum_mse · dense1" in names and "keras_mse · dense3" in names
    rows = RunFolder(made[0].folder.path).dynamics()
    first = next(i for i in lines if i.name() == "sum_mse · dense1")
    x, y = first.getData()
    expected = [(r["step"], r["update_ratio"]) for r in rows if r["layer"] == "dense1"]
    assert list(x) == [s for s, _ in expected]
    assert np.allclose(y, np.log10([v for _, v in expected]))  # (a log axis holds log10 of the values)
    # keras_mse's lines lie below sum_mse's: the article's 10× smaller steps, drawn
    mean = {i.name(): np.mean(10 ** i.getData()[1]) for i in lines}
    assert mean["keras_mse · dense1"] < 0.5 * mean["sum_mse · dense1"]
    # the diagnosis above the plot: keras_mse's layers move too little, and why; sum_mse's are in the band
    slow = {(label, f.layer) for label, f in panel.findings if f.rule == "slow"}
    assert {("keras_mse", "dense1"), ("keras_mse", "dense2")} <= slow and all(lb == "keras_mse" for lb, _ in slow)
    text = panel.diagnosis.text()
    assert "keras_mse: dense1: updates are" in text and "Keras's \"mse\"" in text
    assert "sum_mse: Every layer's updates are within the usual band" in text
    assert "CS231n" in panel.plot.toolTip()  # the band's source
    panel.quantity.setCurrentIndex(panel.quantity.findData("dead_fraction"))
    assert panel.band not in panel.plot.plotItem.items
    assert not panel.plot.plotItem.ctrl.logYCheck.isChecked()  # a fraction: linear
    # a layer's weights as a distribution over time: one column per sample
    panel.quantity.setCurrentIndex(panel.quantity.findData("weights"))
    assert panel.layer.isVisible() and [panel.layer.itemText(i) for i in range(panel.layer.count())] == [
        "dense1", "dense2", "dense3"]
    assert panel.image in panel.plot.plotItem.items
    samples = len({r["step"] for r in rows})
    assert panel.image.image.shape == panel.image_shares.shape == (24, samples)
    assert np.allclose(panel.image_shares.sum(axis=0), 1.0)
    window.runs_table.select_runs([plain.summary.run_id])
    panel.quantity.setCurrentIndex(panel.quantity.findData("update_ratio"))
    assert "no instruments" in panel.hint.text()
