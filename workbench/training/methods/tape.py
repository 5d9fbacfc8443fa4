"""Method `tape`: the article's hand-written `tf.GradientTape` loop.

It drives a `keras.callbacks.CallbackList` itself, with the same calls in the
same order as `fit`, so every callback (run recorder, TensorBoard, the
window's bridge) works unchanged. The step is compiled like Keras compiles
fit's: a jitted step on data inside an un-jitted function that pulls batches
from the iterator (XLA cannot compile the iterator). `--eager` runs the step
eagerly, as the article's code does.

Under a `tf.distribute` strategy the same step runs on every replica
(`strategy.run` over `experimental_distribute_dataset`): each replica's loss
is the sum of its per-sample losses divided by the *global* batch size
(`tf.nn.compute_average_loss`), and the optimizer all-reduces (sums) the
gradients, so a step is the same as on one device. On one device the global
batch is the batch and this is the article's `reduce_sum(...) / batch`.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

from workbench.training.methods.base import Setup


class Steps:
    """The model, its optimizer and metrics, and one training or validation step on a batch (per replica)."""

    def __init__(self, setup: Setup) -> None:
        self.setup, self.classes = setup, setup.data.num_classes
        y_example, p_example = np.zeros((1,), np.int32), np.zeros((1, self.classes), np.float32)
        with setup.strategy.scope():  # variables mirrored on every replica (a no-op on one device)
            self.model = model = setup.build_model()
            self.optimizer = optimizer = setup.optimizer()
            optimizer.build(model.trainable_variables)
            model.optimizer = optimizer  # callbacks read the learning rate from here
            setup.restore(model, optimizer)
            self.train_loss, self.val_loss = keras.metrics.Mean(name="loss"), keras.metrics.Mean(name="loss")
            self.train_acc = setup.objective.metric_object(y_example, p_example)
            self.val_acc = setup.objective.metric_object(y_example, p_example)
        self.onehot = setup.loss_labels == "onehot"
        self.per_sample = setup.objective.per_sample_loss()

    def losses_of(self, y, out):
        return self.per_sample(tf.one_hot(y, self.classes) if self.onehot else y, out)

    @staticmethod
    def global_batch(x):
        """Samples in this step on all replicas together (the last batch may be short)."""
        local = tf.cast(tf.shape(x)[0], tf.float32)  # summed as a float: every device can all-reduce it
        total = tf.distribute.get_replica_context().all_reduce(tf.distribute.ReduceOp.SUM, local)
        return tf.cast(total, tf.int32)

    def train_step(self, x, y):
        model = self.model
        with tf.GradientTape() as tape:
            out = model(x, training=True)
            losses = self.losses_of(y, out)
            loss = tf.nn.compute_average_loss(losses, global_batch_size=self.global_batch(x))
        grads = tape.gradient(loss, model.trainable_variables)
        self.optimizer.apply(grads, model.trainable_variables)  # all-reduces (sums) across replicas
        self.train_loss.update_state(tf.reduce_mean(losses), sample_weight=tf.shape(x)[0])
        self.train_acc.update_state(y, out)
        if self.setup.step_log is not None:  # fast mode (the stacked loop): every step's point, steps.py
            self.setup.step_log.record(self.train_loss.result(), self.train_acc.result())

    def val_step(self, x, y):
        out = self.model(x, training=False)
        self.val_loss.update_state(tf.reduce_mean(self.losses_of(y, out)), sample_weight=tf.shape(x)[0])
        self.val_acc.update_state(y, out)

    def train_logs(self):
        return {"loss": self.train_loss.result(), "accuracy": self.train_acc.result()}


def compiled(steps: Steps) -> tuple[Callable, Callable]:
    """`train_steps(iterator, n)` (n steps, their logs) and `val_step(x, y)` as the run compiles them: eagerly
    (`--eager`); fast mode on one device, k stacked batches per call with the loop over them inside XLA
    (`Setup.stacked`); otherwise jitted steps called in a loop over the iterator."""
    setup, strategy = steps.setup, steps.setup.strategy
    if setup.config.eager:
        def train_steps(iterator, n):
            for _ in range(n):
                strategy.run(steps.train_step, args=next(iterator))
            return steps.train_logs()

        return train_steps, lambda x, y: strategy.run(steps.val_step, args=(x, y))
    jitted_val = tf.function(steps.val_step, jit_compile=setup.jit_compile)
    val_step = tf.function(lambda x, y: strategy.run(jitted_val, args=(x, y)))
    if setup.stacked:
        @tf.function(jit_compile=setup.jit_compile)
        def train_chunk(xs, ys):
            def body(i):
                steps.train_step(xs[i], ys[i])
                return i + 1

            tf.while_loop(lambda i: i < tf.shape(xs)[0], body, [tf.constant(0)])
            return steps.train_logs()

        return (lambda iterator, n: train_chunk(*next(iterator))), val_step  # an element holds the n steps
    jitted_train = tf.function(steps.train_step, jit_compile=setup.jit_compile)

    @tf.function
    def steps_on_iterator(iterator, n):
        for _ in tf.range(n):
            strategy.run(jitted_train, args=next(iterator))
        return steps.train_logs()  # read inside the graph: no eager ops per batch

    traced: dict[int, object] = {}

    def train_steps(iterator, n):
        """Calls the traced function directly: the tf.function's own lookup of an iterator argument costs
        0.1-0.2 ms a call, 4% of an MLP epoch at N = 1 (docs/architecture.md)."""
        if n not in traced:
            traced[n] = steps_on_iterator.get_concrete_function(iterator, n)
        return traced[n](iterator, n)

    return train_steps, val_step


def run(setup: Setup) -> keras.Model:
    steps = Steps(setup)
    train_steps, val_step = compiled(steps)
    model, cfg, strategy = steps.model, setup.config, setup.strategy
    callbacks = keras.callbacks.CallbackList(
        setup.callbacks, add_history=True, model=model, epochs=cfg.epochs,
        steps=setup.steps_per_epoch, verbose=0,
    )
    val_data = strategy.experimental_distribute_dataset(setup.val_data())
    if setup.stacked:
        plan = setup.chunk_plan()
        iterator = iter(setup.chunked_train_data())
    else:
        per_epoch, chunk = setup.steps_per_epoch, setup.steps_per_execution
        plan = [chunk] * (per_epoch // chunk) + ([per_epoch % chunk] if per_epoch % chunk else [])
        iterator = iter(strategy.experimental_distribute_dataset(setup.train_data()))
    model.stop_training = False
    logs: dict = {}
    callbacks.on_train_begin()
    for epoch in range(setup.first_epoch, cfg.epochs):
        steps.train_loss.reset_state()
        steps.train_acc.reset_state()
        callbacks.on_epoch_begin(epoch)
        begin = 0
        for n in plan:  # chunks never run into the next epoch's batches
            callbacks.on_train_batch_begin(begin)
            step_logs = train_steps(iterator, n)
            begin += n
            callbacks.on_train_batch_end(begin - 1, step_logs)
            if model.stop_training:
                break
        logs = {k: float(v) for k, v in steps.train_logs().items()}  # once per epoch
        logs.update(_evaluate(model, val_data, val_step, steps.val_loss, steps.val_acc, callbacks))
        callbacks.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    callbacks.on_train_end(logs)
    return model


def _evaluate(model, val_data, val_step, val_loss, val_acc, callbacks) -> dict[str, float]:
    """One pass over the validation data, reported as fit's evaluate reports it (and, like it, cut short
    when a callback sets `model.stop_evaluating`; here it is checked before each batch)."""
    val_loss.reset_state()
    val_acc.reset_state()
    model.stop_evaluating = False
    callbacks.on_test_begin()
    for i, (x, y) in enumerate(val_data):
        if model.stop_evaluating:
            break
        callbacks.on_test_batch_begin(i)
        val_step(x, y)
        callbacks.on_test_batch_end(i, {"loss": val_loss.result(), "accuracy": val_acc.result()})
    result = {"loss": float(val_loss.result()), "accuracy": float(val_acc.result())}
    callbacks.on_test_end(result)
    return {f"val_{k}": v for k, v in result.items()}
