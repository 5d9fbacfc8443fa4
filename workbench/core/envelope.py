"""Min/max envelope of a growing curve: a redraw reads about two points per pixel, whatever the length.

pyqtgraph's own peak downsampling scans every point on each `setData` (finite
check, bounds, reshape) and draws ~5 samples per pixel: 18 ms for a
million-point curve here. The envelope keeps, for blocks of 64·2^k points,
each block's minimum and maximum, extended as points arrive (each point is
folded in once). A redraw picks the level whose blocks are about one pixel
wide over the visible range and hands pyqtgraph (max, min) pairs, so the
picture is the same as peak downsampling and the cost no longer grows with
the curve. Zoomed in far enough, the raw points are drawn.
"""

from __future__ import annotations

import numpy as np

BASE = 64  # points in a level-0 block


class _Grow:
    """An append-only float array with amortised growth."""

    def __init__(self) -> None:
        self.data = np.empty(64)
        self.n = 0

    def extend(self, values: np.ndarray) -> None:
        k = len(values)
        if self.n + k > len(self.data):
            grown = np.empty(max(2 * len(self.data), self.n + k))
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n : self.n + k] = values
        self.n += k

    def view(self) -> np.ndarray:
        return self.data[: self.n]


class Envelope:
    """Block minima and maxima of one y array at every level (see the module docstring)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.mins: list[_Grow] = []
        self.maxs: list[_Grow] = []
        self.folded = 0  # raw points already in level 0

    def update(self, y: np.ndarray) -> None:
        """Folds in the complete blocks of `y` (the whole curve so far) not yet folded."""
        blocks = len(y) // BASE
        done = self.folded // BASE
        if blocks <= done:
            return
        chunk = y[done * BASE : blocks * BASE].reshape(-1, BASE)
        self._append(0, np.fmin.reduce(chunk, axis=1), np.fmax.reduce(chunk, axis=1))
        self.folded = blocks * BASE
        level = 0
        while level < len(self.mins) and self.mins[level].n >= 2:
            lower_min, lower_max = self.mins[level].view(), self.maxs[level].view()
            pairs = lower_min.size // 2
            have = self.mins[level + 1].n if level + 1 < len(self.mins) else 0
            if pairs > have:
                new_min = np.fmin(lower_min[2 * have : 2 * pairs : 2], lower_min[2 * have + 1 : 2 * pairs : 2])
                new_max = np.fmax(lower_max[2 * have : 2 * pairs : 2], lower_max[2 * have + 1 : 2 * pairs : 2])
                self._append(level + 1, new_min, new_max)
            level += 1

    def _append(self, level: int, mins: np.ndarray, maxs: np.ndarray) -> None:
        while len(self.mins) <= level:
            self.mins.append(_Grow())
            self.maxs.append(_Grow())
        self.mins[level].extend(mins)
        self.maxs[level].extend(maxs)

    def view(self, x: np.ndarray, y: np.ndarray, i0: int, i1: int, pixels: int) -> tuple[np.ndarray, np.ndarray]:
        """Points to draw for y[i0:i1] on `pixels` pixels: raw if few, else (max, min) per block."""
        self.update(y)
        i0, i1 = max(0, i0), min(len(y), i1)
        count = i1 - i0
        if count <= 4 * pixels or not self.mins:
            return x[i0:i1], y[i0:i1]
        level = 0
        while level + 1 < len(self.mins) and count / (BASE << level) > pixels:  # ≤ one block per pixel
            level += 1
        size = BASE << level
        b0, b1 = i0 // size, min(i1 // size, self.mins[level].n)
        lows, highs = self.mins[level].view()[b0:b1], self.maxs[level].view()[b0:b1]
        xs = np.repeat(x[b0 * size : b1 * size : size], 2)
        ys = np.empty(2 * (b1 - b0))
        ys[0::2], ys[1::2] = highs, lows
        tail = slice(b1 * size, i1)  # the last, incomplete block: raw points (fewer than one block)
        return np.concatenate([xs, x[tail]]), np.concatenate([ys, y[tail]])
