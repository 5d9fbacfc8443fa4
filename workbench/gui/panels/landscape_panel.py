"""The Landscape tab: the ground the optimizer walked, for the run selected in the table (or two runs from one
start).

Views (`analysis.landscape`): the line from the start weights to the end weights and beyond; the plane around
the end on the PCA of the run's path (the path drawn on it) or on two random filter-normalised directions; and,
with two runs selected, the plane through their common start and both ends, both paths on one surface. Each end
point's sharpness (top Hessian eigenvalue) comes with the plane and goes to the runs table.

Computing takes seconds: it runs in a background task (`background.Task`) on a fixed, seeded probe set; rows
arrive through a relay's signals into the plot's grid and a 10 Hz timer redraws, so the plane fills in as it is
computed. Cancel stops between rows. A result is cached in the run folder: selecting the run again shows it at
once, with no button pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis import landscape as ls
from workbench.core.run_summary import RunSummary
from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.panels.following import FollowsSelection
from workbench.gui.widgets.landscape_plot import LandscapePlot

VIEWS = {  # view → (kind, directions), the words of `workbench landscape`
    "line": ("line", "pca"),
    "pca": ("plane", "pca"),
    "random": ("plane", "random"),
    "two": ("plane", "pca"),
}
VIEW_NAMES = {
    "line": QT_TRANSLATE_NOOP("LandscapePanel", "Line: from the start weights to the end weights and beyond"),
    "pca": QT_TRANSLATE_NOOP("LandscapePanel", "Plane around the end, on the PCA of the path (path drawn)"),
    "random": QT_TRANSLATE_NOOP("LandscapePanel", "Plane around the end, on two random filter-normalised "
                                                  "directions"),
    "two": QT_TRANSLATE_NOOP("LandscapePanel", "Plane through the common start and both ends (both paths)"),
}
QUANTITY_NAMES = {"loss": QT_TRANSLATE_NOOP("LandscapePanel", "loss"),
                  "accuracy": QT_TRANSLATE_NOOP("LandscapePanel", "accuracy")}


class _Relay(QObject):
    """Carries a task's progress to the GUI thread (queued signals); one per task, silenced when replaced."""

    axes = Signal(object, object)
    row = Signal(int, object, object)


def _compute(run_dirs: list[Path], request: dict[str, Any], relay: _Relay, trust_code: bool,
             cancelled) -> dict[str, Any]:
    """In the task's thread: the landscape, its rows told as they are done."""
    try:
        return ls.landscape(run_dirs, **request, on_axes=relay.axes.emit, on_row=relay.row.emit,
                            cancelled=cancelled, trust_code=trust_code)
    except InterruptedError:
        raise background.Cancelled from None


class LandscapePanel(FollowsSelection, Retranslating, QWidget):
    measured = Signal(object)  # list of run folders whose sharpness was just written
    # asks before running a run folder's model code from elsewhere: False nothing to ask, True yes, None no
    trusts_model_code: Callable[[RunSummary], bool | None] = staticmethod(lambda run: False)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("landscapePanel")
        self.view = QComboBox(objectName="landscapeView")
        self.quantity = QComboBox(objectName="landscapeQuantity")
        for key in QUANTITY_NAMES:
            self.quantity.addItem("", key)
        self.grid = QSpinBox(objectName="landscapeGridSpin", minimum=3, maximum=101, value=ls.GRID, singleStep=2)
        self.samples = QSpinBox(objectName="landscapeSamplesSpin", minimum=100, maximum=60000, value=ls.SAMPLES,
                                singleStep=500)
        self.grid_label, self.samples_label = QLabel(), QLabel()
        self.compute_button = QPushButton(objectName="landscapeComputeButton")
        self.cancel_button = QPushButton(objectName="landscapeCancelButton", enabled=False)
        self.export_button = QPushButton(objectName="landscapeExportButton", enabled=False)
        self.hint = QLabel(objectName="landscapeHint", wordWrap=True)
        self.status = QLabel(objectName="landscapeStatus", wordWrap=True,
                             textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = LandscapePlot()
        self._layout()
        self.runs: list[RunSummary] = []
        self.doc: dict[str, Any] | None = None
        self.task: background.Task | None = None
        self.relay: _Relay | None = None
        self._rows_total = 1
        self.timer = QTimer(self, interval=100)  # ≤ 10 redraws a second while rows arrive
        self.timer.timeout.connect(self.plot.redraw)
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.export_button.clicked.connect(lambda: self.export_grid())
        self.view.currentIndexChanged.connect(self._request_changed)
        for spin in (self.grid, self.samples):
            spin.valueChanged.connect(self._request_changed)
        self.quantity.currentIndexChanged.connect(self.draw)
        self.retranslate()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        for widgets in ((self.view, self.quantity), (self.grid_label, self.grid, self.samples_label, self.samples,
                                                     self.compute_button, self.cancel_button, self.export_button)):
            bar = QHBoxLayout()
            for widget in widgets:
                bar.addWidget(widget)
            bar.addStretch(1)
            layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)

    def retranslate(self) -> None:
        for i in range(self.view.count()):
            self.view.setItemText(i, self.tr(VIEW_NAMES[self.view.itemData(i)]))
        for i in range(self.quantity.count()):
            self.quantity.setItemText(i, self.tr(QUANTITY_NAMES[self.quantity.itemData(i)]))
        self.view.setAccessibleName(self.tr("View"))
        self.quantity.setAccessibleName(self.tr("Shown value"))
        self.grid_label.setText(self.tr("Grid"))
        self.grid.setToolTip(self.tr("Points along each axis of the plane (a line has this many points too)"))
        self.samples_label.setText(self.tr("Probe samples"))
        self.samples.setToolTip(self.tr("Validation samples, drawn with a fixed seed, on which every point's loss "
                                        "is measured: the same seed gives the same picture"))
        self.compute_button.setText(self.tr("Compute"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.export_button.setText(self.tr("Export grid…"))
        self.export_button.setToolTip(self.tr("The grid as CSV (x, y, loss, accuracy) or NumPy .npz; right-click "
                                              "the plot to save the picture"))
        self._show_hint()

    # -- what is asked ----------------------------------------------------------------------------------------
    def show_selection(self, runs: list[RunSummary], live_dir: Path | None) -> None:
        if [r.run_id for r in runs] == [r.run_id for r in self.runs] and self.view.count():
            return
        self.runs = runs
        views = ["two"] if len(runs) == 2 else ["pca", "line", "random"]
        current = self.view.currentData()
        self.view.blockSignals(True)
        self.view.clear()
        for key in views:
            self.view.addItem(self.tr(VIEW_NAMES[key]), key)
        if current in views:
            self.view.setCurrentIndex(views.index(current))
        self.view.blockSignals(False)
        self._request_changed()

    def run_dirs(self) -> list[Path]:
        return [Path(r.run_dir) for r in self.runs]

    def request(self) -> dict[str, Any]:
        kind, directions = VIEWS.get(self.view.currentData() or "pca", VIEWS["pca"])
        return dict(kind=kind, directions=directions, grid=self.grid.value(), samples=self.samples.value(),
                    span=ls.SPAN, seed=ls.SEED, sharpness=kind == "plane")

    def _request_changed(self) -> None:
        """Another run, view or grid: the cached answer at once if there is one, else an empty plot."""
        self.cancel()
        self.doc = ls.cached(self.run_dirs(), **self.request()) if len(self.runs) in (1, 2) else None
        self.export_button.setEnabled(self.doc is not None)
        self.compute_button.setEnabled(len(self.runs) in (1, 2))
        self.status.setText(self._summary() if self.doc else "")
        self._show_hint()
        self.draw()

    # -- computing ----------------------------------------------------------------------------------------------
    def compute(self) -> None:
        """Starts the background computation of the view asked for (a newer one replaces a running one)."""
        if len(self.runs) not in (1, 2):
            return
        trust = False
        for run in self.runs:  # only a model saved as weights alone is rebuilt from its code
            if not (Path(run.run_dir) / "model.keras").is_file():
                if (answer := self.trusts_model_code(run)) is None:
                    return
                trust = trust or answer
        self.cancel()
        self.doc = None
        self.relay = relay = _Relay(self)
        relay.axes.connect(self._axes)
        relay.row.connect(self._row)
        self.task = task = background.Task(_compute, self.run_dirs(), self.request(), relay, trust, parent=self)
        task.returned.connect(self._done)
        task.errored.connect(self._failed)
        task.finished.connect(lambda: self._stopped(task))
        self.compute_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.export_button.setEnabled(False)
        self.status.setText(self.tr("Loading the model and the probe set…"))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.status.setText(self.tr("Cancelled."))
        if self.relay is not None:
            self.relay.blockSignals(True)  # rows of a replaced task are not drawn
        self.task, self.relay = None, None
        self.timer.stop()
        self.cancel_button.setEnabled(False)
        self.compute_button.setEnabled(len(self.runs) in (1, 2))

    def _axes(self, xs: list[float], ys: list[float]) -> None:
        if self.request()["kind"] == "plane":
            self.plot.begin_plane(xs, ys, log=self.quantity.currentData() == "loss")
            self.timer.start()
        self._rows_total = len(ys)

    def _row(self, j: int, loss: list[float], accuracy: list[float]) -> None:
        if self.request()["kind"] == "plane" and self.plot.values.size:
            self.plot.set_row(j, loss if self.quantity.currentData() == "loss" else accuracy)
        self.status.setText(self.tr("Row {i} of {n}…").format(i=j + 1, n=self._rows_total))

    def _done(self, doc: dict[str, Any]) -> None:
        self.timer.stop()
        self.doc = doc
        self.status.setText(self._summary())
        self.export_button.setEnabled(True)
        self.draw()
        if doc.get("sharpness"):
            self.measured.emit(self.run_dirs())

    def _failed(self, exc: Exception) -> None:
        self.status.setText("<span style='color:#c0392b'>{}</span>".format(
            self.tr("The landscape cannot be drawn: {problem}").format(problem=exc)))

    def _stopped(self, task: background.Task) -> None:
        if task is not self.task:
            return  # a cancelled task ending after a newer one began
        self.timer.stop()
        self.task = None
        self.cancel_button.setEnabled(False)
        self.compute_button.setEnabled(len(self.runs) in (1, 2))

    # -- showing -------------------------------------------------------------------------------------------------
    def labels(self) -> dict[str, str]:
        return {r.run_id: r.label for r in self.runs}

    def draw(self) -> None:
        """The finished document in the shown quantity (nothing while a computation fills the plot)."""
        doc, key = self.doc, self.quantity.currentData() or "loss"
        if doc is None and self.task is not None:
            return
        if doc is None:
            self.plot.show_line([], [], {}, {}, log=False)
            return
        if doc["kind"] == "line":
            self.plot.show_line(doc["xs"], doc[key], doc.get("paths", {}), self.labels(), log=key == "loss")
            self.plot.setLabel("bottom", self.tr("α: 0 = the start weights, 1 = the end weights"))
            self.plot.setLabel("left", self.tr(QUANTITY_NAMES[key]))
        else:
            self.plot.begin_plane(doc["xs"], doc["ys"], log=key == "loss")
            for j, row in enumerate(doc[key]):
                self.plot.set_row(j, row)
            self.plot.finish_plane(doc.get("paths", {}), doc.get("ends", {}), self.labels())
            self._plane_axes(doc)

    def _plane_axes(self, doc: dict[str, Any]) -> None:
        basis = doc.get("basis")
        if basis == "pca":
            shares = doc.get("explained") or [0.0, 0.0]
            x = self.tr("first PCA direction of the path ({share:.0%} of its movement)").format(share=shares[0])
            y = self.tr("second PCA direction ({share:.0%})").format(share=shares[1])
        elif basis == "random":
            x, y = self.tr("random direction 1 (filter-normalised)"), self.tr("random direction 2")
        else:
            names = [self.labels().get(r, r) for r in doc["runs"]]
            x = self.tr("toward {run}'s end").format(run=names[0])
            y = self.tr("toward {run}'s end").format(run=names[-1])
        self.plot.setLabel("bottom", x)
        self.plot.setLabel("left", y)

    def _summary(self) -> str:
        doc = self.doc or {}
        text = self.tr("{n} probe samples, computed in {seconds:.1f} s.").format(
            n=doc.get("samples", 0), seconds=doc.get("seconds", 0.0))
        for run_id, value in (doc.get("sharpness") or {}).items():
            text += " " + self.tr("Sharpness of {run} (top Hessian eigenvalue): {value:.4g}.").format(
                run=self.labels().get(run_id, run_id), value=value)
        losses = {r.run_id: r.loss for r in self.runs}
        if len({losses.get(r) for r in doc.get("runs", [])}) > 1:
            text += " " + self.tr("The surface is {run}'s loss; each sharpness is in its own run's loss (Keras's "
                                  "\"mse\" divides the article's loss by the number of classes, and so its "
                                  "sharpness).").format(
                run=self.labels().get(doc["runs"][0], doc["runs"][0]))
        return text

    def _show_hint(self) -> None:
        view = self.view.currentData()
        if len(self.runs) not in (1, 2):
            self.hint.setText(self.tr("Select one run in the table, or two runs trained from the same start "
                                      "(same model and seed), then press Compute."))
        elif view == "line":
            self.hint.setText(self.tr("The loss on the straight line through the start (α = 0) and end (α = 1) "
                                      "weights; dots: the weights kept after each epoch, at their projections, "
                                      "with their real loss (Goodfellow, Vinyals & Saxe 2015)."))
        elif view == "two":
            self.hint.setText(self.tr("(0, 0) is the common start; across: toward the first run's end, up: toward "
                                      "the second's, off the first axis. Each line is one run's path, epoch by "
                                      "epoch; a star is its end. An end on a slope the other run went down is a "
                                      "run that stopped short; the sharpness says how narrow each end's valley "
                                      "is."))
        else:
            self.hint.setText(self.tr("Centred on the end weights (0, 0); colour: the loss on the probe set (log "
                                      "scale), lines: contours. The PCA plane holds the path's main directions "
                                      "and draws it; random directions are scaled to each filter's weights "
                                      "(Li et al. 2018)."))

    # -- export ----------------------------------------------------------------------------------------------------
    def export_grid(self, path: Path | None = None) -> Path | None:
        """The shown grid as CSV or .npz (by the file's extension); asks where when no path is given."""
        if self.doc is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the grid"), "landscape.csv",
                                                    "CSV (*.csv);;NumPy (*.npz)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            if path.suffix.lower() == ".npz":
                ls.write_grid(self.doc, npz=path)
            else:
                ls.write_grid(self.doc, csv=path)
        except OSError as exc:
            self.status.setText(self.tr("Cannot write {path}: {problem}").format(path=path,
                                                                               problem=exc.strerror or exc))
            return None
        return path
