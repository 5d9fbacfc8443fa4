"""What if… from the window: the dialog's answer, the fork trained as a new run whose curves start with its
parent's."""

from __future__ import annotations

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.training import trainer

from gui_helpers import wait_idle


def test_what_if_forks_a_run_and_draws_the_parents_epochs_first(qtbot, make_window, tmp_path):
    runs = tmp_path / "runs"
    parent = trainer.train(TrainConfig(train_limit=640, val_limit=100, epochs=3, name="parent"), runs)
    window = make_window(runs_dir=runs)
    summary = read_run(parent.folder.path)

    from workbench.gui.panels.fork_dialog import ForkDialog

    dialog = ForkDialog(summary, TrainConfig.from_dict(RunFolder(parent.folder.path).config()), window)
    assert dialog.epoch.maximum() == 3 and dialog.epoch.value() == 2  # the last epoch that leaves one to train
    dialog.epoch.setValue(1)
    dialog.loss.setCurrentIndex(dialog.loss.findData("keras_mse"))
    assert dialog.changes() == {"loss": "keras_mse"} and dialog.epochs.minimum() == 2

    window.run_actions.fork(summary, answer=(dialog.epoch.value(), dialog.changes()))
    wait_idle(qtbot, window)
    forks = [r for r in window.runs_table.runs_model.runs if r.run_id != parent.summary.run_id]
    assert len(forks) == 1 and forks[0].status == "completed" and forks[0].epochs_completed == 3
    curves = window.plots.runs[forks[0].run_id]
    x, y = curves.series["epoch", "loss"].data()
    assert list(x) == [1, 2, 3]  # the parent's first epoch, then the fork's two
    assert y[0] == RunFolder(parent.folder.path).history()[0]["loss"]
    assert RunFolder(forks[0].run_dir).status()["parent"] == {"run_id": parent.summary.run_id, "epoch": 1}
