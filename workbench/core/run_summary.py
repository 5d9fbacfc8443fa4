"""Reading a runs folder: one run's summary (`read_run`) and every run in a folder (`list_runs`).

No TensorFlow and no Qt: the window's table and `workbench runs` read runs in milliseconds. Readers never raise
on junk: a folder that cannot be read is skipped, a field that cannot be read is left empty.
"""

from __future__ import annotations

import contextlib
import os
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.run_names import display_name
from workbench.core.runs import (
    FINAL_KEYS,
    SHARPNESS_FILE,
    TRUE_FIELDS,
    RunFolder,
    as_number,
    read_json,
    wrong_reports,
)


def _pid_alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@dataclass
class RunSummary:
    """What the table, `workbench runs` and `train --json` show of a run."""

    run_id: str
    run_dir: str
    name: str
    status: str
    method: str | None = None
    optimizer: str | None = None
    lr: float | None = None
    loss: str | None = None
    metric: str | None = None
    model: str | None = None
    epochs: int | None = None
    epochs_completed: int = 0
    seconds: float | None = None
    epoch_seconds: list[float] = field(default_factory=list)
    final: dict[str, float | None] = field(default_factory=dict)
    best_val_accuracy: float | None = None
    best_val_loss: float | None = None
    started: float | None = None
    error: str | None = None
    reason: str | None = None  # why a completed run ended early (early stopping)
    strategy: str = "default"  # tf.distribute strategy (config.json)
    replicas: int | None = None  # devices it trained on (status.json; None before it ended)
    wrong: dict[str, int] = field(default_factory=dict)  # logged values known to be wrong -> the finding
    true_final: dict[str, float | None] = field(default_factory=dict)  # the last true_history.csv row
    experiment: str | None = None  # the experiment the run is a trial of (status.json)
    sharpness: float | None = None  # the end point's top Hessian eigenvalue, once a landscape measured it

    @property
    def label(self) -> str:
        """The name shown in tables and legends: the given name (a trial's without its experiment, which has a
        column of its own), else the main settings."""
        if self.name:
            return display_name(self.name, self.experiment)
        if self.lr is not None:
            return f"{self.method} {self.optimizer} lr={self.lr:g}"
        return self.run_id

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def read_run(path: Path) -> RunSummary | None:
    """A summary of the run in `path`, or None if it is not a run folder at all."""
    path = Path(path)
    if not path.is_dir() or not (path / "config.json").exists() and not (path / "status.json").exists():
        return None
    folder = RunFolder(path)
    cfg, st = folder.config(), folder.status()
    status = st.get("status") if isinstance(st.get("status"), str) else "unknown"
    if status == "running" and st.get("host") == socket.gethostname() and not _pid_alive(st.get("pid")):
        status = "interrupted"
    history = folder.history()
    final = {k: (history[-1].get(k) if history else None) for k in FINAL_KEYS}
    val_acc = [r["val_accuracy"] for r in history if r.get("val_accuracy") is not None]
    val_loss = [r["val_loss"] for r in history if r.get("val_loss") is not None]
    epoch_seconds = [r["seconds"] for r in history if r.get("seconds") is not None]
    seconds = as_number(st.get("seconds"))
    if seconds is None and epoch_seconds:
        seconds = sum(epoch_seconds)
    lr = as_number(cfg.get("lr"))
    epochs = cfg.get("epochs") if isinstance(cfg.get("epochs"), int) else None
    return RunSummary(
        run_id=path.name,
        run_dir=str(path),
        name=str(cfg.get("name") or ""),
        status=status,
        method=_str(cfg.get("method")),
        optimizer=_str(cfg.get("optimizer")),
        lr=lr,
        loss=_str(cfg.get("loss")),
        metric=_str(cfg.get("metric")),
        model=_str(cfg.get("model")),
        epochs=epochs,
        epochs_completed=len(history),
        seconds=seconds,
        epoch_seconds=epoch_seconds,
        final=final,
        best_val_accuracy=max(val_acc) if val_acc else None,
        best_val_loss=min(val_loss) if val_loss else None,
        started=as_number(st.get("started")),
        error=_str(st.get("error")),
        reason=_str(st.get("reason")),
        strategy=_str(cfg.get("strategy")) or "default",
        replicas=st.get("replicas") if isinstance(st.get("replicas"), int) else None,
        wrong=wrong_reports(cfg),
        true_final=_last_true(folder),
        experiment=_str(st.get("experiment")),
        sharpness=as_number((read_json(path / SHARPNESS_FILE) or {}).get("top_eigenvalue")),
    )


def _last_true(folder: RunFolder) -> dict[str, float | None]:
    rows = folder.true_history()
    return {k: rows[-1].get(k) for k in TRUE_FIELDS[1:]} if rows else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def list_runs(runs_dir: Path) -> list[RunSummary]:
    """Every readable run in the folder, oldest first; junk is skipped."""
    runs_dir = Path(runs_dir)
    if not runs_dir.is_dir():
        return []
    found = []
    for child in sorted(runs_dir.iterdir()):
        with contextlib.suppress(OSError):
            summary = read_run(child)
            if summary is not None:
                found.append(summary)
    found.sort(key=lambda s: (s.started or 0, s.run_id))
    return found
