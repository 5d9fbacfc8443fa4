"""Method `fit`: the article's plain `compile` + `fit`, labels one-hot up front."""

from __future__ import annotations

import keras

from workbench.training.methods.base import FitModel, Setup


def run(setup: Setup) -> keras.Model:
    return setup.compile_and_fit(FitModel if setup.config.strategy == "multiworker" else keras.Sequential)
