"""The LR range test in the window: the loss as the learning rate grows, fastai's three suggestions on the curve
(steepest, valley, minimum ÷ 10), each with what it means, and "use this lr".

The test runs as a background task (TensorFlow in a thread of its own, `background.run`); its progress is a
pair of numbers the task writes and a GUI timer reads, so no widget is touched off the GUI thread.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from workbench.core.config import TrainConfig
from workbench.gui import background
from workbench.gui.language import Retranslating
from workbench.gui.widgets import plot_menu


def run_lr_find(config: TrainConfig, progress: list[int]) -> dict:
    """The test (a background task): TensorFlow as the trainer thread starts it."""
    from workbench.gui.worker import start_tensorflow

    start_tensorflow()
    from workbench.training.lr_find import lr_find

    def seen(i: int, n: int) -> None:
        progress[:] = [i, n]

    return lr_find(config, progress=seen).to_dict()


class LrFindDialog(Retranslating, QDialog):
    """Runs the test for the settings given; `use_lr` carries the learning rate the user picks."""

    use_lr = Signal(float)
    try_lrs = Signal(list)  # the suggested learning rates, rounded as the buttons set them, to train as an experiment

    def __init__(self, config: TrainConfig, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lrFindDialog")
        self.config = config
        self.result: dict | None = None
        self.progress = [0, 0]  # written by the task, read by the timer
        self.plot = pg.PlotWidget(objectName="lrFindPlot")
        plot_menu.install(self.plot, "lr-range-test")
        self.plot.setLogMode(x=True, y=False)
        self.plot.setBackground(self.palette().base().color())
        self.raw = self.plot.plot(pen=pg.mkPen(QColor(120, 120, 120, 110), width=1))
        self.smooth = self.plot.plot(pen=pg.mkPen("#1f77b4", width=2.5))
        self.steep_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#d62728", width=2))
        self.valley_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#2ca02c", width=2))
        self.minimum_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#ff7f0e", width=2, style=Qt.PenStyle.DashLine))
        for line in (self.steep_line, self.valley_line, self.minimum_line):
            line.setVisible(False)
            self.plot.addItem(line)
        self.status = QLabel(objectName="lrFindStatus", wordWrap=True)
        self.use_steep = QPushButton(objectName="lrFindUseSteepest", enabled=False)
        self.use_valley = QPushButton(objectName="lrFindUseValley", enabled=False)
        self.use_minimum = QPushButton(objectName="lrFindUseMinimum", enabled=False)
        self.try_button = QPushButton(objectName="lrFindTry", enabled=False)
        self.close_button = QPushButton(objectName="lrFindClose")
        self.use_steep.clicked.connect(lambda: self._use("suggested_lr"))
        self.use_valley.clicked.connect(lambda: self._use("valley_lr"))
        self.use_minimum.clicked.connect(lambda: self._use("minimum_lr"))
        self.try_button.clicked.connect(self._try)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.use_steep)
        buttons.addWidget(self.use_valley)
        buttons.addWidget(self.use_minimum)
        buttons.addWidget(self.try_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(720, 480)
        self.timer = QTimer(self, interval=100)
        self.timer.timeout.connect(self._show_progress)
        self.task = background.run(run_lr_find, config, self.progress, returned=self._done, errored=self._failed,
                                   parent=self)
        self.timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Find the learning rate"))
        self.plot.setLabel("bottom", self.tr("learning rate (log)"))
        self.plot.setLabel("left", self.tr("training loss"))
        self.close_button.setText(self.tr("Close"))
        self.try_button.setText(self.tr("Try them…"))
        self.try_button.setToolTip(self.tr("Train each suggested learning rate with the seeds of Compare (the "
                                           "settings' seed and the next ones) as an experiment: the Experiments "
                                           "tab shows which wins, with its spread."))
        self._show_result()

    def _show_progress(self) -> None:
        if self.result is None:
            i, n = self.progress
            self.status.setText(self.tr("Training {method} with the learning rate growing from 1e-6 to 10… step "
                                        "{i} of at most {n}").format(method=self.config.method, i=i, n=n or 300))

    def _done(self, result: dict) -> None:
        self.timer.stop()
        self.result = result
        self._show_result()

    def _failed(self, exc: Exception) -> None:
        self.timer.stop()
        self.status.setText(self.tr("The test failed: {problem}").format(problem=exc))

    def _show_result(self) -> None:
        r = self.result
        texts = {"suggested_lr": self.tr("Use {lr} (steepest)"), "valley_lr": self.tr("Use {lr} (valley)"),
                 "minimum_lr": self.tr("Use {lr} (minimum ÷ 10)")}
        for key, button, line in (("suggested_lr", self.use_steep, self.steep_line),
                                  ("valley_lr", self.use_valley, self.valley_line),
                                  ("minimum_lr", self.use_minimum, self.minimum_line)):
            value = r.get(key) if r else None
            button.setEnabled(value is not None)
            button.setText(texts[key].format(lr=f"{value:.2g}" if value is not None else "—"))
            line.setVisible(value is not None)
            if value is not None:
                line.setValue(np.log10(value))
        self.try_button.setEnabled(bool(self.suggested()))
        if r is None:
            self._show_progress()
            return
        lrs = np.array(r["lrs"])
        self.raw.setData(lrs, np.array(r["raw_losses"]))
        self.smooth.setData(lrs, np.array(r["losses"]))
        finite = np.array(r["losses"])[np.isfinite(r["losses"])]
        if len(finite):
            self.plot.setYRange(float(finite.min()) * 0.9, float(finite[0]) * 1.6)
        self.status.setText("\n".join(self.readings(r, len(lrs))))

    def readings(self, r: dict, n: int) -> list[str]:
        """What the curve says, a line each: the test, then each suggestion with its meaning."""
        def lr(key: str) -> str:
            return f"{r[key]:.2g}" if r.get(key) else "—"

        return [
            self.tr("{method}, {loss}, {optimizer}: the loss (blue, smoothed; grey, each step) as the learning rate "
                    "grows over {n} steps{end}.").format(
                method=r.get("method"), loss=r.get("loss"), optimizer=r.get("optimizer"), n=n,
                end=self.tr(", until it exploded") if r.get("exploded") else ""),
            self.tr("Red, steepest, {lr}: where the loss falls fastest; the boldest of the three.").format(
                lr=lr("suggested_lr")),
            self.tr("Green, valley, {lr}: two thirds along the longest fall of the loss; a safer choice.").format(
                lr=lr("valley_lr")),
            self.tr("Orange, minimum ÷ 10, {lr}: a tenth of the rate at the lowest loss, well before the loss turns "
                    "up.").format(lr=lr("minimum_lr")),
            self.tr("Under SGD, Keras's \"mse\" moves all three 10× to the right of the article's loss."),
        ]

    def suggested(self) -> list[float]:
        """The distinct suggestions, rounded to two significant figures."""
        if not self.result:
            return []
        keys = ("suggested_lr", "valley_lr", "minimum_lr")
        return sorted({float(f"{self.result[k]:.2g}") for k in keys if self.result.get(k)})

    def _try(self) -> None:
        if lrs := self.suggested():
            self.try_lrs.emit(lrs)
            self.accept()

    def _use(self, key: str) -> None:
        if self.result and self.result.get(key):
            self.use_lr.emit(float(f"{self.result[key]:.2g}"))
            self.accept()
