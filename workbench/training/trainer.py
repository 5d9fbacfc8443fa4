"""One trainer for the three methods: builds the run, runs a method, records the outcome.

No Qt. The command line, the window's worker thread and the tests all call
`train()`. TensorFlow is imported here (lazily, by the callers that need it),
never by the window at start-up.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402

from workbench.core import data as datamod  # noqa: E402
from workbench.core import model_source  # noqa: E402
from workbench.core.config import ConfigError, TrainConfig  # noqa: E402
from workbench.core.run_summary import RunSummary, read_run  # noqa: E402
from workbench.core.runs import RunFolder, wrong_reports  # noqa: E402
from workbench.core.settings import FORKABLE as SETTINGS_FORKABLE  # noqa: E402
from workbench.core.settings import SETTINGS  # noqa: E402
from workbench.core.stop import StopFlag  # noqa: E402
from workbench.training import checkpoint, distribute, methods, models  # noqa: E402
from workbench.training.callbacks import DivergenceGuard, RunRecorder, RunTensorBoard, StopOnFlag  # noqa: E402
from workbench.training.steps import StepFeed  # noqa: E402


class TrainingFailed(RuntimeError):
    """Training could not finish; the run folder says `failed` with this message."""


@dataclass
class RunResult:
    folder: RunFolder
    summary: RunSummary
    chief: bool = True  # False: a multiworker process that is not the chief (its folder is gone)

    @property
    def status(self) -> str:
        return self.summary.status


class CannotResume(ValueError):
    """The run has no checkpoint to continue from, or nothing left to train."""


def train(
    config: TrainConfig,
    runs_dir: Path,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    stop: StopFlag | None = None,
    on_start: Callable[[RunFolder], None] | None = None,
    hparams: dict[str, Any] | None = None,
    trust_code: bool = False,
) -> RunResult:
    """Trains one run into a new folder of `runs_dir` and returns its summary.

    Bad settings or data raise ConfigError/DatasetError, and missing devices
    or cluster DeviceError, before any folder is made. Once the folder exists
    every outcome is recorded in it; an error during training is recorded as
    `failed` and raised as TrainingFailed. A multiworker process that is not
    the chief trains into a temporary folder and removes it: only the chief's
    run appears in `runs_dir`.
    """
    data = datamod.prepare(config)
    check_model(config, data, trust_code)
    strategy = distribute.make_strategy(config)  # first: MultiWorkerMirroredStrategy must precede other ops
    chief = distribute.is_chief(config)
    target = Path(runs_dir) if chief else Path(tempfile.mkdtemp(prefix="workbench-worker-"))
    folder = RunFolder.create(target, recorded(config, data))
    try:
        copy = keep_model_file(config, folder.path)
        result = _run(config, data, folder, callbacks, stop, on_start, first_epoch=0, strategy=strategy,
                      hparams=hparams, model_file=copy, trust_code=trust_code)
        result.chief = chief
        return result
    finally:
        if not chief:
            shutil.rmtree(target, ignore_errors=True)


def resume(
    run_dir: Path,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    stop: StopFlag | None = None,
    on_start: Callable[[RunFolder], None] | None = None,
    trust_code: bool = False,
) -> RunResult:
    """Continues a stopped or interrupted run from its last checkpoint, in its own folder.

    Rows recorded after the checkpoint (a partial epoch) are dropped; the run
    then sees the same batches with the same weights and optimizer state as
    an uninterrupted run, and ends with the same weights.
    """
    folder = RunFolder(Path(run_dir))
    config = TrainConfig.from_dict(folder.config())
    done = checkpoint.epochs_done(folder.path)
    if done is None:
        raise CannotResume(f"run {folder.run_id} has no checkpoint: it stopped before its first epoch ended")
    if done >= config.epochs:
        raise CannotResume(f"run {folder.run_id} has finished all {config.epochs} epochs")
    model_source.check_trusted(folder.path, trust_code)
    data = datamod.prepare(config)
    strategy = distribute.make_strategy(config)
    folder.truncate_to(done)
    previous = float(folder.status().get("seconds") or 0.0)
    folder.write_status("running", error=None, resumed_from_epoch=done, epochs_completed=done)
    return _run(config, data, folder, callbacks, stop, on_start, first_epoch=done,
                restore_from=checkpoint.find(folder.path), seconds_before=previous, strategy=strategy,
                model_file=model_source.run_copy(folder.path), trust_code=trust_code)


#: what a fork may change (settings.FORKABLE): how the weights are moved on, not what the model is
FORKABLE = tuple(s.name for s in SETTINGS_FORKABLE)


class CannotFork(ValueError):
    """The parent has no weights for that epoch, or the change is not one a fork can make."""


def fork(
    parent_dir: Path,
    epoch: int,
    changes: dict[str, Any],
    runs_dir: Path,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    stop: StopFlag | None = None,
    on_start: Callable[[RunFolder], None] | None = None,
    trust_code: bool = False,
) -> RunResult:
    """What if: a new run that starts from `parent_dir`'s weights after `epoch` with `changes` (loss, optimizer,
    learning rate, …) and a fresh optimizer; it keeps the parent's records up to that epoch, so its curves
    run on from the parent's, and then sees the same batches the parent would have."""
    parent = RunFolder(Path(parent_dir))
    bad = [k for k in changes if k not in FORKABLE]
    if bad:
        raise CannotFork(f"a fork can change {', '.join(FORKABLE)}; not {', '.join(bad)}")
    weights = checkpoint.epoch_weights(parent.path, epoch)
    if weights is None:
        raise CannotFork(f"run {parent.run_id} has no weights of epoch {epoch} (finished epochs are kept from "
                         "this version on)")
    model_source.check_trusted(parent.path, trust_code)
    base = TrainConfig.from_dict(parent.config())
    shown = " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in changes.items())
    config = TrainConfig.from_dict({**base.to_dict(), **changes,
                                    "name": f"{base.label} → {shown or 'same'} from epoch {epoch}"})
    if config.epochs <= epoch:
        raise CannotFork(f"the fork trains epochs {epoch + 1} to {config.epochs}: give more than {epoch} epochs")
    data = datamod.prepare(config)
    strategy = distribute.make_strategy(config)
    folder = RunFolder.create(Path(runs_dir), recorded(config, data))
    for name in ("history.csv", "batches.csv", "true_history.csv", "dynamics.csv", "histograms.jsonl"):
        if (parent.path / name).exists():
            shutil.copyfile(parent.path / name, folder.path / name)
    folder.truncate_to(epoch)
    copy = model_source.run_copy(parent.path)
    if copy is not None:  # the parent's network, whatever became of the file it was built from
        shutil.copyfile(copy, folder.path / copy.name)
        copy = folder.path / copy.name
        if copy.suffix == ".py":
            model_source.trust(copy)  # checked above: this machine's, or the user said so
    folder.write_status("running", epochs_completed=epoch, parent={"run_id": parent.run_id, "epoch": epoch})
    return _run(config, data, folder, callbacks, stop, on_start, first_epoch=epoch, fork_from=weights,
                strategy=strategy, model_file=copy, trust_code=trust_code)


def recorded(config: TrainConfig, data) -> dict[str, Any]:
    """config.json: the settings, and an image folder's class names (INTERFACE.md: `class_names`)."""
    values = config.to_dict()
    extra = {k: v for k, v in values.pop("extra", {}).items() if k != "class_names"}
    if extra:
        values["extra"] = extra
    if data.class_names:
        values["class_names"] = list(data.class_names)
    return values


def check_model(config: TrainConfig, data, trust_code: bool = False) -> None:
    """A user's model is built once before any folder is made: a file that does not exist, does not import,
    lacks the function, returns no Keras model, or does not fit the data is a ConfigError naming `model`."""
    if config.model == "cnn" and data.tabular:
        raise ConfigError("model", "cnn takes images; a CSV's samples are rows of numbers: use mlp or your own "
                                   "model")
    source = model_source.parse(config.model)
    if not source.is_file:
        return
    if not source.path.is_file():
        raise ConfigError("model", f"{source.path}: no such file")
    try:
        models.build(config.model, data.input_shape, data.num_classes, config.seed, trust_code=trust_code,
                     normalise=models.normalisation(data))
    except model_source.ModelSourceError as exc:
        raise ConfigError("model", str(exc)) from None


def keep_model_file(config: TrainConfig, run_dir: Path) -> Path | None:
    """Copies the user's model file into the run folder (the run is rebuilt from the copy, whatever becomes of
    the file); a Python copy is marked as this machine's own, so it runs again without asking."""
    source = model_source.parse(config.model)
    if not source.is_file:
        return None
    copy = Path(run_dir) / (model_source.COPY_PY if source.kind == "python" else model_source.COPY_KERAS)
    shutil.copyfile(source.path, copy)
    if source.kind == "python":
        model_source.trust(copy)
    return copy


def _run(config, data, folder, callbacks, stop, on_start, first_epoch, restore_from=None,
         seconds_before: float = 0.0, strategy=None, hparams: dict[str, Any] | None = None,
         fork_from: Path | None = None, model_file: Path | None = None, trust_code: bool = False) -> RunResult:
    if on_start is not None:
        on_start(folder)
    stop = stop or StopFlag()
    keras.utils.set_random_seed(config.seed)
    setup = methods.Setup(config, data, first_epoch=first_epoch, restore_from=restore_from, fork_from=fork_from,
                          strategy=strategy, model_file=model_file, trust_code=trust_code)
    guard = DivergenceGuard()
    recorded = [r.get(config.monitor) for r in folder.history() if r.get(config.monitor) is not None]
    best_so_far = (max(recorded) if config.monitor.endswith("accuracy") else min(recorded)) if recorded else None
    truth = setup.true_validation if wrong_reports(config.to_dict()) else None
    recorder = RunRecorder(folder, setup.steps_per_epoch, first_epoch, monitor=config.monitor, best=best_so_far,
                           truth=truth)
    tensorboard = RunTensorBoard(str(folder.path / "logs"), setup.steps_per_epoch, run_text=run_markdown(config),
                                 hparams={**run_hparams(config), **(hparams or {})})
    early = None
    if config.early_stop_patience:
        early = keras.callbacks.EarlyStopping(
            monitor=config.monitor, patience=config.early_stop_patience,
            min_delta=config.early_stop_min_delta, restore_best_weights=config.restore_best,
            mode="max" if config.monitor.endswith("accuracy") else "min")
    # the recorder sees each epoch before early stopping may restore the best weights
    # StepFeed first: in fast mode it hands every step of a call to the callbacks after it
    feed = [StepFeed(setup.step_log)] if setup.step_log is not None else []
    instruments = []
    if config.dynamics_every > 0 and setup.replicas == 1:
        from workbench.training.dynamics import Dynamics

        instruments = [Dynamics(folder, setup, config.dynamics_every, str(folder.path / "logs" / "dynamics"))]
    if config.path_mb > 0:
        from workbench.training.weights_path import PathKeeper

        instruments.append(PathKeeper(folder.path, first_epoch, config.path_mb))
    setup.callbacks = [*feed, guard, recorder, tensorboard, *instruments, StopOnFlag(stop, setup.steps_per_epoch),
                       *([early] if early else []), *callbacks]
    started = time.perf_counter()
    try:
        model = methods.get(config.method)(setup)
    except Exception as exc:
        recorder.flush()
        message = f"{type(exc).__name__}: {exc}".strip()
        folder.write_status("failed", error=message, ended=time.time(),
                            seconds=seconds_before + time.perf_counter() - started)
        raise TrainingFailed(message) from exc
    seconds = seconds_before + time.perf_counter() - started
    status, error, reason = _outcome(config, guard, stop, early)
    if status != "diverged":
        save_model(model, folder.path / "model.keras")
        save_best(model, folder.path)
    folder.write_status(status, error=error, seconds=seconds, ended=time.time(),
                        diverged_step=guard.diverged_step, reason=reason, replicas=setup.replicas,
                        steps_per_execution=setup.steps_per_execution)
    summary = read_run(folder.path)
    assert summary is not None
    return RunResult(folder, summary)


def _outcome(config: TrainConfig, guard: DivergenceGuard, stop: StopFlag, early) -> tuple[str, str | None,
                                                                                         str | None]:
    """How a run that trained to its end ended: its status, the error (diverged) and the reason (early stop)."""
    if guard.diverged_step is not None:
        return "diverged", (f"the loss became NaN or infinite at step {guard.diverged_step}; "
                            f"try a smaller learning rate than {config.lr:g}"), None
    if stop.is_set():
        return "stopped", None, None
    if early is not None and early.stopped_epoch > 0:
        return "completed", None, (f"early-stopped at epoch {early.stopped_epoch + 1}: no {config.monitor} "
                                   f"improvement for {config.early_stop_patience} epochs")
    return "completed", None, None


def run_hparams(config: TrainConfig) -> dict[str, Any]:
    """The settings TensorBoard's HParams dashboard shows for the run (those of the window's panel)."""
    values = config.to_dict()
    return {s.name: values[s.name] for s in SETTINGS if s.group in ("main", "options") and s.name != "name"
            and isinstance(values.get(s.name), bool | int | float | str)}


def run_markdown(config: TrainConfig) -> str:
    """The run's name and settings as a Markdown table (TensorBoard's Text tab)."""
    rows = "\n".join(f"| {k} | {v} |" for k, v in config.to_dict().items())
    return f"**{config.label}**\n\n| setting | value |\n|---|---|\n{rows}"


def save_best(model: keras.Model, run_dir: Path) -> None:
    """best.keras: the model with the weights of its best epoch (by the monitored value)."""
    best = checkpoint.best_weights(run_dir)
    if best is None:
        return
    final = model.get_weights()
    model.load_weights(best)
    try:
        save_model(model, run_dir / "best.keras")
    finally:
        model.set_weights(final)


def save_model(model: keras.Model, path: Path) -> None:
    """Saves the model as plain Keras (`models.portable`), atomically: a half-written file never
    replaces a good one. A user's subclassed model without `get_config` cannot be saved as a model: its
    weights are (`model.weights.h5`), for its own code to load."""
    tmp = path.with_name(f".{path.stem}.tmp.keras")
    try:
        models.portable(model).save(tmp)
    except NotImplementedError:
        tmp.unlink(missing_ok=True)
        weights = path.with_name(path.stem + ".weights.h5")
        model.save_weights(weights)
        return
    os.replace(tmp, path)
