"""Method `fit`: the article's plain `compile` + `fit`, labels one-hot up front."""

from __future__ import annotations

import warnings

import keras

from .base import Setup


def run(setup: Setup) -> keras.Model:
    model = setup.build_model()
    model.compile(**setup.compile_kwargs())
    setup.restore(model, model.optimizer)
    with warnings.catch_warnings():
        # Keras learns an epoch's length by running out of data once; that is expected here
        warnings.filterwarnings("ignore", message="Your input ran out of data")
        model.fit(**setup.fit_kwargs())
    return model
