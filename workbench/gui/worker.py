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

    def __init__(self, config: TrainConfig, runs_dir: Path, parent=None, resume_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.runs_dir = Path(runs_dir)
        self.resume_dir = resume_dir  # continue this run from its checkpoint instead of starting one
        self.stop_flag = StopFlag()

    def request_stop(self) -> None:
        self.stop_flag.set()

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
                self.run_started.emit({
                    "run_id": folder.run_id, "run_dir": str(folder.path), "name": self.config.label,
                    "steps_per_epoch": steps, "epochs": self.config.epochs,
                    "resumed": self.resume_dir is not None,
                    "wrong": wrong_reports(self.config.to_dict()),
                })

            if self.resume_dir is not None:
                result = trainer.resume(self.resume_dir, [bridge], self.stop_flag, on_start=started)
            else:
                result = trainer.train(self.config, self.runs_dir, [bridge], self.stop_flag, on_start=started)
            self.run_finished.emit(result.summary.to_dict())
        except ConfigError as exc:
            self.failed.emit(self.tr("Setting {problem}").format(problem=exc))
        except (ValueError, OSError) as exc:  # DatasetError, trainer.CannotResume, …: their message says why
            self.failed.emit(str(exc))
        except DeviceError as exc:
            self.failed.emit(self.tr("Device: {problem}").format(problem=exc))
        except Exception as exc:
            self.failed.emit(self.tr("Training failed: {problem}").format(problem=exc))
