"""The background trainer thread: runs the core's trainer, reports through Qt signals; loading TensorFlow.

TensorFlow is imported here, in this thread, never at window start-up.
Stop is a flag checked between batches; the thread is never killed.
Every exception becomes a `failed` signal with a readable message.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.runs import wrong_reports
from workbench.core.stop import StopFlag
from workbench.training.distribute import DeviceError


def start_tensorflow() -> None:
    """Imports TensorFlow with logical CPU devices for mirrored runs, made before its runtime starts."""
    from workbench.training.distribute import DEFAULT_CPU_DEVICES, configure_cpu_devices

    configure_cpu_devices(DEFAULT_CPU_DEVICES)


def load_tensorflow() -> dict:
    """Imports TensorFlow, Keras and the training stack (a background task, so the first Start is quick);
    returns the versions line and what TensorFlow sees."""
    start_tensorflow()
    import keras
    import tensorflow as tf

    from workbench.training import trainer  # noqa: F401
    from workbench.training.distribute import describe_devices

    gpus = tf.config.list_physical_devices("GPU")
    device = ", ".join(tf.config.experimental.get_device_details(g).get("device_name", g.name)
                       for g in gpus) or "CPU"
    return {"versions": f"TensorFlow {tf.__version__}, Keras {keras.__version__} · {device}",
            "devices": describe_devices()}


class TrainWorker(QThread):
    """One training run in a background thread."""

    loading = Signal(str)
    run_started = Signal(dict)   # run_id, run_dir, name, steps_per_epoch, epochs
    batches = Signal(dict)       # coalesced batch points (see QtBridge.flush)
    epoch_done = Signal(dict)    # epoch logs
    run_finished = Signal(dict)  # RunSummary as a dict
    failed = Signal(str)

    def __init__(self, config: TrainConfig, runs_dir: Path, parent=None, resume_dir: Path | None = None,
                 fork: tuple | None = None, trust_code: bool = False) -> None:
        super().__init__(parent)
        self.trust_code = trust_code  # the user agreed to run a run folder's model code from elsewhere
        self.config = config
        self.runs_dir = Path(runs_dir)
        self.resume_dir = resume_dir  # continue this run from its checkpoint instead of starting one
        self.fork = fork  # (parent run folder, epoch, changes): start a new run from the parent's epoch
        self.stop_flag = StopFlag()

    def request_stop(self) -> None:
        self.stop_flag.set()

    def started_info(self, config: TrainConfig, folder, steps: int, **extra) -> dict:
        return {"run_id": folder.run_id, "run_dir": str(folder.path), "name": config.label,
                "steps_per_epoch": steps, "epochs": config.epochs,
                "resumed": self.resume_dir is not None or self.fork is not None,  # records before it: draw them
                "wrong": wrong_reports(config.to_dict()), **extra}

    def run(self) -> None:
        try:
            from workbench.core import data as datamod

            data = datamod.prepare(self.config)
            steps = datamod.steps_per_epoch(len(data.x_train), self.config.batch_size)
            self.loading.emit(self.tr("Loading TensorFlow…"))
            start_tensorflow()
            from workbench.gui.bridge import QtBridge
            from workbench.training import trainer

            bridge = QtBridge(self, steps, self.config.epochs, self.config.batch_size)

            def started(folder) -> None:
                self.run_started.emit(self.started_info(self.config, folder, steps))

            if self.resume_dir is not None:
                result = trainer.resume(self.resume_dir, [bridge], self.stop_flag, on_start=started,
                                        trust_code=self.trust_code)
            elif self.fork is not None:
                parent, epoch, changes = self.fork
                result = trainer.fork(parent, epoch, changes, self.runs_dir, [bridge], self.stop_flag,
                                      on_start=started, trust_code=self.trust_code)
            else:
                result = trainer.train(self.config, self.runs_dir, [bridge], self.stop_flag, on_start=started)
            self.run_finished.emit(result.summary.to_dict())
        except Exception as exc:
            self.failed.emit(self.problem(exc))

    def problem(self, exc: Exception) -> str:
        """The message of an exception that ended the thread."""
        if isinstance(exc, ConfigError):
            return self.tr("Setting {problem}").format(problem=exc)
        if isinstance(exc, ValueError | OSError):  # DatasetError, CannotResume, GridError: their message says why
            return str(exc)
        if isinstance(exc, DeviceError):
            return self.tr("Device: {problem}").format(problem=exc)
        return self.tr("Training failed: {problem}").format(problem=exc)


class ExperimentWorker(TrainWorker):
    """Runs the trials of an experiment (an Optuna study) one after another, each an ordinary run with the
    bridge; stopping queues the trial under way again, so the experiment continues where it stopped."""

    created = Signal(str)  # the experiment exists in its storage

    def __init__(self, grid, storage: str, experiment_id: str, runs_dir: Path, parent=None) -> None:
        super().__init__(grid.config(grid.points()[0], grid.seeds[0]), runs_dir, parent)
        self.grid = grid
        self.storage = storage
        self.experiment_id = experiment_id

    def run(self) -> None:
        try:
            from workbench.experiments import study, trials

            self.runs_dir.mkdir(parents=True, exist_ok=True)  # the storage's SQLite file lives in it
            study.create(self.grid, self.storage, self.experiment_id)  # or continue it (same grid)
            self.created.emit(self.experiment_id)  # only now may others open the storage: a fresh SQLite file
            # opened by two at once can fail to get its tables
            self.loading.emit(self.tr("Loading TensorFlow…"))
            start_tensorflow()
            from workbench.core import data as datamod
            from workbench.gui.bridge import QtBridge

            steps_of: dict[int, int] = {}

            def callbacks(config: TrainConfig) -> list:
                data = datamod.prepare(config)
                steps_of[id(config)] = datamod.steps_per_epoch(len(data.x_train), config.batch_size)
                return [QtBridge(self, steps_of[id(config)], config.epochs, config.batch_size)]

            def started(config: TrainConfig, folder, where: dict) -> None:
                self.run_started.emit(self.started_info(config, folder, steps_of[id(config)], trial=where,
                                                        experiment_id=self.experiment_id))

            trials.work(self.storage, self.experiment_id, self.runs_dir, self.stop_flag,
                        on_trial=lambda trial: self.run_finished.emit(trial["summary"]),
                        callbacks=callbacks, on_start=started)
        except Exception as exc:
            self.failed.emit(self.problem(exc))
