"""The model builders: the article's MLP and a small CNN.

Every layer gets an initializer with a fixed seed derived from the run's seed,
so the same seed gives the same initial weights in every method, whatever
else consumed random numbers before.
"""

from __future__ import annotations

import keras
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


def build(
    kind: str,
    input_shape: tuple[int, ...],
    num_classes: int,
    seed: int,
    cls: type[keras.Sequential] = keras.Sequential,
    dropout: float = 0.0,
) -> keras.Sequential:
    """A built model of the given kind; `cls` lets the custom method bring its own train_step."""
    return cls(BUILDERS[kind](input_shape, num_classes, seed, dropout), name=kind)


def kernel_layers(model: keras.Model) -> list[tuple[str, keras.layers.Layer]]:
    """The layers with a weight matrix, named the same in every run ("dense1", "conv2d1", …): Keras numbers its
    own layer names per process. dynamics.csv and explain use these names."""
    counts: dict[str, int] = {}
    named = []
    for layer in model.layers:
        if getattr(layer, "kernel", None) is None:
            continue
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
