"""The article's two findings, measured on real batches through real Keras."""

import keras
import numpy as np
import pytest

from workbench.core import data
from workbench.training import models, objectives


@pytest.fixture(scope="module")
def batch():
    d = data.load("mnist").limited(32, 32)
    model = models.build("mlp", d.input_shape, 10, seed=0)
    x = d.x_train.astype("float32") / 255
    return model, x, d.y_train


def test_keras_mse_is_one_tenth_of_sum_mse(batch):
    model, x, y = batch
    out = model(x)
    onehot = keras.ops.one_hot(y, 10)
    s = float(objectives.Objective("sum_mse", labels="onehot").loss_object()(onehot, out))
    k = float(objectives.Objective("keras_mse", labels="onehot").loss_object()(onehot, out))
    assert k == pytest.approx(s / 10, rel=1e-6)
    # and sum_mse is the article's reduce_sum(square(out - onehot)) / batch
    assert s == pytest.approx(float(np.sum((np.asarray(out) - np.asarray(onehot)) ** 2) / 32), rel=1e-6)


@pytest.mark.parametrize("labels, expected", [("onehot", "CategoricalAccuracy"), ("int", "SparseCategoricalAccuracy")])
def test_auto_accuracy_resolves_from_the_label_format(batch, labels, expected):
    _, x, y = batch
    model = models.build("mlp", (28, 28), 10, seed=0)
    model.compile(optimizer="sgd", loss=objectives.Objective("crossentropy", labels=labels).compile_loss(), metrics=["accuracy"])
    y_fed = keras.ops.one_hot(y, 10) if labels == "onehot" else y
    model.train_on_batch(x, y_fed)
    assert objectives.resolved_metric_classes(model) == [expected]


def test_categorical_on_sparse_is_the_articles_wrong_number():
    # The article's example: labels [1,2,3], predictions [1,2,2] -> Accuracy 67%, CategoricalAccuracy 0%.
    logits = keras.ops.one_hot(np.array([1, 2, 2]), 4)
    wrong = objectives.CategoricalOnSparse()
    wrong.update_state(np.array([1, 2, 3]), logits)
    right = objectives.SparseAccuracy()
    right.update_state(np.array([1, 2, 3]), logits)
    assert float(wrong.result()) == 0.0
    assert float(right.result()) == pytest.approx(2 / 3)


def test_explicit_metrics_accept_either_label_format():
    logits = keras.ops.one_hot(np.array([0, 1, 1]), 3)
    for cls in (objectives.SparseAccuracy, objectives.CategoricalAcc):
        for labels in (np.array([0, 1, 2]), keras.ops.one_hot(np.array([0, 1, 2]), 3)):
            m = cls()
            m.update_state(labels, logits)
            assert float(m.result()) == pytest.approx(2 / 3)
