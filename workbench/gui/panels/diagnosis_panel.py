"""A live diagnosis next to the plots: what the current settings do, measured on a real batch.

It re-measures (diagnostics.explain, in a background thread) shortly after
the user changes a setting, and says in plain words when the settings fall
into one of the article's pitfalls.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.i18n import translate
from workbench.core.runs import FINDINGS
from workbench.gui.background import Latest
from workbench.gui.language import Retranslating


def _explain(config: TrainConfig) -> dict:
    from workbench.analysis.diagnostics import explain

    return explain(config)


def _model_name(spec: str) -> str:
    """`convnet.py:build` for a file's function, the file's name for a saved model, else the built-in's name."""
    from pathlib import Path

    if ".py:" in spec:
        path, function = spec.rsplit(":", 1)
        return f"{Path(path).name}:{function}"
    return Path(spec).name


def render(report: dict, dark: bool = False) -> str:
    """The report as short rich text for students (colours readable on light and dark palettes)."""
    warn, ok = ("#ffb74d", "#81c784") if dark else ("#b35900", "#2e7d32")
    cfg = report["config"]
    scale, eff = report["loss_scale_vs_sum_mse"], report["effective_lr_vs_sum_mse"]
    feeds = (QCoreApplication.translate("DiagnosisPanel", "{method} feeds one-hot labels") if report["label_format"] == "onehot" else
             QCoreApplication.translate("DiagnosisPanel", "{method} feeds integer labels")).format(method=cfg["method"])
    lines = [
        QCoreApplication.translate("DiagnosisPanel", "<b>Loss</b> {loss}: {scale}× the article's sum-of-squares loss; one {optimizer} step "
                             "is {effective}× as large (like lr {lr} with the article's loss).").format(
            loss=html.escape(cfg["loss"]), scale=f"{scale:.3g}", optimizer=cfg["optimizer"].upper(),
            effective=f"{eff:.3g}", lr=f"{report['effective_lr']:.3g}"),
        QCoreApplication.translate("DiagnosisPanel", "<b>Metric</b> '{metric}' → {resolved} ({feeds}).").format(
            metric=html.escape(cfg["metric"]), resolved=html.escape(report["resolved_metric"]), feeds=feeds),
    ]
    model = report.get("model")
    if model:  # the network as built from the settings, before training
        parts = [f"{layer['type']}" + (f" {tuple(layer['output_shape'])}" if layer["output_shape"] else "")
                 for layer in model["layers"] if layer["type"] != "InputLayer"]
        shown_parts = " → ".join(parts[:10]) + (" → …" if len(parts) > 10 else "")
        lines.append(QCoreApplication.translate(
            "DiagnosisPanel", "<b>Model</b> {name}: {n} layers, {params} parameters: {layers}.").format(
            name=html.escape(_model_name(model["name"])), n=len(parts), params=f"{model['params']:,}",
            layers=html.escape(shown_parts)))
    reported = report.get("loss_report")
    if reported:  # the custom method: what its test_step makes fit report, against the true mean loss
        lines.append(QCoreApplication.translate(
            "DiagnosisPanel", "<b>Val loss</b> ({mode}): Keras reports {reported}, the true mean loss is {true}.")
            .format(mode=html.escape(reported["mode"]), reported=f"{reported['reported_val_loss']:.4g}",
                    true=f"{reported['true_val_loss']:.4g}"))
    if report.get("findings"):
        names = " · ".join(translate("findings", FINDINGS[n]) for n in report["findings"])
        lines.append(f"<span style='color:{warn}'><b>"
                     + QCoreApplication.translate("DiagnosisPanel", "The article's findings here:")
                     + f"</b> {html.escape(names)}</span>")
    for warning in report["warnings"]:
        lines.append(f"<span style='color:{warn}'>⚠ {html.escape(warning)}</span>")
    if not report["warnings"]:
        lines.append(f"<span style='color:{ok}'>✓ "
                     + QCoreApplication.translate("DiagnosisPanel", "No pitfall from the article in these settings.") + "</span>")
    return "<br>".join(lines)


class DiagnosisPanel(Retranslating, QWidget):
    """Shows `explain` for the settings; call `request(config)` when they change."""

    DEBOUNCE_MS = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosisPanel")
        self.text = QLabel(objectName="diagnosisText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(self.text.textFormat().RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.text)
        self.report: dict | None = None
        self._pending: TrainConfig | None = None
        self._measuring = Latest(self)  # a newer request replaces an older one; stale answers are dropped
        self.enabled = False
        self._timer = QTimer(self, singleShot=True, interval=self.DEBOUNCE_MS)
        self._timer.timeout.connect(self._run)
        self._config: TrainConfig | ConfigError | None = None  # what is shown, to say again in another language
        self.retranslate()

    def retranslate(self) -> None:
        """Fixed texts now; the measurement's words (made in the core, in the language of the moment) by
        measuring again."""
        self.setAccessibleName(self.tr("Diagnosis of the settings"))
        self.setToolTip(self.tr("Measured on the run's first real batch: the loss scale and step size against the "
                                "article's loss, and the accuracy class Keras picks for these labels"))
        if self._config is None or not self.enabled and not isinstance(self._config, ConfigError):
            self.text.setText(self.tr("Measuring the settings once TensorFlow has loaded…"))
        else:
            self.request(self._config)

    def enable(self) -> None:
        """Called once TensorFlow is loaded; measuring before would freeze nothing but take long."""
        self.enabled = True
        if self._pending is not None:
            self._timer.start()

    def request(self, config_or_error: TrainConfig | ConfigError) -> None:
        self._config = config_or_error
        if isinstance(config_or_error, ConfigError):
            self.cancel()
            message = self.tr("Setting {problem}").format(problem=config_or_error)
            self.text.setText(f"<span style='color:#b00020'>{html.escape(message)}</span>")
            return
        self._pending = config_or_error
        if self.enabled:
            self._timer.start()

    def _run(self) -> None:
        if self._pending is None:
            return
        config, self._pending = self._pending, None
        self.text.setText(self.tr("Measuring on a real batch…"))
        self._measuring.submit(_explain, config, returned=self._show,
                               errored=lambda exc: self.text.setText(html.escape(str(exc))))

    def cancel(self) -> None:
        """Drops the measurement under way (its answer would describe settings no longer shown)."""
        self._timer.stop()
        self._pending = None
        self._measuring.cancel()

    def _show(self, report: dict) -> None:
        self.report = report
        if self._pending is None:
            self.text.setText(render(report, dark=self.palette().color(self.backgroundRole()).lightness() < 128))

    def wait(self) -> None:
        self._timer.stop()
        self._measuring.wait()

    def busy(self) -> bool:
        return self._timer.isActive() or self._measuring.busy
