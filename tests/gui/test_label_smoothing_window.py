"""Label smoothing in the window: greyed out unless the loss is the cross-entropy, in the settings and in the
What if… dialog (a fork may change it)."""

from __future__ import annotations

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.training import trainer


def test_the_label_smoothing_spin_follows_the_loss(window):
    s = window.settings
    spin = window.findChild(type(s.label_smoothing), "labelSmoothingSpin")
    assert spin is s.label_smoothing
    s.loss.setCurrentIndex(s.loss.findData("sum_mse"))
    assert not spin.isEnabled()
    s.loss.setCurrentIndex(s.loss.findData("crossentropy"))
    assert spin.isEnabled()
    spin.setValue(0.1)
    assert s.config().label_smoothing == 0.1 and s.config().loss == "crossentropy"


def test_what_if_offers_label_smoothing_with_the_cross_entropy(window, tmp_path):
    from workbench.gui.panels.fork_dialog import ForkDialog

    config = TrainConfig(train_limit=320, val_limit=64, epochs=2)
    run = trainer.train(config, tmp_path / "runs")
    dialog = ForkDialog(read_run(run.folder.path), config, window)
    spin = dialog.findChild(type(dialog.label_smoothing), "forkLabelSmoothingSpin")
    assert spin is not None and not spin.isEnabled()  # the run's loss is sum_mse
    dialog.loss.setCurrentIndex(dialog.loss.findData("crossentropy"))
    assert spin.isEnabled()
    spin.setValue(0.2)
    assert dialog.changes() == {"loss": "crossentropy", "label_smoothing": 0.2}
