"""Trying the LR range test's suggestions: each suggested learning rate trained over a few seeds, as an ordinary
experiment (the grid `lr=…` × seeds, `study`/`trials`, no loop of its own), and which one wins.

The readings often coincide once rounded (two significant figures, as the window's "Use" buttons set them): a
learning rate is trained once, under every name it has. The winner is the highest mean final validation
accuracy; its 95% confidence interval is Student's over its seeds, and its lead over the runner-up is Welch's
difference (`stats.difference`) — "not apart" when that interval holds 0.
"""

from __future__ import annotations

from typing import Any

from workbench.core.i18n import QT_TRANSLATE_NOOP

READINGS = {"suggested_lr": QT_TRANSLATE_NOOP("cli", "steepest"), "valley_lr": QT_TRANSLATE_NOOP("cli", "valley"),
            "minimum_lr": QT_TRANSLATE_NOOP("cli", "minimum ÷ 10")}  # (names in JSON; translated where printed)


def candidates(result: dict[str, Any]) -> dict[float, list[str]]:
    """The suggested learning rates, rounded to two significant figures, each with the readings that gave it."""
    found: dict[float, list[str]] = {}
    for key, name in READINGS.items():
        value = result.get(key)
        if value is not None and value > 0:
            found.setdefault(float(f"{value:.2g}"), []).append(name)
    return found


def grid_set(lrs: list[float]) -> str:
    """The experiment's `--set` for them."""
    return "lr=" + ",".join(f"{lr:g}" for lr in sorted(lrs))


def _values(doc: dict[str, Any], settings: dict[str, Any], metric: str) -> list[float]:
    from workbench.experiments.stats import finite

    return finite([t["final"].get(metric) for t in doc["trials"]
                   if t["settings"] == settings and t["status"] != "pruned"])


def _mean_interval(values: list[float]) -> tuple[float, float, float]:
    from statistics import mean, stdev

    from scipy import stats

    m = mean(values)
    if len(values) < 2 or stdev(values) == 0:
        return m, m, m
    interval = stats.ttest_1samp(values, m).confidence_interval(0.95)
    return m, float(interval.low), float(interval.high)


def outcome(doc: dict[str, Any], names: dict[float, list[str]], metric: str = "val_accuracy") -> dict[str, Any]:
    """Each tried learning rate's mean and 95% CI over its seeds, best first, and the winner's lead."""
    from workbench.experiments.stats import difference

    rows = []
    for group in doc["groups"]:
        values = _values(doc, group["settings"], metric)
        if not values:
            continue
        m, low, high = _mean_interval(values)
        lr = float(group["settings"]["lr"])
        rows.append({"lr": lr, "readings": names.get(lr, []), "n": len(values), "mean": m, "low": low, "high": high,
                     "values": values})
    rows.sort(key=lambda r: r["mean"], reverse=True)
    lead = None
    if len(rows) >= 2:
        d = difference(rows[1]["values"], rows[0]["values"])
        if d is not None:
            lead = {"delta": d.delta, "low": d.low, "high": d.high, "p": d.p, "apart": d.low > 0}
    return {"metric": metric, "experiment_id": doc["experiment_id"], "tried": rows,
            "winner": rows[0]["lr"] if rows else None, "lead": lead}
