"""What the Experiments tab asks of the experiments package: the settings a grid may vary, and the reading of the
storage, which runs as background tasks (the imports and the reading stay off the window's thread)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.settings import BY_NAME


def gridable() -> list[str]:
    from workbench.experiments.grid import NOT_ON_A_GRID

    return [name for name, s in BY_NAME.items() if name not in NOT_ON_A_GRID and s.group != "hidden"]


def load_experiment(storage: str, experiment_id: str, runs_dir: Path):
    """The report and every trial's history (a background task)."""
    from workbench.experiments import curves, study
    from workbench.experiments.stats import preload

    preload()  # scipy's import took 0.6 s of the window's thread at the first difference
    data = curves.load(study.report(storage, experiment_id), runs_dir)
    for metric in curves.METRICS:  # here, not at the metric switch (0.1 s for 200 trials)
        data.curves(metric)
    return data


def list_experiments(storage: str) -> list[str]:
    from workbench.experiments import study

    return study.experiment_ids(storage)
