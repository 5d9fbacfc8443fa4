"""Directions in weight space for the loss landscape (numpy only): a weight point is a list of arrays, one per
trainable variable, as `training/weights_path.py` keeps them.

- `filter_normalised`: Li et al. (NeurIPS 2018): a Gaussian direction whose every filter (a Dense unit's column, a
  convolution's output channel: all axes but the last) has the norm of the same filter of the weights; biases and
  other 1-D weights get 0, as in the paper, so the picture does not depend on the weights' scale;
- `pca_plane`: the first two principal directions of a path's points around its end (Li et al., §7);
- `plane_through`: the orthonormal plane through a start and two end points (two runs from one start).
"""

from __future__ import annotations

import numpy as np

Point = list[np.ndarray]


def flat(point: Point) -> np.ndarray:
    return np.concatenate([np.asarray(a, np.float64).ravel() for a in point])


def unflat(vector: np.ndarray, like: Point) -> Point:
    out, i = [], 0
    for a in like:
        out.append(vector[i:i + a.size].reshape(a.shape).astype(np.float32))
        i += a.size
    return out


def filter_norms(array: np.ndarray) -> np.ndarray:
    """The norm of each filter: over every axis but the last."""
    return np.sqrt(np.sum(np.square(array, dtype=np.float64), axis=tuple(range(array.ndim - 1))))


def filter_normalised(weights: Point, rng: np.random.Generator) -> Point:
    direction = []
    for w in weights:
        if w.ndim < 2:
            direction.append(np.zeros_like(w, dtype=np.float32))
            continue
        d = rng.standard_normal(w.shape)
        scale = filter_norms(w) / np.maximum(filter_norms(d), 1e-12)
        direction.append((d * scale).astype(np.float32))
    return direction


def pca_plane(path: list[Point], end: Point) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Two orthonormal directions (flat) spanning most of the path around `end`, and the share of the path's
    variance each explains."""
    rows = np.stack([flat(p) - flat(end) for p in path])
    _, singular, vt = np.linalg.svd(rows, full_matrices=False)
    share = singular ** 2 / max(float(np.sum(singular ** 2)), 1e-30)
    e1 = vt[0]
    e2 = vt[1] if len(vt) > 1 else _orthogonal(e1)
    return e1, e2, share[:2]


def _orthogonal(e1: np.ndarray) -> np.ndarray:
    other = np.zeros_like(e1)
    other[int(np.argmin(np.abs(e1)))] = 1.0
    other -= other.dot(e1) * e1
    return other / np.linalg.norm(other)


def plane_through(start: Point, a: Point, b: Point) -> tuple[np.ndarray, np.ndarray]:
    """Orthonormal (flat) e1 along a − start, e2 the rest of b − start: start at (0, 0), a on the x axis, b at
    its exact coordinates (both lie in the plane)."""
    s = flat(start)
    u, v = flat(a) - s, flat(b) - s
    e1 = u / np.linalg.norm(u)
    rest = v - v.dot(e1) * e1
    e2 = rest / np.linalg.norm(rest) if np.linalg.norm(rest) > 1e-12 * np.linalg.norm(v) else _orthogonal(e1)
    return e1, e2


def coordinates(point: Point, origin: Point, e1: np.ndarray, e2: np.ndarray) -> tuple[float, float]:
    """The point's projection on the plane (orthonormal e1, e2) through `origin`."""
    d = flat(point) - flat(origin)
    return float(d.dot(e1)), float(d.dot(e2))
