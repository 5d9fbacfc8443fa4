"""Per-layer instruments: they never change training, they show the article's mechanism, they are written."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.core.runs import DYNAMICS_FIELDS, RunFolder
from workbench.training import trainer

from helpers import get_json, weights_of

TINY = dict(train_limit=640, val_limit=100, epochs=1)


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
def test_instruments_on_or_off_give_the_same_weights(tmp_path, method):
    on = trainer.train(TrainConfig(method=method, dynamics_every=3, **TINY), tmp_path / "on")
    off = trainer.train(TrainConfig(method=method, dynamics_every=0, **TINY), tmp_path / "off")
    np.testing.assert_array_equal(weights_of(on.folder.path), weights_of(off.folder.path))
    assert on.summary.final == off.summary.final
    rows = RunFolder(on.folder.path).dynamics()
    assert rows and not (off.folder.path / "dynamics.csv").exists()
    with open(on.folder.path / "dynamics.csv") as f:
        assert next(csv.reader(f)) == DYNAMICS_FIELDS  # INTERFACE.md's columns
    assert {r["layer"] for r in rows} == {"dense1", "dense2", "dense3"}  # the same names in every run
    steps = sorted({r["step"] for r in rows})
    assert steps == sorted(set(steps)) and steps[-1] <= 20  # 20 steps of 32 in the epoch
    for r in rows:
        assert r["grad_norm"] > 0 and r["weight_norm"] > 0 and 0 < r["update_ratio"] < 1
    assert all(0 <= r["dead_fraction"] <= 1 for r in rows if r["layer"] != "dense3")  # hidden ReLU layers
    assert all(r["dead_fraction"] is None for r in rows if r["layer"] == "dense3")  # the output has no ReLU


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
def test_update_ratio_is_one_steps_update_whatever_the_steps_per_call(tmp_path, method):
    """#38: in fast mode a compiled call runs N steps; the sample is still the sampled step's own update (and the
    probe's gradient and dead units are read at that step), the same as with one step per call."""
    rows = {}
    for n in (1, 16):  # step 20 is the 4th step of the call 17-32, step 40 the 8th of 33-48
        run = trainer.train(TrainConfig(method=method, optimizer="sgd", lr=0.01, dynamics_every=20,
                                        steps_per_execution=n, train_limit=1280, val_limit=100, epochs=1),
                            tmp_path / str(n))
        rows[n] = {(r["step"], r["layer"]): r for r in RunFolder(run.folder.path).dynamics()}
    assert sorted({step for step, _ in rows[16]}) == [20, 40]
    assert rows[16].keys() == rows[1].keys()
    for key, one in rows[1].items():
        for quantity in ("update_ratio", "grad_norm", "weight_norm"):
            assert rows[16][key][quantity] == pytest.approx(one[quantity], rel=1e-6), (key, quantity)
        assert rows[16][key]["dead_fraction"] == one["dead_fraction"]


def first_step_ratios(tmp_path, loss: str, optimizer: str, lr: float, n: int = 1) -> dict[str, float]:
    run = trainer.train(TrainConfig(method="tape", loss=loss, optimizer=optimizer, lr=lr, dynamics_every=1,
                                    steps_per_execution=n, **TINY), tmp_path / f"{loss}-{optimizer}-{n}")
    return {r["layer"]: r["update_ratio"] for r in RunFolder(run.folder.path).dynamics() if r["step"] == 1}


def test_keras_mse_moves_each_layer_ten_times_less_under_sgd_and_the_same_under_adam(tmp_path):
    """The article's mechanism, per layer, at the first step (same weights, same batch): under SGD, lr 0.01,
    Keras's "mse" moves the weights 0.1× as far as the article's loss (#20: ±20%); Adam normalises it away."""
    sgd = {loss: first_step_ratios(tmp_path, loss, "sgd", 0.01) for loss in ("sum_mse", "keras_mse")}
    adam = {loss: first_step_ratios(tmp_path, loss, "adam", 0.001) for loss in ("sum_mse", "keras_mse")}
    fast = {loss: first_step_ratios(tmp_path, loss, "sgd", 0.01, n=0) for loss in ("sum_mse", "keras_mse")}
    for layer in ("dense1", "dense2", "dense3"):
        assert sgd["keras_mse"][layer] / sgd["sum_mse"][layer] == pytest.approx(0.1, rel=0.2)
        assert fast["keras_mse"][layer] / fast["sum_mse"][layer] == pytest.approx(0.1, rel=0.2)  # fast mode too
        assert adam["keras_mse"][layer] / adam["sum_mse"][layer] == pytest.approx(1.0, rel=0.2)
        assert 1e-5 < sgd["sum_mse"][layer] < 1e-1


def test_tensorboard_gets_the_instruments(tmp_path):
    import tensorflow as tf

    run = trainer.train(TrainConfig(dynamics_every=5, **TINY), tmp_path)
    tags, histograms = set(), {}
    for path in (run.folder.path / "logs" / "dynamics").iterdir():
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for v in event.summary.value:
                tags.add(v.tag)
                if v.metadata.plugin_data.plugin_name == "histograms":
                    histograms[v.tag] = tf.make_ndarray(v.tensor)
    assert {"dynamics/dense1/update_ratio", "dynamics/dense2/grad_norm", "dynamics/dense1/dead_fraction"} <= tags
    # the histograms as TensorBoard's histogram plugin reads them: (left, right, count) per bin
    assert {"dynamics/dense1/weights", "dynamics/dense2/outputs"} <= set(histograms)
    rows = histograms["dynamics/dense1/weights"]
    assert rows.shape == (24, 3) and np.all(rows[:, 1] > rows[:, 0]) and rows[:, 2].sum() > 0
    # what a real TensorBoard serves from them (a sample's values share one event): every tag, every sample
    import urllib.parse

    from workbench.core import tensorboard

    samples = sorted({r["step"] for r in RunFolder(run.folder.path).dynamics()})
    server = tensorboard.server_for(tmp_path)
    try:
        url = server.start(port=0)
        name = f"{run.summary.run_id}/logs/dynamics"
        assert {"dynamics/dense3/update_ratio", "dynamics/dense2/weight_norm"} <= set(
            get_json(url + "data/plugin/scalars/tags")[name])
        assert {"dynamics/dense1/weights", "dynamics/dense3/outputs"} <= set(
            get_json(url + "data/plugin/histograms/tags")[name])
        series = get_json(url + "data/plugin/scalars/scalars?" + urllib.parse.urlencode(
            {"run": name, "tag": "dynamics/dense1/grad_norm"}))
        assert [step for _, step, _ in series] == samples
        served = get_json(url + "data/plugin/histograms/histograms?" + urllib.parse.urlencode(
            {"run": name, "tag": "dynamics/dense2/outputs"}))
        assert [step for _, step, _ in served] == samples
    finally:
        server.stop()


def test_histograms_of_each_layers_weights_and_outputs_over_time(tmp_path):
    from workbench.training.dynamics import BINS

    run = trainer.train(TrainConfig(dynamics_every=3, steps_per_execution=1, **TINY), tmp_path)
    rows = RunFolder(run.folder.path).histograms()
    steps = sorted({r["step"] for r in RunFolder(run.folder.path).dynamics()})
    for layer in ("dense1", "dense2", "dense3"):
        for kind in ("weights", "outputs"):
            mine = [r for r in rows if r["layer"] == layer and r["kind"] == kind]
            assert [r["step"] for r in mine] == steps  # one per sample
            assert all(len(r["counts"]) == BINS for r in mine)
            assert len({sum(r["counts"]) for r in mine}) == 1  # the same values counted each time
            assert len({(r["low"], r["high"]) for r in mine}) == 1  # one range: columns compare
    hidden = next(r for r in rows if r["layer"] == "dense1" and r["kind"] == "outputs")
    assert hidden["low"] == 0.0  # ReLU outputs
    weights = next(r for r in rows if r["layer"] == "dense1" and r["kind"] == "weights")
    assert weights["low"] == -weights["high"] and sum(weights["counts"]) >= 20_000  # a subsample of 784×256


def test_the_dynamics_histograms_count_as_numpy_does():
    """The Dynamics tab's bins (counted with bincount, faster) hold what `np.histogram` of the clipped values
    holds: values outside the range fixed at the first sample land in the end bins, NaN (a diverging run) in none."""
    from workbench.training.dynamics import BINS, fixed_width_counts

    rng = np.random.default_rng(3)
    for values, (low, high) in (((rng.standard_normal(20_000) * 0.05).astype(np.float32), (-0.1, 0.1)),
                                (np.maximum(rng.standard_normal(5_000), 0).astype(np.float32), (0.0, 2.0)),
                                (np.array([np.nan, np.inf, -np.inf, 0.5, np.nan], np.float32), (-1.0, 1.0))):
        expected, _ = np.histogram(np.clip(values, low, high), bins=BINS, range=(low, high))
        np.testing.assert_array_equal(fixed_width_counts(values, low, high), expected)
