"""#39: the loss landscape — the path a run keeps, the views' geometry, and sharpness against a dense Hessian."""

from __future__ import annotations

import json

import numpy as np
import pytest

from workbench.analysis import directions as dirs
from workbench.analysis.landscape import Probe, landscape
from workbench.core.config import TrainConfig
from workbench.training import trainer, weights_path

from helpers import run_cli

SMALL = dict(train_limit=640, val_limit=300, epochs=3, dynamics_every=0)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """SGD and Adam from the same seed: the same start weights."""
    runs = tmp_path_factory.mktemp("runs")
    sgd = trainer.train(TrainConfig(optimizer="sgd", lr=0.05, **SMALL), runs)
    adam = trainer.train(TrainConfig(optimizer="adam", lr=0.001, **SMALL), runs)
    return runs, sgd.folder.path, adam.folder.path


def test_a_run_keeps_its_path_start_and_every_epoch(two_runs):
    _, sgd, adam = two_runs
    assert weights_path.points(sgd) == [0, 1, 2, 3]
    start_sgd, start_adam = weights_path.load_point(sgd, 0), weights_path.load_point(adam, 0)
    for a, b in zip(start_sgd, start_adam, strict=True):
        np.testing.assert_array_equal(a, b)  # same seed, same start
    end = Probe(sgd, samples=100).end
    for kept, saved in zip(weights_path.load_point(sgd, 3), end, strict=True):
        np.testing.assert_array_equal(kept, saved)  # the last point is the saved model's weights
    none = trainer.train(TrainConfig(path_mb=0, train_limit=320, val_limit=100, epochs=1), two_runs[0])
    assert weights_path.points(none.folder.path) == []


def test_filter_normalised_directions_have_the_weights_filter_norms():
    rng = np.random.default_rng(0)
    weights = [rng.standard_normal((784, 256)).astype(np.float32) * 0.05, np.ones(256, np.float32),
               rng.standard_normal((3, 3, 1, 32)).astype(np.float32)]
    direction = dirs.filter_normalised(weights, np.random.default_rng(1))
    np.testing.assert_allclose(dirs.filter_norms(direction[0]), dirs.filter_norms(weights[0]), rtol=1e-5)
    np.testing.assert_allclose(dirs.filter_norms(direction[2]), dirs.filter_norms(weights[2]), rtol=1e-5)
    assert not direction[1].any()  # biases: no move
    again = dirs.filter_normalised(weights, np.random.default_rng(1))
    assert all(np.array_equal(a, b) for a, b in zip(direction, again, strict=True))  # same seed, same direction


def test_the_centre_of_a_plane_is_evaluate_on_the_probe_set_and_the_path_starts_at_the_start(two_runs):
    from workbench.training.objectives import Objective

    _, sgd, _ = two_runs
    doc = landscape([sgd], kind="plane", grid=5, samples=500, use_cache=False)
    assert doc["basis"] == "pca" and len(doc["loss"]) == len(doc["ys"]) == 5 and len(doc["loss"][0]) == 5
    probe = Probe(sgd, samples=500)
    model = probe.model
    model.compile(loss=Objective.of(probe.config).compile_loss())
    evaluated = model.evaluate(probe.x, probe.target, batch_size=500, verbose=0)
    evaluated = evaluated[0] if isinstance(evaluated, list) else evaluated
    mid = len(doc["xs"]) // 2
    assert doc["xs"][mid] == 0.0 and doc["ys"][mid] == 0.0  # centred on the end weights
    assert doc["loss"][mid][mid] == pytest.approx(evaluated, rel=1e-5)
    # the PCA plane goes through the end at (0, 0); the path's first point is the start's projection
    path = doc["paths"][sgd.name]
    assert path[-1] == pytest.approx([0.0, 0.0], abs=1e-6)
    start = weights_path.load_point(sgd, 0)
    e1, e2, _ = dirs.pca_plane([weights_path.load_point(sgd, e) for e in weights_path.points(sgd)], probe.end)
    assert path[0] == pytest.approx(list(dirs.coordinates(start, probe.end, e1, e2)), rel=1e-6)
    # with 4 points around the end, two directions hold nearly all of the path
    assert np.hypot(*path[0]) == pytest.approx(np.linalg.norm(dirs.flat(start) - dirs.flat(probe.end)), rel=0.05)


def test_two_runs_from_one_start_sit_at_their_exact_coordinates(two_runs):
    _, sgd, adam = two_runs
    doc = landscape([sgd, adam], kind="plane", grid=7, samples=300, use_cache=False, sharpness=False)
    assert doc["basis"] == "start_and_ends"
    start = weights_path.load_point(sgd, 0)
    a_end, b_end = Probe(sgd, samples=10).end, Probe(adam, samples=10).end
    s, a, b = dirs.flat(start), dirs.flat(a_end), dirs.flat(b_end)
    d_a, d_b = np.linalg.norm(a - s), np.linalg.norm(b - s)
    x_a, y_a = doc["ends"][sgd.name]
    x_b, y_b = doc["ends"][adam.name]
    assert (x_a, y_a) == pytest.approx((d_a, 0.0), rel=1e-6, abs=1e-6)
    assert np.hypot(x_b, y_b) == pytest.approx(d_b, rel=1e-6)  # b lies in the plane: its distance is kept
    assert x_a * x_b + y_a * y_b == pytest.approx((a - s).dot(b - s), rel=1e-5)
    for run in (sgd.name, adam.name):
        assert doc["paths"][run][0] == pytest.approx([0.0, 0.0], abs=1e-6)  # both begin at the common start
        assert doc["paths"][run][-1] == pytest.approx(doc["ends"][run], abs=1e-4)


def test_power_iteration_finds_the_dense_hessians_top_eigenvalue():
    import keras
    import tensorflow as tf

    from workbench.analysis.hessian import top_eigenvalue

    keras.utils.set_random_seed(3)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(6, activation="tanh"), keras.layers.Dense(3)])
    x = tf.constant(np.random.default_rng(0).standard_normal((64, 4)), tf.float32)
    y = tf.one_hot(np.random.default_rng(1).integers(0, 3, 64), 3)

    def loss_fn(target, out):
        return tf.reduce_sum(tf.square(out - target)) / 64

    variables = model.trainable_variables
    n = sum(int(np.prod(v.shape)) for v in variables)
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            loss = loss_fn(y, model(x))
        flat_grad = tf.concat([tf.reshape(g, [-1]) for g in inner.gradient(loss, variables)], 0)
    dense = np.concatenate([tf.reshape(outer.jacobian(flat_grad, v), (n, -1)).numpy() for v in variables], axis=1)
    eigen = np.linalg.eigvalsh((dense + dense.T) / 2)
    top = eigen[np.argmax(np.abs(eigen))]
    assert top_eigenvalue(model, x, y, loss_fn, tolerance=1e-6, iterations=500) == pytest.approx(top, rel=0.01)


def test_the_command_draws_a_line_caches_it_and_refuses_runs_from_different_starts(two_runs, tmp_path):
    runs, sgd, _ = two_runs
    p = run_cli("landscape", "--run", sgd.name, "--kind", "line", "--grid", "9", "--samples", "300", "--json",
                "--runs-dir", str(runs))
    assert p.returncode == 0, p.stderr[-2000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    assert doc["kind"] == "line" and len(doc["xs"]) == len(doc["loss"]) == len(doc["accuracy"]) == 9
    assert doc["xs"][0] == pytest.approx(-0.5) and doc["xs"][-1] == pytest.approx(1.5)
    path = doc["paths"][sgd.name]
    assert path[0][0] == pytest.approx(0.0, abs=1e-6) and path[-1][0] == pytest.approx(1.0, abs=1e-6)
    assert path[-1][1] < path[0][1]  # the end is lower than the start
    assert doc["sharpness"][sgd.name] > 0
    again = run_cli("landscape", "--run", sgd.name, "--kind", "line", "--grid", "9", "--samples", "300", "--json",
                    "--runs-dir", str(runs))
    assert json.loads(again.stdout.strip().splitlines()[-1])["seconds"] == doc["seconds"]  # from the cache
    listed = json.loads(run_cli("runs", "--json", "--runs-dir", str(runs)).stdout)
    assert next(r for r in listed if r["run_id"] == sgd.name)["sharpness"] == doc["sharpness"][sgd.name]
    other = trainer.train(TrainConfig(seed=7, train_limit=320, val_limit=100, epochs=1), runs)
    bad = run_cli("landscape", "--run", sgd.name, "--run", other.folder.path.name, "--runs-dir", str(runs))
    assert bad.returncode != 0 and "same weights" in bad.stderr.strip().splitlines()[-1]
