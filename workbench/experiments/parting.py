"""When do two settings part? Their difference at every epoch, and the first epoch from which it stays real.

At each epoch both settings have one value per seed (from the runs' history files). Per epoch: the difference of
the means with its 95% confidence interval, Welch's p and Hedges' g (`stats.difference`). Testing every epoch is
many tests, so the p-values are corrected together with Holm's method (statsmodels' `multipletests`), which
keeps the chance of any false "significant" at α. The settings *part* at the first epoch from which every later
epoch's corrected p is below α with the same sign: "adam leads from epoch 2 on".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from workbench.experiments.curves import GroupCurve
from workbench.experiments.stats import ALPHA, Difference, difference


@dataclass(frozen=True)
class EpochDifference:
    """b − a at one epoch; `p_holm` is Welch's p after Holm's correction over the epochs compared."""

    epoch: int
    delta: float
    low: float
    high: float
    p: float
    p_holm: float
    g: float | None
    n_a: int
    n_b: int


@dataclass(frozen=True)
class Parting:
    """The per-epoch differences of b − a and where they part (None: not yet, or not for good)."""

    a: str
    b: str
    metric: str
    epochs: list[EpochDifference]
    first_epoch: int | None
    alpha: float = ALPHA

    @property
    def leader(self) -> str | None:
        """The setting ahead from `first_epoch` on: the larger value, or the smaller for a loss."""
        if self.first_epoch is None:
            return None
        ahead_b = self.at(self.first_epoch).delta > 0
        if "loss" in self.metric:
            ahead_b = not ahead_b
        return self.b if ahead_b else self.a

    @property
    def worst_p(self) -> float | None:
        """The largest corrected p from `first_epoch` on: "p < this after Holm" holds at every such epoch."""
        if self.first_epoch is None:
            return None
        return max(e.p_holm for e in self.epochs if e.epoch >= self.first_epoch)

    def at(self, epoch: int) -> EpochDifference:
        return next(e for e in self.epochs if e.epoch == epoch)

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "metric": self.metric, "alpha": self.alpha,
                "first_epoch": self.first_epoch, "leader": self.leader, "worst_p_holm": self.worst_p,
                "epochs": [asdict(e) for e in self.epochs]}


def seed_values(curve: GroupCurve, epoch: float) -> list[float]:
    """Each seed's value at `epoch` (a seed without that epoch has none)."""
    values = []
    for seed in curve.seeds:
        hit = np.flatnonzero(seed.epochs == epoch)
        if hit.size:
            values.append(float(seed.values[hit[0]]))
    return values


def part(a: GroupCurve, b: GroupCurve, metric: str, alpha: float = ALPHA) -> Parting:
    """b − a per epoch that both settings reached with two or more seeds, Holm-corrected over those epochs."""
    from statsmodels.stats.multitest import multipletests

    compared: list[tuple[int, Difference]] = []
    for epoch in sorted(set(a.epochs.tolist()) & set(b.epochs.tolist())):
        d = difference(seed_values(a, epoch), seed_values(b, epoch))
        if d is not None:
            compared.append((int(epoch), d))
    if not compared:
        return Parting(a.label, b.label, metric, [], None, alpha)
    corrected = multipletests([d.p for _, d in compared], alpha=alpha, method="holm")[1]
    epochs = [EpochDifference(epoch, d.delta, d.low, d.high, d.p, float(p), d.g, d.n_a, d.n_b)
              for (epoch, d), p in zip(compared, corrected, strict=True)]
    return Parting(a.label, b.label, metric, epochs, first_apart(epochs, alpha), alpha)


def first_apart(epochs: list[EpochDifference], alpha: float) -> int | None:
    """The first epoch from which every later one is significant after Holm, with the same sign."""
    first = None
    for e in reversed(epochs):
        later_sign = np.sign(epochs[-1].delta)
        if e.p_holm >= alpha or np.sign(e.delta) != later_sign or later_sign == 0:
            break
        first = e.epoch
    return first
