"""The Keras internals the workbench relies on, in one list that a test checks on every Keras.

Keras does not promise these; a new release may move them. Each entry says where it
is used, so that when `missing()` names one, the fix starts in the right module.
Tested with Keras 3.12 to 3.15 (`pyproject.toml` keeps Keras below 4).
"""

from __future__ import annotations

import importlib
import inspect

# (module, attribute path, parameters it must accept, where the workbench uses it)
INTERNALS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("keras.src.trainers.compile_utils", "get_metric", ("identifier", "y_true", "y_pred"),
     "objectives.metric_object: Keras's own resolution of the string 'accuracy'"),
    ("keras", "Model._maybe_symbolic_build", ("iterator", "data_batch"),
     "methods.base.MultiWorkerFixes: fit under MultiWorkerMirroredStrategy"),
    ("keras", "Model._symbolic_build", ("data_batch",),
     "methods.base.MultiWorkerFixes, and Setup.compile_and_fit builds custom's stacked fast mode with it"),
    ("keras.src.callbacks.tensorboard", "keras_model_summary", ("name", "data", "step"),
     "callbacks.RunTensorBoard: the model summary for Sequential subclasses"),
    ("keras", "callbacks.TensorBoard._write_keras_model_summary", (),
     "callbacks.RunTensorBoard overrides it"),
    ("keras", "callbacks.TensorBoard._log_weights", ("epoch",),
     "callbacks.RunTensorBoard overrides it (the weight histograms counted in numpy)"),
    ("keras", "callbacks.TensorBoard._train_writer", (),
     "callbacks.RunTensorBoard writes batch scalars and text with it"),
    ("keras", "callbacks.TensorBoard.summary", (),
     "callbacks.RunTensorBoard: tf.summary as Keras imported it"),
    ("keras", "Model.make_test_function", ("force",),
     "callbacks.StopOnFlag swaps the model.test_function it makes for one validation pass"),
)


def _resolve(module: str, path: str):
    obj = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def missing() -> list[str]:
    """One line per internal that moved or changed its parameters, naming the Keras version."""
    import keras

    problems = []
    for module, path, params, used_by in INTERNALS:
        try:
            obj = _resolve(module, path)
        except (ImportError, AttributeError):
            problems.append(f"Keras {keras.__version__}: {module}.{path} is gone (used by {used_by})")
            continue
        if isinstance(obj, property) or not params:
            continue
        accepted = inspect.signature(obj).parameters
        lacking = [p for p in params if p not in accepted]
        if lacking:
            problems.append(f"Keras {keras.__version__}: {module}.{path} no longer takes {', '.join(lacking)} "
                            f"(used by {used_by})")
    return problems
