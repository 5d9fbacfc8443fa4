"""Scale-out through TensorFlow's own engine (`tf.distribute`): devices, the strategy, who writes the run.

- `default`: one device, TensorFlow's default strategy (what every run did before).
- `mirrored`: `MirroredStrategy` over all local GPUs or, on a CPU-only machine,
  over `cpu_replicas` logical CPU devices. Logical devices can only be made
  before TensorFlow's runtime starts, so the thread that imports TensorFlow
  calls `configure_cpu_devices` first (the window's loader, the trainer).
- `multiworker`: `MultiWorkerMirroredStrategy`, configured by the standard
  `TF_CONFIG` environment variable. The chief (task `chief`, or `worker` 0
  when the cluster has no chief) writes the run; other workers train into a
  temporary folder that is removed.

Under several replicas the global batch is split between them and the
gradients are summed by an all-reduce, so each replica's loss must be divided
by the *global* batch size (`tf.nn.compute_average_loss`); dividing by the
per-replica batch, as `reduce_sum(...) / batch` inside `strategy.run` does,
makes every step `replicas` times too large. XLA is off under several
replicas: it cannot compile a step whose variables live on other devices.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from workbench.core.config import TrainConfig
from workbench.core.i18n import translate

DEFAULT_CPU_DEVICES = max(2, min(8, os.cpu_count() or 1))
_configuring = threading.Lock()  # the window's loader and trainer threads may both get here first


class DeviceError(RuntimeError):
    """The devices or the cluster a strategy needs are not there; the message says what to do."""


def tf_config() -> dict[str, Any] | None:
    """The parsed TF_CONFIG, or None when it is not set (DeviceError when it is not valid JSON)."""
    raw = os.environ.get("TF_CONFIG", "").strip()
    if not raw:
        return None
    try:
        parsed = json.loads(raw)
    except ValueError as exc:
        raise DeviceError(f"TF_CONFIG is not valid JSON: {exc}") from None
    if not isinstance(parsed, dict) or not isinstance(parsed.get("cluster"), dict) or not isinstance(
            parsed.get("task"), dict):
        raise DeviceError('TF_CONFIG needs "cluster" and "task", e.g. {"cluster": {"worker": ["host:port", '
                          '...]}, "task": {"type": "worker", "index": 0}}')
    return parsed


def is_chief(config: TrainConfig) -> bool:
    """Whether this process writes the run (always, except a non-chief multiworker process)."""
    if config.strategy != "multiworker":
        return True
    spec = tf_config() or {}
    task = spec.get("task", {})
    kind, index = task.get("type"), int(task.get("index", 0))
    if "chief" in spec.get("cluster", {}):
        return kind == "chief"
    return kind == "worker" and index == 0


def worker_count() -> int:
    spec = tf_config() or {}
    return sum(len(v) for k, v in spec.get("cluster", {}).items() if k in ("chief", "worker"))


def check(config: TrainConfig) -> None:
    """What can be checked without TensorFlow: the cluster of a multiworker run (DeviceError)."""
    if config.strategy == "multiworker":
        spec = tf_config()
        if spec is None:
            raise DeviceError("--strategy multiworker needs the TF_CONFIG environment variable (the cluster's "
                              "workers and this process's task), set on every worker")
        if worker_count() < 1:
            raise DeviceError("TF_CONFIG lists no workers")


def cpu_replicas(config: TrainConfig) -> int:
    """Logical CPU devices a mirrored run on a CPU-only machine uses (0 = one per core, at least 2)."""
    return config.cpu_replicas or DEFAULT_CPU_DEVICES


def configure_cpu_devices(count: int) -> int:
    """Splits the CPU into at least `count` logical devices if TensorFlow has not started yet.

    Returns how many logical CPU devices TensorFlow has. Asking again later is
    harmless; asking for more after the start is refused by `make_strategy`.
    """
    import tensorflow as tf

    with _configuring:
        cpu = tf.config.list_physical_devices("CPU")[0]
        try:
            current = tf.config.get_logical_device_configuration(cpu) or []
            if len(current) < count:
                tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * count)
        except RuntimeError:  # the runtime has started: the devices are what they are
            pass
        return len(tf.config.list_logical_devices("CPU"))


def make_strategy(config: TrainConfig):
    """The run's `tf.distribute.Strategy` (see the module docstring); DeviceError if it cannot be made."""
    check(config)
    import tensorflow as tf

    if config.strategy == "default":
        return tf.distribute.get_strategy()
    if config.strategy == "multiworker":
        try:
            return tf.distribute.MultiWorkerMirroredStrategy()
        except (RuntimeError, ValueError) as exc:
            raise DeviceError(f"cannot join the TF_CONFIG cluster: {exc}") from None
    if tf.config.list_physical_devices("GPU"):  # (listing logical devices would start the runtime)
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("GPU")])
    wanted = cpu_replicas(config)
    have = configure_cpu_devices(wanted)
    if have < wanted:
        raise DeviceError(f"cpu_replicas: TensorFlow already runs with {have} CPU device(s) and cannot be split "
                          f"into {wanted} once started; use at most {have}, or start again (in the window: "
                          "quit and reopen)")
    devices = [d.name for d in tf.config.list_logical_devices("CPU")[:wanted]]
    return tf.distribute.MirroredStrategy(devices, cross_device_ops=tf.distribute.ReductionToOneDevice())


def describe_devices() -> dict[str, Any]:
    """What TensorFlow sees: logical CPU devices, and GPUs with their names and memory."""
    import tensorflow as tf

    gpus = []
    if tf.config.list_physical_devices("GPU"):
        from tensorflow.python.client import device_lib  # the only place TF reports a GPU's memory

        for device in device_lib.list_local_devices():
            if device.device_type != "GPU":
                continue
            desc = dict(part.split(": ", 1) for part in device.physical_device_desc.split(", ") if ": " in part)
            gpus.append({"name": desc.get("name", device.name), "device": device.name,
                         "memory_mb": int(device.memory_limit) // 2**20})
    cpus = len(tf.config.list_logical_devices("CPU")) or len(tf.config.list_physical_devices("CPU"))
    return {"cpus": cpus, "cpu_cores": os.cpu_count() or 1, "gpus": gpus}


def devices_text(devices: dict[str, Any]) -> str:
    """What TensorFlow sees, in one line: "2 logical CPUs (2 cores); NVIDIA A100 (40,000 MB)"."""
    cpus = devices["cpus"]
    text = (translate("devices", "1 logical CPU ({cores} cores); ") if cpus == 1 else
            translate("devices", "{cpus} logical CPUs ({cores} cores); ")).format(cpus=cpus, cores=devices["cpu_cores"])
    gpus = [f"{g['name']} ({g['memory_mb']:,} MB)" if g.get("memory_mb") else g["name"] for g in devices["gpus"]]
    return text + (", ".join(gpus) if gpus else translate("devices", "no GPU"))


def strategy_text(config: TrainConfig, devices: dict[str, Any]) -> str:
    """One line saying what will run, for the window's Device setting."""
    if config.strategy == "default":
        where = devices["gpus"][0]["name"] if devices["gpus"] else translate("devices", "the CPU")
        return translate("devices", "one device ({where})").format(where=where)
    if config.strategy == "multiworker":
        return translate("devices", "MultiWorkerMirroredStrategy over the TF_CONFIG cluster")
    if devices["gpus"]:
        return translate("devices", "MirroredStrategy over {n} GPU(s)").format(n=len(devices["gpus"]))
    return translate("devices", "MirroredStrategy over {n} logical CPU devices (XLA off)").format(
        n=cpu_replicas(config))
