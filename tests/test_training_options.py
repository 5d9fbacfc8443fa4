"""Schedules, early stopping, best checkpoint, optimizers: the same in every method."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from workbench.core import data as datamod
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.run_summary import read_run
from workbench.training import schedules, trainer

from helpers import run_cli

METHODS = ("tape", "fit", "custom")
TINY = dict(train_limit=320, val_limit=200, epochs=4)  # 10 steps per epoch


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("schedule, extra", [("step", dict(decay_epochs=2, decay_rate=0.5)),
                                             ("exponential", dict(decay_rate=0.5)),
                                             ("cosine", dict(warmup_epochs=1))])
def test_each_schedule_gives_the_expected_learning_rate(tmp_path, method, schedule, extra):
    cfg = TrainConfig(method=method, schedule=schedule, **extra, **TINY)
    result = trainer.train(cfg, tmp_path)
    logged = [row["lr"] for row in result.folder.history()]
    expected = [schedules.expected(cfg, 10, 10 * epoch) for epoch in range(1, 5)]
    assert logged == pytest.approx(expected, rel=1e-5, abs=1e-9)


@pytest.mark.parametrize("method", METHODS)
def test_early_stopping_stops_at_the_expected_epoch(tmp_path, method):
    # a learning rate too small to move the validation loss by min_delta: best at epoch 1, then 2 without
    cfg = TrainConfig(method=method, lr=1e-6, epochs=10, train_limit=320, val_limit=200,
                      early_stop_patience=2, early_stop_min_delta=0.01)
    result = trainer.train(cfg, tmp_path)
    assert result.status == "completed" and result.summary.epochs_completed == 3
    assert result.summary.reason.startswith("early-stopped at epoch 3")


def accuracy_of(model_path, cfg):
    data = datamod.prepare(cfg)
    model = keras.models.load_model(model_path)
    pred = np.argmax(model.predict(data.x_test.astype("float32") / data.scale, verbose=0), axis=-1)
    return float(np.mean(pred == data.y_test))


def test_best_checkpoint_scores_the_best_recorded_validation_accuracy(tmp_path):
    # cosine decay + early stopping (patience 2) on val_accuracy, as in the "done when"
    cfg = TrainConfig(method="custom", optimizer="adam", lr=0.01, loss="crossentropy", schedule="cosine", epochs=12,
                      train_limit=1000, val_limit=500, monitor="val_accuracy", early_stop_patience=2)
    result = trainer.train(cfg, tmp_path)
    history = result.folder.history()
    best = max(r["val_accuracy"] for r in history)
    assert (result.folder.path / "best.keras").is_file()
    assert accuracy_of(result.folder.path / "best.keras", cfg) == pytest.approx(best, abs=1e-6)
    lrs = [r["lr"] for r in history]
    assert lrs == sorted(lrs, reverse=True) and lrs[-1] < lrs[0]  # the curve is logged, decaying


def test_restore_best_keeps_the_best_epochs_weights(tmp_path):
    cfg = TrainConfig(method="tape", optimizer="adam", lr=0.01, loss="crossentropy", epochs=12, train_limit=1000, val_limit=500,
                      monitor="val_accuracy", early_stop_patience=1, restore_best=True)
    result = trainer.train(cfg, tmp_path)
    best = max(r["val_accuracy"] for r in result.folder.history())
    assert accuracy_of(result.folder.path / "model.keras", cfg) == pytest.approx(best, abs=1e-6)


@pytest.mark.parametrize("optimizer, extra", [("sgd", dict(momentum=0.9, nesterov=True)),
                                              ("adamw", dict(weight_decay=0.01, lr=0.001)),
                                              ("rmsprop", dict(momentum=0.5, lr=0.001))])
def test_optimizers_with_their_hyperparameters_train_alike_in_every_method(tmp_path, optimizer, extra):
    cfg = dict(optimizer=optimizer, epochs=1, train_limit=320, val_limit=100, **extra)
    weights = []
    for method in METHODS:
        result = trainer.train(TrainConfig(method=method, **cfg), tmp_path)
        model = keras.models.load_model(result.folder.path / "model.keras")
        weights.append(np.concatenate([w.ravel() for w in model.get_weights()]))
        assert result.status == "completed"
    for other in weights[1:]:
        assert np.linalg.norm(other - weights[0]) / np.linalg.norm(weights[0]) <= 1e-4


def test_old_run_folders_without_the_new_fields_still_load(tmp_path):
    from workbench.core.runs import RunFolder, write_json_atomic

    old = {"method": "fit", "optimizer": "sgd", "lr": 0.01, "loss": "sum_mse", "metric": "auto", "epochs": 2,
           "batch_size": 32, "seed": 0, "train_limit": 0, "val_limit": 0, "dataset": "mnist", "model": "mlp"}
    folder = RunFolder.create(tmp_path, old)
    write_json_atomic(folder.path / "config.json", old)
    config = TrainConfig.from_dict(folder.config())
    assert (config.schedule, config.early_stop_patience, config.momentum) == ("constant", 0, 0.0)
    assert read_run(folder.path).method == "fit"


@pytest.mark.parametrize("args, words", [
    (["--schedule", "linear"], "argument --schedule: invalid choice"),
    (["--warmup-epochs", "2"], "argument --warmup-epochs: warm-up goes with --schedule cosine"),
    (["--nesterov"], "argument --nesterov:"),
    (["--momentum", "0.9", "--optimizer", "adam"], "argument --momentum: adam has no momentum"),
    (["--early-stop-patience", "-1"], "argument --early-stop-patience:"),
])
def test_bad_training_options_get_one_clear_line(tmp_path, args, words):
    p = run_cli("train", *args, env_runs=tmp_path)
    assert p.returncode == 2 and words in p.stderr and "Traceback" not in p.stderr


def test_config_validation_names_the_option():
    with pytest.raises(ConfigError, match="decay_rate"):
        TrainConfig(schedule="step", decay_rate=0.0)
