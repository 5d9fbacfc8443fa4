"""Method `custom`: `fit` with overridden train_step / test_step, in Keras 3 style.

Integer labels come in and are one-hot encoded inside the step when the loss
needs it, as in the article. The loss goes through `self.compute_loss` and
the metrics through `self.metrics` (Keras 3 removed `compiled_loss` and
`compiled_metrics`), so `fit`'s callbacks, TensorBoard above all, keep working.
In fast mode (the MLP on one device) a batch is N stacked batches and train_step
loops over them inside its compiled function, as the tape loop does.
"""

from __future__ import annotations

import keras
import tensorflow as tf

from workbench.training.methods.base import MultiWorkerFixes, Setup


@keras.saving.register_keras_serializable(package="workbench")
class CustomStepModel(MultiWorkerFixes, keras.Sequential):
    """A Sequential whose train/test steps are written by hand."""

    onehot_labels = True  # set per run: does the loss want one-hot labels?
    stacked = False  # set per run: is each batch N stacked batches (fast mode, `Setup.stacked`)?
    loss_report = "tracked"  # set per run: "returned" reproduces the article's third pitfall

    def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None, training=True):
        """The article's one-hot encoding of integer labels happens here, inside every step.

        (Here rather than in train_step because under a tf.distribute strategy Keras
        also calls compute_loss on a raw batch, to build the loss before training.)
        """
        if self.onehot_labels:
            y = keras.ops.one_hot(keras.ops.cast(y, "int32"), self.output_shape[-1])
        return super().compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sample_weight, training=training)

    def _update_metrics(self, loss, x, y, y_pred):
        for metric in self.metrics:
            if metric.name == "loss":
                # Weighted by batch size, as fit's own loss tracker does. Under N replicas Keras's
                # losses divide each replica's mean by N (the gradients are summed): undo it here.
                replicas = tf.distribute.get_strategy().num_replicas_in_sync
                logged = loss * replicas if replicas > 1 else loss
                metric.update_state(logged, sample_weight=tf.shape(x)[0])
            else:
                metric.update_state(y, y_pred)
        return self.get_metrics_result()

    def train_step(self, data):
        x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
        if not self.stacked:
            return self._step(x, y)

        def body(i):  # fast mode: the N steps of a call, inside the compiled function
            self._step(x[i], y[i])
            return i + 1

        tf.while_loop(lambda i: i < tf.shape(x)[0], body, [tf.constant(0)])
        return self.get_metrics_result()

    def _step(self, x, y):
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred, training=True)
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)
        return self._update_metrics(loss, x, y, y_pred)

    def test_step(self, data):
        x, y, _ = keras.utils.unpack_x_y_sample_weight(data)
        y_pred = self(x, training=False)
        loss = self.compute_loss(x=x, y=y, y_pred=y_pred, training=False)
        if self.loss_report == "returned":
            # The article's third pitfall, on purpose: the hand-computed loss goes into the returned
            # logs and the compiled loss tracker is left alone. Keras builds the logs from its metric
            # trackers (their names match the returned keys), so what fit reports as val_loss is that
            # untouched tracker: 0.0. And a returned value would be one batch's, not averaged over batches.
            for metric in self.metrics:
                if metric.name != "loss":
                    metric.update_state(y, y_pred)
            return {**self.get_metrics_result(), "loss": loss}
        return self._update_metrics(loss, x, y, y_pred)


def _prepare(setup: Setup):
    def one_hot_inside(model: CustomStepModel) -> None:
        model.onehot_labels = setup.loss_labels == "onehot"
        model.stacked = setup.stacked
        model.loss_report = setup.config.loss_report

    return one_hot_inside


def compiled(setup: Setup) -> keras.Model:
    """The model this method trains, built and compiled, untrained."""
    return setup.compiled_model(CustomStepModel, prepare=_prepare(setup))


def run(setup: Setup) -> keras.Model:
    return setup.compile_and_fit(CustomStepModel, prepare=_prepare(setup))
