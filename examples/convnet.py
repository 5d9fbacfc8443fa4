"""Your own model for the workbench: a function (input_shape, num_classes) -> an uncompiled keras.Model.

    workbench train --model examples/convnet.py:build --epochs 2 --train-limit 6000

The workbench calls `build` with the data's sample shape ((28, 28) for MNIST) and its number of classes, after
seeding Keras with the run's seed, so every method (tape, fit, custom) starts from the same weights. End with
one unit per class and no softmax: the workbench's losses take logits (its "sum_mse" and "keras_mse" take the
scores as they are, as in the article).
"""

import keras
from keras import layers


def build(input_shape, num_classes):
    """A small functional convnet with batch normalisation."""
    inputs = keras.Input(shape=input_shape)
    x = layers.Reshape((*input_shape, 1))(inputs) if len(input_shape) == 2 else inputs
    for filters in (16, 32):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.Flatten()(x)
    x = layers.Dense(64, activation="relu")(x)
    outputs = layers.Dense(num_classes)(x)
    return keras.Model(inputs, outputs, name="convnet")
