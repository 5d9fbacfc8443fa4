"""Where a run's network comes from: a built-in (`mlp`, `cnn`), a Python file with a build function
(`PATH.py:FUNCTION`), or a saved Keras model (`PATH.keras`). No TensorFlow here: the window and the command line
check a spelling and a path before anything loads.

A Python file is code. A run keeps a copy of the file it was built from (`model_source.py` in its folder), so it
can be resumed, forked and rebuilt after the original changes; that copy runs again only if this machine wrote it
(its SHA-256 is in the trust list of the user's data folder) or the user says so (`--trust-model-code`, or the
window's question). A saved `.keras` model needs no code and is opened with Keras's `safe_mode` on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.core.i18n import translate

BUILTIN = ("mlp", "cnn")
COPY_PY = "model_source.py"  # the run folder's copy of a Python model file
COPY_KERAS = "model_source.keras"  # the run folder's copy of a saved model
TRUST_FILE = "trusted_model_files.json"


class ModelSourceError(ValueError):
    """The model cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class ModelSource:
    """`kind` is "builtin", "python" or "keras"; `path` and `function` for the files."""

    kind: str
    name: str = ""
    path: Path | None = None
    function: str = ""

    @property
    def is_file(self) -> bool:
        return self.kind != "builtin"


def parse(value: str) -> ModelSource:
    """The model a `--model` value names (its file not opened); ModelSourceError says what is allowed."""
    value = (value or "").strip()
    if value in BUILTIN:
        return ModelSource("builtin", name=value)
    if value.lower().endswith(".keras"):
        return ModelSource("keras", path=Path(value).expanduser())
    match = re.fullmatch(r"(.+\.py):([A-Za-z_]\w*)", value)
    if match:
        return ModelSource("python", path=Path(match.group(1)).expanduser(), function=match.group(2))
    if value.endswith(".py") or ".py:" in value:
        raise ModelSourceError(translate("settings", "{value}: write FILE.py:FUNCTION, the function that builds the "
                                                     "model").format(value=repr(value)))
    raise ModelSourceError(translate("settings", "{value} is not a model: give mlp, cnn, FILE.py:FUNCTION or "
                                                 "FILE.keras").format(value=repr(value)))


def model_problem(value: str) -> str:
    """Why `value` cannot be a model (the spelling, a file that does not exist), or "" (the setting's check)."""
    try:
        source = parse(value)
    except ModelSourceError as exc:
        return str(exc)
    if source.is_file and not source.path.is_file():
        return translate("settings", "{path}: no such file").format(path=source.path)
    return ""


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _trust_path() -> Path:
    from platformdirs import user_data_dir

    folder = Path(os.environ.get("WORKBENCH_DATA_DIR") or user_data_dir("tf-training-workbench"))
    return folder / TRUST_FILE


def trusted(copy: Path) -> bool:
    """Whether this machine wrote this exact model file into a run folder (or was told to trust it)."""
    try:
        known = json.loads(_trust_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return sha256(copy) in set(known)


def trust(copy: Path) -> None:
    """Remembers the file's SHA-256: a run this machine made runs its own copy again without asking."""
    path = _trust_path()
    try:
        known = set(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        known = set()
    known.add(sha256(copy))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(sorted(known)), encoding="utf-8")
    os.replace(tmp, path)


def run_copy(run_dir: Path) -> Path | None:
    """The run folder's copy of its model file (Python or Keras), if it has one."""
    for name in (COPY_PY, COPY_KERAS):
        if (Path(run_dir) / name).is_file():
            return Path(run_dir) / name
    return None


class UntrustedModelCode(PermissionError):
    """A run folder's Python model file was not written by this machine: running it needs the user's word."""


def check_trusted(run_dir: Path, trust_code: bool) -> None:
    """Refuses to run a run folder's Python model copy that this machine did not write, unless `trust_code`."""
    copy = Path(run_dir) / COPY_PY
    if not copy.is_file() or trust_code or trusted(copy):
        return
    raise UntrustedModelCode(translate(
        "settings", "{path} is Python code this machine did not write: read it, then give --trust-model-code "
                    "to run it").format(path=copy))
