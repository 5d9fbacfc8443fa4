"""The Qt binding must not leak references to None (PySide6 6.12.0 did: fatal on Python 3.11)."""

import sys

import numpy as np


def test_redraws_do_not_drop_references_to_none(qtbot):
    from workbench.gui.widgets.plots import PlotPanel

    panel = PlotPanel()
    qtbot.addWidget(panel)
    panel.show()
    curves = panel.add_run("r", "run", steps_per_epoch=100, live=True)
    curves.add_batches(np.arange(1, 101), np.full(100, 0.3), np.full(100, 0.9))
    curves.add_epoch(1, {"loss": 0.3, "accuracy": 0.9, "val_loss": 0.3, "val_accuracy": 0.9})
    panel.redraw()
    qtbot.wait(10)
    before = sys.getrefcount(None)
    for i in range(20):
        curves.add_batches([101 + i], [0.3], [0.9])
        panel.redraw()
        qtbot.wait(1)
    # a healthy binding keeps None's count about level; 6.12.0 lost ~100 per redraw
    assert sys.getrefcount(None) - before > -50
