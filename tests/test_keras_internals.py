"""Keras internals the code relies on are where it expects them: a new Keras that moves one fails here, by name."""

import keras

from workbench.training import keras_internals


def test_every_keras_internal_the_workbench_uses_is_still_there():
    problems = keras_internals.missing()
    assert not problems, "\n".join(problems)


def test_the_installed_keras_is_within_the_tested_range():
    major, minor = (int(p) for p in keras.__version__.split(".")[:2])
    assert (3, 12) <= (major, minor) < (4, 0), f"Keras {keras.__version__} is outside 3.12 to <4 (pyproject.toml)"
