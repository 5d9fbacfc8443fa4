"""Turn a digit drawn with the mouse into an MNIST-like 28x28 image (numpy only, no Qt, no TensorFlow).

MNIST's digits were scaled to fit a 20x20 box (aspect ratio kept, anti-aliased)
and then placed in a 28x28 image so that their centre of mass sits at the
centre (pixel 14, 14). A model trained on MNIST has only seen digits like that,
so a drawing must go through the same steps or the model answers a question it
was never asked. The strokes are rendered after scaling, with a pen as wide as
MNIST's strokes (about 2.5 px), so a small drawing does not become a fat blob.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SIZE = 28
BOX = 20  # the digit's longer side, as in MNIST
PEN = 2.6  # stroke width in 28x28 pixels, close to MNIST's mean ink per digit
SUPERSAMPLE = 4

Stroke = Sequence[tuple[float, float]]  # (x, y) points in any coordinates, y downwards


def strokes_to_mnist(strokes: Sequence[Stroke], pen: float = PEN) -> np.ndarray:
    """A (28, 28) float array in [0, 1], white digit on black, from the drawn strokes."""
    strokes = [np.asarray(s, dtype=float).reshape(-1, 2) for s in strokes if len(s)]
    if not strokes:
        return np.zeros((SIZE, SIZE), dtype=np.float32)
    points = np.concatenate(strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    extent = float((high - low).max())
    scale = (BOX - pen) / extent if extent > 0 else 1.0
    centre = (low + high) / 2
    ss = SUPERSAMPLE
    canvas = np.zeros((SIZE * ss, SIZE * ss), dtype=np.float32)
    for s in strokes:
        placed = ((s - centre) * scale + SIZE / 2) * ss
        _draw_polyline(canvas, placed, pen * ss / 2)
    image = canvas.reshape(SIZE, ss, SIZE, ss).mean(axis=(1, 3))
    return centre_of_mass_centred(image)


def centre_of_mass_centred(image: np.ndarray) -> np.ndarray:
    """The image shifted by whole pixels so its centre of mass is at (14, 14), as MNIST's are."""
    total = float(image.sum())
    if total <= 0:
        return image.astype(np.float32)
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    dy = int(round(image.shape[0] / 2 - (rows * image).sum() / total))
    dx = int(round(image.shape[1] / 2 - (cols * image).sum() / total))
    return _shift(image, dy, dx).astype(np.float32)


def image_to_mnist(image: np.ndarray, threshold: float = 0.05) -> np.ndarray:
    """A grey image of any size (ink bright, values in [0, 1]) as an MNIST-like (28, 28) array."""
    image = np.asarray(image, dtype=np.float32)
    ink = np.argwhere(image > threshold)
    if len(ink) == 0:
        return np.zeros((SIZE, SIZE), dtype=np.float32)
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0) + 1
    crop = image[top:bottom, left:right]
    h, w = crop.shape
    scale = BOX / max(h, w)
    out_h, out_w = max(1, round(h * scale)), max(1, round(w * scale))
    small = _area_resize(crop, out_h, out_w)
    result = np.zeros((SIZE, SIZE), dtype=np.float32)
    y0, x0 = (SIZE - out_h) // 2, (SIZE - out_w) // 2
    result[y0 : y0 + out_h, x0 : x0 + out_w] = small
    return centre_of_mass_centred(np.clip(result, 0, 1))


def _draw_polyline(canvas: np.ndarray, points: np.ndarray, radius: float) -> None:
    """Anti-aliased round-capped line segments through `points` (x, y), drawn with max()."""
    if len(points) == 1:
        points = np.vstack([points, points])
    h, w = canvas.shape
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:], strict=True):
        xa, xb = int(max(0, np.floor(min(x0, x1) - radius - 1))), int(min(w, np.ceil(max(x0, x1) + radius + 2)))
        ya, yb = int(max(0, np.floor(min(y0, y1) - radius - 1))), int(min(h, np.ceil(max(y0, y1) + radius + 2)))
        if xa >= xb or ya >= yb:
            continue
        ys, xs = np.mgrid[ya:yb, xa:xb] + 0.5  # pixel centres
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy
        t = np.clip(((xs - x0) * dx + (ys - y0) * dy) / length2, 0, 1) if length2 > 0 else 0.0
        distance = np.hypot(xs - (x0 + t * dx), ys - (y0 + t * dy))
        value = np.clip(radius + 0.5 - distance, 0, 1)
        np.maximum(canvas[ya:yb, xa:xb], value, out=canvas[ya:yb, xa:xb])


def _area_resize(image: np.ndarray, out_h: int, out_w: int) -> np.ndarray:
    """Resize by averaging the covered area of each output pixel (exact box filter)."""
    return _area_matrix(image.shape[0], out_h) @ image @ _area_matrix(image.shape[1], out_w).T


def _area_matrix(n_in: int, n_out: int) -> np.ndarray:
    edges_in = np.arange(n_in + 1, dtype=float)
    edges_out = np.linspace(0, n_in, n_out + 1)
    low = np.maximum(edges_out[:-1, None], edges_in[None, :-1])
    high = np.minimum(edges_out[1:, None], edges_in[None, 1:])
    overlap = np.clip(high - low, 0, None)
    return overlap / overlap.sum(axis=1, keepdims=True)


def _shift(image: np.ndarray, dy: int, dx: int) -> np.ndarray:
    out = np.zeros_like(image)
    h, w = image.shape
    dy, dx = max(-h, min(h, dy)), max(-w, min(w, dx))
    out[max(0, dy) : h + min(0, dy), max(0, dx) : w + min(0, dx)] = image[
        max(0, -dy) : h + min(0, -dy), max(0, -dx) : w + min(0, -dx)
    ]
    return out


def pad_problem(image_shape: tuple[int, ...]) -> str | None:
    """Why the drawing pad cannot feed a model trained on images of this shape, or None if it can."""
    shape = tuple(image_shape)
    if shape in ((SIZE, SIZE), (SIZE, SIZE, 1)):
        return None
    described = "×".join(str(s) for s in shape)
    return (f"the drawing pad makes grey 28×28 images like MNIST's; this run's dataset has {described} "
            "images")
