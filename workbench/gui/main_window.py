"""The main window: layout and wiring. Settings and actions on the left; curves, Inside the run, Dynamics and
Experiments tabs with the runs table on the right.

What happens elsewhere: training in the RunController (a QThread per run, talking in signals of plain values);
what a run's signals show in the TrainingPresenter; the runs table's menu in RunActions; the menu bar in Menus;
what is remembered in Preferences; the runs folder in the Workspace. TensorFlow is not imported here: it loads
in a background thread after the window is painted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.core import i18n
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.runs import default_runs_dir
from workbench.gui import about, background, gc_guard, language
from workbench.gui.commands import Commands
from workbench.gui.icon import app_icon
from workbench.gui.language import Retranslating
from workbench.gui.menus import Menus
from workbench.gui.panels.curves_page import CurvesPage
from workbench.gui.panels.diagnosis_panel import DiagnosisPanel
from workbench.gui.panels.dynamics_panel import DynamicsPanel
from workbench.gui.panels.experiments_panel import ExperimentsPanel
from workbench.gui.panels.inside_panel import InsidePanel
from workbench.gui.panels.landscape_panel import LandscapePanel
from workbench.gui.panels.settings_column import SettingsColumn
from workbench.gui.preferences import Preferences
from workbench.gui.presenter import TrainingPresenter
from workbench.gui.run_actions import RunActions
from workbench.gui.run_controller import RunController
from workbench.gui.tensorboard_control import TensorBoardLauncher
from workbench.gui.widgets.error_banner import ErrorBanner
from workbench.gui.widgets.runs_table import RunsTable
from workbench.gui.widgets.tensorflow_label import TensorFlowLabel
from workbench.gui.workspace import Workspace

TABS = ((QT_TRANSLATE_NOOP("MainWindow", "Curves"), ""),
        (QT_TRANSLATE_NOOP("MainWindow", "Inside the run"), QT_TRANSLATE_NOOP("MainWindow", "Confusion matrix, mistakes, per-class accuracy, model "
                                               "summary and a drawing pad for the run selected in the table (two "
                                               "runs: side by side)")),
        (QT_TRANSLATE_NOOP("MainWindow", "Dynamics"), QT_TRANSLATE_NOOP("MainWindow", "What each layer does per step: update/weight ratio, gradient "
                                         "norm, weight norm, dead ReLU units, for the runs selected in the table")),
        (QT_TRANSLATE_NOOP("MainWindow", "Landscape"), QT_TRANSLATE_NOOP("MainWindow", "The ground the optimizer "
                                             "walked: the loss around the selected run's weights (or two runs' from "
                                             "one start), its path on it, and each end's sharpness")),
        (QT_TRANSLATE_NOOP("MainWindow", "Experiments"), QT_TRANSLATE_NOOP("MainWindow", "Settings × seeds: mean and spread per setting, the "
                                            "difference of two settings with its confidence interval, parallel "
                                            "coordinates")))


class MainWindow(Retranslating, QMainWindow):
    """The workbench window. `runs_dir` defaults to the folder chosen last, else $WORKBENCH_RUNS_DIR or the user
    data folder."""

    def __init__(self, runs_dir: Path | None = None, settings: QSettings | None = None,
                 preload_tensorflow: bool = True) -> None:
        super().__init__()
        gc_guard.acquire()  # cycles are collected in this thread only (see gc_guard)
        self._gc_released = False
        self.setWindowIcon(app_icon())
        self.preferences = Preferences(settings)
        # an explicit folder (command line, tests) wins; else the one chosen last time; else the default
        self.workspace = Workspace(Path(runs_dir) if runs_dir else self.preferences.runs_dir() or default_runs_dir(),
                                   self)
        self.controller = RunController(self.runs_dir, self)
        self._font_warned = False
        self._build()
        self._wire()
        self.preferences.restore_layout(self, self.splitter, self.right)
        self.runs_table.select_runs(self.preferences.selected_runs())
        if (saved := self.preferences.config()) is not None:
            self.settings.set_config(saved)
        self._choose_language(self.preferences.language() or language.system_language())
        self._settings_changed()
        if preload_tensorflow:
            QTimer.singleShot(400, self.tf_label.preload)

    @property
    def runs_dir(self) -> Path:
        return self.workspace.runs_dir

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.left = left = SettingsColumn()
        self.settings, self.actions_panel, self.runs_label = left.settings, left.actions, left.runs_label
        self.settings_box, self.settings_scroll = left.settings_box, left.scroll
        actions = self.actions_panel
        self.start_button, self.stop_button = actions.start_button, actions.stop_button
        self.compare_button, self.seeds_spin = actions.compare_button, actions.seeds_spin
        self.tensorboard_button, self.export_button = actions.tensorboard_button, actions.export_button
        self.lr_find_button, self.progress = actions.lr_find_button, actions.progress
        self.curves = CurvesPage()
        self.plots, self.empty_hint, self.smoothing = self.curves.plots, self.curves.empty_hint, self.curves.smoothing
        self.log_scale, self.outliers_check = self.curves.log_scale, self.curves.outliers_check
        self.banner, self.diagnosis = ErrorBanner(), DiagnosisPanel()
        self.inside, self.dynamics, self.landscape = InsidePanel(), DynamicsPanel(), LandscapePanel()
        self.experiments = ExperimentsPanel(self.runs_dir)
        self.view_tabs = QTabWidget(objectName="viewTabs")
        for page in (self.curves, self.inside, self.dynamics, self.landscape, self.experiments):
            self.view_tabs.addTab(page, "")
        plots_box = QWidget()
        plots_layout = QVBoxLayout(plots_box)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.banner, self.diagnosis):
            plots_layout.addWidget(widget)
        plots_layout.addWidget(self.view_tabs, 1)
        self.runs_table = RunsTable(self.runs_dir)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(plots_box)
        self.right.addWidget(self.runs_table)
        self.right.setStretchFactor(0, 5)
        self.right.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status_metrics = QLabel(objectName="statusMetrics")
        self.statusBar().addWidget(self.status_metrics, 1)
        self.tf_label = TensorFlowLabel()
        self.statusBar().addPermanentWidget(self.tf_label)
        self.tensorboard = TensorBoardLauncher(self)

    def _wire(self) -> None:
        self.presenter = TrainingPresenter(self)
        self.run_actions = RunActions(self)
        self.commands = c = Commands(self)
        self.start, self.stop = c.start, c.stop  # what tests and scripts call on the window
        tb = self.tensorboard
        tb.starting.connect(lambda: self._tensorboard_state(False, self.tr("Starting TensorBoard…")))
        tb.ready.connect(lambda url: self._tensorboard_state(True, self.tr("TensorBoard at {url}").format(url=url)))
        tb.failed.connect(lambda message: (self._tensorboard_state(True, ""), self.banner.show_message(message)))
        for button, slot in ((self.start_button, c.start), (self.stop_button, c.stop),
                             (self.compare_button, c.compare_optimizers), (self.lr_find_button, c.find_lr),
                             (self.tensorboard_button, self.open_tensorboard),
                             (self.export_button, self.export_selected)):
            button.clicked.connect(slot)
        self.runs_table.selection_changed.connect(self._show_selected)
        self.inside.follow(self.runs_table)
        self.dynamics.follow(self.runs_table, self._live_dir)
        self.landscape.follow(self.runs_table)
        self.landscape.trusts_model_code = self.run_actions.trusts_model_code
        self.landscape.measured.connect(lambda dirs: [self.runs_table.refresh_run(d) for d in dirs])
        self.experiments.run_requested.connect(c.run_experiment)
        self.experiments.continue_requested.connect(c.continue_experiment)
        self.runs_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.runs_table.customContextMenuRequested.connect(self.run_actions.menu)
        self.settings.changed.connect(self._settings_changed)
        self.settings.preview_requested.connect(c.preview_data)
        self.tf_label.loaded.connect(self._tensorflow_loaded)
        self.tf_label.failed.connect(self.banner.show_message)
        for follower in (lambda path: setattr(self.controller, "runs_dir", path), self.runs_table.set_runs_dir,
                         self.experiments.set_runs_dir, self.presenter.clear_plots, self._update_runs_label,
                         self.preferences.set_runs_dir):
            self.workspace.changed.connect(follower)
        self.menus = Menus(self, lambda name: getattr(c, name, None) or getattr(self, name))
        self.language_actions = self.menus.language_actions
        self.retranslate()

    def retranslate(self) -> None:
        """Sets every fixed text in the current language (at start and on each language change)."""
        self.setWindowTitle(self.tr("TF Training Workbench"))
        self.settings_box.setTitle(self.tr("Settings"))
        self.runs_label.setToolTip(self.tr("Where runs are saved (set WORKBENCH_RUNS_DIR or use --runs-dir to change)"))
        self._update_runs_label()
        self.update_empty_hint()
        for i, (text, tip) in enumerate(TABS):
            self.view_tabs.setTabText(i, self.tr(text))
            self.view_tabs.setTabToolTip(i, self.tr(tip) if tip else "")
        self.menus.retranslate()
        language.retranslate_qt_parts(self)

    # -- language ------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switches every text of the window to `code` (en or zh_CN) now, and remembers it."""
        self.preferences.set_language(i18n.normalise(code))
        self._choose_language(code)

    def _choose_language(self, code: str) -> None:
        code = language.apply(code)
        for lang, act in self.language_actions.items():
            act.setChecked(lang == code)
        if code != i18n.DEFAULT and not language.has_chinese_font() and not self._font_warned:
            self._font_warned = True
            self.banner.show_message(
                "No font with Chinese characters is installed, so Chinese text shows as empty boxes. "
                "Install one (Debian/Ubuntu: fonts-noto-cjk) · 未安装中文字体，请安装 fonts-noto-cjk")

    # -- training (the RunController trains; the presenter shows) ------------------------------
    @property
    def training(self) -> bool:
        return self.controller.training

    @property
    def worker(self):
        return self.controller.worker

    @property
    def live_key(self) -> str | None:
        return self.controller.live_run_id

    @property
    def last_summary(self) -> dict | None:
        return self.controller.last_summary

    def _live_dir(self) -> Path | None:
        live = self.controller.live_info.get("run_dir") if self.training else None
        return Path(live) if live else None

    def _settings_changed(self) -> None:
        self.update_empty_hint()
        try:
            self.diagnosis.request(self.settings.config())
        except ConfigError as exc:
            self.diagnosis.request(exc)

    # -- runs, plots, tools -----------------------------------------------------------
    def _show_selected(self, runs) -> None:
        self.presenter.show_selected(runs)
        self.update_empty_hint()

    def update_empty_hint(self) -> None:
        try:
            article = self.settings.config().to_dict() == TrainConfig().to_dict()
        except ConfigError:
            article = False
        self.curves.update_hint(bool(self.runs_table.runs_model.runs), article)

    def _update_runs_label(self, *_) -> None:
        self.runs_label.setText(self.tr("Runs folder: {path}").format(path=self.runs_dir))

    def reload_runs(self) -> None:
        self.runs_table.reload()

    def open_tensorboard(self) -> None:
        self.tensorboard.open(self.runs_dir, [r.run_id for r in self.runs_table.selected_runs()])

    def _tensorboard_state(self, enabled: bool, status: str) -> None:
        self.tensorboard_button.setEnabled(enabled)
        if status:
            self.status_metrics.setText(status)

    def export_selected(self, out_dir: Path | None = None) -> list[Path]:
        from workbench.gui.panels.export_dialog import export_selected

        return export_selected(self, self.runs_table.selected_runs(), self.plots.smoothing, self.plots.log_y,
                               self.banner.show_message, self.status_metrics.setText, out_dir)

    def show_about(self) -> None:
        about.show_about(self, self.runs_dir, self.tf_label.versions)

    def _tensorflow_loaded(self, loaded: dict) -> None:
        self.settings.set_devices(loaded["devices"])
        self.diagnosis.enable()

    def choose_runs_dir(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        if chosen := QFileDialog.getExistingDirectory(self, self.tr("Runs folder"), str(self.runs_dir)):
            self.set_runs_dir(Path(chosen))

    def set_runs_dir(self, path: Path) -> None:
        """Switches to another runs folder (remembered for next time); not during a run."""
        if self.training:
            self.banner.show_message(self.tr("Stop the run before changing the runs folder."))
            return
        self.workspace.set_runs_dir(path)
        self.update_empty_hint()

    def changeEvent(self, event) -> None:  # noqa: N802
        """Follows the system's light/dark palette while running (and the language, in Retranslating)."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.plots.apply_palette()
            self.dynamics.apply_palette()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802
        """Stops a run at its next batch and waits for every thread: no zombie, no crash."""
        self.preferences.save(self, self.splitter, self.right, [r.run_id for r in self.runs_table.selected_runs()],
                              self.settings)
        if self.training:
            self.status_metrics.setText(self.tr("Stopping the run before closing…"))
        self.controller.shutdown()
        self.tf_label.wait()
        self.diagnosis.wait()
        self.experiments.wait()
        self.inside.shutdown()
        background.wait_all()
        self.plots.timer.stop()
        self.tensorboard.shutdown()
        super().closeEvent(event)
        if not self._gc_released:
            self._gc_released = True
            gc_guard.release()
