"""An experiment is an Optuna study: the grid runs on Optuna's engine, not on a scheduler of our own.

- Storage: any SQLAlchemy URL (default an SQLite file in the runs folder; PostgreSQL or MySQL to share one
  experiment between machines) or `grpc://HOST:PORT` for Optuna's gRPC storage proxy.
- Sampling: `GridSampler` over the varied settings and the seed. Optuna gives the first trials of a grid
  their grid points by trial number, which the storage hands out once each; a later trial (after a retry
  was queued, or two workers asking at once after the last point) gets a point at random and, if another
  trial has it, runs nothing and is pruned (`_taken`). So no point is trained twice.
- Workers are processes. Each trial holds a heartbeat in the storage; a worker killed mid-trial leaves a
  trial whose heartbeat stops, which the next worker (or the restarted experiment) marks failed after the
  grace period, and Optuna's `RetryHeartbeatStaleTrialCallback` queues it again with the same grid point. A trial
  stopped on purpose (SIGTERM, Ctrl-C) is queued again the same way. So a killed or stopped trial is run
  again, and a finished one never is.
- Every trial is an ordinary run folder; its outcome is also kept in the trial's user attributes, so the
  report works on a machine that does not hold the other machines' run folders.
"""

from __future__ import annotations

import json
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import optuna

from workbench.core.redact import mask
from workbench.experiments.grid import Grid, GridError, point_label

GRID_ATTR = "workbench_grid"
OUTCOME_ATTR = "workbench_run"  # a grid's trial: its one run
RUNS_ATTR = "workbench_runs"  # a search's trial: its runs, one per seed
HEARTBEAT_SECONDS = 2
GRACE_SECONDS = 10  # a trial whose heartbeat is older than this is taken as lost
WAIT_SECONDS = 1.0
FIRST_PRUNABLE_EPOCH = 2  # the median pruner never stops a trial in its first epoch

optuna.logging.set_verbosity(optuna.logging.WARNING)
# heartbeats and their retry callback are marked experimental; they are what makes a killed worker's trial rerun
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


_opened: dict[str, optuna.storages.BaseStorage] = {}
_opening = threading.Lock()


def open_storage(url: str) -> optuna.storages.BaseStorage:
    """The storage at `url`, opened once per process: opening an SQL storage checks its schema (0.02–0.1 s),
    which an experiment of short trials paid several times; Optuna's RDBStorage is safe to share between
    threads (a session per thread)."""
    with _opening:
        if url not in _opened:
            _opened[url] = _open(url)
        return _opened[url]


def _open(url: str) -> optuna.storages.BaseStorage:
    if url.startswith("grpc://"):
        host, _, port = url.removeprefix("grpc://").rstrip("/").rpartition(":")
        return optuna.storages.GrpcStorageProxy(host=host or "localhost", port=int(port))
    from sqlalchemy.exc import IntegrityError, OperationalError

    engine = {"connect_args": {"timeout": 60}} if url.startswith("sqlite") else {}
    for attempt in range(5):
        try:
            storage = optuna.storages.RDBStorage(
                url, engine_kwargs=engine, heartbeat_interval=HEARTBEAT_SECONDS, grace_period=GRACE_SECONDS,
                heartbeat_stale_trial_callback=_retry())
            if url.startswith("sqlite"):
                _fast_sqlite(storage)
            return storage
        except (OperationalError, IntegrityError) as exc:
            # two processes or threads opening a fresh SQLite file at once: both create its tables and the
            # second fails ("table studies already exists" or a UNIQUE constraint on alembic_version;
            # measured: every time with two threads); the tables are there now
            if ("already exists" not in str(exc) and "alembic_version" not in str(exc)) or attempt == 4:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def _fast_sqlite(storage: optuna.storages.RDBStorage) -> None:
    """Write-ahead logging without an fsync per commit: a trial makes some twenty small commits (its
    parameters, attributes, heartbeats), which cost about 0.1 s with SQLite's defaults. WAL keeps the file
    consistent after a crash; the last commits may be lost, and a trial whose end was lost is run again like
    one whose worker died. (WAL needs a local disk, as SQLite's locking does anyway.)"""
    import sqlalchemy

    def pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    sqlalchemy.event.listen(storage.engine, "connect", pragmas)
    storage.engine.dispose()  # connections made before the listener reconnect with it


def _retry():
    return optuna.storages.RetryHeartbeatStaleTrialCallback(max_retry=None)


def _sampler(grid: Grid) -> optuna.samplers.BaseSampler:
    if grid.sampler == "random":  # seeded: the same command proposes the same settings
        return optuna.samplers.RandomSampler(seed=grid.search_seed)
    if grid.sampler == "tpe":
        return optuna.samplers.TPESampler(seed=grid.search_seed)
    if grid.rows is not None:  # listed points: the grid is over their index
        return optuna.samplers.GridSampler({"seed": grid.seeds, "point": list(range(len(grid.rows)))}, seed=0)
    return optuna.samplers.GridSampler({"seed": grid.seeds, **grid.axes}, seed=0)


def create(grid: Grid, storage_url: str, experiment_id: str) -> optuna.Study:
    """The experiment's study; an existing one with the same grid is continued, another grid is refused."""
    storage = open_storage(storage_url)
    study = optuna.create_study(study_name=experiment_id, storage=storage, sampler=_sampler(grid),
                                pruner=_pruner(grid), direction="maximize", load_if_exists=True)
    saved = study.user_attrs.get(GRID_ATTR)
    if saved is None:
        study.set_user_attr(GRID_ATTR, grid.to_dict())
    elif Grid.from_dict(saved) != grid:
        raise GridError(f"experiment {experiment_id!r} exists in {mask(storage_url)} with another grid; "
                        "give another --name")
    return study


def load(storage_url: str, experiment_id: str) -> tuple[optuna.Study, Grid]:
    storage = open_storage(storage_url)
    try:
        summary = optuna.load_study(study_name=experiment_id, storage=storage)
    except KeyError:
        raise GridError(f"no experiment {experiment_id!r} in {mask(storage_url)}") from None
    grid = Grid.from_dict(summary.user_attrs[GRID_ATTR])
    return optuna.load_study(study_name=experiment_id, storage=storage, sampler=_sampler(grid),
                             pruner=_pruner(grid)), grid


def _pruner(grid: Grid) -> optuna.pruners.BasePruner:
    """The median rule: a trial whose validation accuracy after an epoch is below the median of earlier
    trials' at that epoch stops there (not before 3 trials have finished, nor in the first epoch)."""
    if not grid.prune:
        return optuna.pruners.NopPruner()
    # steps are epochs counted from 1, and Optuna prunes from step `n_warmup_steps` on: 2 spares the first epoch
    return optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=FIRST_PRUNABLE_EPOCH)


def _point_of(trial: optuna.trial.FrozenTrial, grid: Grid) -> dict[str, Any] | None:
    """The settings a trial trained (its seed is in its runs)."""
    if grid.rows is not None:
        index = trial.params.get("point")
        return dict(grid.rows[int(index)]) if index is not None else None
    names = [*grid.axes, *grid.ranges]
    if any(k not in trial.params for k in names):
        return None
    return {k: trial.params[k] for k in names}


def trial_runs(trial: optuna.trial.FrozenTrial) -> list[dict[str, Any]]:
    """The runs a trial trained, each with its seed: one for a grid's trial (its seed a parameter), one per seed
    for a search's (experiments of before 2026-11-30 kept a user attribute per key)."""
    attrs = trial.user_attrs
    if attrs.get(RUNS_ATTR):
        return list(attrs[RUNS_ATTR])
    outcome = attrs.get(OUTCOME_ATTR) or (dict(attrs) if "run_id" in attrs else {})
    if not outcome or "seed" not in trial.params:
        return []
    return [{**outcome, "seed": int(trial.params["seed"])}]


def _finished(trial: optuna.trial.FrozenTrial) -> bool:
    """Trained to its end: completed, or pruned as hopeless (not a placeholder pruned for a taken point)."""
    state = optuna.trial.TrialState
    return trial.state == state.COMPLETE or (trial.state == state.PRUNED and bool(trial_runs(trial)))


def runs_done(trials: list[optuna.trial.FrozenTrial]) -> int:
    """Runs trained to their end so far, over the experiment's trials."""
    return sum(len(trial_runs(t)) for t in trials if _finished(t))


DETECT = 0.005  # the difference of validation accuracy the seeds needed are for (0.5 points) unless told


def _sharpness(run_dir: str | None) -> float | None:
    """The run's end point's top Hessian eigenvalue, if a landscape measured it on this machine."""
    from workbench.core.runs import SHARPNESS_FILE, as_number, read_json

    if not run_dir:
        return None
    return as_number((read_json(Path(run_dir) / SHARPNESS_FILE) or {}).get("top_eigenvalue"))


def report(storage_url: str, experiment_id: str, detect: float = DETECT) -> dict[str, Any]:
    """The experiment document of INTERFACE.md: its runs ("trials", each one setting and one seed) and, per
    setting, mean ± std over seeds and the seeds needed to detect a difference of `detect` in validation
    accuracy; which settings mattered (Optuna's importance)."""
    from workbench.experiments.stats import ALPHA, POWER, mean_std, seeds_needed

    study, grid = load(storage_url, experiment_id)
    trials = []
    for t in study.get_trials(deepcopy=False):
        point = _point_of(t, grid)
        if point is None or not _finished(t):
            continue
        for a in trial_runs(t):
            trials.append({"run_id": a["run_id"], "run_dir": a.get("run_dir"), "settings": point, "seed": a["seed"],
                           "status": a.get("status"), "final": a.get("final") or {}, "host": a.get("host"),
                           "best_val_accuracy": a.get("best_val_accuracy"), "best_val_loss": a.get("best_val_loss"),
                           "seconds": a.get("seconds"), "optuna_trial": t.number,
                           "sharpness": _sharpness(a.get("run_dir"))})
    points = grid.points() if not grid.searched else list({json.dumps(t["settings"], sort_keys=True): t["settings"]
                                                           for t in trials}.values())
    groups = [_group(point, [t for t in trials if t["settings"] == point], mean_std) for point in points]
    shown = grid.to_dict()
    # a search's sampled values, as the grid's listed ones: the columns and axes of tables and plots
    shown["axes"] = {**grid.axes, **{name: sorted({t["settings"][name] for t in trials}) for name in grid.ranges}}
    for group in groups:
        group["seeds_needed"] = seeds_needed(detect, group["val_accuracy_std"])
    return {"experiment_id": experiment_id, "storage": mask(storage_url), "grid": shown,
            "expected_trials": grid.expected_trials(), "completed_trials": len(trials), "trials": trials,
            "groups": groups, "importance": importance(study, grid),
            "detect": {"metric": "val_accuracy", "difference": detect, "alpha": ALPHA, "power": POWER}}


def importance(study: optuna.Study, grid: Grid) -> dict[str, Any] | None:
    """How much each varied setting mattered to the trials' validation accuracy, by Optuna's PED-ANOVA
    evaluator (`optuna.importance`, no extra dependency), normalised to sum to 1; never over the seed. None
    with fewer than two varied settings, a grid of listed points, or too few finished trials to tell."""
    names = [*grid.axes, *grid.ranges] if grid.rows is None else []
    done = [t for t in study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
            if all(n in t.params for n in names)]
    if len(names) < 2 or len(done) < 3:
        return None
    try:
        values = optuna.importance.get_param_importances(
            study, evaluator=optuna.importance.PedAnovaImportanceEvaluator(), params=names)
    except (ValueError, RuntimeError, ZeroDivisionError):
        return None
    return {"evaluator": "PED-ANOVA", "trials": len(done), "params": {k: float(v) for k, v in values.items()}}


def _group(point: dict[str, Any], mine: list[dict[str, Any]], mean_std) -> dict[str, Any]:
    kept = [t for t in mine if t["status"] != "pruned"]  # a pruned run's numbers are of fewer epochs
    group: dict[str, Any] = {"settings": point, "label": point_label(point), "n": len(kept),
                             "pruned": len(mine) - len(kept)}
    columns = {"val_accuracy": [t["final"].get("val_accuracy") for t in kept],
               "best_val_accuracy": [t["best_val_accuracy"] for t in kept],
               "val_loss": [t["final"].get("val_loss") for t in kept],
               "best_val_loss": [t["best_val_loss"] for t in kept],
               "seconds": [t["seconds"] for t in kept]}
    for name, values in columns.items():
        group[f"{name}_mean"], group[f"{name}_std"] = mean_std(values)
    group["run_ids"] = [t["run_id"] for t in kept]
    return group


def experiment_ids(storage_url: str) -> list[str]:
    """The experiments in a storage, newest first (a default SQLite file that does not exist yet: none)."""
    if storage_url.startswith("sqlite:///") and not Path(storage_url.removeprefix("sqlite:///")).exists():
        return []
    summaries = optuna.get_all_study_summaries(open_storage(storage_url), include_best_trial=False)
    mine = [s for s in summaries if GRID_ATTR in s.user_attrs]
    mine.sort(key=lambda s: (s.datetime_start is not None, s.datetime_start or 0, s.study_name), reverse=True)
    return [s.study_name for s in mine]
