"""The Experiments tab: define a grid of settings × seeds, run it, and read it as a user wants to.

- **New experiment**: up to three varied settings, each a list of values, and the seeds; the other settings are
  the settings panel's. The panel only asks (`run_requested`); the window builds and checks the grid (one
  message naming the setting) and the controller runs it, trial after trial, each an ordinary run.
- **Results** of the chosen experiment: a sortable table (mean ± std over seeds per setting), the difference of
  two selected rows with its 95% CI and Welch's p, the curves as mean ± std bands, parallel coordinates and,
  for two varied settings, a heat map. The report and the trials' histories are read in a background task
  (`Latest`), so a large experiment never blocks the window; switching the metric recomputes from memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.core.settings import title
from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.panels.experiment_difference import METRIC_NAMES, DifferenceLabel
from workbench.gui.panels.experiment_extras import DashboardButton, SeedsNeeded
from workbench.gui.panels.experiment_form import ExperimentForm
from workbench.gui.panels.experiment_tasks import list_experiments, load_experiment
from workbench.gui.widgets.band_plot import BandPlot
from workbench.gui.widgets.experiment_table import GroupsTable
from workbench.gui.widgets.heat_map import HeatMap
from workbench.gui.widgets.parallel_coordinates import ParallelCoordinates
from workbench.gui.widgets.parting_plot import PartingPlot


class ExperimentsPanel(Retranslating, QWidget):
    """Defines, runs (through the window) and shows experiments of one runs folder."""

    # --set texts, seeds, name, sampler, trials, prune: the window builds the grid and runs it
    run_requested = Signal(list, str, str, str, int, bool)
    continue_requested = Signal(str)  # an experiment's id: run the trials it has left

    def __init__(self, runs_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs_dir = Path(runs_dir)
        self.data = None  # ExperimentData of the shown experiment
        self._loading = background.Latest(self)
        self._listing = background.Latest(self)
        self._want: str | None = None  # the experiment to show once the list has it
        self._select_all = False
        self._build()
        self.retranslate()

    @property
    def storage(self) -> str:
        from workbench.experiments.grid import default_storage

        return default_storage(self.runs_dir)

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        # the form folds away (hand-made, as "Training options": hidden widgets leave the Tab chain) so the
        # results get the room once there is an experiment to read
        self.form_toggle = QToolButton(objectName="experimentFormToggle", checkable=True)
        self.form_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.form_toggle.toggled.connect(self._show_form)
        self._folded_once = False
        self.form = form = ExperimentForm()
        form.run_requested.connect(self.run_requested)
        # what tests and the window reach through the panel
        self.axis_combos, self.axis_values, self.seeds = form.axis_combos, form.axis_values, form.seeds
        self.name, self.count, self.run_button = form.name, form.count, form.run_button
        self.sampler, self.trials, self.prune = form.sampler, form.trials, form.prune

        self.chooser_label = QLabel()
        self.chooser = QComboBox(objectName="experimentCombo")
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(10)
        self.chooser.currentIndexChanged.connect(self._chosen)
        self.refresh_button = QPushButton(objectName="experimentRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.continue_button = QPushButton(objectName="experimentContinue", enabled=False)
        self.continue_button.clicked.connect(
            lambda: self.chooser.currentText() and self.continue_requested.emit(self.chooser.currentText()))
        self.progress = QLabel(objectName="experimentProgress", wordWrap=True)
        chooser_row = QHBoxLayout()
        chooser_row.addWidget(self.chooser_label)
        chooser_row.addWidget(self.chooser, 1)
        chooser_row.addWidget(self.refresh_button)
        chooser_row.addWidget(self.continue_button)
        self.table = GroupsTable()
        self.table.selection_changed.connect(self._selection_changed)
        self.seeds_needed = SeedsNeeded(self.table)
        self.parting_plot = PartingPlot()
        self.difference = DifferenceLabel(self.parting_plot)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        for item in (self.form_toggle, self.form, chooser_row, self.progress, self.table, self.seeds_needed,
                     self.difference):
            if isinstance(item, QHBoxLayout):
                left_layout.addLayout(item)
            else:
                left_layout.addWidget(item, 1 if item is self.table else 0)
        self._lay_out(left, self._build_views())
        self.form_toggle.setChecked(True)

    def _build_views(self) -> QWidget:
        """The right side: the metric, the seeds' lines, export, and the three views of the results."""
        self.metric = QComboBox(objectName="experimentMetric")
        for key in METRIC_NAMES:
            self.metric.addItem("", key)
        self.metric.currentIndexChanged.connect(self._redraw)
        self.show_seeds = QCheckBox(objectName="experimentShowSeeds")
        self.show_seeds.toggled.connect(lambda on: self.bands.set_show_seeds(on))
        self.export_button = QPushButton(objectName="experimentExport", enabled=False)
        self.export_button.clicked.connect(lambda: self.export())
        self.dashboard = DashboardButton()  # (here, not beside the chooser: the left column stays narrow)
        self.dashboard.said.connect(self.progress.setText)
        self.bands = BandPlot()
        self.parallel = ParallelCoordinates()
        self.heat_map = HeatMap()
        self.views = QTabWidget(objectName="experimentViews")
        self.views.addTab(self.bands, "")
        self.views.addTab(self.parallel, "")
        self.views.addTab(self.heat_map, "")
        self.views.addTab(self.parting_plot, "")  # drawn by `difference` whenever the selection changes
        self._stale: set[int] = {0, 1, 2}  # views whose data is older than the shown metric and experiment
        self.views.currentChanged.connect(self._draw_shown)
        view_bar = QHBoxLayout()
        view_bar.addWidget(self.metric)
        view_bar.addWidget(self.show_seeds)
        view_bar.addStretch(1)
        view_bar.addWidget(self.dashboard)
        view_bar.addWidget(self.export_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addLayout(view_bar)
        right_layout.addWidget(self.views, 1)
        return right

    def _lay_out(self, left: QWidget, right: QWidget) -> None:
        """Form and results on the left (scrolling when the window is low), views on the right."""
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left_scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        left_scroll.setWidget(left)  # a low window scrolls the form rather than growing past the screen
        # the column starts as wide as its widgets need (showEvent), so the texts wrap in view; only a very
        # small window makes it scroll sideways
        self.left_needs = left.minimumSizeHint().width() + left_scroll.verticalScrollBar().sizeHint().width()
        self.left_scroll = left_scroll
        self._sized = False  # the splitter's first sizes are set when the tab is first shown
        self._listed_once = False
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.splitter)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not self._listed_once:  # the list is read when the tab is first shown
            self.refresh()
        if not self._sized and self.width() > 0:  # both sides readable: the results' column gets half
            self._sized = True
            total = sum(self.splitter.sizes()) or self.width()
            left = min(max(self.left_needs, int(total * 0.5)), total - 200)
            self.splitter.setSizes([left, max(1, total - left)])

    def _show_form(self, shown_: bool) -> None:
        self.form.setVisible(shown_)
        self.form_toggle.setArrowType(Qt.ArrowType.DownArrow if shown_ else Qt.ArrowType.RightArrow)

    def retranslate(self) -> None:
        self.form_toggle.setText(self.tr("New experiment"))
        self.form_toggle.setToolTip(self.tr("Show or hide the form for a new experiment"))
        self.chooser_label.setText(self.tr("Experiment"))
        self.chooser.setAccessibleName(self.tr("Experiment"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.continue_button.setText(self.tr("Continue"))
        self.continue_button.setToolTip(self.tr("Run the trials this experiment has left (it was stopped)"))
        self.show_seeds.setText(self.tr("show seeds"))
        self.show_seeds.setToolTip(self.tr("Every seed's own curve as a thin line"))
        self.metric.setToolTip(self.tr("The metric of the curves, the difference, the parallel coordinates and "
                                       "the heat map"))
        self.metric.setAccessibleName(self.tr("Metric"))
        for i in range(self.metric.count()):
            self.metric.setItemText(i, self.tr(METRIC_NAMES[self.metric.itemData(i)]))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("The curves with their bands (PNG, SVG, PDF) and every seed's points "
                                              "(CSV)"))
        self.views.setTabText(0, self.tr("Mean ± std"))
        self.views.setTabText(1, self.tr("Parallel coordinates"))
        self.views.setTabText(2, self.tr("Heat map"))
        self.views.setTabText(3, self.tr("Difference by epoch"))
        self.views.setTabToolTip(3, self.tr("The second selected setting minus the first at every epoch, with its "
                                            "95% confidence interval; filled dots: apart after Holm's correction"))
        self._show_progress()
        self._redraw()

    def set_running(self, running: bool) -> None:
        self.form.set_running(running)
        self.continue_button.setEnabled(not running and self._has_left())

    # -- which experiment ----------------------------------------------------------------
    def set_runs_dir(self, runs_dir: Path) -> None:
        self.runs_dir = Path(runs_dir)
        self.data = None
        self.refresh()

    def refresh(self) -> None:
        """Rereads the list of experiments and the shown one."""
        self._listed_once = True
        self._want = self._want or self.chooser.currentText() or None
        self._listing.submit(list_experiments, self.storage, returned=self._listed, errored=self._list_failed)

    def show_experiment(self, experiment_id: str, select_all: bool = False) -> None:
        """Shows this experiment (one just started: once the list has it); `select_all` selects its settings,
        so with two the difference shows."""
        self._want = experiment_id
        self._select_all = select_all
        self.refresh()

    def _listed(self, ids: list[str]) -> None:
        if ids and not self._folded_once:  # there are results to read: give them the room
            self._folded_once = True
            self.form_toggle.setChecked(False)
        want = self._want
        self._want = None
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItems(ids)
        self.chooser.setCurrentIndex(ids.index(want) if want in ids else 0 if ids else -1)
        self.chooser.blockSignals(False)
        self._chosen()

    def _list_failed(self, exc: Exception) -> None:
        self.progress.setText(self.tr("Cannot read the experiments: {problem}").format(problem=exc))

    def _chosen(self, *_: Any) -> None:
        experiment_id = self.chooser.currentText()
        self.dashboard.set_experiment(self.storage, experiment_id)
        if not experiment_id:
            self.data = None
            self._show()
            return
        self._loading.submit(load_experiment, self.storage, experiment_id, self.runs_dir,
                             returned=self._loaded, errored=self._list_failed)

    def _loaded(self, data) -> None:
        if data.doc["experiment_id"] != self.chooser.currentText():
            return
        if self.data is not None and self.data.doc == data.doc:
            return  # nothing new (a refresh while nothing finished): no redraw
        self.data = data
        self._show()
        if self._select_all:
            self._select_all = False
            self.table.select_labels([g["label"] for g in data.doc["groups"]])

    # -- showing -------------------------------------------------------------------------
    def _has_left(self) -> bool:
        return self.data is not None and self.data.doc["completed_trials"] < self.data.doc["expected_trials"]

    def _show_progress(self) -> None:
        if self.data is None:
            self.progress.setText(self.tr("No experiment yet: choose settings to vary and press Run experiment.")
                                  if not self.chooser.count() else "")
            return
        doc = self.data.doc
        self.progress.setText(self.tr("{done} of {total} runs done · {axes} · seeds {seeds}").format(
            done=doc["completed_trials"], total=doc["expected_trials"],
            axes=", ".join(f"{title(k)} {{{', '.join(map(str, v))}}}" for k, v in doc["grid"]["axes"].items()) or "—",
            seeds=", ".join(map(str, doc["grid"]["seeds"]))))

    def _show(self) -> None:
        self.table.set_report(self.data.doc if self.data else None)
        self.seeds_needed.set_data(self.data)
        self.export_button.setEnabled(self.data is not None and bool(self.data.doc["trials"]))
        self.continue_button.setEnabled(self.run_button.isEnabled() and self._has_left())
        self._show_progress()
        self._redraw()

    def metric_key(self) -> str:
        return self.metric.currentData() or "val_accuracy"

    def _redraw(self) -> None:
        """New data or metric: the shown view is drawn now, the others when they are shown."""
        if not hasattr(self, "bands"):
            return
        self._stale = {0, 1, 2}
        self._draw_shown()
        self._selection_changed(self.table.order)

    def _draw_shown(self, *_: Any) -> None:
        view = self.views.currentIndex()
        if view not in self._stale:  # (the difference by epoch is drawn with the selection)
            return
        self._stale.discard(view)
        metric = self.metric_key()
        metric_title = self.tr(METRIC_NAMES[metric])
        percent = metric.endswith("accuracy")
        doc = self.data.doc if self.data is not None else {"grid": {"axes": {}}, "trials": [], "groups": []}
        axes = doc["grid"]["axes"]
        titles = [title(n) for n in axes]
        if view == 0:
            curves = self.data.curves(metric) if self.data is not None else []
            self.bands.set_curves(curves, metric_title + (" (%)" if percent else ""), percent)
        elif view == 1:
            finals = [(t["settings"], (t.get("final") or {}).get(metric)) for t in doc["trials"]]
            ranges = doc["grid"].get("ranges", {})
            self.parallel.set_data(axes, finals, metric_title, percent, titles=titles,
                                   scales={n: (r[0], r[1], bool(r[2])) for n, r in ranges.items()})
        else:
            cells = {}
            if len(axes) == 2 and self.data is not None:
                from workbench.experiments.stats import mean_std

                (first, _), (second, _) = axes.items()
                for group in doc["groups"]:
                    values = self.data.finals(group["label"], metric)
                    mean, std = mean_std(values)
                    cells[(group["settings"][first], group["settings"][second])] = (mean, std, len(values))
            self.heat_map.set_data(axes, cells, metric_title, percent, titles=titles)

    def _selection_changed(self, labels: list[str]) -> None:
        self.bands.set_highlighted(labels)
        if self.data is not None:
            self.parallel.set_highlighted([g["settings"] for g in self.data.doc["groups"] if g["label"] in labels])
        self.difference.show_for(self.data, labels, self.metric_key())

    # -- export ----------------------------------------------------------------------------
    def export(self, out_dir: Path | None = None) -> list[Path]:
        """Writes the bands (PNG, SVG, PDF) and every seed's points (CSV) into a folder."""
        if self.data is None:
            return []
        if out_dir is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export the experiment into a folder"))
            if not chosen:
                return []
            out_dir = Path(chosen)
        from workbench.gui.export import export_experiment

        metric = self.metric_key()
        percent = metric.endswith("accuracy")
        metric_title = self.tr(METRIC_NAMES[metric])
        written = export_experiment(self.data, metric, metric_title + (" (%)" if percent else ""), percent,
                                    self.show_seeds.isChecked(), Path(out_dir))
        self.progress.setText(self.tr("Exported {n} files to {folder}").format(n=len(written), folder=out_dir))
        return written

    def wait(self) -> None:
        self._loading.wait()
        self._listing.wait()
        self.dashboard.wait()
