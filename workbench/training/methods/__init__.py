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


__all__ = ["Setup", "get"]
