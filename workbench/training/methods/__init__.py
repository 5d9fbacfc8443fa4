"""The three ways of training; each module's `run(setup)` trains and returns the model.

They share everything in `Setup` (data pipeline, model builder, optimizer,
callbacks) and differ only where the article says they differ: how labels
are fed, how the loss and the metric are computed, and who runs the loop.
"""

from __future__ import annotations

from collections.abc import Callable

import keras

from workbench.training.methods.base import Setup


def get(method: str) -> Callable[[Setup], keras.Model]:
    from workbench.training.methods import custom, fit, tape

    return {"tape": tape.run, "fit": fit.run, "custom": custom.run}[method]


def compiled(setup: Setup) -> keras.Model:
    """The model `fit` or `custom` trains, built and compiled exactly as it is for training, but untrained: what
    `explain` measures (the tape loop compiles nothing)."""
    from workbench.training.methods import custom, fit

    return {"fit": fit.compiled, "custom": custom.compiled}[setup.config.method](setup)


__all__ = ["Setup", "compiled", "get"]
