"""Turns the RunController's signals into what the window shows: buttons and progress, the status line, the
live run's curves, the runs table, messages and the experiments' results.

The controller trains and knows nothing of widgets; the window lays widgets out and knows nothing of training;
this is the one place that joins them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject

from workbench.core.run_names import display_name
from workbench.core.run_summary import RunSummary
from workbench.core.runs import RunFolder, percent, status_word


def legend_name(label: str, wrong: dict) -> str:
    """A run's name in the legends, marked when its logged values are known to be wrong."""
    return f"⚠ {label}" if wrong else label


class TrainingPresenter(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = w = window
        self.controller = c = window.controller
        self.plots, self.table, self.status = w.plots, w.runs_table, w.status_metrics
        self.experiment_batch = False  # the batch under way is an experiment's trials
        self.select_groups = False  # when it ends, show its settings selected (Compare: their difference)
        for signal, slot in ((c.busy_changed, self.set_running), (c.loading, self.loading),
                             (c.run_started, self.run_started), (c.batches, self.batches),
                             (c.epoch_done, self.epoch_done), (c.run_finished, self.finished), (c.failed, self.failed),
                             (c.run_ended, self.run_ended), (c.batch_finished, self.batch_finished),
                             (c.article_reproduced, self.reproduced), (c.experiment_started, self.experiment_started)):
            signal.connect(slot)

    def show_selected(self, runs: list[RunSummary]) -> None:
        """Overlays the runs selected in the table; the live run always stays drawn."""
        wanted = {r.run_id: r for r in runs}
        for key in list(self.plots.runs):
            if key not in wanted and key != self.controller.live_run_id:
                self.plots.remove_run(key)
        for run_id, run in wanted.items():
            if run_id not in self.plots.runs:
                folder = RunFolder(Path(run.run_dir))
                self.plots.load_run(run_id, legend_name(run.label, run.wrong), folder.history_with_truth(),
                                    folder.batches(), folder.steps_per_epoch())

    def clear_plots(self, *_) -> None:
        for key in list(self.plots.runs):
            self.plots.remove_run(key)

    def expect_experiment(self, started: bool, select_groups: bool = False) -> None:
        """The batch just started is an experiment's: its runs are read in the Experiments tab."""
        self.experiment_batch = started
        self.select_groups = started and select_groups

    def set_running(self, running: bool) -> None:
        w = self.window
        w.actions_panel.set_running(running)
        w.settings.setEnabled(not running)
        w.experiments.set_running(running)
        if running:
            w.banner.hide()
            self.status.setText(self.tr("Preparing the run…"))

    def loading(self, text: str) -> None:
        if "tensorflow" not in sys.modules:
            self.window.tf_label.setText(self.tr("Loading TensorFlow… (a few seconds, once)"))
        self.status.setText(text)

    def run_started(self, info: dict) -> None:
        key, name = info["run_id"], display_name(info["name"], info.get("experiment_id"))
        if info.get("resumed"):  # what the run recorded before (trimmed to its checkpoint), then live
            folder = RunFolder(Path(info["run_dir"]))
            self.plots.load_run(key, legend_name(name, info["wrong"]), folder.history_with_truth(),
                                folder.batches(), info["steps_per_epoch"], live=True, epochs=info["epochs"])
        else:
            self.plots.add_run(key, legend_name(name, info["wrong"]), info["steps_per_epoch"], live=True,
                               epochs=info["epochs"])
        self.table.reload()
        self.window.update_empty_hint()
        self.status.setText(self.tr("Compiling the training step…"))

    def batches(self, points: dict) -> None:
        key, info = self.controller.live_run_id, self.controller.live_info
        if key not in self.plots.runs:
            return
        self.plots.runs[key].add_batches(points["steps"], points["loss"], points["accuracy"])
        epochs, steps = info["epochs"], info["steps_per_epoch"]
        self.window.actions_panel.show_progress(points, epochs, steps, info.get("trial"))
        self.status.setText(
            self.tr("epoch {epoch}/{epochs}   loss {loss}   accuracy {accuracy}   {rate} samples/s").format(
                epoch=points["epoch"], epochs=epochs, loss=f"{points['loss'][-1]:.4f}",
                accuracy=percent(points["accuracy"][-1]), rate=f"{points['samples_per_second']:,.0f}"))

    def epoch_done(self, logs: dict) -> None:
        key = self.controller.live_run_id
        if key in self.plots.runs:
            self.plots.runs[key].add_epoch(logs["epoch"], logs)
        self.table.refresh_run(self.controller.live_info["run_dir"])
        self.window.dynamics.follow_selection()  # the epoch's instruments are in dynamics.csv now

    def finished(self, summary: dict) -> None:
        status = summary["status"]
        val = (summary.get("final") or {}).get("val_accuracy")
        word = status_word(status)
        if val is None:
            text = self.tr("Run {status}").format(status=word)
        else:
            text = self.tr("Run {status}: validation accuracy {accuracy}").format(status=word, accuracy=percent(val))
        if status == "stopped" and summary.get("epochs_completed"):
            text += self.tr(" · right-click it in the table to resume")
        self.status.setText(text)
        if status in ("diverged", "failed"):
            self.window.banner.show_message(self.tr("The run {status}: {error}").format(
                status=word, error=summary.get("error") or "").strip())
        if self.experiment_batch:
            self.window.experiments.refresh()  # its table and bands grow trial by trial

    def failed(self, message: str) -> None:
        self.window.banner.show_message(message)
        self.status.setText(self.tr("Training did not run: {reason}").format(reason=message.split("\n")[0]))

    def run_ended(self, run_id: str) -> None:
        if run_id:
            self.plots.end_live(run_id)
        self.table.reload()

    def batch_finished(self, made: list) -> None:
        w = self.window
        w.actions_panel.finish((self.controller.last_summary or {}).get("status"))
        if self.experiment_batch:  # its runs are read in the Experiments tab, not overlaid by the dozen
            select = self.select_groups
            self.experiment_batch = self.select_groups = False
            if self.controller.last_experiment:
                w.experiments.show_experiment(self.controller.last_experiment, select_all=select)
            if select:  # Compare optimizers: the difference is the answer
                w.view_tabs.setCurrentWidget(w.experiments)
        elif made:
            self.table.select_runs(made)

    def reproduced(self, results: list) -> None:
        from workbench.gui.panels.reproduce_dialog import ReproduceDialog

        self.window.reproduce_dialog = ReproduceDialog(results, self.window)
        self.window.reproduce_dialog.show()

    def experiment_started(self, experiment_id: str) -> None:
        self.window.experiments.show_experiment(experiment_id)
