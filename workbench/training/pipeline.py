"""The one tf.data pipeline every method trains from.

Each epoch's order is a pure function of (seed, epoch): a stateless shuffle of
the sample indices. That is what makes "same seed, same batches" hold: `fit`
iterates a dataset more often than a hand loop does, so a reshuffling dataset
would give it other orders than the tape loop.

- The tape loop iterates one dataset holding every epoch, once (in fast mode the
  same batches stacked N at a time, `chunked_train_dataset`).
- `fit` re-iterates a one-epoch dataset each epoch; which epoch it yields is read
  from a variable that `EpochSetter` sets in `on_epoch_begin`, before Keras opens
  the epoch's iterator. (One iterator across epochs with `steps_per_epoch` would
  do too, but with `steps_per_execution=N` Keras's last chunk of an epoch then
  runs on into the next epoch's batches.)
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from workbench.core.data import ImageData, steps_per_epoch  # noqa: F401

VAL_BATCH = 500
PARALLEL = 2  # gathering a batch is cheap: two calls in flight keep a step fed


def epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    """The sample order of one epoch (for tests and resuming)."""
    order = tf.random.experimental.stateless_shuffle(
        tf.range(n, dtype=tf.int32), seed=tf.constant([seed, epoch], tf.int64)
    )
    return order.numpy()


def _prepare(data: ImageData, onehot: bool):
    scale = tf.constant(data.scale, tf.float32)
    classes = data.num_classes

    def prep(x, y):
        x = tf.cast(x, tf.float32) / scale
        y = tf.one_hot(y, classes) if onehot else y
        return x, y

    return prep


def _gathered(data: ImageData, seed: int, onehot: bool, epochs: tf.data.Dataset, blocks) -> tf.data.Dataset:
    """Each epoch number that `epochs` yields becomes that epoch's seeded order, cut into index blocks
    by `blocks(order)` (a dataset of index tensors), gathered and prepared."""
    n = len(data.x_train)
    x = tf.constant(data.x_train)
    y = tf.constant(data.y_train)
    prep = _prepare(data, onehot)
    seed_t = tf.constant(seed, tf.int64)

    def epoch_blocks(epoch):
        order = tf.random.experimental.stateless_shuffle(
            tf.range(n, dtype=tf.int32), seed=tf.stack([seed_t, epoch])
        )
        return blocks(order)

    ds = epochs.flat_map(epoch_blocks).map(
        lambda idx: prep(tf.gather(x, idx), tf.gather(y, idx)),
        num_parallel_calls=PARALLEL,
        deterministic=True,
    )
    # Fixed sizes, no tf.data autotuning: with it, dropping an iterator sometimes took 1 s here (its
    # tuning thread), which a Stop waited for (the tape loop's iterator) and fit paid at epoch ends.
    options = tf.data.Options()
    options.autotune.enabled = False
    return ds.prefetch(2).with_options(options)


def _batches(data: ImageData, batch_size: int, seed: int, onehot: bool,
             epochs: tf.data.Dataset) -> tf.data.Dataset:
    """Each epoch's batches, in its seeded order."""
    return _gathered(data, seed, onehot, epochs,
                     lambda order: tf.data.Dataset.from_tensor_slices(order).batch(batch_size))


def train_dataset(
    data: ImageData, batch_size: int, seed: int, epochs: int, onehot: bool, first_epoch: int = 0
) -> tf.data.Dataset:
    """Batches of epochs first_epoch..epochs-1, in the seeded order, labels int or one-hot."""
    return _batches(data, batch_size, seed, onehot, tf.data.Dataset.range(first_epoch, epochs))


def chunk_plan(n: int, batch_size: int, chunk: int) -> list[int]:
    """Steps in each element of `chunked_train_dataset` for one epoch: chunks of full batches, then
    the short last batch on its own (a stacked chunk needs batches of one size)."""
    full, rest = divmod(n, batch_size)
    plan = [chunk] * (full // chunk) + ([full % chunk] if full % chunk else [])
    return plan + ([1] if rest else [])


def _chunks(n: int, batch_size: int, chunk: int):
    """An epoch's order as index blocks of `chunk` full batches each, then the short last batch on its own."""
    full, rest = divmod(n, batch_size)

    def chunks(order):
        head = tf.reshape(order[: full * batch_size], [full, batch_size])
        ds = tf.data.Dataset.from_tensor_slices(head).batch(chunk)
        if rest:
            ds = ds.concatenate(tf.data.Dataset.from_tensors(tf.reshape(order[full * batch_size :], [1, rest])))
        return ds

    return chunks


def chunked_train_dataset(
    data: ImageData, batch_size: int, seed: int, epochs: int, onehot: bool, first_epoch: int, chunk: int
) -> tf.data.Dataset:
    """The same batches as `train_dataset`, stacked `chunk` at a time: (k, batch, ...) per element.

    Fast mode of the tape loop and of `custom`: one compiled call then runs k steps over the
    stacked batches inside XLA, with no iterator round trip per step.
    """
    chunks = _chunks(len(data.x_train), batch_size, chunk)
    return _gathered(data, seed, onehot, tf.data.Dataset.range(first_epoch, epochs), chunks)


def chunked_epoch_dataset(
    data: ImageData, batch_size: int, seed: int, epoch: tf.Variable, onehot: bool, chunk: int
) -> tf.data.Dataset:
    """`epoch_dataset`'s batches stacked as `chunked_train_dataset` stacks them (`custom`'s fast mode)."""
    return _gathered(data, seed, onehot, _current(epoch), _chunks(len(data.x_train), batch_size, chunk))


def epoch_dataset(
    data: ImageData, batch_size: int, seed: int, epoch: tf.Variable, onehot: bool
) -> tf.data.Dataset:
    """One epoch's batches, in the order of the epoch that `epoch` holds when iteration starts."""
    return _batches(data, batch_size, seed, onehot, _current(epoch))


def _current(epoch: tf.Variable) -> tf.data.Dataset:
    """The epoch number `epoch` holds when an iterator starts (fit opens one per epoch)."""
    return tf.data.Dataset.range(1).map(lambda _: epoch.read_value())


def val_dataset(data: ImageData, onehot: bool) -> tf.data.Dataset:
    """The validation split in order, in fixed batches, cached after the first pass."""
    ds = tf.data.Dataset.from_tensor_slices((data.x_test, data.y_test)).batch(VAL_BATCH)
    return ds.map(_prepare(data, onehot)).cache().prefetch(tf.data.AUTOTUNE)
