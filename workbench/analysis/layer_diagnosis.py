"""What each layer's measured dynamics say, in sentences a learner can act on: which layer, what was measured,
the likely cause and what to change.

Read from a run's `dynamics.csv` rows (the per-layer instruments, `training/dynamics.py`) and its settings;
no Qt, no TensorFlow. Three rules, each from measured values, not from a list of settings:

- **slow**: a layer's update per step ‖Δw‖/‖w‖ (the median of its last third of samples) below the usual band
  around 1e-3 (CS231n's rule of thumb): how far below, and the learning rate that would reach 1e-3 (an update
  scales with the learning rate); with Keras's `"mse"` under SGD, the cause the article found;
- **fast**: above the band: the step is large; far above (30×), expect divergence;
- **dead**: half or more of a ReLU layer's units never fire on the probe images, and since which epoch.

`explain` applies the band rules to its first-step measurement (`first_step_findings`), where a fresh
network's first step counts as large only at ten times the band.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import median
from typing import Any

from workbench.core.i18n import translate
from workbench.core.runs import RunFolder

GUIDE = 1e-3  # CS231n: "the ratio of the update magnitudes to the value magnitudes ... somewhere around 1e-3"
LOW, HIGH = 10 ** -3.5, 10 ** -2.5  # the band drawn in the Dynamics tab: half a decade either side
DIVERGE = 3e-2  # 30× the guide: one step changes the weights by 3%; the runs measured here diverged soon after
DEAD = 0.5  # half a layer's units silent on every probe image
SGD_LIKE = ("sgd", "rmsprop")  # (the steps of adaptive optimizers do not scale with the loss)


@dataclass
class LayerFinding:
    layer: str
    rule: str  # "slow", "fast", "dead"
    value: float  # the update ratio, or the dead fraction
    step: int  # the sample it was read at (the last one used)
    since_epoch: int | None  # dead: the first epoch from which the layer stayed dead
    text: str  # the sentence, in the current language

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value)


def _times(factor: float) -> str:
    return f"{factor:.0f}" if factor >= 10 else f"{factor:.1f}"


def update_finding(layer: str, ratio: float, step: int, config: dict[str, Any], outputs: int | None,
                   first_step: bool = False) -> LayerFinding | None:
    """The band rules for one layer's update ratio; None inside the band."""
    lr = config.get("lr")
    when = translate("diagnosis", "at the first step") if first_step else translate("diagnosis", "per step")
    if ratio < LOW:
        factor = GUIDE / ratio
        text = translate("diagnosis", "{layer}: updates are {ratio:.1e} of its weights {when}, {factor}× below the "
                                      "usual 1e-3").format(layer=layer, ratio=ratio, when=when, factor=_times(factor))
        causes = []
        if config.get("loss") == "keras_mse" and config.get("optimizer") in SGD_LIKE:
            causes.append(translate("diagnosis", "the loss is Keras's \"mse\", which averages over the {n} outputs: "
                                                 "its gradients, and so SGD's steps, are {n}× smaller than with the "
                                                 "article's sum").format(n=outputs or "N"))
        if _finite(lr):
            causes.append(translate("diagnosis", "a learning rate of about {lr:.2g} would bring it to 1e-3 (an "
                                                 "update scales with the learning rate, now {now:g})").format(
                lr=lr * factor, now=lr))
        return LayerFinding(layer, "slow", ratio, step, None, "; ".join([text, *causes]) + ".")
    # the first step of a fresh network is larger than the ones after it (the article's output layer: 5.7e-3
    # at step 1, 1.8e-3 by step 25, measured): from one step, only ten times the band is called large
    if ratio > (10 * HIGH if first_step else HIGH):
        factor = ratio / GUIDE
        text = translate("diagnosis", "{layer}: updates are {ratio:.1e} of its weights {when}, {factor}× above the "
                                      "usual 1e-3").format(layer=layer, ratio=ratio, when=when, factor=_times(factor))
        if ratio > DIVERGE and not first_step:
            text += translate("diagnosis", " — the step is too large, expect divergence")
        else:
            text += translate("diagnosis", " — a large step: if the loss is noisy or climbs, lower the learning rate")
        if _finite(lr):
            text += translate("diagnosis", "; about {lr:.2g} would bring it to 1e-3").format(lr=lr / factor)
        return LayerFinding(layer, "fast", ratio, step, None, text + ".")
    return None


def dead_finding(layer: str, samples: list[dict[str, Any]], steps_per_epoch: int) -> LayerFinding | None:
    """Half or more of the layer's units dead at the last sample, and the epoch since which it stayed so."""
    dead = [(r["step"], r["dead_fraction"]) for r in samples if _finite(r.get("dead_fraction"))]
    if not dead or dead[-1][1] < DEAD:
        return None
    first = len(dead) - 1
    while first > 0 and dead[first - 1][1] >= DEAD:
        first -= 1
    since = (int(dead[first][0]) - 1) // max(1, steps_per_epoch) + 1
    text = translate("diagnosis", "{layer}: {pct:.0f}% of its units never fire on the probe images (dead ReLU) since "
                                  "epoch {epoch}: no gradient reaches their weights; a lower learning rate, or a "
                                  "leaky ReLU, keeps units alive").format(layer=layer, pct=100 * dead[-1][1],
                                                                          epoch=since)
    return LayerFinding(layer, "dead", dead[-1][1], int(dead[-1][0]), since, text + ".")


def outputs_of(config: dict[str, Any]) -> int | None:
    """The number of classes when the settings say it (the article's MNIST: 10)."""
    return 10 if config.get("dataset", "mnist") == "mnist" else config.get("num_classes")


def diagnose(rows: list[dict[str, Any]], config: dict[str, Any], steps_per_epoch: int) -> list[LayerFinding]:
    """Findings for a run's dynamics rows, layer by layer in the model's order."""
    findings: list[LayerFinding] = []
    layers = list(dict.fromkeys(r["layer"] for r in rows))
    for layer in layers:
        mine = [r for r in rows if r["layer"] == layer and _finite(r.get("weight_norm"))]  # (before any NaN)
        ratios = [(r["step"], r["update_ratio"]) for r in mine if _finite(r.get("update_ratio"))]
        if ratios:
            recent = ratios[-max(1, len(ratios) // 3):]
            found = update_finding(layer, median(v for _, v in recent), int(recent[-1][0]), config,
                                   outputs_of(config))
            if found is not None:
                findings.append(found)
        found = dead_finding(layer, mine, steps_per_epoch)
        if found is not None:
            findings.append(found)
    return findings


def run_findings(run_dir) -> tuple[list[LayerFinding], bool]:
    """A run folder's findings, and whether it has instruments at all."""
    folder = RunFolder(run_dir)
    rows = folder.dynamics()
    if not rows:
        return [], False
    return diagnose(rows, folder.config(), folder.steps_per_epoch()), True


def first_step_findings(per_layer: dict[str, dict[str, Any]], config: dict[str, Any]) -> list[LayerFinding]:
    """The band rules on explain's first-step update ratios (`update_ratio_per_layer`), under SGD and RMSprop
    only: Adam's first step is the learning rate in every weight whatever the gradient (4e-3 of the MLP's
    weights at lr 0.001, measured), which says nothing of the steps that follow (2.8e-3 later)."""
    if config.get("optimizer") not in SGD_LIKE:
        return []
    found = [update_finding(layer, v["update_ratio"], 1, config, outputs_of(config), first_step=True)
             for layer, v in per_layer.items() if _finite(v.get("update_ratio")) and v["update_ratio"] > 0]
    return [f for f in found if f is not None]


def summary_line(findings: list[LayerFinding], sampled: bool) -> str:
    """One line when nothing was found, so a reader knows it was measured."""
    if not sampled:
        return translate("diagnosis", "No instruments in this run: set Instruments to every N steps to measure "
                                      "its layers.")
    if not findings:
        return translate("diagnosis", "Every layer's updates are within the usual band around 1e-3 of its weights "
                                      "per step, and no layer has half its units dead.")
    return ""
