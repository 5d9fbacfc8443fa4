"""The main window: settings on the left, live plots and the runs table on the right.

It starts training in a TrainWorker thread and only ever hears from it through
Qt signals carrying plain values. TensorFlow is not imported here: it loads in
a background thread after the window is painted.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench import __version__
from workbench.core import i18n
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.run_names import display_name
from workbench.core.run_summary import RunSummary
from workbench.core.runs import RunFolder, default_runs_dir, percent, status_word
from workbench.gui import background, gc_guard, language
from workbench.gui.icon import app_icon
from workbench.gui.language import Retranslating
from workbench.gui.panels.action_panel import ActionPanel
from workbench.gui.panels.diagnosis_panel import DiagnosisPanel
from workbench.gui.panels.dynamics_panel import DynamicsPanel
from workbench.gui.panels.experiments_panel import ExperimentsPanel
from workbench.gui.panels.inside_panel import InsidePanel
from workbench.gui.panels.settings_panel import SettingsPanel
from workbench.gui.run_controller import RunController
from workbench.gui.tensorboard_control import TensorBoardLauncher
from workbench.gui.widgets.plots import PlotPanel, line_styles
from workbench.gui.widgets.runs_table import RunsTable
from workbench.gui.worker import load_tensorflow


def first_size(available: QSize) -> QSize:
    """The window's size at its first start: 1280x760, or the screen's available size if smaller."""
    return QSize(min(1280, available.width()), min(760, available.height()))


def legend_name(label: str, wrong: dict) -> str:
    """A run's name in the legends, marked when its logged values are known to be wrong."""
    return f"⚠ {label}" if wrong else label


class ErrorBanner(Retranslating, QWidget):
    """An inline message with a close button: readable, not modal, the window stays usable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel(objectName="errorText", wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = close = QToolButton(text="✕", objectName="errorClose")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("#errorBanner { background: #f8d7da; border: 1px solid #c0392b; border-radius: 4px; }"
                           "#errorText { color: #58151c; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss this message"))
        self.close_button.setAccessibleName(self.tr("Dismiss message"))

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""


class MainWindow(Retranslating, QMainWindow):
    """The workbench window. `runs_dir` defaults to $WORKBENCH_RUNS_DIR or the user data folder."""

    def __init__(self, runs_dir: Path | None = None, settings: QSettings | None = None,
                 preload_tensorflow: bool = True) -> None:
        super().__init__()
        gc_guard.acquire()  # cycles are collected in this thread only (see gc_guard)
        self._gc_released = False
        self.setWindowIcon(app_icon())
        self.settings_store = settings or QSettings("tf-training-workbench", "workbench")
        chosen = self.settings_store.value("runsDir")
        # an explicit folder (command line, tests) wins; else the one chosen last time; else the default
        self.runs_dir = Path(runs_dir) if runs_dir else Path(chosen) if chosen else default_runs_dir()
        self.controller = RunController(self.runs_dir, self)
        self.tf_status = ""  # TensorFlow's and Keras's versions once loaded
        self._loader: background.Task | None = None
        self._font_warned = False
        self._build()
        self._restore()
        self._choose_language(self.settings_store.value("language") or language.system_language())
        self._settings_changed()
        if preload_tensorflow:
            QTimer.singleShot(400, self._preload_tensorflow)

    # -- layout ------------------------------------------------------------------
    def _build(self) -> None:
        self.settings = SettingsPanel()
        self.actions_panel = actions = ActionPanel()  # outside the scroll area: always in sight
        self.start_button, self.stop_button = actions.start_button, actions.stop_button
        self.compare_button, self.seeds_spin = actions.compare_button, actions.seeds_spin
        self.tensorboard_button, self.export_button = actions.tensorboard_button, actions.export_button
        self.lr_find_button, self.progress = actions.lr_find_button, actions.progress

        self.settings_box = settings_box = QGroupBox()
        box_layout = QVBoxLayout(settings_box)
        box_layout.addWidget(self.settings)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(settings_box)
        left_layout.addStretch(1)
        self.runs_label = QLabel(objectName="runsDirLabel", wordWrap=True)
        left_layout.addWidget(self.runs_label)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(left.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.settings_scroll = scroll
        left_column = QWidget(objectName="leftColumn")
        column_layout = QVBoxLayout(left_column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(scroll, 1)
        column_layout.addWidget(actions)
        # as narrow as the settings allow: the buttons share that width (a small window may cut their texts)
        actions.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        left_column.setMinimumWidth(scroll.minimumWidth())

        self.plots = PlotPanel()
        self.smoothing = QSlider(Qt.Orientation.Horizontal, objectName="smoothingSlider")
        self.smoothing.setRange(0, 99)
        self.smoothing_label = QLabel("0.00")
        self.log_scale = QCheckBox(objectName="logScaleCheck")
        self.outliers_check = QCheckBox(objectName="ignoreOutliersCheck", checked=True)
        self.x_axis = QComboBox(objectName="xAxisCombo")
        self.x_axis.addItem("", True)
        self.x_axis.addItem("", False)
        self.smoothing_title = QLabel()
        view_bar = QHBoxLayout()
        view_bar.addWidget(self.smoothing_title)
        view_bar.addWidget(self.smoothing, 1)
        view_bar.addWidget(self.smoothing_label)
        view_bar.addWidget(self.outliers_check)
        view_bar.addWidget(self.log_scale)
        view_bar.addWidget(self.x_axis)
        self.line_styles = styles = QLabel(objectName="lineStylesLabel", wordWrap=True,
                                           alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(objectName="emptyHint", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.banner = ErrorBanner()
        self.diagnosis = DiagnosisPanel()
        curves = QWidget(objectName="curvesPage")
        curves_layout = QVBoxLayout(curves)
        curves_layout.setContentsMargins(0, 4, 0, 0)
        curves_layout.addLayout(view_bar)
        curves_layout.addWidget(styles)  # full width: it wraps (centred) rather than widening the window
        curves_layout.addWidget(self.empty_hint)
        curves_layout.addWidget(self.plots, 1)
        self.inside = InsidePanel()
        self.experiments = ExperimentsPanel(self.runs_dir)
        self._experiments_listed = False  # the list is read when the tab is first shown
        self._experiment_batch = False  # the batch under way is an experiment's trials
        self._select_groups = False  # when it ends, show its settings selected (Compare: their difference)
        self.view_tabs = QTabWidget(objectName="viewTabs")
        self.view_tabs.addTab(curves, "")
        self.view_tabs.addTab(self.inside, "")
        self.dynamics = DynamicsPanel()
        self.view_tabs.addTab(self.dynamics, "")
        self.view_tabs.addTab(self.experiments, "")
        plots_box = QWidget()
        plots_layout = QVBoxLayout(plots_box)
        plots_layout.setContentsMargins(0, 0, 0, 0)
        plots_layout.addWidget(self.banner)
        plots_layout.addWidget(self.diagnosis)
        plots_layout.addWidget(self.view_tabs, 1)

        self.runs_table = RunsTable(self.runs_dir)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.addWidget(plots_box)
        self.right.addWidget(self.runs_table)
        self.right.setStretchFactor(0, 5)
        self.right.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left_column)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self.status_metrics = QLabel(objectName="statusMetrics")
        self.statusBar().addWidget(self.status_metrics, 1)
        self.tf_label = QLabel(objectName="tensorflowStatus")
        self.statusBar().addPermanentWidget(self.tf_label)

        self.tensorboard = TensorBoardLauncher(self)
        self.tensorboard.starting.connect(self._on_tensorboard_starting)
        self.tensorboard.ready.connect(self._on_tensorboard_ready)
        self.tensorboard.failed.connect(self._on_tensorboard_failed)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.compare_button.clicked.connect(self.compare_optimizers)
        self.tensorboard_button.clicked.connect(self.open_tensorboard)
        self.export_button.clicked.connect(self.export_selected)
        self.lr_find_button.clicked.connect(self.find_lr)
        self.smoothing.valueChanged.connect(self._smoothing_changed)
        self.log_scale.toggled.connect(self.plots.set_log_y)
        self.outliers_check.toggled.connect(self.plots.set_ignore_outliers)
        self.plots.outliers_changed.connect(self.outliers_check.setChecked)
        self.x_axis.currentIndexChanged.connect(lambda: self.plots.set_x_in_epochs(self.x_axis.currentData()))
        self.runs_table.selection_changed.connect(self._show_selected)
        self.runs_table.selection_changed.connect(self._update_inside)
        self.runs_table.selection_changed.connect(self._update_dynamics)
        self.view_tabs.currentChanged.connect(self._update_dynamics)
        self.view_tabs.currentChanged.connect(self._update_inside)
        self.view_tabs.currentChanged.connect(self._experiments_shown)
        self.experiments.run_requested.connect(self.run_experiment)
        self.experiments.continue_requested.connect(self.continue_experiment)
        self.runs_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.runs_table.customContextMenuRequested.connect(self._runs_menu)
        self.settings.changed.connect(self._settings_changed)
        self._connect_runs()
        self._build_menus()
        self.retranslate()
        self._update_empty_hint()

    def retranslate(self) -> None:
        """Sets every fixed text in the current language (at start and on each language change)."""
        self.setWindowTitle(self.tr("TF Training Workbench"))
        self.settings_box.setTitle(self.tr("Settings"))
        self.runs_label.setToolTip(self.tr("Where runs are saved (set WORKBENCH_RUNS_DIR or use --runs-dir to change)"))
        self._update_runs_label()
        self.smoothing.setToolTip(self.tr("Smoothing of the per-batch curves (TensorBoard's debiased moving average); "
                                     "the raw curve stays as a faint shadow"))
        self.smoothing.setAccessibleName(self.tr("Smoothing"))
        self.smoothing_title.setText(self.tr("Smoothing"))
        self.log_scale.setText(self.tr("log loss"))
        self.outliers_check.setText(self.tr("ignore outliers"))
        self.outliers_check.setToolTip(self.tr(
            "Fit the y axes to the data without the most extreme 5% of the per-batch points at each end, so the "
            "converged part fills the plot (TensorBoard's \"ignore outliers in chart scaling\"); off: every point"))
        self.outliers_check.setAccessibleName(self.tr("Ignore outliers in the y axes"))
        self.log_scale.setToolTip(self.tr("Logarithmic y axis for the loss plot"))
        self.log_scale.setAccessibleName(self.tr("Logarithmic loss axis"))
        self.x_axis.setItemText(0, self.tr("x: epochs"))
        self.x_axis.setItemText(1, self.tr("x: steps"))
        self.x_axis.setToolTip(self.tr("Horizontal axis in epochs or in training steps (batches)"))
        self.x_axis.setAccessibleName(self.tr("Horizontal axis"))
        self.line_styles.setText(line_styles())
        self.line_styles.setToolTip(self.tr("How to read the curves: one colour per run"))
        self._update_empty_hint()
        self.view_tabs.setTabText(0, self.tr("Curves"))
        self.view_tabs.setTabText(1, self.tr("Inside the run"))
        self.view_tabs.setTabToolTip(1, self.tr("Confusion matrix, mistakes, per-class accuracy, model summary and a "
                                           "drawing pad for the run selected in the table (two runs: side by side)"))
        self.view_tabs.setTabText(2, self.tr("Dynamics"))
        self.view_tabs.setTabToolTip(2, self.tr("What each layer does per step: update/weight ratio, gradient norm, "
                                                "weight norm, dead ReLU units, for the runs selected in the table"))
        self.view_tabs.setTabText(3, self.tr("Experiments"))
        self.view_tabs.setTabToolTip(3, self.tr("Settings × seeds: mean and spread per setting, the difference of two "
                                                "settings with its confidence interval, parallel coordinates"))
        self.tf_label.setText(self.tf_status or (self._loader is not None and self.tf_loading_text())
                              or self.tr("TensorFlow loads on first use"))
        for menu, text in self.menu_texts.items():
            menu.setTitle(self.tr(text))
        for act, text in self.action_texts.items():
            act.setText(self.tr(text))
        for code, act in self.language_actions.items():
            act.setChecked(code == language.current())
        language.retranslate_qt_parts(self)

    def tf_loading_text(self) -> str:
        return self.tr("Loading TensorFlow in the background…")

    def _build_menus(self) -> None:
        """The menus; their texts are marked here and set by `retranslate`."""
        self.menu_texts: dict[QMenu, str] = {}
        self.action_texts: dict[QAction, str] = {}

        def menu(text: str) -> QMenu:
            made = self.menuBar().addMenu(text)
            self.menu_texts[made] = text
            return made

        def action(menu, text, slot, shortcuts=(), name=""):
            act = QAction(text, self, objectName=name)
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
            act.triggered.connect(slot)
            menu.addAction(act)
            self.action_texts[act] = text
            return act

        file_menu = menu(QT_TRANSLATE_NOOP("MainWindow", "&File"))
        action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "&Export…"), self.export_selected, ["Ctrl+E"], "exportAction")
        action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "&Reload runs"), self.runs_table.reload, ["F5"], "reloadAction")
        action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "Change runs &folder…"), self.choose_runs_dir, [], "runsDirAction")
        file_menu.addSeparator()
        action(file_menu, QT_TRANSLATE_NOOP("MainWindow", "&Quit"), self.close, ["Ctrl+Q"], "quitAction")
        train_menu = menu(QT_TRANSLATE_NOOP("MainWindow", "&Train"))
        action(train_menu, QT_TRANSLATE_NOOP("MainWindow", "&Start"), self.start, ["Ctrl+R"], "startAction")
        action(train_menu, QT_TRANSLATE_NOOP("MainWindow", "S&top"), self.stop, ["Esc", "Ctrl+."], "stopAction")
        action(train_menu, QT_TRANSLATE_NOOP("MainWindow", "&Compare optimizers"), self.compare_optimizers, [], "compareAction")
        action(train_menu, QT_TRANSLATE_NOOP("MainWindow", "&Reproduce the article"), self.reproduce_article, [], "reproduceAction")
        action(train_menu, QT_TRANSLATE_NOOP("MainWindow", "Res&ume selected run"), self._resume_selected, [], "resumeAction")
        view_menu = menu(QT_TRANSLATE_NOOP("MainWindow", "&View"))
        action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "&TensorBoard"), self.open_tensorboard, ["Ctrl+T"], "tensorboardAction")
        action(view_menu, QT_TRANSLATE_NOOP("MainWindow", "&Inside the selected run"), self._inspect_selected, ["Ctrl+I"],
               "inspectAction")
        language_menu = view_menu.addMenu("")
        language_menu.setObjectName("languageMenu")
        self.menu_texts[language_menu] = QT_TRANSLATE_NOOP("MainWindow", "&Language")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():  # each language named in itself: never translated
            act = QAction(name, self, objectName=f"language_{code}", checkable=True)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(act)
            language_menu.addAction(act)
            self.language_actions[code] = act
        help_menu = menu(QT_TRANSLATE_NOOP("MainWindow", "&Help"))
        action(help_menu, QT_TRANSLATE_NOOP("MainWindow", "&About"), self.show_about, [], "aboutAction")

    # -- language ------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switches every text of the window to `code` (en or zh_CN) now, and remembers it."""
        self.settings_store.setValue("language", i18n.normalise(code))
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

    # -- settings persistence ------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings_store.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(first_size(self.screen().availableGeometry().size()))
        state = self.settings_store.value("splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            left = self.splitter.widget(0).minimumWidth()
            self.splitter.setSizes([left, max(400, self.width() - left)])
        right = self.settings_store.value("rightSplitter")
        if isinstance(right, QByteArray) and not right.isEmpty():
            self.right.restoreState(right)
        else:  # plots get about 70%, the runs table about 30% (room for several rows)
            height = max(400, self.height() - 60)
            self.right.setSizes([int(height * 0.7), int(height * 0.3)])
        selected = self.settings_store.value("selectedRuns")  # the runs shown when the window was closed
        if isinstance(selected, str) and selected:
            with contextlib.suppress(ValueError, TypeError):
                self.runs_table.select_runs(json.loads(selected))
        saved = self.settings_store.value("config")
        if isinstance(saved, str) and saved:
            # a config from another version that does not validate: keep the defaults
            with contextlib.suppress(ValueError, TypeError):
                self.settings.set_config(TrainConfig.from_dict(json.loads(saved)))

    def _save(self) -> None:
        self.settings_store.setValue("geometry", self.saveGeometry())
        self.settings_store.setValue("splitter", self.splitter.saveState())
        self.settings_store.setValue("rightSplitter", self.right.saveState())
        self.settings_store.setValue("selectedRuns", json.dumps([r.run_id for r in self.runs_table.selected_runs()]))
        with contextlib.suppress(ConfigError):
            self.settings_store.setValue("config", self.settings.config().to_json())
        self.settings_store.sync()

    # -- training (the RunController trains; the window shows) ------------------------------
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

    def _connect_runs(self) -> None:
        r = self.controller
        r.busy_changed.connect(self._set_running)
        r.loading.connect(self._on_loading)
        r.run_started.connect(self._on_run_started)
        r.batches.connect(self._on_batches)
        r.epoch_done.connect(self._on_epoch)
        r.run_finished.connect(self._on_finished)
        r.failed.connect(self._on_failed)
        r.run_ended.connect(self._on_run_ended)
        r.batch_finished.connect(self._on_batch_finished)
        r.article_reproduced.connect(self._show_reproduction)
        r.experiment_started.connect(self._on_experiment_started)

    def _settings_or_message(self) -> TrainConfig | None:
        """The panel's settings, or None after showing which setting is wrong (and during a run)."""
        if self.training:
            return None
        try:
            return self.settings.config()
        except ConfigError as exc:
            self.banner.show_message(self.tr("Setting {problem}").format(problem=exc))
            return None

    def start(self) -> None:
        """Starts a run with the current settings (a message names any bad setting)."""
        config = self._settings_or_message()
        if config is not None:
            self.controller.start(config)

    def seeds(self, base: TrainConfig) -> list[int]:
        """The seeds Compare optimizers and Reproduce the article use: the settings' seed and the next ones."""
        return list(range(base.seed, base.seed + self.seeds_spin.value()))

    def compare_optimizers(self) -> None:
        """An experiment: the current settings with SGD and with Adam, once per seed; then their difference."""
        base = self._settings_or_message()
        if base is not None:
            self._experiment_batch = self.controller.compare_optimizers(base, self.seeds(base))
            self._select_groups = self._experiment_batch

    def reproduce_article(self) -> None:
        """An experiment of the article's rows (with this panel's epochs and sample limits) × seeds; then the
        table of reported vs measured mean ± std."""
        base = self._settings_or_message()
        if base is not None:
            self._experiment_batch = self.controller.reproduce_article(base, self.seeds(base))

    def run_experiment(self, sets: list, seeds: str, name: str, sampler: str = "grid", trials: int = 0,
                       prune: bool = False) -> None:
        """Runs a grid (or a random or TPE search) of these settings × `sets` × `seeds` (a message names a bad
        setting or value)."""
        from workbench.experiments.grid import GridError, make_grid

        base = self._settings_or_message()
        if base is None:
            return
        try:
            grid = make_grid(base, sets, seeds, sampler=sampler, trials=trials, prune=prune)
        except GridError as exc:
            self.banner.show_message(self.tr("Experiment: {problem}").format(problem=exc))
            return
        self._start_experiment(grid, name)

    def continue_experiment(self, experiment_id: str) -> None:
        """Runs the trials a stopped experiment has left, with the grid it was made with."""
        from workbench.experiments import study
        from workbench.experiments.grid import GridError

        if self.training:
            return
        try:
            _, grid = study.load(self.experiments.storage, experiment_id)
        except (GridError, KeyError, ValueError) as exc:
            self.banner.show_message(self.tr("Experiment: {problem}").format(problem=exc))
            return
        self._start_experiment(grid, experiment_id)

    def _start_experiment(self, grid, experiment_id: str) -> None:
        self._experiment_batch = self.controller.run_experiment(grid, self.experiments.storage, experiment_id)

    def _on_experiment_started(self, experiment_id: str) -> None:
        self._experiments_listed = True
        self.experiments.show_experiment(experiment_id)

    def _experiments_shown(self) -> None:
        if self.view_tabs.currentWidget() is self.experiments and not self._experiments_listed:
            self._experiments_listed = True
            self.experiments.refresh()

    def find_lr(self) -> None:
        """The LR range test for the current settings, in a dialog; "use" sets the learning rate."""
        from workbench.gui.panels.lr_find_dialog import LrFindDialog

        config = self._settings_or_message()
        if config is None:
            return
        self.lr_find_dialog = LrFindDialog(config, self)
        self.lr_find_dialog.use_lr.connect(self.settings.lr.setValue)
        self.lr_find_dialog.show()

    def stop(self) -> None:
        """Asks the run to stop at the next batch boundary; queued runs are dropped."""
        if self.training:
            self.controller.stop()
            self.stop_button.setEnabled(False)
            self.status_metrics.setText(self.tr("Stopping at the next batch…"))

    def _set_running(self, running: bool) -> None:
        self.actions_panel.set_running(running)
        self.settings.setEnabled(not running)
        self.experiments.set_running(running)
        if running:
            self.banner.hide()
            self.status_metrics.setText(self.tr("Preparing the run…"))

    def _on_loading(self, text: str) -> None:
        if "tensorflow" not in sys.modules:
            self.tf_label.setText(self.tr("Loading TensorFlow… (a few seconds, once)"))
        self.status_metrics.setText(text)

    def _on_run_started(self, info: dict) -> None:
        key, name = info["run_id"], display_name(info["name"], info.get("experiment_id"))
        if info.get("resumed"):  # what the run recorded before (trimmed to its checkpoint), then live
            folder = RunFolder(Path(info["run_dir"]))
            self.plots.load_run(key, legend_name(name, info["wrong"]), folder.history_with_truth(),
                                folder.batches(), info["steps_per_epoch"], live=True, epochs=info["epochs"])
        else:
            self.plots.add_run(key, legend_name(name, info["wrong"]), info["steps_per_epoch"], live=True,
                               epochs=info["epochs"])
        self.runs_table.reload()
        self._update_empty_hint()
        self.status_metrics.setText(self.tr("Compiling the training step…"))

    def _on_batches(self, points: dict) -> None:
        if self.live_key not in self.plots.runs:
            return
        self.plots.runs[self.live_key].add_batches(points["steps"], points["loss"], points["accuracy"])
        epochs, steps = self.controller.live_info["epochs"], self.controller.live_info["steps_per_epoch"]
        self.actions_panel.show_progress(points, epochs, steps, self.controller.live_info.get("trial"))
        self.status_metrics.setText(
            self.tr("epoch {epoch}/{epochs}   loss {loss}   accuracy {accuracy}   {rate} samples/s").format(
                epoch=points["epoch"], epochs=epochs, loss=f"{points['loss'][-1]:.4f}",
                accuracy=percent(points["accuracy"][-1]), rate=f"{points['samples_per_second']:,.0f}"))

    def _on_epoch(self, logs: dict) -> None:
        if self.live_key in self.plots.runs:
            self.plots.runs[self.live_key].add_epoch(logs["epoch"], logs)
        self.runs_table.refresh_run(self.controller.live_info["run_dir"])
        self._update_dynamics()  # the epoch's instruments are in dynamics.csv now

    def _on_finished(self, summary: dict) -> None:
        status = summary["status"]
        final = summary.get("final") or {}
        val = final.get("val_accuracy")
        word = status_word(status)
        if val is None:
            text = self.tr("Run {status}").format(status=word)
        else:
            text = self.tr("Run {status}: validation accuracy {accuracy}").format(
                status=word, accuracy=percent(val))
        if status == "stopped" and summary.get("epochs_completed"):
            text += self.tr(" · right-click it in the table to resume")
        self.status_metrics.setText(text)
        if status in ("diverged", "failed"):
            self.banner.show_message(self.tr("The run {status}: {error}").format(
                status=word, error=summary.get("error") or "").strip())
        if self._experiment_batch:
            self.experiments.refresh()  # its table and bands grow trial by trial

    def _on_failed(self, message: str) -> None:
        self.banner.show_message(message)
        self.status_metrics.setText(self.tr("Training did not run: {reason}").format(reason=message.split("\n")[0]))

    def _on_run_ended(self, run_id: str) -> None:
        if run_id:
            self.plots.end_live(run_id)
        self.runs_table.reload()

    def _on_batch_finished(self, made: list) -> None:
        self.actions_panel.finish((self.last_summary or {}).get("status"))
        if self._experiment_batch:  # its runs are read in the Experiments tab, not overlaid by the dozen
            self._experiment_batch = False
            select, self._select_groups = self._select_groups, False
            if self.controller.last_experiment:
                self.experiments.show_experiment(self.controller.last_experiment, select_all=select)
            if select:  # Compare optimizers: the difference is the answer
                self.view_tabs.setCurrentWidget(self.experiments)
        elif made:
            self.runs_table.select_runs(made)

    def _show_reproduction(self, results: list) -> None:
        from workbench.gui.panels.reproduce_dialog import ReproduceDialog

        self.reproduce_dialog = ReproduceDialog(results, self)
        self.reproduce_dialog.show()

    def _settings_changed(self) -> None:
        if not self.empty_hint.isHidden():
            self._update_empty_hint()
        try:
            self.diagnosis.request(self.settings.config())
        except ConfigError as exc:
            self.diagnosis.request(exc)

    # -- the runs table's actions ---------------------------------------------------
    def _runs_menu(self, pos) -> None:
        runs = self.runs_table.selected_runs()
        if not runs:
            return
        menu = QMenu(self)
        single = runs[0] if len(runs) == 1 else None
        act = menu.addAction(self.tr("Resume"), lambda: self.resume_run(single))
        act.setEnabled(bool(single) and single.status in ("stopped", "interrupted", "failed") and not self.training)
        act = menu.addAction(self.tr("Run again with these settings"), lambda: self.run_again(single))
        act.setEnabled(bool(single) and not self.training)
        act = menu.addAction(self.tr("What if… (continue from an epoch with other settings)"),
                             lambda: self.fork_run(single))
        act.setEnabled(bool(single) and single.epochs_completed >= 1 and not self.training
                       and Path(single.run_dir, "epochs").is_dir())
        with_models = [r for r in runs if Path(r.run_dir, "model.keras").is_file()]
        act = menu.addAction(self.tr("Compare inside (matrices, images one gets right)") if len(runs) == 2 else
                             self.tr("Look inside (confusion matrix, mistakes, draw a digit)"),
                             lambda: self.inspect_run(*runs))
        act.setEnabled(len(runs) <= 2 and len(with_models) == len(runs))
        menu.addAction(self.tr("Export model…"), lambda: self.export_model(single)).setEnabled(
            bool(single) and Path(single.run_dir, "model.keras").is_file())
        menu.addAction(self.tr("Rename…"), lambda: self.rename_run(single)).setEnabled(bool(single))
        menu.addAction(self.tr("Open folder"), lambda: self.open_run_folder(runs[0]))
        menu.addSeparator()
        menu.addAction(self.tr("Delete 1 run…") if len(runs) == 1 else self.tr("Delete {n} runs…").format(n=len(runs)),
                       lambda: self.delete_runs(runs))
        menu.exec(self.runs_table.viewport().mapToGlobal(pos))

    def fork_run(self, run: RunSummary, answer: tuple[int, dict] | None = None) -> None:
        """What if: asks from which epoch and with which loss, optimizer or learning rate, then trains the fork
        (`answer` = (epoch, changes) skips the dialog)."""
        from workbench.gui.panels.fork_dialog import ForkDialog

        if self.training:
            return
        try:
            config = TrainConfig.from_dict(RunFolder(Path(run.run_dir)).config())
            if answer is None:
                dialog = ForkDialog(run, config, self)
                if dialog.exec() != dialog.DialogCode.Accepted:
                    return
                answer = (dialog.epoch.value(), dialog.changes())
            self.controller.fork(Path(run.run_dir), *answer)
        except ConfigError as exc:
            self.banner.show_message(self.tr("The settings of {run} cannot be used: {problem}").format(
                run=run.run_id, problem=exc))

    def resume_run(self, run: RunSummary) -> None:
        """Continues a stopped or interrupted run from its last finished epoch."""
        if self.training:
            return
        self.plots.remove_run(run.run_id)
        try:
            self.controller.resume(Path(run.run_dir))
        except (ConfigError, TypeError) as exc:
            self.banner.show_message(self.tr("Cannot resume {run}: {problem}").format(run=run.run_id, problem=exc))

    def inspect_run(self, *runs: RunSummary) -> InsidePanel:
        """Shows "Inside the run" for one run, or two side by side; returns the panel."""
        if {r.run_id for r in runs} != {r.run_id for r in self.runs_table.selected_runs()}:
            self.runs_table.select_runs([r.run_id for r in runs])
        self.view_tabs.setCurrentWidget(self.inside)
        self.inside.show_runs(list(runs))
        return self.inside

    def _inspect_selected(self) -> None:
        runs = self.runs_table.selected_runs()
        if not 1 <= len(runs) <= 2:
            self.banner.show_message(self.tr("Select one run in the table to look inside it, or two to compare "
                                             "them."))
            return
        self.inspect_run(*runs)

    def _update_dynamics(self, *_) -> None:
        """The Dynamics tab follows the table's selection (and the live run) while it is shown."""
        if self.view_tabs.currentWidget() is self.dynamics:
            live = self.controller.live_info.get("run_dir") if self.training else None
            self.dynamics.show_runs(self.runs_table.selected_runs(), Path(live) if live else None)

    def _update_inside(self) -> None:
        """The Inside tab follows the table's selection while it is shown (evaluating costs a second)."""
        if self.view_tabs.currentWidget() is self.inside:
            self.inside.show_runs(self.runs_table.selected_runs())

    def _resume_selected(self) -> None:
        runs = self.runs_table.selected_runs()
        if len(runs) != 1:
            self.banner.show_message(self.tr("Select one stopped or interrupted run in the table to resume it."))
            return
        self.resume_run(runs[0])

    def run_again(self, run: RunSummary) -> None:
        """Fills the settings with the run's and starts: the same run again."""
        try:
            config = TrainConfig.from_dict(RunFolder(Path(run.run_dir)).config())
        except (ConfigError, TypeError) as exc:
            self.banner.show_message(self.tr("The settings of {run} cannot be used: {problem}").format(
                run=run.run_id, problem=exc))
            return
        self.settings.set_config(config)
        self.start()

    MODEL_FILTERS = {QT_TRANSLATE_NOOP("MainWindow", "Keras model (*.keras)"): "keras",
                     QT_TRANSLATE_NOOP("MainWindow", "TensorFlow SavedModel for serving (folder)"): "savedmodel",
                     QT_TRANSLATE_NOOP("MainWindow", "TensorFlow Lite (*.tflite)"): "tflite"}

    def export_model(self, run: RunSummary, fmt: str | None = None, path: Path | None = None):
        """Writes the run's model for use elsewhere (Keras, SavedModel, TFLite) in the background.

        Without `fmt`/`path` a file dialog asks. Returns the background worker (None if cancelled).
        """
        from workbench.training.model_export import default_name, export_model

        if fmt is None or path is None:
            from PySide6.QtWidgets import QFileDialog

            start = str(Path.home() / default_name(run.run_id, "keras"))
            filters = {self.tr(text): fmt for text, fmt in self.MODEL_FILTERS.items()}
            chosen, selected = QFileDialog.getSaveFileName(self, self.tr("Export model"), start, ";;".join(filters))
            if not chosen:
                return None
            fmt = filters.get(selected, "keras")
            path = Path(chosen)
            if fmt == "keras" and path.suffix != ".keras":
                path = path.with_suffix(".keras")
            elif fmt == "tflite" and path.suffix != ".tflite":
                path = path.with_suffix(".tflite")
        self.status_metrics.setText(self.tr("Exporting the model of {run}…").format(run=run.label))
        return background.run(
            export_model, Path(run.run_dir), fmt, Path(path),
            returned=lambda written: self.status_metrics.setText(
                self.tr("Model exported to {path}").format(path=written)),
            errored=lambda exc: self.banner.show_message(self.tr("Export model: {problem}").format(problem=exc)))

    def rename_run(self, run: RunSummary, name: str | None = None) -> None:
        if name is None:
            from PySide6.QtWidgets import QInputDialog

            name, ok = QInputDialog.getText(self, self.tr("Rename run"), self.tr("Name:"), text=run.name)
            if not ok:
                return
        RunFolder(Path(run.run_dir)).rename(name.strip())
        self.plots.rename_run(run.run_id, name.strip() or run.run_id)
        self.runs_table.reload()

    def delete_runs(self, runs: list[RunSummary], confirm: bool = True) -> None:
        """Deletes run folders after asking; a running run is never deleted."""
        runs = [r for r in runs if r.run_id != self.live_key]
        if not runs:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Delete runs"),
                self.tr("Delete {n} run folder(s) with their models and logs?").format(n=len(runs)) + "\n"
                + "\n".join(r.name or r.run_id for r in runs[:10]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        import shutil

        for run in runs:
            self.plots.remove_run(run.run_id)
            shutil.rmtree(run.run_dir, ignore_errors=True)
        self.runs_table.reload()
        self._update_empty_hint()

    def open_run_folder(self, run: RunSummary) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(run.run_dir))

    # -- plots and runs ------------------------------------------------------------
    def _smoothing_changed(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        self.plots.set_smoothing(value / 100)

    def _show_selected(self, runs: list[RunSummary]) -> None:
        """Overlays the selected runs; the live run always stays drawn."""
        wanted = {r.run_id: r for r in runs}
        for key in list(self.plots.runs):
            if key not in wanted and key != self.live_key:
                self.plots.remove_run(key)
        for run_id, run in wanted.items():
            if run_id in self.plots.runs:
                continue
            folder = RunFolder(Path(run.run_dir))
            steps = folder.steps_per_epoch()
            self.plots.load_run(run_id, legend_name(run.label, run.wrong), folder.history_with_truth(),
                                folder.batches(), steps)
        self._update_empty_hint()

    def _update_empty_hint(self) -> None:
        """The first-run hint; it says the article's settings are filled in only while they are."""
        self.empty_hint.setVisible(not self.plots.runs and not self.runs_table.runs_model.runs)
        try:
            article = self.settings.config().to_dict() == TrainConfig().to_dict()
        except ConfigError:
            article = False
        filled = self.tr("The article's settings are filled in: MLP 256-128-10, SGD lr 0.01, sum-of-squares "
                         "loss, batch 32.") + "<br>" if article else ""
        self.empty_hint.setText(self.tr("<h3>No runs yet</h3><p>{filled}Press <b>Start</b> (Ctrl+R) to train, or "
                                        "<b>Compare optimizers</b> to see SGD against Adam.</p>").format(filled=filled))

    def _update_runs_label(self) -> None:
        self.runs_label.setText(self.tr("Runs folder: {path}").format(path=self.runs_dir))

    # -- tools ----------------------------------------------------------------------
    def open_tensorboard(self) -> None:
        self.tensorboard.open(self.runs_dir, [r.run_id for r in self.runs_table.selected_runs()])

    def _on_tensorboard_starting(self) -> None:
        self.tensorboard_button.setEnabled(False)
        self.status_metrics.setText(self.tr("Starting TensorBoard…"))

    def _on_tensorboard_ready(self, url: str) -> None:
        self.tensorboard_button.setEnabled(True)
        self.status_metrics.setText(self.tr("TensorBoard at {url}").format(url=url))

    def _on_tensorboard_failed(self, message: str) -> None:
        self.tensorboard_button.setEnabled(True)
        self.banner.show_message(message)

    def export_selected(self) -> None:
        from workbench.gui.panels.export_dialog import export_selected

        export_selected(self)

    def about_text(self) -> str:
        import pyqtgraph
        import PySide6
        from PySide6.QtCore import qVersion
        title = self.tr("TF Training Workbench")
        motto = self.tr("See why a neural network trains the way it does.")
        status = self.tf_status or self.tr("TensorFlow loads on first use")
        folder = self.tr("Runs folder: {path}").format(path=self.runs_dir)
        mnist = self.tr("MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0.")
        return (f"<h3>{title} {__version__}</h3><p>{motto}</p>"
                f"<p>{status}<br>Qt {qVersion()}, PySide6 {PySide6.__version__}, pyqtgraph {pyqtgraph.__version__}</p>"
                f"<p>{folder}</p><p>{mnist}</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About {app}").format(app=self.tr("TF Training Workbench")),
                          self.about_text())

    def _preload_tensorflow(self) -> None:
        if self._loader is not None:
            return
        self.tf_label.setText(self.tf_loading_text())
        self._loader = background.run(load_tensorflow, returned=self._on_tf_loaded, errored=self._on_tf_failed,
                                      parent=self)

    def _on_tf_loaded(self, loaded: dict) -> None:
        self.settings.set_devices(loaded["devices"])
        self.tf_status = loaded["versions"]
        self.tf_label.setText(self.tf_status)
        self.diagnosis.enable()

    def _on_tf_failed(self, exc: Exception) -> None:
        self.tf_label.setText(self.tr("TensorFlow failed to load"))
        self.banner.show_message(self.tr("TensorFlow could not be loaded: {problem}").format(
            problem=f"{type(exc).__name__}: {exc}"))

    def choose_runs_dir(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getExistingDirectory(self, self.tr("Runs folder"), str(self.runs_dir))
        if chosen:
            self.set_runs_dir(Path(chosen))

    def set_runs_dir(self, path: Path) -> None:
        """Switches to another runs folder (remembered for next time); not during a run."""
        if self.training:
            self.banner.show_message(self.tr("Stop the run before changing the runs folder."))
            return
        self.runs_dir = Path(path)
        self.controller.runs_dir = self.runs_dir
        self.settings_store.setValue("runsDir", str(self.runs_dir))
        for key in list(self.plots.runs):
            self.plots.remove_run(key)
        self.runs_table.set_runs_dir(self.runs_dir)
        self.experiments.set_runs_dir(self.runs_dir)
        self._update_runs_label()
        self._update_empty_hint()

    def changeEvent(self, event) -> None:  # noqa: N802
        """Follows the system's light/dark palette while running (and the language, in Retranslating)."""
        from PySide6.QtCore import QEvent

        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.plots.apply_palette()
            self.dynamics.apply_palette()
        super().changeEvent(event)

    # -- closing --------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802
        """Stops a run at its next batch and waits for the thread: no zombie, no crash."""
        self._save()
        if self.training:
            self.status_metrics.setText(self.tr("Stopping the run before closing…"))
        self.controller.shutdown()
        if self._loader is not None:
            self._loader.wait()
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
