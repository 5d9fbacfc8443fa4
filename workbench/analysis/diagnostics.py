"""Why a configuration trains differently: measured on a real batch, through real Keras.

Nothing here is a lookup table. `explain` builds the configured model from
the run's seed, takes the run's first real batch, and measures:
- the configured loss against the article's `sum_mse` (their ratio);
- one real optimizer step with each loss from the same weights: the ratio of
  the step sizes is the learning rate the configuration effectively has,
  relative to the article's loss (0.1 for Keras's "mse" with SGD; about 1 for
  Adam, which normalises the step);
- the metric class Keras resolved, read from compiled models after a step,
  for each method's label format, and what it reports against the true
  accuracy on that batch.
`reproduce` trains the article's table here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from workbench.analysis.layer_diagnosis import first_step_findings
from workbench.core import data as datamod
from workbench.core.article import ARTICLE_ROWS, ArticleRow, result_row
from workbench.core.config import TrainConfig
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.training import methods, models, objectives
from workbench.training.objectives import Objective

METRIC_DESCRIPTIONS = {
    "CategoricalOnSparse": QT_TRANSLATE_NOOP("diagnosis", "CategoricalAccuracy fed integer labels and argmax "
                                                          "outputs"),
    "SparseAccuracy": "SparseCategoricalAccuracy",
    "CategoricalAcc": "CategoricalAccuracy",
}


def first_batch(cfg: TrainConfig) -> tuple[np.ndarray, np.ndarray, datamod.ImageData]:
    """The run's first training batch (epoch 0 order), pixels scaled as in training."""
    from workbench.training.pipeline import epoch_order

    data = datamod.prepare(cfg)
    order = epoch_order(len(data.x_train), cfg.seed, 0)[: cfg.batch_size]
    x = data.x_train[order].astype(np.float32) / data.scale
    return x, data.y_train[order], data


def _setup(cfg: TrainConfig, data: datamod.ImageData) -> methods.Setup:
    """What the run's method builds from `cfg` (the one build path), for one step: a constant learning rate,
    one step per call, no XLA."""
    return methods.Setup(cfg.replace(schedule="constant", warmup_epochs=0, jit_compile=False, steps_per_execution=1),
                         data)


def _model(cfg: TrainConfig, data: datamod.ImageData) -> keras.Model:
    return _setup(cfg, data).build_model()


def _target(objective: Objective, y, data):
    return tf.one_hot(y, data.num_classes) if objective.loss_labels == "onehot" else tf.constant(y)


def _loss_value(cfg: TrainConfig, loss: str, x, y, data, model) -> float:
    objective = Objective.of(cfg, loss=loss)
    return float(objective.loss_object()(_target(objective, y, data), model(x, training=False)))


def _step_size(cfg: TrainConfig, loss: str, x, y, data) -> float:
    """Norm of the weight change one optimizer step with `loss` makes from the initial weights."""
    return _first_step(cfg, loss, x, y, data)[0]


def _first_step(cfg: TrainConfig, loss: str, x, y, data) -> tuple[float, dict[str, float]]:
    """One optimizer step with `loss` from the initial weights: the norm of the whole weight change, and each
    layer's update/weight ratio ‖Δw‖/‖w‖ of its kernel (named dense1, dense2, … as in dynamics.csv)."""
    setup = _setup(cfg.replace(loss=loss, label_smoothing=cfg.label_smoothing if loss == cfg.loss else 0.0), data)
    model = setup.build_model()
    loss_fn = setup.objective.loss_object()
    target = _target(setup.objective, y, data)
    before = [w.numpy().copy() for w in model.trainable_variables]
    optimizer = setup.optimizer()
    with tf.GradientTape() as tape:
        value = loss_fn(target, model(x, training=True))
    kernels = models.kernel_layers(model)
    kernel_before = [layer.kernel.numpy().copy() for _, layer in kernels]
    optimizer.apply(tape.gradient(value, model.trainable_variables), model.trainable_variables)
    total = float(np.sqrt(sum(np.sum((w.numpy() - b) ** 2)
                              for w, b in zip(model.trainable_variables, before, strict=True))))
    return total, {name: float(np.linalg.norm(layer.kernel.numpy() - w0) / np.linalg.norm(w0))
                   for (name, layer), w0 in zip(kernels, kernel_before, strict=True)}


def replica_scaling(cfg: TrainConfig, x, y, data) -> dict[str, Any] | None:
    """Gradient size under the run's strategy, measured on the first batch, relative to one device.

    Two losses per replica: divided by the per-replica batch (the article's
    `reduce_sum(...) / batch` written inside `strategy.run`) and divided by the
    global batch (what the workbench does). The strategy sums the replicas'
    gradients, so the first is `replicas` times too large.
    """
    if cfg.strategy == "default":
        return None
    from workbench.training import distribute

    if cfg.strategy == "multiworker":  # joining the cluster here would wait for its other workers
        return {"replicas": distribute.worker_count() or None, "measured": False,
                "reason": translate("diagnosis", "explain runs in one process and does not join the TF_CONFIG "
                                                 "cluster")}
    try:
        strategy = distribute.make_strategy(cfg)
    except distribute.DeviceError as exc:
        return {"replicas": None, "measured": False, "reason": str(exc)}
    replicas = strategy.num_replicas_in_sync
    objective = Objective.of(cfg)
    per_sample = objective.per_sample_loss()
    target = _target(objective, y, data)
    with strategy.scope():
        model = _model(cfg, data)
    one = _model(cfg, data)
    with tf.GradientTape() as tape:
        reference = tf.reduce_sum(per_sample(target, one(x, training=True))) / len(y)
    one_norm = tf.linalg.global_norm(tape.gradient(reference, one.trainable_variables))
    batch = tf.data.Dataset.from_tensor_slices((x, target)).batch(len(y))
    inputs = next(iter(strategy.experimental_distribute_dataset(batch)))

    def grads(xs, ys):
        ctx = tf.distribute.get_replica_context()
        local = tf.cast(tf.shape(xs)[0], tf.float32)
        total = ctx.all_reduce(tf.distribute.ReduceOp.SUM, local)
        norms = []
        for divisor in (local, total):
            with tf.GradientTape() as tape:
                value = tf.reduce_sum(per_sample(ys, model(xs, training=True))) / divisor
            summed = ctx.all_reduce(tf.distribute.ReduceOp.SUM, tape.gradient(value, model.trainable_variables))
            norms.append(tf.linalg.global_norm(summed))
        return norms

    naive, right = (float(strategy.experimental_local_results(v)[0]) for v in strategy.run(grads, args=inputs))
    return {"replicas": replicas, "measured": True,
            "per_replica_batch_gradient_scale": naive / float(one_norm),
            "global_batch_gradient_scale": right / float(one_norm)}


def _compiled(cfg: TrainConfig, data) -> keras.Model:
    """The model `cfg.method` (fit or custom) trains, built and compiled by the method itself."""
    return methods.compiled(_setup(cfg, data))


def resolved_metric(cfg: TrainConfig, method: str, x, y, data) -> dict[str, Any]:
    """The accuracy class a method ends up with, read after one real step, and what it reports."""
    labels = objectives.label_format(method)
    fed = tf.one_hot(y, data.num_classes) if labels == "onehot" else tf.constant(y)
    run_cfg = cfg.replace(method=method, loss_report=cfg.loss_report if method == "custom" else "tracked")
    if method == "tape":
        model = _model(run_cfg, data)
        logits = model(x, training=False)
        metric = Objective.of(run_cfg).metric_object(fed, logits)
        metric.update_state(fed, logits)
        classes = [type(metric).__name__]
        reported = float(metric.result())
    else:
        model = _compiled(run_cfg, data)
        logs = model.test_on_batch(x, fed, return_dict=True)  # builds the metrics on real data
        classes = objectives.resolved_metric_classes(model)
        reported = float(logs["accuracy"])
        logits = model(x, training=False)
    true = float(np.mean(np.argmax(np.asarray(logits), axis=-1) == y))
    name = classes[0] if classes else "?"
    return {"class": translate("diagnosis", METRIC_DESCRIPTIONS.get(name, name)), "label_format": labels,
            "reported_accuracy": reported, "true_accuracy": true}


def loss_report(cfg: TrainConfig, x, y, data) -> dict[str, Any] | None:
    """What a custom test_step's validation loss reports, against the model's true mean loss (custom only).

    The model is evaluated the way fit validates (`evaluate`, several batches), then its outputs are
    scored in numpy: with `returned`, Keras 3 reports its untouched loss tracker, 0.0.
    """
    if cfg.method != "custom":
        return None
    model = _compiled(cfg, data)
    logs = model.evaluate(x, y, batch_size=max(1, len(y) // 4), verbose=0, return_dict=True)
    true = Objective.of(cfg).mean_loss(np.asarray(model(x, training=False)), y)
    return {"mode": cfg.loss_report, "reported_val_loss": float(logs["loss"]), "true_val_loss": true}


def explain(cfg: TrainConfig) -> dict[str, Any]:
    """Measures why `cfg` trains differently from the article's tape loop; see the module docstring."""
    if cfg.strategy == "mirrored":  # logical CPU devices exist only if made before TensorFlow starts
        from workbench.training import distribute

        distribute.configure_cpu_devices(distribute.cpu_replicas(cfg))
    x, y, data = first_batch(cfg)
    model = _model(cfg, data)
    loss_now = _loss_value(cfg, cfg.loss, x, y, data, model)
    loss_ref = _loss_value(cfg, "sum_mse", x, y, data, model)
    step_now, layers_now = _first_step(cfg, cfg.loss, x, y, data)
    step_ref, layers_ref = _first_step(cfg, "sum_mse", x, y, data)
    per_layer = {name: {"update_ratio": r, "sum_mse_update_ratio": layers_ref[name],
                        "vs_sum_mse": r / layers_ref[name] if layers_ref[name] else float("nan")}
                 for name, r in layers_now.items()}
    scale = loss_now / loss_ref if loss_ref else float("nan")
    effective = step_now / step_ref if step_ref else float("nan")
    by_method = {m: resolved_metric(cfg, m, x, y, data) for m in ("tape", "fit", "custom")}
    mine = by_method[cfg.method]
    replicas = replica_scaling(cfg, x, y, data)
    reported = loss_report(cfg, x, y, data)
    outputs = output_kind(model, x, y, data)
    found = (_warnings(cfg, scale, effective, mine) + _loss_report_warnings(reported)  # (finding, text)
             + _softmax_warnings(cfg, outputs, twice=True))
    findings = sorted({finding for finding, _ in found})
    layer_findings = first_step_findings(per_layer, cfg.to_dict())
    warnings = ([text for _, text in found] + _replica_warnings(cfg, replicas)
                + [text for _, text in _softmax_warnings(cfg, outputs, twice=False)]
                + [f.text for f in layer_findings])
    return {
        "config": cfg.to_dict(),
        "batch_size": int(len(y)),
        "loss": loss_now,
        "sum_mse_loss": loss_ref,
        "loss_scale_vs_sum_mse": scale,
        "effective_lr_vs_sum_mse": effective,
        "effective_lr": cfg.lr * effective,
        "update_ratio_per_layer": per_layer,
        "layer_findings": [f.to_dict() for f in layer_findings],
        "resolved_metric": mine["class"],
        "label_format": mine["label_format"],
        "metric_by_method": by_method,
        "strategy": cfg.strategy,
        "replicas": replicas,
        "loss_report": reported,
        "outputs": outputs,
        "model": model_summary(model, cfg.model),
        "findings": findings,
        "warnings": warnings,
        "explanation": _explanation(cfg, scale, effective, mine, warnings, per_layer),
    }


def model_summary(model: keras.Model, name: str) -> dict[str, Any]:
    """The network before training: its layers (type, output shape, parameters) and its parameter count; a
    user's network is listed by its own layers."""
    from workbench.training.layer_taps import nested

    inner = nested(model) or model
    layers = []
    for layer in inner.layers:
        try:
            shape = [d for d in layer.output.shape[1:]]
        except (AttributeError, ValueError):  # a subclassed network's layers have no symbolic output
            shape = None
        layers.append({"name": layer.name, "type": type(layer).__name__, "output_shape": shape,
                       "params": int(layer.count_params()) if layer.built else 0})
    return {"name": name, "layers": layers, "params": int(model.count_params()),
            "trainable": int(sum(int(np.prod(v.shape)) for v in model.trainable_variables))}


def output_kind(model: keras.Model, x, y, data) -> dict[str, Any]:
    """What the model's outputs are on the first batch: probabilities (every row ≥ 0 and summing to 1: the
    model ends in a softmax) or scores. For probabilities, the cross-entropy read both ways (as logits, which
    applies a second softmax, and as the probabilities they are) and the ratio of the two losses' gradient norms
    over the model's weights: how much the second softmax shrinks a step."""
    out = np.asarray(model(x, training=False), dtype=np.float64)
    probabilities = bool(np.all(out >= 0) and np.allclose(out.sum(axis=-1), 1.0, atol=1e-3))
    found: dict[str, Any] = {"probabilities": probabilities}
    if not probabilities:
        return found
    norms = []
    for from_logits in (True, False):
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=from_logits)
        with tf.GradientTape() as tape:
            loss = loss_fn(tf.constant(y), model(x, training=False))
        grads = tape.gradient(loss, model.trainable_variables)
        norms.append((float(loss), float(tf.linalg.global_norm([g for g in grads if g is not None]))))
    (as_logits, g_logits), (as_probabilities, g_probabilities) = norms
    found.update(crossentropy_as_logits=as_logits, crossentropy_as_probabilities=as_probabilities,
                 gradient_ratio=g_logits / g_probabilities if g_probabilities else float("nan"))
    return found


def _softmax_warnings(cfg: TrainConfig, outputs: dict[str, Any], twice: bool) -> list[tuple[int, str]]:
    """The classic fourth pitfall, measured: a model that ends in softmax fed to a loss that takes logits.
    Keras 3 sees through its own softmax (the activation, `layers.Softmax`, `ops.softmax`: it keeps the logits
    under it and warns), so the gradients are those of the logits (`twice=False`: a note); a softmax it cannot
    see (written by hand) is applied twice (`twice=True`: finding 4, measured by the gradient ratio). The reverse
    cannot happen here: no loss of the workbench takes probabilities (sum_mse and keras_mse compare whatever the
    model outputs with the one-hot label)."""
    if cfg.loss != "crossentropy" or not outputs["probabilities"]:
        return []
    if outputs["gradient_ratio"] >= 0.9:  # Keras used the logits under the softmax
        return [] if twice else [(4, translate(
            "diagnosis", "The model ends in a softmax and crossentropy takes logits, but Keras 3 takes the logits "
                         "under its softmax (and warns): on this batch the loss and gradients equal those of the "
                         "logits, so training is not hurt. The saved model still outputs probabilities; a softmax "
                         "written by hand would be applied twice."))]
    if not twice:
        return []
    return [(4, translate(
        "diagnosis", "The model ends in a softmax (on the first batch every output row sums to 1), but crossentropy "
                     "takes logits and applies its own softmax: the softmax is applied twice. On this batch its "
                     "gradients are {ratio}x those of the cross-entropy of the probabilities themselves (loss "
                     "{as_logits} against {as_probabilities}), like a {times}x smaller learning rate, and the "
                     "loss cannot fall far. Fix: end the model with Dense(classes) and no activation.").format(
        ratio=f"{outputs['gradient_ratio']:.2g}", times=f"{1 / outputs['gradient_ratio']:.2g}",
        as_logits=f"{outputs['crossentropy_as_logits']:.3f}",
        as_probabilities=f"{outputs['crossentropy_as_probabilities']:.3f}"))]


def _pct(fraction: float) -> str:
    return f"{100 * fraction:.1f}%"


def _warnings(cfg: TrainConfig, scale: float, effective: float, mine: dict) -> list[tuple[int, str]]:
    """The article's findings 1 and 2 these settings trigger, each with its warning."""
    out = []
    if cfg.loss == "keras_mse" and effective < 0.5:
        out.append((1, translate(
            "diagnosis",
            'keras_mse: Keras\'s "mse" averages over the {outputs} outputs, so the loss is {scale}x the '
            "article's sum_mse and one {optimizer} step is {effective}x as large - like lr {lr_now} instead of "
            "{lr}. Use lr {lr_fix} or loss sum_mse to train like the article's tape loop.").format(
            outputs=10 if round(1 / scale) == 10 else round(1 / scale), scale=f"{scale:.3g}",
            optimizer=cfg.optimizer.upper(), effective=f"{effective:.3g}", lr_now=f"{cfg.lr * effective:.3g}",
            lr=f"{cfg.lr:g}", lr_fix=f"{cfg.lr / effective:.3g}")))
    if cfg.metric == "categorical_on_sparse":
        out.append((2, translate(
            "diagnosis",
            "categorical_on_sparse: CategoricalAccuracy is fed integer labels and argmax outputs, so it "
            "compares two label vectors as if they were probability vectors and counts one sample per batch; "
            "the accuracy is wrong (on this batch it reports {reported} where the model is really at {true}).")
            .format(reported=_pct(mine["reported_accuracy"]), true=_pct(mine["true_accuracy"]))))
    elif abs(mine["reported_accuracy"] - mine["true_accuracy"]) > 1e-6:
        out.append((2, translate(
            "diagnosis", "{metric}: the accuracy reported here ({reported}) differs from the true accuracy "
            "({true}).").format(metric=cfg.metric, reported=_pct(mine["reported_accuracy"]),
                               true=_pct(mine["true_accuracy"]))))
    return out


def _loss_report_warnings(reported: dict | None) -> list[tuple[int, str]]:
    """Finding 3, when the validation loss Keras reports is not the model's true mean loss."""
    if reported is None or abs(reported["reported_val_loss"] - reported["true_val_loss"]) <= 1e-4:
        return []
    return [(3, translate(
        "diagnosis", "loss_report returned: test_step returns its own loss in the logs, but Keras builds the logs "
        "from its metric trackers, and the compiled loss tracker that nothing updated replaces it: the validation "
        "loss reads {reported} where the model's true mean loss is {true}. (A value returned from test_step would "
        "be one batch's anyway, not the mean over batches.) The article's fix: keep the loss in compile and let "
        "test_step update it (loss_report tracked).").format(
        reported=f"{reported['reported_val_loss']:.4g}", true=f"{reported['true_val_loss']:.4g}"))]


def _replica_warnings(cfg: TrainConfig, replicas: dict | None) -> list[str]:
    if replicas is None:
        return []
    if not replicas["measured"]:
        return [translate(
            "diagnosis", "{strategy}: not measured here ({reason}). Under N replicas a loss divided by the "
            "per-replica batch makes every step N times too large; the workbench divides by the global batch "
            "(tf.nn.compute_average_loss).").format(strategy=cfg.strategy, reason=replicas["reason"])]
    n = replicas["replicas"]
    if n < 2:
        return []
    naive = replicas["per_replica_batch_gradient_scale"]
    return [translate(
        "diagnosis", "{strategy} with {n} replicas: each replica sees {per_replica} of the {batch} images. A loss "
        "divided by the per-replica batch (reduce_sum(...) / batch inside strategy.run) gives gradients {naive}x "
        "as large once the strategy sums them - like lr {lr_now} instead of {lr}. The workbench divides by the "
        "global batch (tf.nn.compute_average_loss): {right}x.").format(
        strategy=cfg.strategy, n=n, per_replica=cfg.batch_size // n, batch=cfg.batch_size, naive=f"{naive:.3g}",
        lr_now=f"{cfg.lr * naive:.3g}", lr=f"{cfg.lr:g}", right=f"{replicas['global_batch_gradient_scale']:.3g}")]


def _explanation(cfg: TrainConfig, scale: float, effective: float, mine: dict, warnings: list[str],
                 per_layer: dict | None = None) -> str:
    parts = [translate(
        "diagnosis", "On the first batch of {batch} images, the {loss} loss is {scale}x the article's "
        "sum-of-squares loss, and one {optimizer} step from the same weights is {effective}x as large as with "
        "that loss.").format(batch=cfg.batch_size, loss=cfg.loss, scale=f"{scale:.3g}",
                             optimizer=cfg.optimizer.upper(), effective=f"{effective:.3g}")]
    if per_layer:
        parts.append(translate("diagnosis", "Per layer, that step moves the weights by {layers} of their size "
                                            "(update/weight ratio).").format(layers=", ".join(
            f"{name} {v['update_ratio']:.2g}" + (f" ({v['vs_sum_mse']:.2g}x)" if cfg.loss != "sum_mse" else "")
            for name, v in per_layer.items())))
    if cfg.optimizer != "sgd" and abs(scale - 1) > 0.05:
        parts.append(translate("diagnosis", "{optimizer} divides the step by the gradient's size, so the loss scale "
                                            "hardly changes how it trains.").format(
            optimizer=cfg.optimizer.capitalize()))
    onehot = mine["label_format"] == "onehot"
    if warnings and cfg.metric == "categorical_on_sparse":
        text = (translate("diagnosis", "The {method} method feeds one-hot labels, so the metric '{metric}' becomes "
                                       "{resolved}, which reports a wrong number.") if onehot else
                translate("diagnosis", "The {method} method feeds integer labels, so the metric '{metric}' becomes "
                                       "{resolved}, which reports a wrong number."))
    else:
        text = (translate("diagnosis", "The {method} method feeds one-hot labels, so the metric '{metric}' becomes "
                                       "{resolved} and reports the true accuracy.") if onehot else
                translate("diagnosis", "The {method} method feeds integer labels, so the metric '{metric}' becomes "
                                       "{resolved} and reports the true accuracy."))
    parts.append(text.format(method=cfg.method, metric=cfg.metric, resolved=mine["class"]))
    return " ".join(parts)


# -- the article's table ------------------------------------------------------------------
def reproduce(
    runs_dir: Path,
    epochs: int = 10,
    train_limit: int = 0,
    val_limit: int = 0,
    rows: Sequence[ArticleRow] = ARTICLE_ROWS,
    callbacks_for: Callable[[TrainConfig], list] | None = None,
    stop=None,
    seeds: Sequence[int] = (0,),
) -> list[dict[str, Any]]:
    """Trains each row of the article's table once per seed; returns reported vs measured accuracies as
    fractions (with several seeds: their mean, std, and whether the reported number lies within the spread)."""
    from workbench.training.trainer import train

    results = []
    for row in rows:
        summaries = []
        for seed in seeds:
            if stop is not None and stop.is_set():
                break
            cfg = row.config(epochs, train_limit, val_limit)
            if len(seeds) > 1 or seed != cfg.seed:
                cfg = cfg.replace(seed=seed, name=f"{cfg.name} seed {seed}")
            result = train(cfg, runs_dir, callbacks_for(cfg) if callbacks_for else (), stop)
            summaries.append(result.summary.to_dict())
        if summaries:
            results.append(result_row(row, summaries))
        if stop is not None and stop.is_set():
            break
    return results
