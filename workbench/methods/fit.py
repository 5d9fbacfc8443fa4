"""Method `fit`: the article's plain `compile` + `fit`, labels one-hot up front."""

from __future__ import annotations

import keras

from .base import Setup


def run(setup: Setup) -> keras.Model:
    model = setup.build_model()
    model.compile(**setup.compile_kwargs())
    model.fit(**setup.fit_kwargs())
    return model
