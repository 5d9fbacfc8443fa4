"""What a trained run gets right and wrong: confusion matrix, per-class metrics, confident mistakes.

Computed from the run's saved `model.keras` on its validation data (the run's
dataset and --val-limit), cached in the run folder as `evaluation.json` and
recomputed only when the model file changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .config import TrainConfig
from .runs import RunFolder, write_json_atomic

CACHE = "evaluation.json"
MISTAKES = 16


class NoModel(ValueError):
    """The run has no saved model to evaluate."""


def _model_stamp(path: Path) -> dict[str, float]:
    stat = path.stat()
    return {"mtime": stat.st_mtime, "size": stat.st_size}


def evaluate(run_dir: Path, use_cache: bool = True) -> dict[str, Any]:
    """The evaluation of a run's model on its validation data (see the module docstring)."""
    folder = RunFolder(Path(run_dir))
    model_path = folder.path / "model.keras"
    if not model_path.is_file():
        raise NoModel(f"run {folder.run_id} has no model.keras (it diverged or has not finished an epoch)")
    cache = folder.path / CACHE
    stamp = _model_stamp(model_path)
    if use_cache and cache.is_file():
        try:
            cached = json.loads(cache.read_text())
            if cached.get("model") == stamp:
                return cached
        except ValueError:
            pass
    result = _compute(folder, model_path)
    result["model"] = stamp
    write_json_atomic(cache, result)
    return result


def _compute(folder: RunFolder, model_path: Path) -> dict[str, Any]:
    import keras

    from . import data as datamod
    from . import objectives  # noqa: F401  (registers the custom losses and metrics)
    from .methods import custom  # noqa: F401  (registers the custom train_step model)

    config = TrainConfig.from_dict(folder.config())
    data = datamod.prepare(config)
    model = keras.models.load_model(model_path, compile=False)
    x = data.x_test.astype(np.float32) / data.scale
    logits = model.predict(x, batch_size=1000, verbose=0)
    probs = _softmax(logits)
    pred = probs.argmax(axis=1)
    true = data.y_test.astype(int)
    k = data.num_classes
    matrix = np.zeros((k, k), dtype=int)
    np.add.at(matrix, (true, pred), 1)
    per_class = []
    for c in range(k):
        tp = int(matrix[c, c])
        support = int(matrix[c].sum())
        predicted = int(matrix[:, c].sum())
        per_class.append({
            "class": c, "support": support,
            "precision": tp / predicted if predicted else None,
            "recall": tp / support if support else None,
            "accuracy": tp / support if support else None,  # of this class's samples, the share right
        })
    wrong = np.flatnonzero(pred != true)
    confidence = probs[wrong, pred[wrong]]
    order = wrong[np.argsort(-confidence)][:MISTAKES]
    mistakes = []
    for i in order:
        top = np.argsort(-probs[i])[:3]
        mistakes.append({"index": int(i), "true": int(true[i]), "predicted": int(pred[i]),
                         "top3": [[int(c), float(probs[i, c])] for c in top]})
    return {
        "run_id": folder.run_id,
        "samples": int(len(true)),
        "accuracy": float(np.trace(matrix) / matrix.sum()),
        "confusion_matrix": matrix.tolist(),
        "per_class": per_class,
        "most_confident_mistakes": mistakes,
    }


def model_summary(run_dir: Path) -> str:
    """Layers, output shapes and parameter counts of the run's model, with the memory the weights take."""
    import keras

    from . import objectives  # noqa: F401  (registers the custom losses and metrics)
    from .methods import custom  # noqa: F401  (registers the custom train_step model)

    model = keras.models.load_model(Path(run_dir) / "model.keras", compile=False)
    lines: list[str] = []
    model.summary(print_fn=lambda line, *_, **__: lines.append(line), line_length=90)
    params = model.count_params()
    lines.append(f"{params:,} parameters, {params * 4 / 2**20:.2f} MiB as float32")
    return "\n".join(lines)


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)
