"""The runs the window trains: a queue of jobs, one TrainWorker at a time, Stop, and what happened.

A QObject without widgets, so the queue can be tested without a window. The window
asks (start, compare optimizers, reproduce the article, resume, run again, stop) and
listens to the signals; the controller owns the worker thread and never touches a
widget. A batch is what one request queues: one run, two (compare), nine (the
article); `batch_finished` says when it is over and which runs it made.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from workbench.core.config import TrainConfig
from workbench.core.runs import RunFolder
from workbench.experiments.grid import default_storage
from workbench.experiments.presets import (
    article_grid,
    article_results,
    compare_configs,
    compare_grid,
)
from workbench.gui.worker import ExperimentWorker, TrainWorker


@dataclass(frozen=True)
class Job:
    config: TrainConfig | None
    resume_dir: Path | None = None  # continue this run from its checkpoint instead of starting one
    experiment: tuple | None = None  # (grid, storage URL, experiment id): its trials, one run after another
    fork: tuple | None = None  # (parent run folder, epoch, changes): what if, as a new run
    trust_code: bool = False  # the user agreed to run a run folder's model code this machine did not write


def _stamp(kind: str) -> str:
    return time.strftime(f"{kind}-%Y%m%d-%H%M%S")


def format_eta(seconds: float) -> str:
    seconds = max(0, int(seconds))
    m, s = divmod(seconds, 60)
    return f"{m // 60}:{m % 60:02d}:{s:02d}" if m >= 60 else f"{m}:{s:02d}"


class RunController(QObject):
    """Trains queued jobs one after another in a TrainWorker thread and reports through signals."""

    busy_changed = Signal(bool)  # a batch started (True) or ended (False)
    loading = Signal(str)
    run_started = Signal(dict)  # run_id, run_dir, name, steps_per_epoch, epochs, resumed
    batches = Signal(dict)  # the worker's batch points, plus done/total steps and eta text
    epoch_done = Signal(dict)
    run_finished = Signal(dict)  # each run's summary
    run_ended = Signal(str)  # its thread is done (the run id, "" if it never started)
    failed = Signal(str)  # a run that could not start or failed, with the reason
    batch_finished = Signal(list)  # the run ids the batch made, in order
    article_reproduced = Signal(list)  # reported-vs-measured rows after "Reproduce the article"
    experiment_started = Signal(str)  # an experiment exists in its storage and its trials begin (its id)

    def __init__(self, runs_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runs_dir = Path(runs_dir)
        self.worker: TrainWorker | None = None
        self.queue: deque[Job] = deque()
        self.done: list[str] = []
        self.reproducing = False
        self.experiment_id: str | None = None  # the experiment whose trials are running
        self.last_experiment: str | None = None  # the one the last batch ran
        self.live_run_id: str | None = None
        self.live_info: dict = {}
        self.last_summary: dict | None = None
        self._t0 = 0.0

    @property
    def training(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    # -- what the window asks ------------------------------------------------------------
    def start(self, config: TrainConfig) -> bool:
        return self._begin([Job(config)])

    @property
    def storage(self) -> str:
        """Where the window's experiments live: `experiments.db` in the runs folder."""
        return default_storage(self.runs_dir)

    def compare_optimizers(self, base: TrainConfig, seeds: list[int] | None = None) -> bool:
        """SGD then Adam with otherwise the same settings; with `seeds`, an experiment over them."""
        if seeds is not None:
            return self.run_experiment(compare_grid(base, seeds), self.storage, _stamp("compare"))
        return self._begin([Job(c) for c in compare_configs(base)])

    def reproduce_article(self, base: TrainConfig, seeds: list[int]) -> bool:
        """The article's experiment (presets.article_grid: its rows with `base`'s epochs and sample limits, once
        per seed); then `article_reproduced` with each row's mean ± std over the seeds."""
        started = self.run_experiment(article_grid(base, seeds), self.storage, _stamp("article"))
        self.reproducing = started
        return started

    def run_experiment(self, grid, storage: str, experiment_id: str) -> bool:
        """Runs the experiment's trials not yet done (a new one, or one stopped before with the same grid)."""
        started = self._begin([Job(None, experiment=(grid, storage, experiment_id))])
        if started:
            self.experiment_id = experiment_id  # experiment_started follows once its storage has it
        return started

    def fork(self, run_dir: Path, epoch: int, changes: dict, trust_code: bool = False) -> bool:
        """What if: a new run from `run_dir`'s weights after `epoch`, with `changes` (ConfigError if unreadable)."""
        config = TrainConfig.from_dict({**RunFolder(Path(run_dir)).config(), **changes})
        return self._begin([Job(config, fork=(Path(run_dir), epoch, changes), trust_code=trust_code)])

    def resume(self, run_dir: Path, trust_code: bool = False) -> bool:
        """Continues a stopped or interrupted run from its last finished epoch (ConfigError if unreadable)."""
        config = TrainConfig.from_dict(RunFolder(Path(run_dir)).config())
        return self._begin([Job(config, resume_dir=Path(run_dir), trust_code=trust_code)])

    def stop(self) -> None:
        """Stops the run at its next batch; queued runs are dropped."""
        self.queue.clear()
        if self.training:
            self.worker.request_stop()

    def shutdown(self) -> None:
        """Stops and waits for the thread (closing the window)."""
        self.stop()
        if self.worker is not None:
            self.worker.wait()

    # -- the queue ---------------------------------------------------------------------
    def _begin(self, jobs: list[Job]) -> bool:
        if self.training or not jobs:
            return False
        self.queue = deque(jobs[1:])
        self.done = []
        self.experiment_id = None
        self.reproducing = False
        self.busy_changed.emit(True)
        self._launch(jobs[0])
        return True

    def _launch(self, job: Job) -> None:
        self.last_summary = None
        self.live_run_id = None
        if job.experiment is not None:
            worker = ExperimentWorker(*job.experiment, self.runs_dir, self)
            worker.created.connect(self.experiment_started)
        else:
            worker = TrainWorker(job.config, self.runs_dir, self, resume_dir=job.resume_dir, fork=job.fork,
                                 trust_code=job.trust_code)
        for relayed in ("loading", "epoch_done", "failed"):  # passed on as they come
            getattr(worker, relayed).connect(getattr(self, relayed))
        worker.run_started.connect(self._on_run_started)
        worker.batches.connect(self._on_batches)
        worker.run_finished.connect(self._on_finished)
        worker.finished.connect(self._on_thread_finished)
        self.worker = worker
        worker.start()

    def _on_run_started(self, info: dict) -> None:
        self.live_info = info
        self.live_run_id = info["run_id"]
        self._t0 = time.perf_counter()
        self.run_started.emit(info)

    def _on_batches(self, points: dict) -> None:
        steps, epochs = self.live_info["steps_per_epoch"], self.live_info["epochs"]
        done = (points["epoch"] - 1) * steps + points["batch"]
        total = steps * epochs
        elapsed = time.perf_counter() - self._t0
        eta = elapsed / max(done, 1) * (total - done)
        self.batches.emit({**points, "done": done, "total": total, "eta": format_eta(eta)})

    def _on_finished(self, summary: dict) -> None:
        self.last_summary = summary
        self.done.append(summary["run_id"])
        self.run_finished.emit(summary)

    def _on_thread_finished(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.deleteLater()
        self.run_ended.emit(self.live_run_id or "")  # still the live run while the window tidies up
        status = (self.last_summary or {}).get("status")
        if self.queue and status == "completed":
            self._launch(self.queue.popleft())
            return
        self.queue.clear()
        made, self.done = [i for i in self.done if i], []
        if self.reproducing:
            self.reproducing = False
            rows = []
            if self.experiment_id is not None:
                from workbench.experiments import study

                try:
                    rows = article_results(study.report(self.storage, self.experiment_id), self.runs_dir)
                except Exception as exc:  # the experiment never started (its failure was said): no table
                    self.failed.emit(str(exc))
            if rows:
                self.article_reproduced.emit(rows)
        self.last_experiment = self.experiment_id
        self.experiment_id = None
        self.busy_changed.emit(False)
        self.batch_finished.emit(made)
        self.live_run_id = None
