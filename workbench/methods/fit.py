"""Method `fit`: the article's plain `compile` + `fit`, labels one-hot up front."""

from __future__ import annotations

import warnings

import keras

from .base import FitModel, Setup


def run(setup: Setup) -> keras.Model:
    with setup.strategy.scope():  # variables mirrored on every replica (a no-op on one device)
        model = setup.build_model(FitModel if setup.config.strategy == "multiworker" else keras.Sequential)
        model.compile(**setup.compile_kwargs())
        setup.restore(model, model.optimizer)
    with warnings.catch_warnings():
        # Keras learns an epoch's length by running out of data once; that is expected here
        warnings.filterwarnings("ignore", message="Your input ran out of data")
        model.fit(**setup.fit_kwargs())
    return model
