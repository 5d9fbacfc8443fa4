"""Growing curves for plots that pull: an amortised numpy buffer with a smoothed copy kept incrementally.

No Qt: training pushes points into a `Series` (through the window's bridge), the plots read it on a
timer; experiments will average them. Smoothing is TensorBoard's debiased exponential moving average.
"""

from __future__ import annotations

import math

import numpy as np

from workbench.core.envelope import Envelope


def ema(values: np.ndarray, weight: float, state: tuple[float, int] = (0.0, 0)) -> tuple[np.ndarray, tuple[float, int]]:
    """TensorBoard's debiased exponential moving average; resumable through `state`."""
    last, count = state
    out = np.empty(len(values))
    for i, v in enumerate(values):
        if not math.isfinite(v):
            out[i] = v
            continue
        last = last * weight + (1 - weight) * v
        count += 1
        out[i] = last / (1 - weight**count)
    return out, (last, count)


class Series:
    """A growing (x, y) buffer with an incrementally kept smoothed copy."""

    def __init__(self, capacity: int = 1024) -> None:
        self.x = np.empty(capacity)
        self.y = np.empty(capacity)
        self.n = 0
        self.version = 0  # bumped on every append: a drawn item is stale when versions differ
        self._smooth = np.empty(capacity)
        self._smooth_n = 0
        self._smooth_weight = 0.0
        self._smooth_state = (0.0, 0)
        self.envelope = Envelope()  # of y
        self.smooth_envelope = Envelope()  # of the smoothed y

    def extend(self, xs, ys) -> None:
        k = len(xs)
        if self.n + k > len(self.x):
            cap = max(2 * len(self.x), self.n + k)
            for name in ("x", "y", "_smooth"):
                grown = np.empty(cap)
                grown[: self.n] = getattr(self, name)[: self.n]
                setattr(self, name, grown)
        self.x[self.n : self.n + k] = xs
        self.y[self.n : self.n + k] = np.asarray(ys, dtype=float)
        self.n += k
        self.version += 1

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.n], self.y[: self.n]

    def smoothed(self, weight: float) -> np.ndarray:
        """y smoothed with `weight`; only new points are computed unless the weight changed."""
        if weight != self._smooth_weight:
            self._smooth_weight, self._smooth_n, self._smooth_state = weight, 0, (0.0, 0)
            self.smooth_envelope.reset()
        if self._smooth_n < self.n:
            new, self._smooth_state = ema(self.y[self._smooth_n : self.n], weight, self._smooth_state)
            self._smooth[self._smooth_n : self.n] = new
            self._smooth_n = self.n
        return self._smooth[: self.n]
