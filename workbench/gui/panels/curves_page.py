"""The Curves tab: the loss and accuracy plots with their view bar (smoothing, outliers, log loss, x axis),
the line-style key and the first-run hint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from workbench.gui.language import Retranslating
from workbench.gui.widgets.plots import PlotPanel, line_styles


class CurvesPage(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="curvesPage")
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
        for widget, stretch in ((self.smoothing_title, 0), (self.smoothing, 1), (self.smoothing_label, 0),
                                (self.outliers_check, 0), (self.log_scale, 0), (self.x_axis, 0)):
            view_bar.addWidget(widget, stretch)
        self.line_styles = QLabel(objectName="lineStylesLabel", wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = QLabel(objectName="emptyHint", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(view_bar)
        layout.addWidget(self.line_styles)  # full width: it wraps (centred) rather than widening the window
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.plots, 1)
        self.article_filled = False
        self.smoothing.valueChanged.connect(self._smoothing_changed)
        self.log_scale.toggled.connect(self.plots.set_log_y)
        self.outliers_check.toggled.connect(self.plots.set_ignore_outliers)
        self.plots.outliers_changed.connect(self.outliers_check.setChecked)
        self.x_axis.currentIndexChanged.connect(lambda: self.plots.set_x_in_epochs(self.x_axis.currentData()))
        self.retranslate()

    def retranslate(self) -> None:
        self.smoothing.setToolTip(self.tr("Smoothing of the per-batch curves (TensorBoard's debiased moving "
                                          "average); the raw curve stays as a faint shadow"))
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
        self._hint_text()

    def _smoothing_changed(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        self.plots.set_smoothing(value / 100)

    def update_hint(self, any_runs: bool, article_filled: bool) -> None:
        """The first-run hint, shown while there is no run; it says the article's settings are filled in only
        while they are."""
        self.article_filled = article_filled
        self.empty_hint.setVisible(not self.plots.runs and not any_runs)
        self._hint_text()

    def _hint_text(self) -> None:
        filled = self.tr("The article's settings are filled in: MLP 256-128-10, SGD lr 0.01, sum-of-squares "
                         "loss, batch 32.") + "<br>" if self.article_filled else ""
        self.empty_hint.setText(self.tr("<h3>No runs yet</h3><p>{filled}Press <b>Start</b> (Ctrl+R) to train, or "
                                        "<b>Compare optimizers</b> to see SGD against Adam.</p>").format(filled=filled))
