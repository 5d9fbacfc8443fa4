"""An experiment's curves: per setting, the mean over seeds at each epoch with its ±1 std band (no Qt, no TF).

The trials' histories are read once (`load`); the curves of any metric are then computed from memory, so
switching the metric in the window reads no file. A trial's run folder is looked up where the trial recorded
it, else by its run id in the local runs folder (another machine's trial: both may be missing, then it has no
curve but still counts in the table).
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from workbench.core.runs import RunFolder

#: the history columns an experiment can be viewed by
METRICS = ("val_accuracy", "val_loss", "accuracy", "loss")


@dataclass(frozen=True)
class SeedCurve:
    seed: int
    run_id: str
    epochs: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class GroupCurve:
    """One setting of the grid: the mean over its seeds per epoch, the sample std (NaN with one seed)."""

    label: str
    settings: dict[str, Any]
    epochs: np.ndarray
    mean: np.ndarray
    std: np.ndarray
    seeds: list[SeedCurve] = field(default_factory=list)


@dataclass
class ExperimentData:
    """The report document (`study.report`) and every trial's history rows, by run id."""

    doc: dict[str, Any]
    histories: dict[str, list[dict[str, float | None]]]

    _curves: dict[str, list[GroupCurve]] = field(default_factory=dict)

    def curves(self, metric: str) -> list[GroupCurve]:
        """The groups' curves of `metric` (computed once per metric: the data does not change)."""
        if metric not in self._curves:
            self._curves[metric] = group_curves(self.doc, self.histories, metric)
        return self._curves[metric]

    def finals(self, label: str, metric: str) -> list[float]:
        """The final value of `metric` of each completed trial of the group `label`."""
        group = next((g for g in self.doc["groups"] if g["label"] == label), None)
        if group is None:
            return []
        return [v for t in self.doc["trials"] if t["settings"] == group["settings"] and t.get("status") != "pruned"
                if (v := _final(t, metric)) is not None]


def _final(trial: dict[str, Any], metric: str) -> float | None:
    value = (trial.get("final") or {}).get(metric)
    return float(value) if isinstance(value, int | float) and math.isfinite(value) else None


def trial_folder(trial: dict[str, Any], runs_dir: Path) -> Path | None:
    for candidate in (trial.get("run_dir"), Path(runs_dir) / str(trial.get("run_id"))):
        if candidate and (Path(candidate) / "history.csv").exists():
            return Path(candidate)
    return None


def load(doc: dict[str, Any], runs_dir: Path) -> ExperimentData:
    """Reads the history of each of the document's trials (the window does this in a background task)."""
    histories = {}
    for trial in doc["trials"]:
        folder = trial_folder(trial, runs_dir)
        histories[trial["run_id"]] = RunFolder(folder).history() if folder else []
    return ExperimentData(doc, histories)


def group_curves(doc: dict[str, Any], histories: dict[str, list[dict]], metric: str) -> list[GroupCurve]:
    by_group: dict[str, list[dict[str, Any]]] = {}
    labels = {json_key(g["settings"]): g["label"] for g in doc["groups"]}
    for trial in doc["trials"]:
        if trial.get("status") != "pruned":  # stopped early as hopeless: its numbers are of fewer epochs
            by_group.setdefault(labels.get(json_key(trial["settings"]), ""), []).append(trial)
    groups = []
    for group in doc["groups"]:
        seeds = []
        for trial in sorted(by_group.get(group["label"], []), key=lambda t: t["seed"]):
            rows = [r for r in histories.get(trial["run_id"], []) if r.get("epoch") is not None
                    and r.get(metric) is not None]
            seeds.append(SeedCurve(trial["seed"], trial["run_id"],
                                   np.array([r["epoch"] for r in rows], dtype=float),
                                   np.array([r[metric] for r in rows], dtype=float)))
        epochs = np.array(sorted({float(e) for s in seeds for e in s.epochs}))
        table = np.full((len(seeds), len(epochs)), np.nan)  # seeds × epochs, NaN where a seed has no point
        for i, seed in enumerate(seeds):
            table[i, np.searchsorted(epochs, seed.epochs)] = seed.values
        table[~np.isfinite(table)] = np.nan
        counts = np.sum(~np.isnan(table), axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = np.where(counts > 0, np.nansum(table, axis=0) / np.maximum(counts, 1), np.nan)
            deviations = np.where(np.isnan(table), 0.0, table - mean) ** 2
            std = np.where(counts > 1, np.sqrt(deviations.sum(axis=0) / np.maximum(counts - 1, 1)), np.nan)
        groups.append(GroupCurve(group["label"], group["settings"], epochs, mean, std, seeds))
    return groups


def json_key(settings: dict[str, Any]) -> str:
    return json.dumps(settings, sort_keys=True)


def write_csv(data: ExperimentData, path: Path) -> int:
    """Every seed's epoch points in long form: experiment_id,setting,seed,run_id,epoch,metric,value."""
    rows = 0
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["experiment_id", "setting", "seed", "run_id", "epoch", "metric", "value"])
        for trial in data.doc["trials"]:
            label = next((g["label"] for g in data.doc["groups"] if g["settings"] == trial["settings"]), "")
            for row in data.histories.get(trial["run_id"], []):
                if row.get("epoch") is None:
                    continue
                for metric in METRICS:
                    value = row.get(metric)
                    if value is not None:
                        writer.writerow([data.doc["experiment_id"], label, trial["seed"], trial["run_id"],
                                         int(row["epoch"]), metric, repr(float(value))])
                        rows += 1
    return rows
