"""The model builders: the article's MLP, a small CNN, and the user's own network (`user_models`) wrapped as the
one layer of the method's Sequential.

Every layer gets an initializer with a fixed seed derived from the run's seed,
so the same seed gives the same initial weights in every method, whatever
else consumed random numbers before.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import keras
import numpy as np
from keras import layers


def _dense(units: int, seed: int, activation: str | None = None) -> layers.Dense:
    return layers.Dense(
        units,
        activation=activation,
        kernel_initializer=keras.initializers.GlorotUniform(seed=seed),
        bias_initializer="zeros",
    )


def mlp_layers(input_shape: tuple[int, ...], num_classes: int, seed: int, dropout: float = 0.0) -> list:
    """Flatten, Dense 256 relu, Dense 128 relu, Dense classes (no softmax), as in the article.

    With `dropout` > 0 each hidden layer is followed by a seeded Dropout: the same seed drops the
    same units at the same steps whichever method trains.
    """
    def drop(i: int) -> list:
        return [layers.Dropout(dropout, seed=seed * 16 + 8 + i)] if dropout else []

    return [
        keras.Input(shape=input_shape),
        layers.Flatten(),
        _dense(256, seed * 16 + 1, "relu"),
        *drop(0),
        _dense(128, seed * 16 + 2, "relu"),
        *drop(1),
        _dense(num_classes, seed * 16 + 3),
    ]


def cnn_layers(input_shape: tuple[int, ...], num_classes: int, seed: int, dropout: float = 0.0) -> list:
    """Two conv/pool blocks and a dense head; grey images get a channel axis (dropout: the MLP only)."""
    stack: list = [keras.Input(shape=input_shape)]
    if len(input_shape) == 2:
        stack.append(layers.Reshape((*input_shape, 1)))
    for i, filters in enumerate((32, 64)):
        stack += [
            layers.Conv2D(
                filters, 3, padding="same", activation="relu",
                kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 16 + 4 + i),
            ),
            layers.MaxPooling2D(2, padding="same"),
        ]
    stack += [
        layers.Flatten(),
        _dense(128, seed * 16 + 6, "relu"),
        _dense(num_classes, seed * 16 + 7),
    ]
    return stack


BUILDERS = {"mlp": mlp_layers, "cnn": cnn_layers}


def normalisation(data) -> tuple[np.ndarray, np.ndarray] | None:
    """A CSV's training rows' (mean, variance) for the model's Normalization layer; None for images."""
    return data.feature_stats() if data.tabular else None


def build(
    kind: str,
    input_shape: tuple[int, ...],
    num_classes: int,
    seed: int,
    cls: type[keras.Sequential] = keras.Sequential,
    dropout: float = 0.0,
    model_file: Path | None = None,
    trust_code: bool = False,
    normalise: tuple[np.ndarray, np.ndarray] | None = None,
    init: str = "seed",
) -> keras.Sequential:
    """A built model of the given kind; `cls` lets the custom method bring its own train_step. A user's model
    (`kind` a file, read from `model_file` when the run keeps a copy) is the Sequential's one layer.

    `normalise` = (mean, variance) of a CSV's training rows: a Keras `Normalization` layer with them comes first,
    so the model (saved, exported) takes raw rows. `init` "from-file": a saved .keras model keeps its weights."""
    front = [layers.Normalization(mean=normalise[0], variance=normalise[1], name="features")] if normalise else []
    if kind in BUILDERS:
        stack = BUILDERS[kind](input_shape, num_classes, seed, dropout)
        return cls([stack[0], *front, *stack[1:]], name=kind)
    from workbench.core.model_source import ModelSourceError, parse
    from workbench.training import user_models

    source = parse(kind)
    if model_file is not None:
        source = dataclasses.replace(source, path=Path(model_file))
    inner = user_models.build(source, input_shape, num_classes, seed, trust_code, keep_weights=init == "from-file")
    try:
        model = cls([keras.Input(shape=input_shape), *front, inner], name="user")
    except (ValueError, TypeError) as exc:
        inputs = getattr(inner, "inputs", None)
        takes = (f"inputs of shape {tuple(inputs[0].shape[1:])}" if inputs else
                 next((line.strip() for line in reversed(str(exc).splitlines()) if line.strip()), "other inputs"))
        raise ModelSourceError(f"the model takes {takes}; the data's samples have shape {tuple(input_shape)}: "
                               "build it for the input_shape it is given") from None
    user_models.check_fit(model, input_shape, num_classes)
    return model


def macs_per_sample(kind: str, input_shape: tuple[int, ...], num_classes: int,
                    model_file: Path | None = None, seed: int = 0) -> int:
    """Multiply-adds of one forward pass: the built-ins by formula (`steps.macs_per_sample`), a user's model
    counted on a throwaway copy: each kernel's size, times the output positions of a convolution."""
    from workbench.training import steps

    if kind in BUILDERS:
        return steps.macs_per_sample(kind, input_shape, num_classes)
    model = build(kind, input_shape, num_classes, seed, model_file=model_file)  # (the run's seed: the same state)
    macs = 0
    for _, layer in kernel_layers(model):
        positions = 1
        shape = getattr(layer, "output", None)
        if "conv" in type(layer).__name__.lower() and shape is not None:
            positions = int(np.prod([d for d in shape.shape[1:-1] if d]))
        macs += int(np.prod(layer.kernel.shape)) * positions
    return max(macs, 1)


def _with_kernels(layers_: list) -> list:
    """The layers with a weight matrix, a nested model's (a user's network) in its own order."""
    found = []
    for layer in layers_:
        if isinstance(layer, keras.Model):
            found += _with_kernels(layer.layers)
        elif getattr(layer, "kernel", None) is not None:
            found.append(layer)
    return found


def kernel_layers(model: keras.Model) -> list[tuple[str, keras.layers.Layer]]:
    """The layers with a weight matrix, named the same in every run ("dense1", "conv2d1", …): Keras numbers its
    own layer names per process. dynamics.csv and explain use these names."""
    counts: dict[str, int] = {}
    named = []
    for layer in _with_kernels(model.layers):
        kind = type(layer).__name__.lower()
        counts[kind] = counts.get(kind, 0) + 1
        named.append((f"{kind}{counts[kind]}", layer))
    return named


def portable(model: keras.Model) -> keras.Sequential:
    """A plain, uncompiled `keras.Sequential` with the model's layers and weights.

    This is what run folders save: it loads with `keras.saving.load_model(path)` in a
    process that never imported the workbench (no custom train_step, loss or metric
    class is needed to predict), and it predicts exactly what the trained model does.
    Training state lives in the run's checkpoint, not here.
    """
    config = keras.Sequential.get_config(model)  # the layers only, whatever the model's class
    plain = keras.Sequential.from_config(config)
    plain.set_weights(model.get_weights())
    return plain
