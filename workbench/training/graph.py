"""The model's graph for TensorBoard's Graphs tab, the same for every method.

Keras 3.15's own graph writing finds nothing for `fit` on TF 2.21 (its train
function is not a traceable `tf.function` there), and the tape loop's step graph
buries the model in gradient ops. So every run writes one graph: the model's
forward pass, traced once, each layer in a name scope of its own name inside the
model's scope (`mlp/dense/MatMul`, …), as the article's screenshot shows. Tracing
happens once per run, outside the training step: it works the same under XLA and
under a distribution strategy (the variables are only read).
"""

from __future__ import annotations

import keras
import tensorflow as tf


def forward_graph(model: keras.Sequential) -> tf.Graph:
    """The forward pass of a built Sequential model, layer by layer under clean name scopes."""
    shape = [None, *model.inputs[0].shape[1:]]

    def forward(images):
        x = images
        with tf.name_scope(f"{model.name}/"):  # a trailing "/" uses the name as it is, not made unique
            for layer in model.layers:
                with tf.name_scope(f"{model.name}/{layer.name}/"):
                    x = layer.call(x)
            return tf.identity(x, name="outputs")

    spec = tf.TensorSpec(shape, tf.float32, name="images")
    return tf.function(forward, autograph=False).get_concrete_function(spec).graph


def write_model_graph(model: keras.Sequential, writer) -> bool:
    """Writes the model's forward graph to a summary writer; False (and nothing written) if it cannot."""
    try:
        graph = forward_graph(model)
    except Exception:  # the graph is a help, never a reason to fail a run
        return False
    with writer.as_default():
        return bool(tf.summary.graph(graph))
