"""What the window's buttons and menus ask for: start, stop, compare optimizers, reproduce the article, run or
continue an experiment, the LR range test, resume or look inside the selected run.

Each reads the settings panel (a bad setting is named in the window's message line, and nothing starts) and
hands the work to the RunController; the TrainingPresenter shows what follows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from workbench.core.config import ConfigError, TrainConfig


class Commands(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller, self.settings, self.presenter = window.controller, window.settings, window.presenter

    def _message(self, text: str) -> None:
        self.window.banner.show_message(text)

    def settings_or_message(self) -> TrainConfig | None:
        """The panel's settings, or None after showing which setting is wrong (and during a run)."""
        if self.controller.training:
            return None
        try:
            return self.settings.config()
        except ConfigError as exc:
            self._message(self.tr("Setting {problem}").format(problem=exc))
            return None

    def start(self) -> None:
        """Starts a run with the current settings (a message names any bad setting)."""
        if (config := self.settings_or_message()) is not None:
            self.controller.start(config)

    def seeds(self, base: TrainConfig) -> list[int]:
        """The seeds Compare optimizers and Reproduce the article use: the settings' seed and the next ones."""
        return list(range(base.seed, base.seed + self.window.seeds_spin.value()))

    def compare_optimizers(self) -> None:
        """An experiment: the current settings with SGD and with Adam, once per seed; then their difference."""
        if (base := self.settings_or_message()) is not None:
            self.presenter.expect_experiment(self.controller.compare_optimizers(base, self.seeds(base)), True)

    def reproduce_article(self) -> None:
        """The article's rows (with this panel's epochs and sample limits) × seeds, as an experiment; then the
        table of reported vs measured mean ± std."""
        if (base := self.settings_or_message()) is not None:
            self.presenter.expect_experiment(self.controller.reproduce_article(base, self.seeds(base)))

    def run_experiment(self, sets: list, seeds: str, name: str, sampler: str = "grid", trials: int = 0,
                       prune: bool = False) -> None:
        """A grid (or a random or TPE search) of these settings × `sets` × `seeds`; a message names a bad value."""
        from workbench.experiments.grid import GridError, make_grid

        if (base := self.settings_or_message()) is None:
            return
        try:
            grid = make_grid(base, sets, seeds, sampler=sampler, trials=trials, prune=prune)
        except GridError as exc:
            self._message(self.tr("Experiment: {problem}").format(problem=exc))
            return
        storage = self.window.workspace.storage
        self.presenter.expect_experiment(self.controller.run_experiment(grid, storage, name))

    def continue_experiment(self, experiment_id: str) -> None:
        """Runs the trials a stopped experiment has left, with the grid it was made with."""
        from workbench.experiments import study
        from workbench.experiments.grid import GridError

        if self.controller.training:
            return
        storage = self.window.workspace.storage
        try:
            _, grid = study.load(storage, experiment_id)
        except (GridError, KeyError, ValueError) as exc:
            self._message(self.tr("Experiment: {problem}").format(problem=exc))
            return
        self.presenter.expect_experiment(self.controller.run_experiment(grid, storage, experiment_id))

    def find_lr(self) -> None:
        """The LR range test for the current settings, in a dialog; "use" sets the learning rate."""
        from workbench.gui.panels.lr_find_dialog import LrFindDialog

        if (config := self.settings_or_message()) is not None:
            self.window.lr_find_dialog = dialog = LrFindDialog(config, self.window)
            dialog.use_lr.connect(self.settings.lr.setValue)
            dialog.try_lrs.connect(lambda lrs: self.try_lrs(config, lrs))
            dialog.show()

    def preview_data(self) -> None:
        """The chosen dataset's classes, counts and first samples, in a dialog (also during a run)."""
        from workbench.gui.panels.data_preview_dialog import DataPreviewDialog

        try:
            config = self.settings.config()
        except ConfigError as exc:
            self._message(self.tr("Setting {problem}").format(problem=exc))
            return
        self.window.data_preview = dialog = DataPreviewDialog(config, self.window)
        dialog.show()

    def try_lrs(self, base: TrainConfig, lrs: list[float]) -> None:
        """The LR range test's suggestions × the Compare seeds, as an experiment (the Experiments tab shows it)."""
        import time

        from workbench.experiments.grid import GridError, make_grid
        from workbench.experiments.lr_try import grid_set

        if self.controller.training:
            return
        seeds = self.seeds(base)
        try:
            grid = make_grid(base, [grid_set(lrs)], ",".join(str(s) for s in seeds))
        except GridError as exc:
            self._message(self.tr("Experiment: {problem}").format(problem=exc))
            return
        name = time.strftime("lr-try-%Y%m%d-%H%M%S")
        self.presenter.expect_experiment(self.controller.run_experiment(grid, self.window.workspace.storage, name))

    def stop(self) -> None:
        """Asks the run to stop at the next batch boundary; queued runs are dropped."""
        if self.controller.training:
            self.controller.stop()
            self.window.stop_button.setEnabled(False)
            self.window.status_metrics.setText(self.tr("Stopping at the next batch…"))

    def resume_selected(self) -> None:
        runs = self.window.runs_table.selected_runs()
        if len(runs) != 1:
            self._message(self.tr("Select one stopped or interrupted run in the table to resume it."))
            return
        self.window.run_actions.resume(runs[0])

    def inspect_selected(self) -> None:
        runs = self.window.runs_table.selected_runs()
        if not 1 <= len(runs) <= 2:
            self._message(self.tr("Select one run in the table to look inside it, or two to compare them."))
            return
        self.window.run_actions.inspect(*runs)
