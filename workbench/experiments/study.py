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
import math
import socket
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import optuna

from workbench.core.runs import RunFolder
from workbench.core.stop import StopFlag
from workbench.experiments.grid import Grid, GridError, point_label

GRID_ATTR = "workbench_grid"
OUTCOME_ATTR = "workbench_run"
HEARTBEAT_SECONDS = 2
GRACE_SECONDS = 10  # a trial whose heartbeat is older than this is taken as lost
WAIT_SECONDS = 1.0

optuna.logging.set_verbosity(optuna.logging.WARNING)
# heartbeats and their retry callback are marked experimental; they are what makes a killed worker's trial rerun
warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)


class TrialStopped(Exception):
    """The worker was asked to stop; its trial is queued again."""


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
    if grid.sampler == "random":
        return optuna.samplers.RandomSampler(seed=None)
    if grid.sampler == "tpe":
        return optuna.samplers.TPESampler(seed=None)
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
        raise GridError(f"experiment {experiment_id!r} exists in {storage_url} with another grid; "
                        "give another --name")
    return study


def load(storage_url: str, experiment_id: str) -> tuple[optuna.Study, Grid]:
    storage = open_storage(storage_url)
    try:
        summary = optuna.load_study(study_name=experiment_id, storage=storage)
    except KeyError:
        raise GridError(f"no experiment {experiment_id!r} in {storage_url}") from None
    grid = Grid.from_dict(summary.user_attrs[GRID_ATTR])
    return optuna.load_study(study_name=experiment_id, storage=storage, sampler=_sampler(grid),
                             pruner=_pruner(grid)), grid


def _pruner(grid: Grid) -> optuna.pruners.BasePruner:
    """The median rule: a trial whose validation accuracy after an epoch is below the median of earlier
    trials' at that epoch stops there (not before 3 trials have finished, nor in the first epoch)."""
    if not grid.prune:
        return optuna.pruners.NopPruner()
    return optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1)


def _point_of(trial: optuna.trial.FrozenTrial, grid: Grid) -> tuple[dict[str, Any], int] | None:
    if "seed" not in trial.params:
        return None
    if grid.rows is not None:
        index = trial.params.get("point")
        return (dict(grid.rows[int(index)]), int(trial.params["seed"])) if index is not None else None
    names = [*grid.axes, *grid.ranges]
    if any(k not in trial.params for k in names):
        return None
    return {k: trial.params[k] for k in names}, int(trial.params["seed"])


def _finished(trial: optuna.trial.FrozenTrial) -> bool:
    """Trained to its end: completed, or pruned as hopeless (not a placeholder pruned for a taken point)."""
    state = optuna.trial.TrialState
    return trial.state == state.COMPLETE or (trial.state == state.PRUNED and bool(_outcome(trial)))


def _outcome(trial: optuna.trial.FrozenTrial) -> dict[str, Any]:
    """What the trial's run left: one user attribute (experiments of before 2026-11-30 kept a key each)."""
    attrs = trial.user_attrs
    return attrs.get(OUTCOME_ATTR) or (dict(attrs) if "run_id" in attrs else {})


def _prune_hopeless(trial: optuna.Trial):
    """A Keras callback (Keras imported here, as `work` does): reports each epoch's validation accuracy to the
    trial and stops training when Optuna's pruner says the trial is hopeless; `pruned_at` says at which epoch."""
    import keras

    class PruneHopeless(keras.callbacks.Callback):
        pruned_at: int | None = None

        def on_epoch_end(self, epoch, logs=None):
            value = (logs or {}).get("val_accuracy")
            if value is None or not math.isfinite(value):
                return
            trial.report(float(value), epoch + 1)
            if trial.should_prune():
                self.pruned_at = epoch + 1
                self.model.stop_training = True

    return PruneHopeless()


def work(storage_url: str, experiment_id: str, runs_dir: Path, stop: StopFlag | None = None,
         on_trial: Callable[[dict], None] | None = None,
         callbacks: Callable[[Any], list] | None = None,
         on_start: Callable[[Any, Any, dict], None] | None = None) -> int:
    """Runs trials of the experiment until none is left (or `stop` is set); returns how many it ran.

    `on_trial(outcome)` hears of each trial trained (a stopped one too: it is queued again);
    `callbacks(config)` gives a trial's extra Keras callbacks (the window's bridge), `on_start(config, folder,
    where)` is called as its run folder exists (`where`: the trial's settings, seed and how many trials are done
    of how many)."""

    from workbench.training import trainer

    stop = stop or StopFlag()
    study, grid = load(storage_url, experiment_id)
    total = grid.expected_trials()
    ran = 0

    def objective(trial: optuna.Trial) -> float:
        if not grid.searched and _taken(study, trial):
            raise optuna.TrialPruned("another trial has this grid point")  # runs nothing
        point, seed = _suggest(trial, grid)
        config = grid.config(point, seed, name=f"{experiment_id} {point_label(point)} seed {seed}")
        run_dir = ""

        def started(folder) -> None:
            nonlocal run_dir
            run_dir = str(folder.path)
            trial.set_user_attr("run_dir", run_dir)  # where a running trial trains (its worker may be elsewhere)
            folder.write_status("running", experiment=experiment_id)  # the runs table groups trials by it
            if on_start is not None:
                done = sum(_finished(t) for t in study.get_trials(deepcopy=False))
                on_start(config, folder, {"settings": point, "seed": seed, "done": done, "total": total})

        pruning = _prune_hopeless(trial) if grid.prune else None
        extra = [*(callbacks(config) if callbacks else ()), *([pruning] if pruning else [])]
        result = trainer.train(config, Path(runs_dir), callbacks=extra,
                               stop=stop, on_start=started, hparams={"experiment": experiment_id})
        told = (lambda outcome: on_trial({"settings": point, "seed": seed, **outcome,
                                          "summary": result.summary.to_dict()})) if on_trial else (lambda _: None)
        return _finish(study, trial, result, pruning, run_dir, told)

    while not stop.is_set():
        wanted = _wanted(study.get_trials(deepcopy=False), grid, total)
        if wanted is None:
            break
        if wanted:
            try:
                study.optimize(objective, n_trials=1, catch=(trainer.TrainingFailed,))
            except TrialStopped:
                break
            ran += 1
            continue
        # every point has been started: wait for the other workers, and take over trials whose worker died
        optuna.storages.fail_stale_trials(study)  # (a no-op without heartbeats: the gRPC proxy has none)
        if not any(t.state in (optuna.trial.TrialState.RUNNING, optuna.trial.TrialState.WAITING)
                   for t in study.get_trials(deepcopy=False)):
            break  # what is left failed for good (a training error): nothing to wait for
        time.sleep(WAIT_SECONDS)
    return ran


def _suggest(trial: optuna.Trial, grid) -> tuple[dict[str, Any], int]:
    """The trial's settings and seed, as the sampler suggests them (a grid's point, or a search's sample)."""
    seed = trial.suggest_categorical("seed", grid.seeds)
    if grid.rows is not None:
        return dict(grid.rows[trial.suggest_categorical("point", list(range(len(grid.rows))))]), seed
    point = {name: trial.suggest_categorical(name, values) for name, values in grid.axes.items()}
    for name, r in grid.ranges.items():
        if isinstance(grid.base.get(name, r.low), int) and isinstance(r.low, int):
            point[name] = trial.suggest_int(name, int(r.low), int(r.high), log=r.log)
        else:
            point[name] = trial.suggest_float(name, float(r.low), float(r.high), log=r.log)
    return point, seed


def _finish(study, trial: optuna.Trial, result, pruning, run_dir: str, told: Callable[[dict], None]) -> float:
    """Records a trained trial's outcome and gives Optuna its value; a pruned trial raises TrialPruned, a
    stopped one is queued again and raises TrialStopped."""
    summary = result.summary
    outcome = {"run_id": summary.run_id, "run_dir": run_dir, "host": socket.gethostname(),
               "status": summary.status, "final": summary.final,
               "best_val_accuracy": summary.best_val_accuracy, "best_val_loss": summary.best_val_loss,
               "seconds": summary.seconds}
    if pruning is not None and pruning.pruned_at and result.status == "completed":
        outcome["status"] = "pruned"
        RunFolder(result.folder.path).write_status(
            "completed", reason=f"pruned at epoch {pruning.pruned_at}: its validation accuracy was below the "
                                "median of earlier trials'")
        trial.set_user_attr(OUTCOME_ATTR, outcome)
        told(outcome)
        raise optuna.TrialPruned(f"pruned at epoch {pruning.pruned_at}")
    if result.status == "stopped":
        requeue(study, trial)
        told(outcome)
        raise TrialStopped(summary.run_id)
    trial.set_user_attr(OUTCOME_ATTR, outcome)  # one write (each is a transaction)
    told(outcome)
    value = summary.final.get("val_accuracy")
    return value if value is not None and math.isfinite(value) else 0.0


def _wanted(trials: list, grid, total: int) -> bool | None:
    """Whether this worker should start another trial; None when every trial has finished."""
    state = optuna.trial.TrialState
    waiting = any(t.state == state.WAITING for t in trials)
    if grid.searched:  # n trials, points sampled as they start
        finished = sum(_finished(t) for t in trials)
        if finished >= total:
            return None
        started = finished + sum(t.state in (state.RUNNING, state.WAITING) for t in trials)
        return started < total or waiting
    done = {_grid_id(t) for t in trials if _finished(t)}
    if len(done) >= total:
        return None
    assigned = {_grid_id(t) for t in trials if t.state != state.PRUNED or _finished(t)} - {None}
    return len(assigned) < total or waiting


def _grid_id(trial: optuna.trial.FrozenTrial) -> int | None:
    return trial.system_attrs.get("grid_id")


def _taken(study: optuna.Study, trial: optuna.Trial) -> bool:
    """Has another trial this trial's grid point: finished with it, queued for it, or running it with a lower
    number (two workers that asked at once: the first one runs it)? GridSampler gives the first trials their
    points by number, but a trial asked for after a retry was queued, or by two workers at once after the
    last point, gets a point at random."""
    grid_id = study._storage.get_trial_system_attrs(trial._trial_id).get("grid_id")
    state = optuna.trial.TrialState
    for other in study.get_trials(deepcopy=False):
        if other.number == trial.number or _grid_id(other) != grid_id:
            continue
        if _finished(other) or other.state == state.WAITING or (other.state == state.RUNNING
                                                                 and other.number < trial.number):
            return True
    return False


def requeue(study: optuna.Study, trial: optuna.Trial) -> None:
    """Queues the trial's grid point again (Optuna's own retry, as for a trial whose worker died)."""
    frozen = study._storage.get_trial(trial._trial_id)
    _retry()(study, frozen)


def report(storage_url: str, experiment_id: str) -> dict[str, Any]:
    """The experiment document of INTERFACE.md: its trials and, per setting, mean ± std over seeds."""
    from workbench.experiments.stats import mean_std

    study, grid = load(storage_url, experiment_id)
    trials = []
    for t in study.get_trials(deepcopy=False):
        where = _point_of(t, grid)
        if where is None or not _finished(t):
            continue
        point, seed = where
        a = _outcome(t)
        trials.append({"run_id": a["run_id"], "run_dir": a.get("run_dir"), "settings": point, "seed": seed,
                       "status": a.get("status"), "final": a.get("final") or {}, "host": a.get("host"),
                       "best_val_accuracy": a.get("best_val_accuracy"), "best_val_loss": a.get("best_val_loss"),
                       "seconds": a.get("seconds")})
    points = grid.points() if not grid.searched else list({json.dumps(t["settings"], sort_keys=True): t["settings"]
                                                           for t in trials}.values())
    groups = []
    for point in points:
        mine = [t for t in trials if t["settings"] == point]
        kept = [t for t in mine if t["status"] != "pruned"]  # a pruned trial's numbers are of fewer epochs
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
        groups.append(group)
    shown = grid.to_dict()
    # a search's sampled values, as the grid's listed ones: the columns and axes of tables and plots
    shown["axes"] = {**grid.axes, **{name: sorted({t["settings"][name] for t in trials}) for name in grid.ranges}}
    return {"experiment_id": experiment_id, "storage": storage_url, "grid": shown,
            "expected_trials": grid.expected_trials(), "completed_trials": len(trials), "trials": trials,
            "groups": groups}


def experiment_ids(storage_url: str) -> list[str]:
    """The experiments in a storage, newest first (a default SQLite file that does not exist yet: none)."""
    if storage_url.startswith("sqlite:///") and not Path(storage_url.removeprefix("sqlite:///")).exists():
        return []
    summaries = optuna.get_all_study_summaries(open_storage(storage_url), include_best_trial=False)
    mine = [s for s in summaries if GRID_ATTR in s.user_attrs]
    mine.sort(key=lambda s: (s.datetime_start is not None, s.datetime_start or 0, s._study_id), reverse=True)
    return [s.study_name for s in mine]
