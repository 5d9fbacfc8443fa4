"""The difference of two selected settings, in words and by epoch: is it more than the luck of the seed, and
from which epoch on?

The label says b − a at the last epoch (95% CI, Welch's p, Hedges' g) and the first epoch from which the two
stay apart after Holm's correction; the "By epoch" view (`PartingPlot`) draws b − a at every epoch with its band.
Both are recomputed from the experiment's data in memory, never from files.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel

from workbench.experiments.parting import Parting
from workbench.gui.language import Retranslating
from workbench.gui.widgets.parting_plot import PartingPlot

METRIC_NAMES = {
    "val_accuracy": QT_TRANSLATE_NOOP("ExperimentsPanel", "validation accuracy"),
    "val_loss": QT_TRANSLATE_NOOP("ExperimentsPanel", "validation loss"),
    "accuracy": QT_TRANSLATE_NOOP("ExperimentsPanel", "training accuracy"),
    "loss": QT_TRANSLATE_NOOP("ExperimentsPanel", "training loss"),
}


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def metric_title(metric: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("ExperimentsPanel", METRIC_NAMES[metric])


class DifferenceLabel(Retranslating, QLabel):
    """Says what the difference of two selected settings is, and draws it by epoch on `plot`."""

    def __init__(self, plot: PartingPlot) -> None:
        super().__init__(objectName="experimentDifference", wordWrap=True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = plot
        self.data = None
        self.labels: list[str] = []
        self.metric_key = "val_accuracy"  # (not `metric`: QWidget.metric is a virtual Qt calls)
        self.parting: Parting | None = None

    def show_for(self, data, labels: list[str], metric: str) -> None:
        """`data` (ExperimentData or None), the selected labels in selection order, the chosen metric."""
        from workbench.experiments.parting import part

        self.data, self.labels, self.metric_key = data, list(labels), metric
        self.parting = None
        if data is not None and len(labels) == 2:
            by_label = {c.label: c for c in data.curves(metric)}
            if all(label in by_label for label in labels):
                self.parting = part(by_label[labels[0]], by_label[labels[1]], metric)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.text_now())
        percent = self.metric_key.endswith("accuracy")
        title = self.tr("{b} − {a}").format(a=self.labels[0], b=self.labels[1]) if self.parting else ""
        y = self.tr("difference in {metric}").format(metric=metric_title(self.metric_key)) + (
            self.tr(" (points)") if percent else "")
        self.plot.set_parting(self.parting, title, y, self.tr("epoch"), percent)

    def text_now(self) -> str:
        if self.data is None:
            return ""
        if len(self.labels) != 2:
            return self.tr("Select two rows to see their difference with its 95% confidence interval.")
        return self.final_text() + "<br>" + self.parting_text()

    def final_text(self) -> str:
        """b − a at the end of training."""
        from workbench.experiments.stats import difference

        a, b = self.labels
        d = difference(self.data.finals(a, self.metric_key), self.data.finals(b, self.metric_key))
        if d is None:
            return self.tr("{b} − {a}: each needs at least two finished seeds for a confidence interval.").format(
                a=a, b=b)
        scale, unit = (100.0, self.tr(" points")) if self.metric_key.endswith("accuracy") else (1.0, "")
        digits = 2 if scale == 100 else 4
        seeds = (self.tr("{n} seeds each").format(n=d.n_a) if d.n_a == d.n_b
                 else self.tr("{n_a} and {n_b} seeds").format(n_a=d.n_a, n_b=d.n_b))
        text = self.tr("<b>{b} − {a}</b> ({metric}): {delta}{unit}, 95% CI [{low}, {high}], {p}, {seeds}").format(
            b=b, a=a, metric=metric_title(self.metric_key), delta=f"{d.delta * scale:+.{digits}f}", unit=unit,
            low=f"{d.low * scale:.{digits}f}", high=f"{d.high * scale:.{digits}f}", p=p_text(d.p), seeds=seeds)
        if d.g is not None:
            text += self.tr(", Hedges' g {g}").format(g=f"{d.g:+.2f}")
        if d.low > 0 or d.high < 0:
            return text + "<br>" + self.tr("The interval excludes 0: more than the luck of the seed.")
        return text + "<br>" + self.tr("The interval includes 0: this could be the luck of the seed.")

    def parting_text(self) -> str:
        """From which epoch on the two stay apart (Holm-corrected over the epochs)."""
        found = self.parting
        if found is None or not found.epochs:
            return self.tr("By epoch: each needs two seeds at an epoch to compare it.")
        if found.first_epoch is None:
            return self.tr("By epoch: not apart at the last epoch after Holm's correction ({p}).").format(
                p=p_text(found.epochs[-1].p_holm))
        at = found.at(found.first_epoch)
        g = self.tr(", Hedges' g {g} there").format(g=f"{at.g:+.2f}") if at.g is not None else ""
        return self.tr("<b>{leader} leads from epoch {epoch} on</b>: p ≤ {p} at every epoch since, after Holm's "
                       "correction{g}.").format(leader=found.leader, epoch=found.first_epoch,
                                                p=f"{found.worst_p:.2g}", g=g)
