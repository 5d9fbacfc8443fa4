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

import keras
import numpy as np
import tensorflow as tf

from workbench.training.methods.base import Setup


def run(setup: Setup) -> keras.Model:
    cfg = setup.config
    strategy = setup.strategy
    classes = setup.data.num_classes
    y_example, p_example = np.zeros((1,), np.int32), np.zeros((1, classes), np.float32)
    with strategy.scope():  # variables mirrored on every replica (a no-op on one device)
        model = setup.build_model()
        optimizer = setup.optimizer()
        optimizer.build(model.trainable_variables)
        model.optimizer = optimizer  # callbacks read the learning rate from here
        setup.restore(model, optimizer)
        train_loss, val_loss = keras.metrics.Mean(name="loss"), keras.metrics.Mean(name="loss")
        train_acc = setup.objective.metric_object(y_example, p_example)
        val_acc = setup.objective.metric_object(y_example, p_example)

    onehot = setup.loss_labels == "onehot"
    per_sample = setup.objective.per_sample_loss()

    def losses_of(y, out):
        return per_sample(tf.one_hot(y, classes) if onehot else y, out)

    def global_batch(x):
        """Samples in this step on all replicas together (the last batch may be short)."""
        local = tf.cast(tf.shape(x)[0], tf.float32)  # summed as a float: every device can all-reduce it
        total = tf.distribute.get_replica_context().all_reduce(tf.distribute.ReduceOp.SUM, local)
        return tf.cast(total, tf.int32)

    def train_step(x, y):
        with tf.GradientTape() as tape:
            out = model(x, training=True)
            losses = losses_of(y, out)
            loss = tf.nn.compute_average_loss(losses, global_batch_size=global_batch(x))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(grads, model.trainable_variables)  # all-reduces (sums) across replicas
        train_loss.update_state(tf.reduce_mean(losses), sample_weight=tf.shape(x)[0])
        train_acc.update_state(y, out)
        if setup.step_log is not None:  # fast mode (the stacked loop below): every step's point, steps.py
            setup.step_log.record(train_loss.result(), train_acc.result())

    def val_step(x, y):
        out = model(x, training=False)
        val_loss.update_state(tf.reduce_mean(losses_of(y, out)), sample_weight=tf.shape(x)[0])
        val_acc.update_state(y, out)

    def train_logs():
        return {"loss": train_loss.result(), "accuracy": train_acc.result()}

    chunk = setup.steps_per_execution
    # fast mode on one device: k stacked batches per compiled call, the loop over them inside XLA (the CNN's
    # calls loop over jitted steps, as the MLP's do under a strategy: `Setup.stacked`)
    stacked = setup.stacked
    one_step = train_step
    if not cfg.eager:
        train_step = tf.function(train_step, jit_compile=setup.jit_compile)
        val_step = tf.function(val_step, jit_compile=setup.jit_compile)

    def distributed_val_step(x, y):
        strategy.run(val_step, args=(x, y))

    if cfg.eager:
        def train_steps(iterator, n):
            for _ in range(n):
                strategy.run(train_step, args=next(iterator))
            return train_logs()
    elif stacked:
        distributed_val_step = tf.function(distributed_val_step)

        @tf.function(jit_compile=setup.jit_compile)
        def train_chunk(xs, ys):
            def body(i):
                one_step(xs[i], ys[i])
                return i + 1

            tf.while_loop(lambda i: i < tf.shape(xs)[0], body, [tf.constant(0)])
            return train_logs()

        def train_steps(iterator, n):  # one element of the chunked dataset holds the n steps
            return train_chunk(*next(iterator))

    else:
        distributed_val_step = tf.function(distributed_val_step)

        @tf.function
        def steps_on_iterator(iterator, n):
            for _ in tf.range(n):
                strategy.run(train_step, args=next(iterator))
            return train_logs()  # read inside the graph: no eager ops per batch

        traced: dict[int, object] = {}

        def train_steps(iterator, n):
            """Calls the traced function directly: the tf.function's own lookup of an iterator argument costs
            0.1-0.2 ms a call, 4% of an MLP epoch at N = 1 (docs/architecture.md)."""
            if n not in traced:
                traced[n] = steps_on_iterator.get_concrete_function(iterator, n)
            return traced[n](iterator, n)

    callbacks = keras.callbacks.CallbackList(
        setup.callbacks, add_history=True, model=model, epochs=cfg.epochs,
        steps=setup.steps_per_epoch, verbose=0,
    )
    steps = setup.steps_per_epoch
    val_data = strategy.experimental_distribute_dataset(setup.val_data())
    if stacked:
        plan = setup.chunk_plan()
        iterator = iter(setup.chunked_train_data())
    else:
        plan = [chunk] * (steps // chunk) + ([steps % chunk] if steps % chunk else [])
        iterator = iter(strategy.experimental_distribute_dataset(setup.train_data()))
    model.stop_training = False
    logs: dict = {}
    callbacks.on_train_begin()
    for epoch in range(setup.first_epoch, cfg.epochs):
        train_loss.reset_state()
        train_acc.reset_state()
        callbacks.on_epoch_begin(epoch)
        begin = 0
        for n in plan:  # chunks never run into the next epoch's batches
            callbacks.on_train_batch_begin(begin)
            step_logs = train_steps(iterator, n)
            begin += n
            callbacks.on_train_batch_end(begin - 1, step_logs)
            if model.stop_training:
                break
        logs = {k: float(v) for k, v in train_logs().items()}  # once per epoch
        logs.update(_evaluate(model, val_data, distributed_val_step, val_loss, val_acc, callbacks))
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
