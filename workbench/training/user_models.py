"""The user's own network: built by a function in a Python file, or read from a saved `.keras` model.

Either becomes the one layer of the method's Sequential (`models.build`), so the three methods train it the way
they train the built-ins: `fit`'s and `custom`'s model classes, the tape loop, the same batches. Its initial
weights come from the run's seed (`keras.utils.set_random_seed` just before it is built), so every method starts
from the same weights. Each fault gets one message that names the file.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import keras

from workbench.core.model_source import ModelSource, ModelSourceError, sha256


def _module(path: Path):
    """The file imported as a module of its own (named by its content, so an edited file is imported afresh)."""
    name = f"workbench_user_model_{sha256(path)[:16]}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ModelSourceError(f"{path}: cannot be imported as Python")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as exc:  # the user's code: whatever it raises is its message
        raise ModelSourceError(f"{path} raised {type(exc).__name__} on import: {exc}") from None
    sys.modules[name] = module
    return module


def from_python(path: Path, function: str, input_shape: tuple[int, ...], num_classes: int) -> keras.Model:
    if not path.is_file():
        raise ModelSourceError(f"{path}: no such file")
    build = getattr(_module(path), function, None)
    if not callable(build):
        raise ModelSourceError(f"{path} has no function {function}(input_shape, num_classes)")
    try:
        model = build(tuple(input_shape), int(num_classes))
    except Exception as exc:
        raise ModelSourceError(f"{path}:{function}{tuple(input_shape), int(num_classes)} raised "
                               f"{type(exc).__name__}: {exc}") from None
    if not isinstance(model, keras.Model):
        raise ModelSourceError(f"{path}:{function} returned {type(model).__name__}, not a keras.Model")
    return model


def from_keras(path: Path, trust_code: bool = False, keep_weights: bool = False) -> keras.Model:
    """The saved model's architecture, with fresh weights from the seed (or its own with `keep_weights`)."""
    if not path.is_file():
        raise ModelSourceError(f"{path}: no such file")
    if trust_code:  # the user's word: Lambda layers may be rebuilt (cloned, saved, loaded) in this process
        keras.config.enable_unsafe_deserialization()
    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=not trust_code)
    except ValueError as exc:
        if "safe_mode" in str(exc) or "Lambda" in str(exc):
            raise ModelSourceError(f"{path} holds Python code (a Lambda layer), which Keras's safe_mode does not "
                                   "run: if you trust the file, give --trust-model-code") from None
        raise ModelSourceError(f"{path} cannot be read as a Keras model: {exc}") from None
    except Exception as exc:  # a corrupt or foreign file: zipfile, h5py and json errors alike
        raise ModelSourceError(f"{path} cannot be read as a Keras model: {type(exc).__name__}: {exc}") from None
    return model if keep_weights else keras.models.clone_model(model)


def build(source: ModelSource, input_shape: tuple[int, ...], num_classes: int, seed: int,
          trust_code: bool = False, keep_weights: bool = False) -> keras.Model:
    """The user's model with weights drawn from `seed` (the same seed: the same weights, in any method), or a
    saved model's own weights with `keep_weights` (`--init from-file`)."""
    keras.utils.set_random_seed(seed)
    if source.kind == "python":
        return from_python(source.path, source.function, input_shape, num_classes)
    return from_keras(source.path, trust_code, keep_weights)


def check_fit(model: keras.Model, input_shape: tuple[int, ...], num_classes: int) -> None:
    """The wrapped model's output must have one unit per class."""
    units = model.output_shape[-1] if model.output_shape else None
    if len(model.output_shape) != 2 or units != num_classes:
        raise ModelSourceError(f"the model's output has shape {tuple(model.output_shape[1:])}; the data has "
                               f"{num_classes} classes: end the model with Dense({num_classes})")
