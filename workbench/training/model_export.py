"""A run's model for use elsewhere: plain Keras, a TensorFlow SavedModel for serving, a TFLite file.

No Qt. Every artefact is made from the run's `model.keras` (older run folders, saved with
the workbench's own classes, are made portable here too) and predicts what it predicts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

FORMATS = ("keras", "savedmodel", "tflite")
SUFFIX = {"keras": ".keras", "savedmodel": "", "tflite": ".tflite"}


class ExportError(RuntimeError):
    """The model could not be written; the message says why."""


def default_name(run_id: str, fmt: str) -> str:
    """A file or folder name for a run's export in a format: `<run>.keras`, `<run>-savedmodel`, …"""
    return f"{run_id}{SUFFIX[fmt]}" if fmt != "savedmodel" else f"{run_id}-savedmodel"


def export_model(run_dir: Path, fmt: str, out: Path) -> Path:
    """Writes the run's model to `out` in `fmt` (see FORMATS) and returns the path written.

    `keras` needs a `.keras` name (Keras's own rule); `savedmodel` writes a folder; the
    others a file. The artefact appears whole or not at all (written beside, then renamed).
    """
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    run_dir, out = Path(run_dir), Path(out)
    source = run_dir / "model.keras"
    if not source.is_file():
        if (run_dir / "model.weights.h5").is_file():
            raise ExportError(f"run {run_dir.name} kept only its weights (model.weights.h5): its model is a subclassed "
                              "keras.Model without get_config, which Keras cannot save whole; give it get_config")
        raise ExportError(f"run {run_dir.name} has no model.keras (it diverged or never finished an epoch)")
    if fmt == "keras" and out.suffix != ".keras":
        raise ExportError(f"{out}: a Keras model file must end in .keras")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    from workbench.training import models
    from workbench.training.saved_models import load

    model = models.portable(load(source))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        tmp = work / (out.name if fmt != "savedmodel" else "model")
        if fmt == "keras":
            model.save(tmp)
        elif fmt == "savedmodel":
            model.export(str(tmp), format="tf_saved_model", verbose=False)
        else:  # through a SavedModel: the converter every TensorFlow 2 has (Keras's "litert" needs 3.13+)
            from workbench.training.tflite_convert import convert_in_child

            model.export(str(work / "served"), format="tf_saved_model", verbose=False)
            try:
                convert_in_child(work / "served", tmp)
            except RuntimeError as exc:
                raise ExportError(str(exc)) from None
        if out.is_dir() and fmt == "savedmodel":
            shutil.rmtree(out)
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out
