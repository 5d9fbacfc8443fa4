"""The actions under the settings: Start, Stop, the progress bar, Compare optimizers, TensorBoard, Export…, Find lr….

They sit outside the settings' scroll area, so on a laptop screen every action stays in sight however far the
settings scroll (as Qt apps and TensorBoard keep their controls in view). The progress text is made to fit the
bar: the least useful parts are left out when it is narrow, and the whole text is in the bar's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workbench.core.runs import status_word
from workbench.gui.language import Retranslating


def fit_parts(parts: list[tuple[str, int]], fits: Callable[[str], bool]) -> str:
    """The texts joined with " · ", leaving out parts until the text `fits`.

    Each part is (text, rank): rank 0 is always kept; the highest rank goes first. Order is kept.
    """
    kept = list(parts)
    while True:
        text = " · ".join(t for t, _ in kept)
        droppable = [p for p in kept if p[1] > 0]
        if fits(text) or not droppable:
            return text
        kept.remove(max(droppable, key=lambda p: p[1]))


class ActionPanel(Retranslating, QWidget):
    """Start/Stop, progress, Compare optimizers with its seeds, and the tools; always visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionPanel")
        self.start_button = QPushButton(objectName="startButton")
        self.stop_button = QPushButton(objectName="stopButton", enabled=False)
        self.compare_button = QPushButton(objectName="compareButton")
        self.seeds_spin = QSpinBox(objectName="compareSeedsSpin", minimum=1, maximum=20, value=3)
        self.seeds_label = QLabel()
        self.seeds_label.setBuddy(self.seeds_spin)
        self.tensorboard_button = QPushButton(objectName="tensorboardButton")
        self.export_button = QPushButton(objectName="exportButton")
        self.lr_find_button = QPushButton(objectName="lrFindButton")
        self.start_button.setDefault(True)
        self.progress = QProgressBar(objectName="progressBar")
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress_status = ""  # the status the bar shows when no run is going ("" = ready)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 4, 9, 4)
        for row in ((self.start_button, self.stop_button), (self.progress,),
                    (self.compare_button, self.seeds_label, self.seeds_spin),
                    (self.tensorboard_button, self.export_button, self.lr_find_button)):
            line = QHBoxLayout()
            for i, widget in enumerate(row):
                line.addWidget(widget, 1 if (i == 0 and widget is self.compare_button) else 0)
            layout.addLayout(line)
        self.retranslate()

    def retranslate(self) -> None:
        for button, text, tip, name in (
            (self.start_button, self.tr("Start"), self.tr("Train with these settings (Ctrl+R)"),
             self.tr("Start training")),
            (self.stop_button, self.tr("Stop"), self.tr("Stop at the next batch; the run is kept (Esc)"),
             self.tr("Stop training")),
            (self.compare_button, self.tr("Compare optimizers"),
             self.tr("Run these settings with SGD (lr 0.01) and with Adam (lr 0.001), once per seed, then show "
                     "their mean ± std and the difference with its confidence interval"),
             self.tr("Compare optimizers")),
            (self.tensorboard_button, "TensorBoard",
             self.tr("Open TensorBoard on the runs folder, showing the runs selected in the table (Ctrl+T)"),
             self.tr("Open TensorBoard")),
            (self.export_button, self.tr("Export…"),
             self.tr("Export the plots (PNG, SVG, PDF) and data (CSV) of the selected runs (Ctrl+E)"),
             self.tr("Export")),
            (self.lr_find_button, self.tr("Find lr…"),
             self.tr("LR range test: train these settings for a few hundred steps with the learning rate growing "
                     "from 1e-6 to 10, see where the loss falls fastest, and use that learning rate"),
             self.tr("Find the learning rate")),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(name)
        self.progress.setAccessibleName(self.tr("Training progress"))
        self.seeds_label.setText(self.tr("× seeds"))
        self.seeds_spin.setToolTip(self.tr("Compare optimizers and Reproduce the article train each setting with this "
                                           "many seeds (the settings' seed, +1, +2, …): a difference larger than "
                                           "the spread of the seeds is not luck"))
        self.seeds_spin.setAccessibleName(self.tr("Seeds per setting"))
        if self.progress.minimum() == self.progress.maximum() == 0 or not self.progress_status:
            self.show_status(self.progress_status)

    def set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.compare_button.setEnabled(not running)
        self.seeds_spin.setEnabled(not running)
        self.lr_find_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        if running:
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("preparing…"))
            self.progress.setToolTip("")

    def show_progress(self, points: dict, epochs: int, steps: int, trial: dict | None) -> None:
        """A batch report: the bar's value, and as much of its text as fits the bar (all of it in the tooltip)."""
        if self.progress.maximum() != points["total"]:
            self.progress.setRange(0, points["total"])
        self.progress.setValue(points["done"])
        parts: list[tuple[str, int]] = []
        if trial:
            parts.append((self.tr("run {n} of {total}").format(n=trial["done"] + 1, total=trial["total"]), 1))
        parts += [(self.tr("epoch {epoch}/{epochs}").format(epoch=points["epoch"], epochs=epochs), 0),
                  (self.tr("batch {batch}/{steps}").format(batch=points["batch"], steps=steps), 2),
                  (self.tr("ETA {eta}").format(eta=points["eta"]), 0)]
        metrics = QFontMetrics(self.progress.font())
        room = self.progress.contentsRect().width() - 12
        self.progress.setFormat(fit_parts(parts, lambda text: metrics.horizontalAdvance(text) <= room))
        self.progress.setToolTip(fit_parts(parts, lambda _text: True))

    def finish(self, status: str | None) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(100 if status == "completed" else 0)
        self.show_status(status or "")

    def show_status(self, status: str) -> None:
        """What the bar says when no run is going: the last run's status, or ready."""
        self.progress_status = status
        self.progress.setFormat(status_word(status) if status else self.tr("ready"))
        self.progress.setToolTip("")
