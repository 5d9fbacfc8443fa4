"""A y range that shows the data without its outliers, as TensorBoard's "ignore outliers in chart scaling".

A training curve's first batches (near-chance accuracy, a loss ten times the final one) set the axis when it is
fitted to every point, and the converged part, where runs differ, lies flat on the top or bottom. Here the dense
curves (per batch) count from their 5th to their 95th percentile, while the few per-epoch points count whole.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

TAIL = 0.05  # the share left out at each end of the dense curves
PAD = 0.05  # margin around the range, as a share of it


def _values(arrays: Iterable[np.ndarray], log: bool) -> np.ndarray:
    parts = [np.asarray(a, dtype=float).ravel() for a in arrays if a is not None and len(a)]
    values = np.concatenate(parts) if parts else np.empty(0)
    values = values[np.isfinite(values)]
    if log:
        values = np.log10(values[values > 0])
    return values


def fitted_range(dense: Iterable[np.ndarray], whole: Iterable[np.ndarray] = (), log: bool = False,
                 tail: float = TAIL) -> tuple[float, float] | None:
    """(low, high) in the axis's own units (log10 of the values when `log`), or None without data.

    `dense`: curves with many points, whose extreme `tail` at each end is left out;
    `whole`: points that are always shown (per-epoch training and validation values).
    """
    many, few = _values(dense, log), _values(whole, log)
    lows, highs = [], []
    if many.size:
        low, high = np.quantile(many, [tail, 1 - tail])
        lows.append(low)
        highs.append(high)
    if few.size:
        lows.append(few.min())
        highs.append(few.max())
    if not lows:
        return None
    low, high = float(min(lows)), float(max(highs))
    span = high - low
    if span <= 1e-12 * max(1.0, abs(high)):
        span = max(abs(high) * 0.1, 1e-3)
        return low - span / 2, high + span / 2
    return low - PAD * span, high + PAD * span
