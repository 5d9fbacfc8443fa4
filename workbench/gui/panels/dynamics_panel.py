"""The Dynamics tab: what each layer does per step, for the runs selected in the table (and the live run).

Per-layer lines over training steps from each run's `dynamics.csv`: the update/weight ratio ‖Δw‖/‖w‖ on a log
scale with CS231n's rule-of-thumb band around 1e-3, the gradient norm on a probe batch, the weight norm, and
the fraction of dead ReLU units; above the plot, what the measured values say layer by layer (too small or
too large a step, dead units, with the cause and what to change). One colour per run, one line style per layer; several runs overlay as the
curves do. The files are small (a row per layer per sample), so they are read again whenever the selection
changes or the live run finishes an epoch.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from workbench.analysis.layer_diagnosis import LayerFinding, diagnose, summary_line
from workbench.core.run_summary import RunSummary
from workbench.core.runs import RunFolder
from workbench.gui.language import Retranslating
from workbench.gui.panels.following import FollowsSelection
from workbench.gui.widgets import plot_menu
from workbench.gui.widgets.decade_axis import DecadeAxis
from workbench.gui.widgets.plot_colors import follow_palette
from workbench.gui.widgets.plots import PALETTE

QUANTITIES = {
    "update_ratio": QT_TRANSLATE_NOOP("DynamicsPanel", "update / weight ratio ‖Δw‖/‖w‖ per step"),
    "grad_norm": QT_TRANSLATE_NOOP("DynamicsPanel", "gradient norm ‖∂L/∂w‖ (probe batch)"),
    "weight_norm": QT_TRANSLATE_NOOP("DynamicsPanel", "weight norm ‖w‖"),
    "dead_fraction": QT_TRANSLATE_NOOP("DynamicsPanel", "dead ReLU units (fraction of the layer)"),
    "weights": QT_TRANSLATE_NOOP("DynamicsPanel", "weights: distribution over time"),
    "outputs": QT_TRANSLATE_NOOP("DynamicsPanel", "outputs on the probe images: distribution over time"),
}
HISTOGRAMS = ("weights", "outputs")
STYLES = [Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine]
BAND = (10 ** -3.5, 10 ** -2.5)  # around 1e-3: CS231n's rule of thumb for a healthy update/weight ratio


class DynamicsPanel(FollowsSelection, Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dynamicsPanel")
        self.quantity = QComboBox(objectName="dynamicsQuantity")
        for key in QUANTITIES:
            self.quantity.addItem("", key)
        self.quantity.currentIndexChanged.connect(self.redraw)
        self.layer = QComboBox(objectName="dynamicsLayer")
        self.layer.currentIndexChanged.connect(self.redraw)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.hint = QLabel(objectName="dynamicsHint", wordWrap=True)
        self.diagnosis = QLabel(objectName="dynamicsDiagnosis", wordWrap=True,
                                textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = pg.PlotWidget(objectName="dynamicsPlot", axisItems={"left": DecadeAxis("left")})
        plot_menu.install(self.plot, "dynamics")
        self.legend = self.plot.plotItem.addLegend(offset=(-10, 10))
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # "1 (x0.001)" read as 1: say 0.001
        self.band = pg.LinearRegionItem(values=[np.log10(v) for v in BAND], orientation="horizontal", movable=False)
        self.target = pg.InfiniteLine(pos=-3, angle=0, movable=False, pen=pg.mkPen((120, 120, 120), width=1,
                                                                                   style=Qt.PenStyle.DashLine))
        bar = QHBoxLayout()
        bar.addWidget(self.quantity)
        bar.addWidget(self.layer)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.hint)
        layout.addWidget(self.diagnosis)
        layout.addWidget(self.plot, 1)
        self.runs: list[tuple[str, str, list[dict]]] = []  # (run id, label, dynamics rows)
        self.run_dirs: list[Path] = []
        self.findings: list[tuple[str, LayerFinding]] = []  # (run label, finding), as shown
        self.histograms: list[dict] = []  # the first selected run's (histograms.jsonl)
        self.apply_palette()
        self.retranslate()

    def apply_palette(self) -> None:
        follow_palette(self.plot, self.legend)
        self.band.setBrush(pg.mkBrush(QColor(44, 160, 44, 40)))

    def retranslate(self) -> None:
        for i in range(self.quantity.count()):
            self.quantity.setItemText(i, self.tr(QUANTITIES[self.quantity.itemData(i)]))
        self.quantity.setAccessibleName(self.tr("Instrument"))
        self.plot.setLabel("bottom", self.tr("training step"))
        self.redraw()

    def show_selection(self, runs: list[RunSummary], live_dir: Path | None) -> None:
        self.show_runs(runs, live_dir)

    def show_runs(self, runs: list[RunSummary], live_dir: Path | None = None) -> None:
        """The selected runs' instruments (and the live run's, as far as it has written them)."""
        shown = []
        dirs = [(Path(r.run_dir), r.label) for r in runs]
        if live_dir is not None and all(d != live_dir for d, _ in dirs):
            dirs.append((live_dir, live_dir.name))
        for run_dir, label in dirs:
            shown.append((run_dir.name, label, RunFolder(run_dir).dynamics()))
        self.runs = shown
        self.run_dirs = [d for d, _ in dirs]
        self.histograms = RunFolder(dirs[0][0]).histograms() if dirs else []
        self.hist_label = dirs[0][1] if dirs else ""
        layers = list(dict.fromkeys(h["layer"] for h in self.histograms))
        current = self.layer.currentText()
        self.layer.blockSignals(True)
        self.layer.clear()
        self.layer.addItems(layers)
        if current in layers:
            self.layer.setCurrentText(current)
        self.layer.blockSignals(False)
        self.redraw()

    def key(self) -> str:
        return self.quantity.currentData() or "update_ratio"

    def show_diagnosis(self) -> None:
        """What the measured values say, layer by layer (`analysis.layer_diagnosis`), for each shown run."""
        self.findings = []
        lines = []
        for run_dir, (_rid, label, rows) in zip(self.run_dirs, self.runs, strict=True):
            if not rows:
                continue
            folder = RunFolder(run_dir)
            found = diagnose(rows, folder.config(), folder.steps_per_epoch())
            prefix = f"{label}: " if len(self.runs) > 1 else ""
            self.findings += [(label, f) for f in found]
            lines += [f"• {prefix}{f.text}" for f in found] or [f"• {prefix}{summary_line([], True)}"]
        self.diagnosis.setText("\n".join(lines))
        self.diagnosis.setVisible(bool(lines))

    def redraw(self) -> None:
        key = self.key()
        self.show_diagnosis()
        self.plot.plotItem.clear()
        self.legend.clear()
        self.layer.setVisible(key in HISTOGRAMS)
        if key in HISTOGRAMS:
            self._draw_histograms(key)
            return
        log = key != "dead_fraction"
        self.plot.setLogMode(x=False, y=log)
        self.plot.setLabel("left", self.tr(QUANTITIES[key]))
        if key == "update_ratio":
            self.plot.addItem(self.band)
            self.plot.addItem(self.target)
        self.plot.setToolTip(self.tr(
            "The green band, 10^-3.5 to 10^-2.5 around 1e-3: CS231n's rule of thumb for the ratio of an update to "
            "its weights (Stanford CS231n, Neural Networks Part 3, \"Ratio of weights:updates\"). Each sample is "
            "one training step's update, in fast mode too.") if key == "update_ratio" else "")
        with_rows = [(i, rid, label, rows) for i, (rid, label, rows) in enumerate(self.runs) if rows]
        if not self.runs:
            self.hint.setText(self.tr("Select runs in the table to see what each of their layers does per step."))
        elif not with_rows:
            self.hint.setText(self.tr("These runs have no instruments: set Training options → Instruments to "
                                      "every N steps (0 is off) and train."))
        else:
            self.hint.setText(self.tr("One colour per run, one line style per layer. The green band: an update of "
                                      "about 1e-3 of the weights per step, the usual healthy range (CS231n). "
                                      "Each sample is one training step, in fast mode too."))
        for i, _rid, label, rows in with_rows:
            color = QColor(PALETTE[i % len(PALETTE)])
            layers = list(dict.fromkeys(r["layer"] for r in rows))
            for j, layer in enumerate(layers):
                points = [(r["step"], r[key]) for r in rows if r["layer"] == layer and r[key] is not None
                          and (r[key] > 0 or not log)]
                if not points:
                    continue
                x, y = np.array(points, dtype=float).T
                item = pg.PlotDataItem(x, y, pen=pg.mkPen(color, width=2, style=STYLES[j % len(STYLES)]),
                                       name=f"{label} · {layer}")
                self.plot.addItem(item)
        self.plot.plotItem.enableAutoRange()

    def _draw_histograms(self, kind: str) -> None:
        """The first selected run's histograms of one layer as an image: steps across, values up, the share of
        the values in each bin as colour on a log scale (`image_shares` holds the shares; columns sum to 1)."""
        self.plot.setLogMode(x=False, y=False)
        self.plot.setLabel("left", self.tr(QUANTITIES[kind]))
        rows = [h for h in self.histograms if h["kind"] == kind and h["layer"] == self.layer.currentText()]
        if not rows:
            self.hint.setText(self.tr("Select a run with instruments to see how its layers' values spread out "
                                      "over training."))
            return
        counts = np.array([h["counts"] for h in rows], dtype=float)
        counts /= np.maximum(counts.sum(axis=1, keepdims=True), 1)
        self.image_shares = counts.T
        steps = np.array([h["step"] for h in rows], dtype=float)
        low, high = rows[0]["low"], rows[0]["high"]
        self.image.setImage(np.log10(counts.T + 1e-4), autoLevels=True)  # log: the tails show beside ReLU's zeros
        width = (steps[-1] - steps[0]) / max(len(steps) - 1, 1) if len(steps) > 1 else 1.0
        self.image.setRect(steps[0] - width / 2, low, width * len(steps), high - low)
        self.plot.addItem(self.image)
        self.hint.setText(self.tr("{run} · {layer}: each column is one sample, bright where most of the values "
                                  "lie (range fixed at the first sample; values beyond it in the end "
                                  "bins).").format(run=self.hist_label, layer=self.layer.currentText()))
        self.plot.plotItem.enableAutoRange()
