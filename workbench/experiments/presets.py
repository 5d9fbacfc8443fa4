"""The window's ready-made experiments: Compare optimizers and Reproduce the article, each over seeds (no Qt, no TF).

Both are grids of listed points (`Grid.of_rows`), not of every combination: SGD goes with lr 0.01 and Adam with
0.001, and the article's rows differ in several settings at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.article import ARTICLE_ROWS, result_row
from workbench.core.config import USUAL_LR, TrainConfig
from workbench.core.run_summary import read_run
from workbench.experiments.grid import NOT_ON_A_GRID, Grid


def compare_configs(base: TrainConfig) -> list[TrainConfig]:
    """The same settings with SGD (lr 0.01) and Adam (lr 0.001); only optimizer, lr and name differ."""
    runs = []
    for opt in ("sgd", "adam"):
        lr = base.lr if base.optimizer == opt else USUAL_LR[opt]
        label = f"{base.name} " if base.name else ""
        runs.append(base.replace(optimizer=opt, lr=lr,
                                 name=f"{label}{'SGD' if opt == 'sgd' else 'Adam'} lr={lr:g}"))
    return runs


def _settings(config: TrainConfig) -> dict[str, Any]:
    return {k: v for k, v in config.to_dict().items() if k not in NOT_ON_A_GRID}


def compare_grid(base: TrainConfig, seeds: list[int]) -> Grid:
    """SGD (lr 0.01) against Adam (lr 0.001) with the other settings of `base`, once per seed."""
    rows = [{"optimizer": c.optimizer, "lr": c.lr} for c in compare_configs(base)]
    grid = Grid.of_rows(_settings(base), rows, seeds)
    grid.check()
    return grid


def article_grid(base: TrainConfig, seeds: list[int]) -> Grid:
    """The article's nine rows with `base`'s epochs and sample limits, once per seed."""
    rows = [_settings(row.config(base.epochs, base.train_limit, base.val_limit)) for row in ARTICLE_ROWS]
    grid = Grid.of_rows({}, rows, seeds)
    grid.check()
    return grid


def article_results(doc: dict[str, Any], runs_dir: Path) -> list[dict[str, Any]]:
    """The article's table from an `article_grid` experiment's report: per row the mean ± std of its seeds and
    whether the reported number lies within that spread (`article.result_row`). Rows without a finished seed
    are left out."""
    results = []
    for row, group in zip(ARTICLE_ROWS, doc["groups"], strict=False):
        summaries = []
        for trial in doc["trials"]:
            if trial["settings"] != group["settings"]:
                continue
            run = read_run(Path(trial["run_dir"])) if trial.get("run_dir") else None
            if run is None:
                run = read_run(Path(runs_dir) / trial["run_id"])
            summaries.append(run.to_dict() if run is not None else trial)
        if summaries:
            results.append(result_row(row, sorted(summaries, key=lambda s: s.get("run_id") or "")))
    return results
