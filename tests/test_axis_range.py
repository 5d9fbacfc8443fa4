"""The y range without outliers: the converged part of a curve fills the axis, as in TensorBoard."""

import numpy as np

from workbench.core.axis_range import fitted_range


def test_near_chance_first_batches_do_not_set_the_accuracy_axis():
    steps = np.arange(1, 1001)
    accuracy = 0.97 - 0.87 * np.exp(-steps / 20)
    low, high = fitted_range([accuracy], [np.array([0.80, 0.95, 0.96])])
    assert 0.75 < low < 0.80 and 0.97 < high < 0.99  # the epoch points count whole, the first batches do not
    full_low, _ = fitted_range([accuracy], [], tail=0.0)
    assert full_low < 0.12  # tail 0: every point


def test_log_axes_count_in_decades_and_empty_data_gives_none():
    low, high = fitted_range([np.array([1e-3] * 50 + [1e-1] * 50)], log=True, tail=0.0)
    assert low < -3 < -1 < high
    assert fitted_range([np.array([np.nan, -1.0])], log=True) is None
    assert fitted_range([], []) is None
    flat = fitted_range([np.full(10, 0.5)])
    assert flat[0] < 0.5 < flat[1]  # a flat curve still gets a range
