"""The ground the optimizer walked: the loss around a run's weights on a fixed probe set, and its path on it.

Views (`landscape(...)`; `workbench landscape`, INTERFACE.md):
- **line**: the straight line from the start weights to the end weights and beyond, α ∈ [−0.5, 1.5] (Goodfellow,
  Vinyals & Saxe 2015), with each kept path point at its projection α and its real loss;
- **plane** of one run, centred on its end weights (0, 0): on the PCA plane of its kept path (Li et al. 2018, §7;
  the path drawn where it projects) or, with `directions="random"`, on two seeded filter-normalised random
  directions (Li et al., §4);
- **plane** of two runs from one start: through the start (0, 0) and both end points, both paths drawn.

The probe set is `samples` validation images drawn with a fixed seed; every grid point is one forward pass over
all of it (the weights set in a compiled function: no per-sample loop), rows reported as they are done, a
`cancelled()` callable checked between rows. Trainable weights move; BatchNorm's moving statistics stay the end
point's. A result is cached in the run folder (`landscape/<key>.json`): the same request reopens at once. The
sharpness of each end point (top Hessian eigenvalue, `hessian.py`) comes with it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from workbench.analysis import directions as dirs
from workbench.core.runs import SHARPNESS_FILE, RunFolder, write_json_atomic

VERSION = 2  # 2: a PCA plane's explained shares
SAMPLES, GRID, SPAN, SEED = 2000, 21, 1.0, 0


class LandscapeError(ValueError):
    """The runs cannot be drawn as asked; the message says why."""


class Probe:
    """A run's model with its loss and a fixed probe set: loss and accuracy at any trainable weights."""

    def __init__(self, run_dir: Path, samples: int = SAMPLES, seed: int = SEED, trust_code: bool = False) -> None:
        import tensorflow as tf

        from workbench.core import data as datamod
        from workbench.core.config import TrainConfig
        from workbench.training.objectives import Objective

        folder = RunFolder(Path(run_dir))
        config = TrainConfig.from_dict(folder.config())
        data = datamod.prepare(config)
        n = min(samples, len(data.x_test))
        index = np.sort(np.random.default_rng(seed).choice(len(data.x_test), n, replace=False))
        self.x = tf.constant(data.x_test[index].astype(np.float32) / np.float32(data.scale))
        self.y_int = tf.constant(np.asarray(data.y_test[index]).astype(np.int32))
        objective = Objective.of(config)
        onehot = objective.loss_labels == "onehot"
        self.target = tf.one_hot(self.y_int, data.num_classes) if onehot else self.y_int
        self.loss_fn = objective.loss_object()
        self.model = _model(folder, config, data, trust_code)
        self.variables = list(self.model.trainable_variables)
        self.end = [v.numpy() for v in self.variables]
        self.config = config
        model, x, target, y_int, loss_fn = self.model, self.x, self.target, self.y_int, self.loss_fn

        @tf.function(jit_compile=True)
        def measure():
            out = model(x, training=False)
            hit = tf.equal(tf.argmax(out, axis=-1, output_type=tf.int32), y_int)
            return loss_fn(target, out), tf.reduce_mean(tf.cast(hit, tf.float32))

        self._measure = measure

    def at(self, point: dirs.Point) -> tuple[float, float]:
        for variable, value in zip(self.variables, point, strict=True):
            variable.assign(value)
        loss, accuracy = self._measure()
        return float(loss), float(accuracy)

    def restore(self) -> None:
        for variable, value in zip(self.variables, self.end, strict=True):
            variable.assign(value)


def _model(folder: RunFolder, config, data, trust_code: bool):
    """The run's end model: its `model.keras` (no code runs), or for a subclassed model saved as weights only,
    rebuilt from the run's copy of its Python file — which runs that code, so only if this machine wrote it or
    the user trusts it (`UntrustedModelCode` otherwise)."""
    from workbench.core import model_source
    from workbench.training import models
    from workbench.training.saved_models import load

    if (folder.path / "model.keras").is_file():
        return load(folder.path / "model.keras")
    weights, copy = folder.path / "model.weights.h5", model_source.run_copy(folder.path)
    if not weights.is_file() or copy is None:
        raise LandscapeError(f"run {folder.run_id} has no model.keras (it diverged or never finished an epoch)")
    model_source.check_trusted(folder.path, trust_code)
    model = models.build(config.model, data.input_shape, data.num_classes, config.seed, dropout=config.dropout,
                         model_file=copy, trust_code=True, normalise=models.normalisation(data))
    model.load_weights(weights)
    return model


def _path(run_dir: Path) -> list[dirs.Point]:
    from workbench.training import weights_path

    return [weights_path.load_point(run_dir, e) for e in weights_path.points(run_dir)]


def _grid(probe: Probe, origin: np.ndarray, e1: np.ndarray, e2: np.ndarray, xs, ys, on_row, cancelled,
          on_axes=None):
    if on_axes is not None:
        on_axes([float(x) for x in xs], [float(y) for y in ys])
    loss, accuracy = [], []
    for j, y in enumerate(ys):
        if cancelled is not None and cancelled():
            raise InterruptedError("cancelled")
        row = [probe.at(dirs.unflat(origin + x * e1 + y * e2, probe.end)) for x in xs]
        loss.append([v for v, _ in row])
        accuracy.append([a for _, a in row])
        if on_row is not None:
            on_row(j, loss[-1], accuracy[-1])
    return loss, accuracy


def _span(values: list[float], margin: float) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max(high - low, 1e-3) * margin
    return low - pad, high + pad


def _centred(half: float, grid: int) -> np.ndarray:
    values = max(half, 1e-6) * np.linspace(-1.0, 1.0, grid)
    if grid % 2:
        values[grid // 2] = 0.0
    return values


def _line(probe: Probe, run_dir: Path, grid: int, on_row, cancelled, on_axes=None) -> dict[str, Any]:
    path = _path(run_dir)
    if len(path) < 1:
        raise LandscapeError(f"run {Path(run_dir).name} kept no weights path (path_mb 0, or trained before paths "
                             "were kept): a line needs its start weights")
    start, end = dirs.flat(path[0]), dirs.flat(probe.end)
    d = end - start
    xs = np.linspace(-0.5, 1.5, grid)
    loss, accuracy = _grid(probe, start, d, np.zeros_like(d), xs, [0.0], on_row, cancelled, on_axes)
    walked = []
    for point in path:
        alpha = float((dirs.flat(point) - start).dot(d) / max(d.dot(d), 1e-30))
        walked.append([alpha, probe.at(point)[0]])
    return {"xs": xs.tolist(), "loss": loss[0], "accuracy": accuracy[0], "paths": {Path(run_dir).name: walked}}


def _plane(probe: Probe, run_dirs: list[Path], b_end: dirs.Point | None, grid: int, span: float, directions: str,
           seed: int, on_row, cancelled, on_axes=None) -> dict[str, Any]:
    paths = {Path(r).name: _path(r) for r in run_dirs}
    if len(run_dirs) == 2:
        (first, a_path), (_, b_path) = paths.items()
        if not a_path or not b_path or not np.array_equal(dirs.flat(a_path[0]), dirs.flat(b_path[0])):
            raise LandscapeError("the two runs do not start from the same weights (the same model and seed, both "
                                 "with their weights path kept)")
        origin = a_path[0]
        e1, e2 = dirs.plane_through(origin, probe.end, b_end)
        ends = {first: probe.end, Path(run_dirs[1]).name: b_end}
        basis = "start_and_ends"
    else:
        origin = probe.end
        name, path = next(iter(paths.items()))
        if directions == "pca" and len(path) >= 2:
            e1, e2, share = dirs.pca_plane(path, probe.end)
            basis = "pca"
        else:
            rng = np.random.default_rng(seed)
            e1 = dirs.flat(dirs.filter_normalised(probe.end, rng))
            e2 = dirs.flat(dirs.filter_normalised(probe.end, rng))
            basis = "random"
        ends = {name: probe.end}
    explained = [float(v) for v in share] if basis == "pca" else None
    walked = {run: [list(dirs.coordinates(p, origin, e1, e2)) for p in path] for run, path in paths.items()}
    if basis == "random":
        walked = {}  # a path off a random plane is not drawn on it
        xs = ys = _centred(span, grid)
    else:
        points = [c for run in walked.values() for c in run] + [
            list(dirs.coordinates(e, origin, e1, e2)) for e in ends.values()] + [[0.0, 0.0]]
        if basis == "pca":  # centred on the end weights: (0, 0) is a grid point when the grid is odd
            xs = _centred(max(abs(p[0]) for p in points) * (1 + 0.25 * span), grid)
            ys = _centred(max(abs(p[1]) for p in points) * (1 + 0.25 * span), grid)
        else:
            xs = np.linspace(*_span([p[0] for p in points], 0.25 * span), grid)
            ys = np.linspace(*_span([p[1] for p in points], 0.25 * span), grid)
    loss, accuracy = _grid(probe, dirs.flat(origin), e1, e2, xs, ys, on_row, cancelled, on_axes)
    return {"xs": xs.tolist(), "ys": ys.tolist(), "loss": loss, "accuracy": accuracy, "paths": walked,
            "basis": basis, "explained": explained,
            "ends": {run: list(dirs.coordinates(e, origin, e1, e2)) for run, e in ends.items()}}


def cache_key(run_ids: list[str], **request: Any) -> str:
    text = json.dumps({"runs": run_ids, "version": VERSION, **request}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _request(kind: str, grid: int, span: float, samples: int, directions: str, seed: int,
             sharpness: bool) -> dict[str, Any]:
    return dict(kind=kind, grid=grid, span=span, samples=samples, directions=directions, seed=seed,
                sharpness=sharpness)


def _cache_path(run_dirs: list[Path], request: dict[str, Any]) -> Path:
    return run_dirs[0] / "landscape" / f"{cache_key([r.name for r in run_dirs], **request)}.json"


def cached(run_dirs: list[Path], kind: str = "plane", grid: int = GRID, span: float = SPAN, samples: int = SAMPLES,
           directions: str = "pca", seed: int = SEED, sharpness: bool = True) -> dict[str, Any] | None:
    """The document computed before for this very request, or None (reading it takes milliseconds)."""
    path = _cache_path([Path(r) for r in run_dirs],
                       _request(kind, grid, span, samples, directions, seed, sharpness))
    try:
        return json.loads(path.read_text()) if path.is_file() else None
    except (OSError, ValueError):
        return None


def landscape(run_dirs: list[Path], kind: str = "plane", grid: int = GRID, span: float = SPAN,
              samples: int = SAMPLES, directions: str = "pca", seed: int = SEED, sharpness: bool = True,
              on_row: Callable[[int, list, list], None] | None = None,
              cancelled: Callable[[], bool] | None = None, use_cache: bool = True,
              on_axes: Callable[[list, list], None] | None = None, trust_code: bool = False) -> dict[str, Any]:
    """The document of INTERFACE.md's `landscape --json` for one run (line or plane) or two (plane).

    `on_axes(xs, ys)` is called once the grid's axes are known, `on_row(j, loss, accuracy)` as each row is done,
    `cancelled()` between rows (True: InterruptedError). A run whose model must be rebuilt from its Python copy
    needs `trust_code` unless this machine wrote the copy."""
    run_dirs = [Path(r) for r in run_dirs]
    if kind not in ("line", "plane"):
        raise LandscapeError(f"kind {kind!r} is not one of line, plane")
    if kind == "line" and len(run_dirs) != 1:
        raise LandscapeError("a line is drawn for one run")
    request = _request(kind, grid, span, samples, directions, seed, sharpness)
    ids = [r.name for r in run_dirs]
    cache = _cache_path(run_dirs, request)
    if use_cache and (doc := cached(run_dirs, **request)) is not None:
        return doc
    started = time.perf_counter()
    probes = [Probe(r, samples, seed, trust_code) for r in run_dirs]
    probe = probes[0]
    try:
        if kind == "line":
            doc = _line(probe, run_dirs[0], grid, on_row, cancelled, on_axes)
        else:
            doc = _plane(probe, run_dirs, probes[1].end if len(probes) > 1 else None, grid, span, directions, seed,
                         on_row, cancelled, on_axes)
    finally:
        probe.restore()
    doc = {"kind": kind, "runs": ids, **doc, "samples": int(probe.x.shape[0]), "request": request}
    if sharpness:
        doc["sharpness"] = _sharpness(run_dirs, probes, seed)
    doc["seconds"] = time.perf_counter() - started
    cache.parent.mkdir(exist_ok=True)
    write_json_atomic(cache, doc)
    return doc


def _sharpness(run_dirs: list[Path], probes: list[Probe], seed: int) -> dict[str, float]:
    """Each end point's top Hessian eigenvalue, also kept in the run's `landscape/sharpness.json` (the runs
    table and `workbench runs` show it)."""
    from workbench.analysis.hessian import top_eigenvalue

    values = {}
    for run_dir, p in zip(run_dirs, probes, strict=True):
        values[run_dir.name] = value = top_eigenvalue(p.model, p.x, p.target, p.loss_fn, seed=seed)
        (run_dir / "landscape").mkdir(exist_ok=True)
        write_json_atomic(run_dir / SHARPNESS_FILE, {"top_eigenvalue": value, "samples": int(p.x.shape[0]),
                                                     "seed": seed})
    return values


def write_grid(doc: dict[str, Any], npz: Path | str | None = None, csv: Path | str | None = None) -> None:
    """The grid as a NumPy `.npz` (xs, ys, loss, accuracy) and/or CSV rows `x,y,loss,accuracy`; OSError
    propagates."""
    xs = np.asarray(doc["xs"])
    ys = np.asarray(doc.get("ys", [0.0]))
    loss = np.atleast_2d(np.asarray(doc["loss"], dtype=float))
    accuracy = np.atleast_2d(np.asarray(doc["accuracy"], dtype=float))
    if npz:
        with open(npz, "wb") as f:
            np.savez(f, xs=xs, ys=ys, loss=loss, accuracy=accuracy)
    if csv:
        with open(csv, "w", encoding="utf-8") as f:
            f.write("x,y,loss,accuracy\n")
            for j, y in enumerate(ys):
                for i, x in enumerate(xs):
                    f.write(f"{x:.9g},{y:.9g},{loss[j, i]:.9g},{accuracy[j, i]:.9g}\n")
