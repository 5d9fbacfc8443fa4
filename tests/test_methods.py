"""The three methods: same batches and weights, complete run folders, stop and divergence."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.training import trainer
from workbench.training.callbacks import StopFlag

from helpers import SMALL, StopAfter, weights_of

METHODS = ("tape", "fit", "custom")


@pytest.mark.parametrize("method", METHODS)
def test_each_method_writes_a_complete_run_folder(trained, method):
    result = trained[method]
    path = result.folder.path
    assert result.status == "completed"
    for name in ("config.json", "status.json", "history.csv", "batches.csv", "model.keras"):
        assert (path / name).is_file(), name
    assert list((path / "logs" / "train").glob("events.out.tfevents.*"))
    assert list((path / "logs" / "validation").glob("events.out.tfevents.*"))
    folder = RunFolder(path)
    history = folder.history()
    assert [r["epoch"] for r in history] == [1, 2]
    assert all(r["val_accuracy"] is not None and r["lr"] == pytest.approx(0.01) for r in history)
    batches = folder.batches()
    steps = -(-SMALL["train_limit"] // SMALL["batch_size"])
    assert batches["step"] == list(range(1, 2 * steps + 1))
    assert folder.config()["method"] == method and folder.status()["status"] == "completed"
    # 2000 samples, 2 epochs of SGD 0.01 on sum_mse: far above chance (0.1)
    assert result.summary.final["val_accuracy"] > 0.7


def test_the_three_methods_end_with_the_same_weights(trained):
    """The session's runs (SGD, sum_mse, 2 epochs): bit for bit the same weights."""
    tape = weights_of(trained["tape"].folder.path)
    for method in ("fit", "custom"):
        assert np.array_equal(weights_of(trained[method].folder.path), tape), method


@pytest.mark.parametrize("optimizer, lr", [("sgd", 0.01), ("adam", 0.001)])
@pytest.mark.parametrize("loss", ["sum_mse", "keras_mse", "crossentropy"])
def test_same_seed_same_final_weights_for_every_optimizer_and_loss(tmp_path, optimizer, lr, loss):
    base = dict(optimizer=optimizer, lr=lr, loss=loss, epochs=1, train_limit=640, val_limit=100)
    final = {m: weights_of(trainer.train(TrainConfig(method=m, **base), tmp_path).folder.path) for m in METHODS}
    assert np.array_equal(final["custom"], final["tape"])  # same step, same loss object: exact
    if loss == "crossentropy":
        # fit is fed one-hot labels (as the article does), so Keras computes CategoricalCrossentropy where
        # tape and custom compute SparseCategoricalCrossentropy: other kernels, last-bit differences only
        assert np.abs(final["fit"] - final["tape"]).max() <= 1e-6
    else:
        assert np.array_equal(final["fit"], final["tape"])


def test_same_seed_same_initial_weights_and_order():
    from workbench.training import models, pipeline

    a = models.build("mlp", (28, 28), 10, seed=3).get_weights()
    b = models.build("mlp", (28, 28), 10, seed=3, cls=keras.Sequential).get_weights()
    c = models.build("mlp", (28, 28), 10, seed=4).get_weights()
    assert all(np.array_equal(x, y) for x, y in zip(a, b, strict=True))
    assert not np.array_equal(a[0], c[0])
    assert np.array_equal(pipeline.epoch_order(100, 0, 1), pipeline.epoch_order(100, 0, 1))
    assert not np.array_equal(pipeline.epoch_order(100, 0, 0), pipeline.epoch_order(100, 0, 1))




@pytest.mark.parametrize("method", METHODS)
def test_stop_mid_epoch_keeps_the_run(tmp_path, method):
    flag = StopFlag()
    # calls of 7 steps: Stop is seen at the end of the call under way (the flag is checked between calls)
    cfg = TrainConfig(method=method, epochs=3, train_limit=2000, val_limit=200, steps_per_execution=7)
    result = trainer.train(cfg, tmp_path, [StopAfter(flag, 70)], flag)
    assert result.status == "stopped"
    assert (result.folder.path / "model.keras").is_file()
    history = result.folder.history()
    assert [r["epoch"] for r in history] == [1]  # epoch 2 did not finish: no row for it
    assert 70 <= len(result.folder.batches()["step"]) < 126  # stopped within epoch 2 (63 batches an epoch)


@pytest.mark.parametrize("method", METHODS)
def test_divergence_ends_the_run_at_once(tmp_path, method):
    cfg = TrainConfig(method=method, lr=10.0, loss="sum_mse", epochs=3, train_limit=3000, val_limit=100)
    result = trainer.train(cfg, tmp_path)
    assert result.status == "diverged"
    status = result.folder.status()
    assert "step" in status["error"] and "smaller learning rate" in status["error"]
    assert status["diverged_step"] <= 94  # within the first epoch
    assert read_run(result.folder.path).status == "diverged"


@pytest.mark.parametrize("method", METHODS)
def test_fast_mode_gives_the_same_weights_and_every_batch(tmp_path, method):
    # 1000 samples = 32 batches per epoch: calls of 11 steps do not divide an epoch, and Keras's loop (fit)
    # runs them 8 to an iteration (methods.base.UNROLL), so its last iteration of a call stops part-way
    base = dict(method=method, epochs=2, train_limit=1000, val_limit=100)
    one = trainer.train(TrainConfig(**base, steps_per_execution=1), tmp_path)
    fast = trainer.train(TrainConfig(**base, steps_per_execution=11), tmp_path)
    np.testing.assert_array_equal(weights_of(one.folder.path), weights_of(fast.folder.path))
    assert one.summary.final == fast.summary.final
    a, b = one.folder.batches(), fast.folder.batches()
    assert b["step"] == list(range(1, 65))  # one row per step, not one per call
    assert b["epoch"] == [1] * 32 + [2] * 32
    assert (a["loss"], a["accuracy"]) == (b["loss"], b["accuracy"])  # the curve N = 1 draws, point for point
    assert [r["epoch"] for r in fast.folder.history()] == [1, 2]  # every epoch whole
    assert fast.folder.status()["steps_per_execution"] == 11


@pytest.mark.parametrize("method", METHODS)
def test_the_cnns_fast_mode_gives_the_same_weights_and_every_batch(tmp_path, method):
    # the CNN's calls loop over jitted steps (Keras's loop for fit and custom, unrolled 8 steps an iteration)
    base = dict(method=method, model="cnn", epochs=1, train_limit=640, val_limit=100)  # 20 steps: 11 + 9
    one = trainer.train(TrainConfig(**base, steps_per_execution=1), tmp_path)
    fast = trainer.train(TrainConfig(**base, steps_per_execution=11), tmp_path)
    np.testing.assert_array_equal(weights_of(one.folder.path), weights_of(fast.folder.path))
    a, b = one.folder.batches(), fast.folder.batches()
    assert b["step"] == list(range(1, 21))
    assert (a["loss"], a["accuracy"]) == (b["loss"], b["accuracy"])


def test_fast_mode_is_the_default_and_chosen_per_model(tmp_path):
    from workbench.core import data as datamod
    from workbench.training.methods import Setup

    assert TrainConfig().steps_per_execution == 0  # auto
    mlp = TrainConfig(train_limit=1000)
    setup = Setup(mlp, datamod.prepare(mlp))
    # on by default (more than one step per call), and never a call longer than an epoch
    # (here 1000 samples = 32 steps: auto's estimate for the MLP, 43, is cut to 32)
    assert 1 < setup.steps_per_execution <= setup.steps_per_epoch == 32
    big = TrainConfig(model="cnn", batch_size=256)
    assert Setup(big, datamod.prepare(big)).steps_per_execution == 1  # a step long enough on its own
    eager = TrainConfig(method="tape", eager=True)
    assert Setup(eager, datamod.prepare(eager)).steps_per_execution == 1


def test_eager_tape_matches_compiled_tape(tmp_path):
    base = dict(method="tape", epochs=1, train_limit=320, val_limit=100, jit_compile=False)
    a = weights_of(trainer.train(TrainConfig(**base), tmp_path).folder.path)
    b = weights_of(trainer.train(TrainConfig(**base, eager=True), tmp_path).folder.path)
    assert np.linalg.norm(a - b) / np.linalg.norm(a) <= 1e-5


@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_colour_images_of_another_size_train(tmp_path, tiny_npz, model):
    cfg = TrainConfig(method="custom", optimizer="adam", lr=0.003, loss="crossentropy",
                      dataset=str(tiny_npz), model=model, epochs=2)
    result = trainer.train(cfg, tmp_path)
    assert result.status == "completed"
    assert result.summary.final["val_accuracy"] > 0.8


def test_batch_larger_than_the_data_is_refused_before_a_folder_is_made(tmp_path):
    from workbench.core.config import ConfigError

    with pytest.raises(ConfigError, match="batch_size"):
        trainer.train(TrainConfig(batch_size=500, train_limit=100), tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_run_that_diverges_late_in_an_epoch_still_ends_as_diverged(tmp_path):
    """lr 0.29 with the article's loss: the weights turn non-finite near an epoch's end; TensorBoard's weight
    histograms (of the finite weights) must not turn that into a crash."""
    from workbench.training.callbacks import histogram_buckets

    cfg = TrainConfig(method="fit", lr=0.2876504143254696, loss="sum_mse", epochs=3, train_limit=320, val_limit=100)
    result = trainer.train(cfg, tmp_path)
    assert result.status == "diverged", result.folder.status()
    counts = histogram_buckets(np.array([np.nan, np.inf, -np.inf, 1.0, 2.0, 3.0]), 3)[:, 2]
    assert counts.tolist() == [1.0, 1.0, 1.0]
