"""#38: the instruments' numbers checked against what a layer was built to do, and the diagnosis that reads them —
each rule on a run built to trigger it and on one built not to."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.analysis import layer_diagnosis
from workbench.analysis.layer_diagnosis import diagnose, run_findings, update_finding
from workbench.core.config import TrainConfig
from workbench.core.runs import RunFolder
from workbench.training import trainer

SMALL = dict(train_limit=640, val_limit=200, epochs=1)  # 20 steps of 32

DEAD_NET = '''
import keras
import numpy as np


def build(input_shape, num_classes):
    bias = np.zeros(64, "float32")
    bias[:40] = -100.0  # 40 of the 64 units can never fire on images scaled to [0, 1]
    return keras.Sequential([
        keras.Input(input_shape), keras.layers.Flatten(),
        keras.layers.Dense(64, activation="relu", bias_initializer=keras.initializers.Constant(bias)),
        keras.layers.Dense(num_classes),
    ])
'''


@pytest.fixture(scope="module")
def healthy(tmp_path_factory):
    """The article's settings (sum_mse, SGD lr 0.01), sampled at the last step."""
    return trainer.train(TrainConfig(dynamics_every=10, **SMALL), tmp_path_factory.mktemp("healthy"))


def rules(run) -> set[tuple[str, str]]:
    return {(f.rule, f.layer) for f in run_findings(run.folder.path)[0]}


def test_a_layer_built_with_40_dead_units_of_64_reads_exactly_that_and_is_named(tmp_path, healthy):
    (tmp_path / "deadnet.py").write_text(DEAD_NET)
    run = trainer.train(TrainConfig(model=f"{tmp_path / 'deadnet.py'}:build", dynamics_every=5,
                                    train_limit=640, val_limit=200, epochs=2), tmp_path / "runs")
    hidden = [r for r in RunFolder(run.folder.path).dynamics() if r["layer"] == "dense1"]
    assert len(hidden) == 8 and all(r["dead_fraction"] == 40 / 64 for r in hidden)  # every sample, exactly
    found = [f for f in run_findings(run.folder.path)[0] if f.rule == "dead"]
    assert [(f.layer, f.since_epoch) for f in found] == [("dense1", 1)]
    assert "dense1: 62% of its units never fire" in found[0].text and "since epoch 1" in found[0].text
    assert not any(rule == "dead" for rule, _ in rules(healthy))  # the article's MLP: a few percent at most


def test_the_gradient_norm_is_the_gradient_of_the_loss_on_the_probe_images(healthy):
    """The last sample is at the last step: its gradient norms equal a gradient taken by hand at the saved
    weights on the first 128 validation images, with the article's loss written out."""
    import tensorflow as tf

    from workbench.core import data as datamod
    from workbench.training.saved_models import load

    rows = [r for r in RunFolder(healthy.folder.path).dynamics() if r["step"] == 20]
    model = load(healthy.folder.path / "model.keras")
    data = datamod.prepare(TrainConfig(**SMALL))
    x = tf.constant(data.x_test[:128].astype(np.float32) / np.float32(data.scale))
    onehot = tf.one_hot(data.y_test[:128], 10)
    kernels = [w for w in model.trainable_variables if len(w.shape) == 2]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(tf.square(model(x, training=False) - onehot)) / 128
    by_hand = [float(tf.norm(g)) for g in tape.gradient(loss, kernels)]
    assert [r["layer"] for r in rows] == ["dense1", "dense2", "dense3"]
    np.testing.assert_allclose([r["grad_norm"] for r in rows], by_hand, rtol=1e-4)


def test_keras_mse_under_sgd_is_too_slow_and_says_why(tmp_path, healthy):
    run = trainer.train(TrainConfig(loss="keras_mse", dynamics_every=10, **SMALL), tmp_path)
    found = run_findings(run.folder.path)[0]
    assert {f.rule for f in found} == {"slow"} and {f.layer for f in found} >= {"dense1", "dense2"}
    # (the output layer sits at the band's edge, 3e-4, after 20 steps)
    for f in found:
        assert f.value < layer_diagnosis.LOW and "Keras's \"mse\"" in f.text and "10× smaller" in f.text
        suggested = float(f.text.split("a learning rate of about ")[1].split(" ")[0])
        assert suggested == pytest.approx(0.01 * 1e-3 / f.value, rel=0.05)  # where the update would be 1e-3
    assert rules(healthy) == set()  # the article's loss: inside the band
    doc = layer_diagnosis.summary_line([], sampled=True)
    assert "within the usual band" in doc


def test_too_large_a_step_is_named_and_divergence_expected(tmp_path, healthy):
    large = run_findings(trainer.train(TrainConfig(lr=0.15, dynamics_every=1, **SMALL), tmp_path / "a").folder.path)[0]
    assert {f.layer for f in large if f.rule == "fast"} == {"dense1", "dense2", "dense3"}
    assert all("lower the learning rate" in f.text for f in large if f.rule == "fast")
    blown = trainer.train(TrainConfig(lr=0.3, dynamics_every=1, **SMALL), tmp_path / "b")
    assert blown.summary.status == "diverged"
    fast = [f for f in run_findings(blown.folder.path)[0] if f.rule == "fast"]
    assert fast and all("expect divergence" in f.text for f in fast)
    assert not any(rule == "fast" for rule, _ in rules(healthy))


def test_the_rules_on_numbers_with_known_answers():
    config = {"lr": 0.02, "loss": "sum_mse", "optimizer": "sgd"}
    assert update_finding("d", 1e-3, 1, config, 10) is None
    slow = update_finding("d", 1e-4, 1, config, 10)
    assert slow.rule == "slow" and "10× below" in slow.text and "about 0.2 " in slow.text and "mse" not in slow.text
    fast = update_finding("d", 5e-2, 1, config, 10)
    assert fast.rule == "fast" and "50× above" in fast.text and "expect divergence" in fast.text
    rows = [{"layer": "d", "step": s, "update_ratio": 1e-3, "weight_norm": 1.0, "dead_fraction": f}
            for s, f in ((10, 0.1), (20, 0.6), (30, 0.3), (40, 0.6), (50, 0.7))]
    dead = [f for f in diagnose(rows, config, steps_per_epoch=15) if f.rule == "dead"]
    assert [(d.since_epoch, d.value, d.step) for d in dead] == [(3, 0.7, 50)]  # dead since step 40: epoch 3
    rows[-1]["dead_fraction"] = 0.4
    assert not diagnose(rows, config, steps_per_epoch=15)


def test_explain_reads_the_first_step_with_the_same_rules():
    from workbench.analysis.diagnostics import explain

    keras_mse = explain(TrainConfig(loss="keras_mse", train_limit=640))
    assert {f["rule"] for f in keras_mse["layer_findings"]} == {"slow"}
    assert any("updates are" in w and "at the first step" in w for w in keras_mse["warnings"])
    assert explain(TrainConfig(train_limit=640))["layer_findings"] == []
    assert explain(TrainConfig(optimizer="adam", lr=0.001, train_limit=640))["layer_findings"] == []


def test_train_says_what_the_instruments_found(tmp_path):
    import json

    from helpers import run_cli

    p = run_cli("train", "--loss", "keras_mse", "--dynamics-every", "10", "--train-limit", "640", "--val-limit",
                "200", "--epochs", "1", "--json", env_runs=tmp_path)
    assert p.returncode == 0, p.stderr[-2000:]
    doc = json.loads(p.stdout.strip().splitlines()[-1])
    assert doc["layer_findings"] and {f["rule"] for f in doc["layer_findings"]} == {"slow"}
    for f in doc["layer_findings"]:
        assert f["text"] in p.stderr  # the same sentence, on the console
