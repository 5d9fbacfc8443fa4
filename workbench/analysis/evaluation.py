"""What a trained run gets right and wrong: confusion matrix, per-class metrics, confident mistakes.

Computed from the run's saved `model.keras` on its validation data (the run's
dataset and --val-limit), cached in the run folder as `evaluation.json` and
recomputed only when the model file changes.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np

from workbench.core.config import TrainConfig
from workbench.core.runs import RunFolder, write_json_atomic

CACHE = "evaluation.json"
MISTAKES = 16
VERSION = 3  # bump when the cached content changes: older caches are recomputed


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
        if (folder.path / "model.weights.h5").is_file():
            raise NoModel(f"run {folder.run_id} kept only its weights (model.weights.h5): its model is a subclassed "
                          "keras.Model without get_config, which Keras cannot save whole; give it get_config")
        raise NoModel(f"run {folder.run_id} has no model.keras (it diverged or has not finished an epoch)")
    cache = folder.path / CACHE
    stamp = _model_stamp(model_path)
    if use_cache and cache.is_file():
        try:
            cached = json.loads(cache.read_text())
            if cached.get("model") == stamp and cached.get("version") == VERSION:
                return cached
        except ValueError:
            pass
    result = _compute(folder, model_path)
    result["model"] = stamp
    result["version"] = VERSION
    write_json_atomic(cache, result)
    return result


def _compute(folder: RunFolder, model_path: Path) -> dict[str, Any]:
    from workbench.core import data as datamod
    from workbench.training.saved_models import load as load_model

    config = TrainConfig.from_dict(folder.config())
    data = datamod.prepare(config)
    model = load_model(model_path)
    x = data.x_test.astype(np.float32) / data.scale
    outputs = model.predict(x, batch_size=1000, verbose=0)
    kind = output_kind(config.loss)
    probs = softmax(outputs) if kind == "probabilities" else outputs
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
        "outputs": kind,
        "predictions": pred.astype(int).tolist(),
        "labels_digest": labels_digest(true),
        "class_names": list(data.class_names) or [str(c) for c in range(k)],
    }


def output_kind(loss: str) -> str:
    """What the model's outputs mean: softmax `probabilities` of logits, or raw `scores`.

    A model trained with cross-entropy outputs logits, whose softmax is a
    probability. A model trained with a squared error against the one-hot label
    outputs scores that approach 0 and 1 directly; their softmax would squash a
    confident 0.9 to about 25%, so the raw score is shown instead.
    """
    return "probabilities" if loss == "crossentropy" else "scores"


def labels_digest(labels: np.ndarray) -> str:
    """A fingerprint of the validation labels: two evaluations compare image by image only if equal."""
    return hashlib.sha1(np.ascontiguousarray(labels).astype(np.int64).tobytes()).hexdigest()


def compare(a: dict[str, Any], b: dict[str, Any], labels: np.ndarray) -> dict[str, list[int]]:
    """Validation indices one run gets right and the other wrong."""
    if not a["labels_digest"] == b["labels_digest"] == labels_digest(labels):
        raise ValueError("the two runs were evaluated on different validation images "
                         "(another dataset or --val-limit); they cannot be compared image by image")
    true = np.asarray(labels)
    right_a = np.asarray(a["predictions"]) == true
    right_b = np.asarray(b["predictions"]) == true
    return {"only_a_right": np.flatnonzero(right_a & ~right_b).tolist(),
            "only_b_right": np.flatnonzero(right_b & ~right_a).tolist()}


def cell_indices(result: dict[str, Any], labels: np.ndarray, true: int, predicted: int) -> list[int]:
    """Validation indices with this true label that the model predicted as `predicted`."""
    pred = np.asarray(result["predictions"])
    return np.flatnonzero((np.asarray(labels) == true) & (pred == predicted)).tolist()


def matrix_csv(result: dict[str, Any]) -> str:
    """The confusion matrix as CSV: one row per true class, one column per predicted class."""
    matrix = result["confusion_matrix"]
    k = len(matrix)
    lines = ["true\\predicted," + ",".join(str(c) for c in range(k))]
    lines += [f"{r}," + ",".join(str(v) for v in row) for r, row in enumerate(matrix)]
    return "\n".join(lines) + "\n"


def model_summary(run_dir: Path) -> str:
    """Layers, output shapes and parameter counts of the run's model, with the memory the weights take."""

    from workbench.training.saved_models import load as load_model

    model = load_model(Path(run_dir) / "model.keras")
    lines: list[str] = []
    model.summary(print_fn=lambda line, *_, **__: lines.append(line), line_length=90)
    params = model.count_params()
    lines.append(f"{params:,} parameters, {params * 4 / 2**20:.2f} MiB as float32")
    return "\n".join(lines)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Probabilities from logits, over the last axis (one image or a batch)."""
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)
