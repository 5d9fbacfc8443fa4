"""What each layer with a kernel outputs, and where its ReLU units can be seen, in any model the workbench trains.

The built-ins are flat Sequentials: a kernel layer's own activation is its ReLU. A user's network is the one layer
of the method's Sequential and may put its ReLU in a layer of its own (Conv → BatchNorm → Activation("relu")).
For a functional or Sequential network, `forward` is a multi-output model on the same layers and weights: the
logits, each kernel layer's output, and the output of the ReLU that follows it (its own activation, or the first
ReLU-family layer after it and before the next kernel layer). A subclassed network has no graph to tap: only
its logits (no outputs, no dead units), and the per-layer gradients and updates still work.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import tensorflow as tf

RELUS = (keras.activations.relu, keras.activations.relu6)


def _is_relu(layer: keras.layers.Layer) -> bool:
    """A layer of its own that applies a ReLU (`ReLU()`, `Activation("relu")`)."""
    if isinstance(layer, keras.layers.ReLU):
        return True
    return isinstance(layer, keras.layers.Activation) and layer.activation in RELUS


def nested(model: keras.Model) -> keras.Model | None:
    """The user's network inside the method's Sequential (None for the built-ins)."""
    inner = [layer for layer in model.layers if isinstance(layer, keras.Model)]
    return inner[0] if len(inner) == 1 else None


def taps(inner: keras.Model, kernels: list) -> tuple[list, list] | None:
    """Per kernel layer (in `kernels`' order): its output tensor and its ReLU's (or None); None without a graph."""
    try:
        layers = list(inner.layers)
        outputs = [layer.output for layer in kernels]
    except (AttributeError, ValueError):  # a subclassed model: no symbolic outputs
        return None
    position = {id(layer): i for i, layer in enumerate(layers)}
    relu_of = []
    for k, layer in enumerate(kernels):
        if getattr(layer, "activation", None) in RELUS:
            relu_of.append(layer.output)
            continue
        start = position.get(id(layer))
        stop = position.get(id(kernels[k + 1]), len(layers)) if k + 1 < len(kernels) else len(layers)
        after = [candidate for candidate in layers[start + 1:stop] if _is_relu(candidate)] if start is not None else []
        relu_of.append(after[0].output if after else None)
    return outputs, relu_of


def forward(model: keras.Model, kernels: list) -> Callable | None:
    """x → (logits, [each kernel layer's output], [its ReLU's output or None]) for a user's functional or
    Sequential network; None for the built-ins (their own loop is used) and for subclassed networks
    (`logits_only`)."""
    inner = nested(model)
    if inner is None:
        return None
    found = taps(inner, kernels)
    if found is None:
        return None
    outputs, relus = found
    present = [r for r in relus if r is not None]
    tap = keras.Model(inner.inputs, [inner.outputs[0], *outputs, *present])

    def run(x: tf.Tensor, training: bool = False):
        values = tap(x, training=training)
        logits, outs, rest = values[0], values[1:1 + len(outputs)], list(values[1 + len(outputs):])
        acts = [rest.pop(0) if r is not None else None for r in relus]
        return logits, list(outs), acts

    return run
