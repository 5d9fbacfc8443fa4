"""The runs table's right-click menu and what it does to a run: resume, run again, what if (fork), look inside,
export the model, rename, open the folder, delete.

Reading a run's settings and deleting a run folder are `core.runs`'s; training is the controller's; this module
asks the user and shows the outcome.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu, QMessageBox

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.run_summary import RunSummary
from workbench.core.runs import RunFolder, delete_run, read_config
from workbench.gui import background

MODEL_FILTERS = {QT_TRANSLATE_NOOP("RunActions", "Keras model (*.keras)"): "keras",
                 QT_TRANSLATE_NOOP("RunActions", "TensorFlow SavedModel for serving (folder)"): "savedmodel",
                 QT_TRANSLATE_NOOP("RunActions", "TensorFlow Lite (*.tflite)"): "tflite"}


class RunActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.table, self.controller, self.plots = window.runs_table, window.controller, window.plots
        self.answers: list[bool] = []  # a test's answers to the next questions (`ask`), in order

    def _message(self, text: str) -> None:
        self.window.banner.show_message(text)

    def menu(self, pos) -> None:
        """The context menu for the selected runs; actions that do not apply are greyed out."""
        runs = self.table.selected_runs()
        if not runs:
            return
        menu = QMenu(self.window)
        single = runs[0] if len(runs) == 1 else None
        idle = not self.controller.training

        def add(text: str, slot, enabled: bool = True) -> None:
            menu.addAction(text, slot).setEnabled(bool(enabled))

        add(self.tr("Resume"), lambda: self.resume(single),
            single and single.status in ("stopped", "interrupted", "failed") and idle)
        add(self.tr("Run again with these settings"), lambda: self.again(single), single and idle)
        add(self.tr("What if… (continue from an epoch with other settings)"), lambda: self.fork(single),
            single and single.epochs_completed >= 1 and idle and Path(single.run_dir, "epochs").is_dir())
        with_models = [r for r in runs if Path(r.run_dir, "model.keras").is_file()]
        add(self.tr("Compare inside (matrices, images one gets right)") if len(runs) == 2 else
            self.tr("Look inside (confusion matrix, mistakes, draw a digit)"), lambda: self.inspect(*runs),
            len(runs) <= 2 and len(with_models) == len(runs))
        add(self.tr("Export model…"), lambda: self.export_model(single),
            single and Path(single.run_dir, "model.keras").is_file())
        add(self.tr("Rename…"), lambda: self.rename(single), single)
        add(self.tr("Open folder"), lambda: self.open_folder(runs[0]))
        menu.addSeparator()
        add(self.tr("Delete 1 run…") if len(runs) == 1 else self.tr("Delete {n} runs…").format(n=len(runs)),
            lambda: self.delete(runs))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _config(self, run: RunSummary) -> TrainConfig | None:
        try:
            return read_config(Path(run.run_dir))
        except (ConfigError, TypeError) as exc:
            self._message(self.tr("The settings of {run} cannot be used: {problem}").format(run=run.run_id,
                                                                                             problem=exc))
            return None

    def trusts_model_code(self, run: RunSummary) -> bool | None:
        """False: nothing to ask (no model code, or this machine wrote it); True: the user agreed to run a run
        folder's model code from elsewhere; None: the user said no."""
        from workbench.core.model_source import COPY_PY, trusted

        copy = Path(run.run_dir) / COPY_PY
        if not copy.is_file() or trusted(copy):
            return False
        answer = self.ask(self.tr("Run this model's code?"), self.tr(
            "The model of {run} is Python code that this computer did not write:\n{path}\n\nIt runs with your "
            "rights. Run it only if you trust where the run came from (open the file to read it first).").format(
            run=run.name or run.run_id, path=copy))
        return True if answer else None

    def ask(self, title: str, text: str) -> bool:
        """A yes/no question (tests answer it through `answers`)."""
        if self.answers:
            return self.answers.pop(0)
        reply = QMessageBox.question(self.window, title, text, QMessageBox.StandardButton.Yes
                                     | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return reply == QMessageBox.StandardButton.Yes

    def fork(self, run: RunSummary, answer: tuple[int, dict] | None = None) -> None:
        """What if: asks from which epoch and with which settings, then trains the fork (`answer` = (epoch,
        changes) skips the dialog)."""
        from workbench.gui.panels.fork_dialog import ForkDialog

        if self.controller.training or (config := self._config(run)) is None:
            return
        if (trust := self.trusts_model_code(run)) is None:
            return
        if answer is None:
            dialog = ForkDialog(run, config, self.window)
            if dialog.exec() != dialog.DialogCode.Accepted:
                return
            answer = (dialog.epoch.value(), dialog.changes())
        try:
            self.controller.fork(Path(run.run_dir), *answer, trust_code=trust)
        except ConfigError as exc:
            self._message(self.tr("The settings of {run} cannot be used: {problem}").format(run=run.run_id,
                                                                                             problem=exc))

    def resume(self, run: RunSummary) -> None:
        """Continues a stopped or interrupted run from its last finished epoch."""
        if self.controller.training or (trust := self.trusts_model_code(run)) is None:
            return
        self.plots.remove_run(run.run_id)
        try:
            self.controller.resume(Path(run.run_dir), trust_code=trust)
        except (ConfigError, TypeError) as exc:
            self._message(self.tr("Cannot resume {run}: {problem}").format(run=run.run_id, problem=exc))

    def again(self, run: RunSummary) -> None:
        """Fills the settings with the run's and starts: the same run again."""
        if (config := self._config(run)) is not None:
            self.window.settings.set_config(config)
            self.window.start()

    def inspect(self, *runs: RunSummary):
        """Shows "Inside the run" for one run, or two side by side; returns the panel."""
        if {r.run_id for r in runs} != {r.run_id for r in self.table.selected_runs()}:
            self.table.select_runs([r.run_id for r in runs])
        inside = self.window.inside
        self.window.view_tabs.setCurrentWidget(inside)
        inside.show_runs(list(runs))
        return inside

    def export_model(self, run: RunSummary, fmt: str | None = None, path: Path | None = None):
        """Writes the run's model for use elsewhere (Keras, SavedModel, TFLite) in the background.

        Without `fmt`/`path` a file dialog asks. Returns the background worker (None if cancelled).
        """
        from workbench.training.model_export import export_model

        if fmt is None or path is None:
            fmt, path = self._ask_model_file(run)
            if path is None:
                return None
        status = self.window.status_metrics
        status.setText(self.tr("Exporting the model of {run}…").format(run=run.label))
        return background.run(
            export_model, Path(run.run_dir), fmt, Path(path),
            returned=lambda written: status.setText(self.tr("Model exported to {path}").format(path=written)),
            errored=lambda exc: self._message(self.tr("Export model: {problem}").format(problem=exc)))

    def _ask_model_file(self, run: RunSummary) -> tuple[str, Path | None]:
        from PySide6.QtWidgets import QFileDialog

        from workbench.training.model_export import default_name

        start = str(Path.home() / default_name(run.run_id, "keras"))
        filters = {self.tr(text): fmt for text, fmt in MODEL_FILTERS.items()}
        chosen, selected = QFileDialog.getSaveFileName(self.window, self.tr("Export model"), start,
                                                       ";;".join(filters))
        if not chosen:
            return "keras", None
        fmt, path = filters.get(selected, "keras"), Path(chosen)
        suffix = {"keras": ".keras", "tflite": ".tflite"}.get(fmt)
        return fmt, path.with_suffix(suffix) if suffix and path.suffix != suffix else path

    def rename(self, run: RunSummary, name: str | None = None) -> None:
        if name is None:
            from PySide6.QtWidgets import QInputDialog

            name, ok = QInputDialog.getText(self.window, self.tr("Rename run"), self.tr("Name:"), text=run.name)
            if not ok:
                return
        RunFolder(Path(run.run_dir)).rename(name.strip())
        self.plots.rename_run(run.run_id, name.strip() or run.run_id)
        self.table.reload()

    def delete(self, runs: list[RunSummary], confirm: bool = True) -> None:
        """Deletes run folders after asking; a running run is never deleted."""
        runs = [r for r in runs if r.run_id != self.controller.live_run_id]
        if not runs:
            return
        if confirm:
            answer = QMessageBox.question(
                self.window, self.tr("Delete runs"),
                self.tr("Delete {n} run folder(s) with their models and logs?").format(n=len(runs)) + "\n"
                + "\n".join(r.name or r.run_id for r in runs[:10]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        for run in runs:
            self.plots.remove_run(run.run_id)
            delete_run(Path(run.run_dir))
        self.table.reload()
        self.window.update_empty_hint()

    def open_folder(self, run: RunSummary) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(run.run_dir))
