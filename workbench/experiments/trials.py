"""A worker's loop: it takes the experiment's trials from the storage and trains them until none is left.

- A grid's trial is one point and one seed: one run. A search's trial (random or TPE) is one sampled setting,
  trained with every seed of the experiment, one run each, and the sampler is told their mean: the seeds are
  replicates, never a parameter, so the best setting and the importances describe settings, not lucky seeds.
- A trial stopped on purpose (SIGTERM, Ctrl-C) is queued again with its settings and the seeds it finished
  (Optuna's retry copies them), so a finished run is never trained twice.
- While a trial trains, its worker beats (`BEAT_ATTR`, every few seconds). A worker with nothing left to start
  waits for the others, says on what, and fails and queues again a trial whose beat has not changed for
  `stale_after` seconds of its own clock: behind any storage, the gRPC proxy too (it has no heartbeats).
"""

from __future__ import annotations

import contextlib
import math
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import optuna

from workbench.core.runs import RunFolder
from workbench.core.stop import StopFlag
from workbench.experiments.grid import point_label
from workbench.experiments.study import (
    OUTCOME_ATTR,
    RUNS_ATTR,
    WAIT_SECONDS,
    _finished,
    _retry,
    load,
    open_storage,
    runs_done,
)

BEAT_ATTR = "workbench_beat"
BEAT_SECONDS = 2.0
STALE_AFTER = 300.0  # default of --stale-after


class TrialStopped(Exception):
    """The worker was asked to stop; its trial is queued again."""


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


class Beat:
    """Beats for a running trial in a thread: a counter in a user attribute, written every BEAT_SECONDS."""

    def __init__(self, trial: optuna.Trial) -> None:
        self.trial, self.done = trial, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"beat-{trial.number}")
        self.thread.start()

    def _run(self) -> None:
        n = 0
        while not self.done.wait(BEAT_SECONDS):
            n += 1
            with contextlib.suppress(Exception):  # a storage hiccup: the next beat tries again
                self.trial.set_user_attr(BEAT_ATTR, n)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


class Worker:
    """Trains the trials of one experiment in this process (see the module docstring)."""

    def __init__(self, storage_url: str, experiment_id: str, runs_dir: Path, stop: StopFlag | None = None,
                 on_trial=None, callbacks=None, on_start=None, on_wait=None, stale_after: float = STALE_AFTER):
        self.storage_url, self.experiment_id, self.runs_dir = storage_url, experiment_id, Path(runs_dir)
        self.stop = stop or StopFlag()
        self.on_trial, self.callbacks, self.on_start, self.on_wait = on_trial, callbacks, on_start, on_wait
        self.stale_after = stale_after
        self.study, self.grid = load(storage_url, experiment_id)
        self.seen: dict[int, tuple[Any, float]] = {}  # a running trial's last beat and when this worker saw it

    # -- one run ------------------------------------------------------------------------------
    def train(self, trial: optuna.Trial, point: dict[str, Any], seed: int, prune: bool):
        """Trains one run of the trial; returns its result, the pruning callback and the run folder."""
        from workbench.training import trainer

        config = self.grid.config(point, seed, name=f"{self.experiment_id} {point_label(point)} seed {seed}")
        run_dir = ""

        def started(folder) -> None:
            nonlocal run_dir
            run_dir = str(folder.path)
            trial.set_user_attr("run_dir", run_dir)  # where a running trial trains (its worker may be elsewhere)
            folder.write_status("running", experiment=self.experiment_id)  # the runs table groups trials by it
            if self.on_start is not None:
                done = runs_done(self.study.get_trials(deepcopy=False))
                self.on_start(config, folder, {"settings": point, "seed": seed, "done": done,
                                               "total": self.grid.expected_trials()})

        pruning = _prune_hopeless(trial) if prune else None
        extra = [*(self.callbacks(config) if self.callbacks else ()), *([pruning] if pruning else [])]
        result = trainer.train(config, self.runs_dir, callbacks=extra, stop=self.stop, on_start=started,
                               hparams={"experiment": self.experiment_id})
        return result, pruning, run_dir

    def _told(self, point: dict[str, Any], seed: int, outcome: dict[str, Any], result) -> None:
        if self.on_trial is not None:
            self.on_trial({"settings": point, "seed": seed, **outcome, "summary": result.summary.to_dict()})

    # -- one trial --------------------------------------------------------------------------
    def objective(self, trial: optuna.Trial) -> float:
        beat = Beat(trial)
        try:
            if not self.grid.searched:
                if _taken(self.study, trial):
                    raise optuna.TrialPruned("another trial has this grid point")  # runs nothing
                point, seed = _suggest_point(trial, self.grid)
                return self._one_seed(trial, point, seed)
            return self._every_seed(trial, _suggest_setting(trial, self.grid))
        finally:
            beat.stop()

    def _one_seed(self, trial: optuna.Trial, point: dict[str, Any], seed: int) -> float:
        result, pruning, run_dir = self.train(trial, point, seed, self.grid.prune)
        outcome = _outcome_of(result, run_dir)
        if pruning is not None and pruning.pruned_at and result.status == "completed":
            _mark_pruned(result, pruning, outcome)
            trial.set_user_attr(OUTCOME_ATTR, outcome)
            self._told(point, seed, outcome, result)
            raise optuna.TrialPruned(f"pruned at epoch {pruning.pruned_at}")
        if result.status == "stopped":
            requeue(self.study, trial)
            self._told(point, seed, outcome, result)
            raise TrialStopped(result.summary.run_id)
        trial.set_user_attr(OUTCOME_ATTR, outcome)  # one write (each is a transaction)
        self._told(point, seed, outcome, result)
        return _value([outcome])

    def _every_seed(self, trial: optuna.Trial, point: dict[str, Any]) -> float:
        """A search's trial: the setting with every seed (those a stopped attempt finished are kept); the median
        pruner watches the first seed's epochs, as it does every trial's."""
        outcomes = list(trial.user_attrs.get(RUNS_ATTR) or [])
        for seed in [s for s in self.grid.seeds if s not in {o["seed"] for o in outcomes}]:
            result, pruning, run_dir = self.train(trial, point, seed, self.grid.prune and not outcomes)
            outcome = {**_outcome_of(result, run_dir), "seed": seed}
            if result.status == "stopped":
                requeue(self.study, trial)
                self._told(point, seed, outcome, result)
                raise TrialStopped(result.summary.run_id)
            pruned = pruning is not None and pruning.pruned_at and result.status == "completed"
            if pruned:
                _mark_pruned(result, pruning, outcome)
            outcomes.append(outcome)
            trial.set_user_attr(RUNS_ATTR, outcomes)  # one write per run: a retry keeps the seeds done
            self._told(point, seed, outcome, result)
            if pruned:
                raise optuna.TrialPruned(f"pruned at epoch {pruning.pruned_at}")
        return _value(outcomes)

    # -- the loop ---------------------------------------------------------------------------
    def run(self) -> int:
        """Runs trials until none is left (or `stop` is set); returns how many it ran."""
        from workbench.training.trainer import TrainingFailed

        ran = 0
        while not self.stop.is_set():
            trials = self.study.get_trials(deepcopy=False)
            wanted = _wanted(trials, self.grid)
            if wanted is None:
                break
            if wanted:
                try:
                    self.study.optimize(self.objective, n_trials=1, catch=(TrainingFailed,))
                except TrialStopped:
                    break
                ran += 1
                continue
            # every trial has been started: wait for the other workers, and take over trials whose worker died
            optuna.storages.fail_stale_trials(self.study)  # (heartbeats of an SQL storage)
            running = [t for t in trials if t.state == optuna.trial.TrialState.RUNNING]
            if not running and not any(t.state == optuna.trial.TrialState.WAITING for t in trials):
                break  # what is left failed for good (a training error): nothing to wait for
            self._fail_stale(running)
            time.sleep(WAIT_SECONDS)
        return ran

    def _fail_stale(self, running: list[optuna.trial.FrozenTrial]) -> None:
        """Fails and queues again each running trial whose beat has not changed for `stale_after` seconds of this
        worker's clock (clocks of other machines are never compared); says what it waits for."""
        now = time.monotonic()
        for t in running:
            beat = t.user_attrs.get(BEAT_ATTR)
            last, since = self.seen.get(t.number, (None, now))
            if beat != last:
                last, since = beat, now
            self.seen[t.number] = (last, since)
            quiet = now - since
            if quiet >= self.stale_after:
                fail_and_requeue(self.storage_url, self.study, t)
                self.seen.pop(t.number, None)
            if self.on_wait is not None:
                self.on_wait({"trial": t.number, "settings": t.params, "host": _host_of(t), "quiet": quiet,
                              "stale_after": self.stale_after, "taken_over": quiet >= self.stale_after})


def work(storage_url: str, experiment_id: str, runs_dir: Path, stop: StopFlag | None = None,
         on_trial: Callable[[dict], None] | None = None,
         callbacks: Callable[[Any], list] | None = None,
         on_start: Callable[[Any, Any, dict], None] | None = None,
         on_wait: Callable[[dict], None] | None = None, stale_after: float = STALE_AFTER) -> int:
    """Runs trials of the experiment until none is left (or `stop` is set); returns how many it ran.

    `on_trial(outcome)` hears of each run trained (a stopped one too: it is queued again); `callbacks(config)`
    gives a run's extra Keras callbacks (the window's bridge); `on_start(config, folder, where)` is called as its
    run folder exists (`where`: the settings, seed and how many runs are done of how many); `on_wait(what)` hears
    what a waiting worker waits for, every second it waits."""
    return Worker(storage_url, experiment_id, runs_dir, stop, on_trial, callbacks, on_start, on_wait,
                  stale_after).run()


def fail_and_requeue(storage_url: str, study: optuna.Study, trial: optuna.trial.FrozenTrial) -> None:
    """A trial whose worker is gone: failed in the storage and queued again (public storage API only)."""
    storage = open_storage(storage_url)
    trial_id = storage.get_trial_id_from_study_id_trial_number(
        storage.get_study_id_from_name(study.study_name), trial.number)
    try:
        storage.set_trial_state_values(trial_id, optuna.trial.TrialState.FAIL)
    except RuntimeError:  # it ended (or another worker failed it) meanwhile: nothing to take over
        return
    _retry()(study, trial)


def _host_of(trial: optuna.trial.FrozenTrial) -> str:
    run_dir = trial.user_attrs.get("run_dir") or ""
    return Path(run_dir).name if run_dir else "?"


def _outcome_of(result, run_dir: str) -> dict[str, Any]:
    summary = result.summary
    return {"run_id": summary.run_id, "run_dir": run_dir, "host": socket.gethostname(), "status": summary.status,
            "final": summary.final, "best_val_accuracy": summary.best_val_accuracy,
            "best_val_loss": summary.best_val_loss, "seconds": summary.seconds}


def _mark_pruned(result, pruning, outcome: dict[str, Any]) -> None:
    outcome["status"] = "pruned"
    RunFolder(result.folder.path).write_status(
        "completed", reason=f"pruned at epoch {pruning.pruned_at}: its validation accuracy was below the "
                            "median of earlier trials'")


def _value(outcomes: list[dict[str, Any]]) -> float:
    """What the sampler is told: the mean validation accuracy over the trial's seeds (a missing one counts 0)."""
    values = [(o.get("final") or {}).get("val_accuracy") for o in outcomes]
    values = [v if v is not None and math.isfinite(v) else 0.0 for v in values]
    return sum(values) / len(values) if values else 0.0


def _suggest_point(trial: optuna.Trial, grid) -> tuple[dict[str, Any], int]:
    """A grid's trial: its point and seed, as the GridSampler hands them out."""
    seed = trial.suggest_categorical("seed", grid.seeds)
    if grid.rows is not None:
        return dict(grid.rows[trial.suggest_categorical("point", list(range(len(grid.rows))))]), seed
    return {name: trial.suggest_categorical(name, values) for name, values in grid.axes.items()}, seed


def _suggest_setting(trial: optuna.Trial, grid) -> dict[str, Any]:
    """A search's trial: the setting the sampler proposes (never the seed)."""
    point = {name: trial.suggest_categorical(name, values) for name, values in grid.axes.items()}
    for name, r in grid.ranges.items():
        if isinstance(grid.base.get(name, r.low), int) and isinstance(r.low, int):
            point[name] = trial.suggest_int(name, int(r.low), int(r.high), log=r.log)
        else:
            point[name] = trial.suggest_float(name, float(r.low), float(r.high), log=r.log)
    return point


def _wanted(trials: list, grid) -> bool | None:
    """Whether this worker should start another trial; None when every trial has finished."""
    state = optuna.trial.TrialState
    waiting = any(t.state == state.WAITING for t in trials)
    if grid.searched:  # n settings, sampled as their trials start
        finished = sum(_finished(t) for t in trials)
        if finished >= grid.n_trials:
            return None
        started = finished + sum(t.state in (state.RUNNING, state.WAITING) for t in trials)
        return started < grid.n_trials or waiting
    total = grid.expected_trials()
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
    grid_id = _grid_id(_frozen(study, trial.number))
    state = optuna.trial.TrialState
    for other in study.get_trials(deepcopy=False):
        if other.number == trial.number or _grid_id(other) != grid_id:
            continue
        if _finished(other) or other.state == state.WAITING or (other.state == state.RUNNING
                                                                 and other.number < trial.number):
            return True
    return False


def _frozen(study: optuna.Study, number: int) -> optuna.trial.FrozenTrial:
    """The trial with this number as the storage has it now (public API: no private trial ids)."""
    return next(t for t in study.get_trials(deepcopy=False) if t.number == number)


def requeue(study: optuna.Study, trial: optuna.Trial) -> None:
    """Queues the trial's grid point again (Optuna's own retry, as for a trial whose worker died)."""
    _retry()(study, _frozen(study, trial.number))


