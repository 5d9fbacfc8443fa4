"""Method `fit`: the article's plain `compile` + `fit`, labels one-hot up front."""

from __future__ import annotations

import keras

from workbench.training.methods.base import FitModel, Setup


def _model_class(setup: Setup) -> type[keras.Sequential]:
    return FitModel if setup.config.strategy == "multiworker" else keras.Sequential


def compiled(setup: Setup) -> keras.Model:
    """The model this method trains, built and compiled, untrained."""
    return setup.compiled_model(_model_class(setup))


def run(setup: Setup) -> keras.Model:
    return setup.compile_and_fit(_model_class(setup))
