"""Loading a run's saved model: the classes it may name (the methods' models, the article's loss) are registered
by importing them here, above `models` and the methods, so neither has to import the other."""

from __future__ import annotations

import keras

from workbench.training import objectives  # noqa: F401 (registers the losses and metrics a model may name)
from workbench.training.methods import base, custom  # noqa: F401 (registers the models with their own steps)


def load(path) -> keras.Model:
    """Loads a run's saved model, also one saved by an older workbench with its own classes."""
    return keras.saving.load_model(path, compile=False)
