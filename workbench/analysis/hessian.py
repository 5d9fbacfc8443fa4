"""Sharpness: the top eigenvalue of the loss's Hessian at a model's weights, by power iteration on
Hessian-vector products (PyHessian's method; Yao et al. 2020) — never the Hessian itself, which for the MLP
would hold 235,146² numbers.

A Hessian-vector product is the gradient of (∇L · v), two nested `tf.GradientTape`s over the trainable weights,
on a fixed probe set. The iteration converges to the eigenvalue of largest magnitude; near a trained end point
that is the top (positive) one.
"""

from __future__ import annotations

import numpy as np

ITERATIONS, TOLERANCE = 100, 1e-3


def top_eigenvalue(model, x, target, loss_fn, seed: int = 0, iterations: int = ITERATIONS,
                   tolerance: float = TOLERANCE) -> float:
    """λ_max of ∇²L at the model's current trainable weights (relative change below `tolerance` stops it)."""
    import tensorflow as tf

    variables = list(model.trainable_variables)

    @tf.function
    def hvp(vector):
        with tf.GradientTape() as outer:
            with tf.GradientTape() as inner:
                loss = loss_fn(target, model(x, training=False))
            grads = inner.gradient(loss, variables)
            dot = tf.add_n([tf.reduce_sum(g * v) for g, v in zip(grads, vector, strict=True)])
        return outer.gradient(dot, variables)

    def normalised(vector):
        norm = tf.sqrt(tf.add_n([tf.reduce_sum(v * v) for v in vector]))
        return [v / norm for v in vector]

    rng = np.random.default_rng(seed)
    v = normalised([tf.constant(rng.standard_normal(var.shape), tf.float32) for var in variables])
    value = None
    for _ in range(iterations):
        hv = hvp(v)
        new = float(tf.add_n([tf.reduce_sum(a * b) for a, b in zip(hv, v, strict=True)]))
        v = normalised(hv)
        if value is not None and abs(new - value) <= tolerance * max(abs(new), 1e-12):
            return new
        value = new
    return float(value)
