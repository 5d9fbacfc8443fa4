"""The run folder: write it while training, read it back, list a runs folder.

No TensorFlow and no Qt: the window's table and `workbench runs` read runs in
milliseconds. Writers never lose what was recorded: JSON files are replaced
atomically, CSV rows are appended and flushed as they come. Readers never
raise on junk: a folder that cannot be read is skipped, a field that cannot
be read is left empty.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import secrets
import shutil
import socket
import time
from pathlib import Path
from typing import Any

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

HISTORY_FIELDS = ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds"]
BATCH_FIELDS = ["step", "epoch", "loss", "accuracy"]
DYNAMICS_FIELDS = ["step", "layer", "grad_norm", "update_ratio", "weight_norm", "dead_fraction"]
#: true_history.csv, only in runs whose logged values are known to be wrong (`wrong_reports`): what the
#: model really scored on the validation data at the end of each epoch.
TRUE_FIELDS = ["epoch", "val_loss", "val_accuracy"]
#: The article's three findings (what `wrong_reports`, explain and reproduce number them by).
FINDINGS = {
    1: QT_TRANSLATE_NOOP("findings", "finding 1: Keras's \"mse\" scales the loss"),
    2: QT_TRANSLATE_NOOP("findings", "finding 2: \"accuracy\" resolves to another class"),
    3: QT_TRANSLATE_NOOP("findings", "finding 3: a loss returned by test_step"),
    4: QT_TRANSLATE_NOOP("findings", "pitfall 4: a softmax before a loss that takes logits"),
}


def wrong_reports(config: dict[str, Any]) -> dict[str, int]:
    """The logged values a run's settings are known to report wrongly, each with the article's finding
    that explains it (the pitfalls the settings reproduce on purpose)."""
    wrong: dict[str, int] = {}
    if config.get("metric") == "categorical_on_sparse":
        wrong.update(accuracy=2, val_accuracy=2)
    if config.get("method") == "custom" and config.get("loss_report") == "returned":
        wrong["val_loss"] = 3
    return wrong
FINAL_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")
SHARPNESS_FILE = "landscape/sharpness.json"  # {"top_eigenvalue", "samples", "seed"}: written by the landscape
APP_NAME = "tf-training-workbench"


def default_runs_dir() -> Path:
    """$WORKBENCH_RUNS_DIR, else the user data folder."""
    env = os.environ.get("WORKBENCH_RUNS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "runs"


def write_json_atomic(path: Path, data: Any) -> None:
    """Temporary file, fsync, rename: a reader sees the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True, default=str)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def as_number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number


def check_writable(runs_dir: Path) -> None:
    """Raises OSError with a clear message if runs cannot be written there."""
    try:
        runs_dir.mkdir(parents=True, exist_ok=True)
        probe = runs_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"x" * 4096)
        probe.unlink()
    except OSError as exc:
        raise OSError(f"runs folder {runs_dir} is not writable: {exc.strerror or exc}") from None


def percent(value: float | None) -> str:
    """An accuracy (a fraction) as text for people: 0.9674 -> "96.74%"; nothing for None."""
    return "" if value is None else f"{100 * value:.2f}%"


STATUSES = {  # a run's status.json word → what people read (translated where shown)
    "running": QT_TRANSLATE_NOOP("status", "running"),
    "completed": QT_TRANSLATE_NOOP("status", "completed"),
    "stopped": QT_TRANSLATE_NOOP("status", "stopped"),
    "interrupted": QT_TRANSLATE_NOOP("status", "interrupted"),
    "failed": QT_TRANSLATE_NOOP("status", "failed"),
    "diverged": QT_TRANSLATE_NOOP("status", "diverged"),
    "early-stopped": QT_TRANSLATE_NOOP("status", "early-stopped"),
    "unknown": QT_TRANSLATE_NOOP("status", "unknown"),
}


def status_word(status: str) -> str:
    """A run status in the current language (the file keeps the English word)."""
    return translate("status", STATUSES[status]) if status in STATUSES else status


class RunFolder:
    """One run's folder, as INTERFACE.md lays it out."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @property
    def run_id(self) -> str:
        return self.path.name

    @classmethod
    def create(cls, runs_dir: Path, config: dict[str, Any]) -> RunFolder:
        check_writable(runs_dir)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        run_id = f"{stamp}-{config.get('method')}-{config.get('optimizer')}-{secrets.token_hex(2)}"
        folder = cls(runs_dir / run_id)
        folder.path.mkdir()
        write_json_atomic(folder.path / "config.json", config)
        with open(folder.path / "history.csv", "w", newline="", encoding="utf-8") as f:
            f.write(",".join(HISTORY_FIELDS) + "\n")
        with open(folder.path / "batches.csv", "w", newline="", encoding="utf-8") as f:
            f.write(",".join(BATCH_FIELDS) + "\n")
        folder.write_status("running", started=time.time())
        return folder

    # -- writing -------------------------------------------------------------
    def write_status(self, status: str, **fields: Any) -> None:
        current = read_json(self.path / "status.json") or {}
        current.update(fields)
        current.update(status=status, pid=os.getpid(), host=socket.gethostname(), updated=time.time())
        current.setdefault("error", None)
        write_json_atomic(self.path / "status.json", current)

    def append_history(self, row: dict[str, Any]) -> None:
        self._append("history.csv", HISTORY_FIELDS, [row])

    def append_true(self, row: dict[str, Any]) -> None:
        """One epoch's true validation values (true_history.csv, made on first use)."""
        path = self.path / "true_history.csv"
        if not path.exists():
            with open(path, "w", newline="", encoding="utf-8") as f:
                f.write(",".join(TRUE_FIELDS) + "\n")
        self._append("true_history.csv", TRUE_FIELDS, [row])

    def append_dynamics(self, rows: list[dict[str, Any]]) -> None:
        """Per-layer instrument samples (dynamics.csv, made on first use)."""
        path = self.path / "dynamics.csv"
        if not path.exists():
            with open(path, "w", newline="", encoding="utf-8") as f:
                f.write(",".join(DYNAMICS_FIELDS) + "\n")
        self._append("dynamics.csv", DYNAMICS_FIELDS, rows)

    def append_histograms(self, rows: list[dict[str, Any]]) -> None:
        """The instruments' histograms: histograms.jsonl, a JSON object per sample, layer and kind."""
        with open(self.path / "histograms.jsonl", "a", encoding="utf-8") as f:
            f.write("".join(json.dumps(r) + "\n" for r in rows))
            f.flush()
            os.fsync(f.fileno())

    def histograms(self) -> list[dict[str, Any]]:
        path = self.path / "histograms.jsonl"
        if not path.exists():
            return []
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:  # a line torn by a crash
                continue
        return rows

    def dynamics(self) -> list[dict[str, Any]]:
        """dynamics.csv's rows (none for a run without instruments)."""
        path = self.path / "dynamics.csv"
        if not path.exists():
            return []
        with open(path, newline="", encoding="utf-8") as f:
            return [{k: (v if k == "layer" else _number(v)) for k, v in row.items()} for row in csv.DictReader(f)]

    def append_batches(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._append("batches.csv", BATCH_FIELDS, rows)

    def _append(self, name: str, fields: list[str], rows: list[dict[str, Any]]) -> None:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        for row in rows:
            writer.writerow({k: _fmt(row.get(k)) for k in fields})
        with open(self.path / name, "a", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())
            f.flush()
            os.fsync(f.fileno())

    def rename(self, name: str) -> None:
        """Sets the run's display name (config.json, replaced atomically)."""
        config = self.config()
        config["name"] = name
        write_json_atomic(self.path / "config.json", config)

    def truncate_to(self, epochs_done: int) -> None:
        """Drops rows past `epochs_done` finished epochs (and torn lines), before a resume."""
        for name, fields in (("history.csv", HISTORY_FIELDS), ("batches.csv", BATCH_FIELDS),
                             ("true_history.csv", TRUE_FIELDS)):
            if not (self.path / name).exists():
                continue
            rows = [r for r in _read_csv(self.path / name)
                    if r.get("epoch") is not None and r["epoch"] <= epochs_done]
            tmp = self.path / f".{name}.tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(",".join(fields) + "\n")
            os.replace(tmp, self.path / name)
            self._append(name, fields, [{k: _int_or(v) for k, v in r.items()} for r in rows])
        if (self.path / "dynamics.csv").exists():  # rows by step: those of the epochs kept
            last = epochs_done * self.steps_per_epoch()
            rows = [r for r in self.dynamics() if r.get("step") is not None and r["step"] <= last]
            tmp = self.path / ".dynamics.csv.tmp"
            with open(tmp, "w", encoding="utf-8", newline="") as f:
                f.write(",".join(DYNAMICS_FIELDS) + "\n")
            os.replace(tmp, self.path / "dynamics.csv")
            self._append("dynamics.csv", DYNAMICS_FIELDS, [{k: _int_or(v) for k, v in r.items()} for r in rows])
        if (self.path / "histograms.jsonl").exists():
            last = epochs_done * self.steps_per_epoch()
            kept = [r for r in self.histograms() if r.get("step", 0) <= last]
            tmp = self.path / ".histograms.jsonl.tmp"
            tmp.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
            os.replace(tmp, self.path / "histograms.jsonl")

    # -- reading -------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        return read_json(self.path / "config.json") or {}

    def status(self) -> dict[str, Any]:
        return read_json(self.path / "status.json") or {}

    def history(self) -> list[dict[str, float | None]]:
        return _read_csv(self.path / "history.csv")

    def history_with_truth(self) -> list[dict[str, float | None]]:
        """history.csv's rows, each with `true_val_loss`/`true_val_accuracy` where true_history.csv has them."""
        true = {r["epoch"]: r for r in self.true_history() if r.get("epoch") is not None}
        rows = self.history()
        for row in rows:
            found = true.get(row.get("epoch"))
            if found:
                row.update(true_val_loss=found.get("val_loss"), true_val_accuracy=found.get("val_accuracy"))
        return rows

    def true_history(self) -> list[dict[str, float | None]]:
        """true_history.csv's rows (none for a run whose logged values are right)."""
        path = self.path / "true_history.csv"
        return _read_csv(path) if path.exists() else []

    def steps_per_epoch(self) -> int:
        """Batches per epoch, from the config (the dataset is read only for a custom .npz)."""
        cfg = self.config()
        batch = cfg.get("batch_size") if isinstance(cfg.get("batch_size"), int) else 32
        n = cfg.get("train_limit") if isinstance(cfg.get("train_limit"), int) else 0
        if not n:
            dataset = cfg.get("dataset", "mnist")
            n = 60000 if dataset == "mnist" else None
            if n is None:
                try:
                    from workbench.core.data import load

                    n = len(load(str(dataset)).x_train)
                except Exception:  # a moved or broken dataset: draw with one batch per epoch
                    n = batch
        from workbench.core.data import steps_per_epoch

        return steps_per_epoch(n, batch)

    def batches(self) -> dict[str, list[float | None]]:
        """Columns of batches.csv: step, epoch, loss, accuracy."""
        rows = _read_csv(self.path / "batches.csv")
        return {k: [r.get(k) for r in rows] for k in BATCH_FIELDS}


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int_or(value: Any) -> Any:
    """Whole numbers back as ints (step, epoch) when rewriting a CSV."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    return str(value)


def _read_csv(path: Path) -> list[dict[str, float | None]]:
    """Rows with numeric values; a torn last line (process killed mid-write) is dropped."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    lines = text.splitlines()
    if not lines:
        return []
    if not text.endswith("\n"):
        lines = lines[:-1]
    rows = []
    try:
        for row in csv.DictReader(line.replace("\0", "") for line in lines):
            rows.append({k: as_number(v) for k, v in row.items() if isinstance(k, str) and k})
    except csv.Error:  # a foreign or damaged file: keep what could be read
        pass
    return rows


def read_config(path: Path) -> TrainConfig:
    """The settings a run was trained with (config.json), as a TrainConfig (ConfigError if unreadable)."""
    data = read_json(Path(path) / "config.json")
    if data is None:
        raise ConfigError("config", f"{Path(path) / 'config.json'} cannot be read")
    return TrainConfig.from_dict(data)


def delete_run(path: Path) -> None:
    """Removes a run folder and everything in it (the window asks first)."""
    shutil.rmtree(path, ignore_errors=True)
