"""What the three methods share: one place to build data, model and optimizer."""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import keras
import tensorflow as tf

from workbench.core import data as datamod
from workbench.core.config import TrainConfig
from workbench.core.data import ImageData
from workbench.training import models, objectives, pipeline, schedules, steps

UNROLL = 8  # steps per iteration of Keras's multi-step loop (`Setup._unroll`)


def make_optimizer(config: TrainConfig, steps_per_epoch: int) -> keras.optimizers.Optimizer:
    """The configured optimizer with its learning rate or schedule and its hyperparameters."""
    lr = schedules.learning_rate(config, steps_per_epoch)
    extra = {"weight_decay": config.weight_decay} if config.weight_decay else {}
    if config.optimizer == "sgd":
        return keras.optimizers.SGD(learning_rate=lr, momentum=config.momentum, nesterov=config.nesterov, **extra)
    if config.optimizer == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate=lr, momentum=config.momentum, **extra)
    if config.optimizer == "adamw":
        return keras.optimizers.AdamW(learning_rate=lr, weight_decay=config.weight_decay)
    return keras.optimizers.Adam(learning_rate=lr, **extra)



def _multi_worker(model) -> bool:
    return isinstance(getattr(model, "_distribute_strategy", None), tf.distribute.MultiWorkerMirroredStrategy)


class MultiWorkerFixes:
    """Lets `fit` run under MultiWorkerMirroredStrategy (keras-team/keras#20585, open).

    Keras 3.15 fails there twice: (1) before training it builds the model from a
    distributed batch that it first reduces with `strategy.reduce("MEAN", ...)`,
    which cannot reduce a batch of data - only shapes and dtypes are needed, so
    this builds from this worker's own part of the batch; (2) it reduces each
    step's logs with `strategy.reduce("MEAN", value, axis=0)`, which fails on
    scalars - so inside a step the logs are given an axis of length 1 (their
    values are already global: metric variables are summed over workers).
    Under every other strategy Keras's own methods run unchanged.
    """

    def get_metrics_result(self):
        result = super().get_metrics_result()
        if _multi_worker(self) and tf.inside_function():  # in a step, not the eager end-of-epoch logs
            result = {k: tf.reshape(v, [1]) for k, v in result.items()}
        return result

    def _maybe_symbolic_build(self, iterator=None, data_batch=None):
        if iterator is None or not _multi_worker(self):
            return super()._maybe_symbolic_build(iterator=iterator, data_batch=data_batch)
        strategy = self._distribute_strategy
        for _, _, it in iterator:
            batch = next(it)
            data_batch = tf.nest.map_structure(
                lambda v: strategy.experimental_local_results(v)[0]
                if isinstance(v, tf.distribute.DistributedValues) else v, batch)
            break
        with strategy.scope():
            self._symbolic_build(data_batch=data_batch)


@keras.saving.register_keras_serializable(package="workbench")
class FitModel(MultiWorkerFixes, keras.Sequential):
    """The `fit` method's model under multiworker: a plain Sequential (see MultiWorkerFixes)."""


class EpochSetter(keras.callbacks.Callback):
    """Tells fit's per-epoch dataset which epoch's order to yield."""

    def __init__(self, epoch: tf.Variable) -> None:
        super().__init__()
        self.epoch = epoch

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch.assign(epoch)


@dataclass
class Setup:
    """Everything a method needs to train one run."""

    config: TrainConfig
    data: ImageData
    callbacks: list[keras.callbacks.Callback] = field(default_factory=list)
    first_epoch: int = 0
    restore_from: Path | None = None  # a checkpoint folder to continue from (resume)
    fork_from: Path | None = None  # weights to start from with a fresh optimizer (a fork of another run)
    strategy: tf.distribute.Strategy | None = None  # None: TensorFlow's default (one device)
    model_file: Path | None = None  # the run folder's copy of the user's model file (model_source.py/.keras)
    trust_code: bool = False  # a saved model's Lambda layers may run (Keras's safe_mode off)

    def __post_init__(self) -> None:
        if self.strategy is None:
            self.strategy = tf.distribute.get_strategy()
        n = self.steps_per_execution
        # every step's point, in fast mode on one device (steps.py)
        self.step_log = steps.StepLog(n) if n > 1 and self.replicas == 1 and not self.config.eager else None

    @functools.cached_property
    def steps_per_execution(self) -> int:
        """Steps per compiled call: as set, or for `auto` (0) what `steps.auto_steps` estimates, at most the
        instruments' `dynamics_every` (1 for the eager loop and under a tf.distribute strategy, whose calls
        report their last step only)."""
        c = self.config
        if c.steps_per_execution != steps.AUTO:
            return c.steps_per_execution
        if c.eager or c.strategy != "default":
            return 1
        n = steps.auto_steps(c.model, self.data.input_shape, self.data.num_classes, c.batch_size,
                             self.steps_per_epoch, macs=models.macs_per_sample(
                                 c.model, self.data.input_shape, self.data.num_classes, self.model_file, c.seed))
        # a call holds at most one of the instruments' sampled steps (each call copies one, steps.StepWatch)
        return min(n, c.dynamics_every) if c.dynamics_every > 0 else n

    @property
    def stacked(self) -> bool:
        """Fast mode's compiled calls loop over N stacked batches inside one function (the tape loop and
        `custom`, which write their steps; `fit` keeps Keras's own loop): on one device, for the MLP. Not
        for the CNN: inside an XLA while loop its convolutions ran 15× slower here (190 ms a step
        against 13)."""
        c = self.config
        return (self.steps_per_execution > 1 and c.method in ("tape", "custom") and not c.eager
                and self.replicas == 1 and c.model == "mlp")

    @property
    def replicas(self) -> int:
        return self.strategy.num_replicas_in_sync

    @property
    def jit_compile(self) -> bool:
        """XLA as configured, but never across replicas: it cannot compile variables on other devices."""
        return self.config.jit_compile and self.replicas == 1

    def restore(self, model: keras.Model, optimizer) -> None:
        """Continues from the checkpoint, if resuming: weights and optimizer state."""
        if self.restore_from is not None:
            from workbench.training import checkpoint

            checkpoint.restore(self.restore_from, model, optimizer)
        elif self.fork_from is not None:
            model.load_weights(self.fork_from)

    @property
    def steps_per_epoch(self) -> int:
        return datamod.steps_per_epoch(len(self.data.x_train), self.config.batch_size)

    @property
    def objective(self) -> objectives.Objective:
        """The run's loss and metric (objectives.Objective: the one place they are built)."""
        return objectives.Objective.of(self.config)

    @property
    def labels(self) -> str:
        """Label format this method's pipeline delivers: 'onehot' (fit) or 'int'."""
        return self.objective.labels

    @property
    def loss_labels(self) -> str:
        """Label format the loss is computed on (squared errors and smoothed cross-entropy: one-hot)."""
        return self.objective.loss_labels

    def train_data(self) -> tf.data.Dataset:
        c = self.config
        return self._shardable(pipeline.train_dataset(
            self.data, c.batch_size, c.seed, c.epochs, self.labels == "onehot", self.first_epoch
        ))

    def chunked_train_data(self) -> tf.data.Dataset:
        """The same batches, `steps_per_execution` stacked per element (`stacked` fast mode)."""
        c = self.config
        return pipeline.chunked_train_dataset(
            self.data, c.batch_size, c.seed, c.epochs, self.labels == "onehot", self.first_epoch,
            self.steps_per_execution,
        )

    def example_batch(self) -> tuple[tf.Tensor, tf.Tensor]:
        """One batch's shapes and types, as the pipeline delivers them."""
        c = self.config
        x = tf.zeros((c.batch_size, *self.data.input_shape), tf.float32)
        classes = self.data.num_classes
        y = tf.zeros((c.batch_size, classes), tf.float32) if self.labels == "onehot" else tf.zeros((c.batch_size,),
                                                                                                    tf.int32)
        return x, y

    def chunk_plan(self) -> list[int]:
        """Steps in each stacked call of an epoch."""
        return pipeline.chunk_plan(len(self.data.x_train), self.config.batch_size, self.steps_per_execution)

    def true_validation(self, model: keras.Model) -> dict[str, float]:
        """What the model really scores on the validation data: for runs whose logged values are known to
        be wrong (the pitfalls reproduced on purpose), recorded beside them."""
        import numpy as np

        x_all, y = self.data.x_test, np.asarray(self.data.y_test)
        step = pipeline.VAL_BATCH  # the validation pipeline's batches, scaled as it scales them, without its cache
        out = np.concatenate([np.asarray(model(x_all[i:i + step].astype(np.float32) / np.float32(self.data.scale),
                                               training=False)) for i in range(0, len(x_all), step)])
        return {"true_val_loss": self.objective.mean_loss(out, y),
                "true_val_accuracy": float(np.mean(np.argmax(out, axis=-1) == y))}

    def val_data(self) -> tf.data.Dataset:
        return self._shardable(pipeline.val_dataset(self.data, self.labels == "onehot"))

    def _shardable(self, dataset: tf.data.Dataset) -> tf.data.Dataset:
        """Several workers split each global batch between them (the data is in memory, not in files)."""
        if self.config.strategy != "multiworker":
            return dataset
        options = tf.data.Options()
        options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
        return dataset.with_options(options)

    def build_model(self, cls: type[keras.Sequential] = keras.Sequential) -> keras.Sequential:
        c = self.config
        return models.build(c.model, self.data.input_shape, self.data.num_classes, c.seed, cls, c.dropout,
                            self.model_file, self.trust_code, models.normalisation(self.data), c.init)

    def optimizer(self) -> keras.optimizers.Optimizer:
        return make_optimizer(self.config, self.steps_per_epoch)

    def fit_kwargs(self) -> dict:
        """Arguments of `model.fit` shared by the fit and custom methods."""
        c = self.config
        epoch = tf.Variable(self.first_epoch, dtype=tf.int64, trainable=False)
        onehot = self.labels == "onehot"
        callbacks = [EpochSetter(epoch), *self.callbacks]
        if self.stacked:  # a call is one Keras batch of N steps: the callbacks hear the steps' indices
            x = pipeline.chunked_epoch_dataset(self.data, c.batch_size, c.seed, epoch, onehot,
                                               self.steps_per_execution)
            callbacks = [steps.StackedSteps(callbacks, self.chunk_plan())]
        else:
            x = self._shardable(pipeline.epoch_dataset(self.data, c.batch_size, c.seed, epoch, onehot))
        return dict(
            x=x,
            epochs=c.epochs,
            initial_epoch=self.first_epoch,
            validation_data=self.val_data(),
            callbacks=callbacks,
            shuffle=False,  # the pipeline's order is the run's order
            verbose=0,
        )

    def compiled_model(self, cls: type[keras.Sequential], prepare=None) -> keras.Model:
        """The `fit` and `custom` methods' model: `cls` built under the strategy, compiled, restored from a
        checkpoint when resuming. `prepare(model)` runs before compiling. `explain` reads it untrained."""
        with self.strategy.scope():  # variables mirrored on every replica (a no-op on one device)
            model = self.build_model(cls)
            if prepare is not None:
                prepare(model)
            model.compile(**self.compile_kwargs(model))
            self._unroll(model)
            if self.stacked:  # built before the first call, whose steps run in a loop that cannot create variables
                model._symbolic_build(data_batch=self.example_batch())
            self.restore(model, model.optimizer)
        return model

    def compile_and_fit(self, cls: type[keras.Sequential], prepare=None) -> keras.Model:
        """The `fit` and `custom` methods: the compiled model, trained with Keras's own `fit`."""
        model = self.compiled_model(cls, prepare)
        with warnings.catch_warnings():
            # Keras learns an epoch's length by running out of data once; that is expected here
            warnings.filterwarnings("ignore", message="Your input ran out of data")
            model.fit(**self.fit_kwargs())
        return model

    def _unroll(self, model: keras.Model) -> None:
        """Fast mode through Keras's own loop (`fit`, and `custom` for the CNN): its `tf.while_loop` runs
        UNROLL steps per iteration (Keras's `unrolled_steps_per_execution`, TensorFlow backend). The steps
        and their order are the same, so are the weights; the loop's per-iteration work is paid 1/UNROLL
        times. A Keras without the attribute trains as before."""
        n = self.steps_per_execution
        if n > 1 and not self.stacked and hasattr(model, "unrolled_steps_per_execution"):
            model.unrolled_steps_per_execution = min(UNROLL, n)

    def compile_kwargs(self, model: keras.Model) -> dict:
        recorder = [steps.StepRecorder(self.step_log, model)] if self.step_log is not None else []
        return dict(
            optimizer=self.optimizer(),
            loss=self.objective.compile_loss(),
            metrics=[self.objective.compile_metric(), *recorder],  # the recorder last: it reads the others
            jit_compile=self.jit_compile,
            steps_per_execution=1 if self.stacked else self.steps_per_execution,  # stacked: a step is a call
        )
