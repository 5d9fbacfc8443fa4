"""The LR range test (Smith 2015, fastai's `lr_find`), for all three methods, losses and optimizers.

From the run's initial weights (same seed, same batches), the learning rate grows exponentially from
`lr_min` to `lr_max` over `steps` training steps; each step's loss is recorded, smoothed (TensorBoard's and
fastai's debiased moving average), and the test stops when the smoothed loss exceeds 4× its minimum (it
exploded). It trains through the method itself (`methods.get(method)`), so `fit` sees Keras's compiled loss
and `tape` its hand-written one, with a callback setting the learning rate before each step. Nothing is
saved and no run folder is made: the run's own weights are those it starts from whatever the test did.

Three suggestions, fastai's, all on the smoothed curve:
- **steepest**: where the loss falls fastest against log(lr) (before its minimum);
- **valley**: two thirds along the longest stretch of falling loss, a safer, usually smaller lr;
- **minimum ÷ 10**: a tenth of the lr at the lowest loss, an order of magnitude back from where it turns.
Under SGD a loss 10× smaller (Keras's `"mse"` against the article's sum of squares) has gradients 10× smaller,
so its curve and both suggestions move 10× to the right; under Adam they barely move.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np

from workbench.core import data as datamod
from workbench.core.config import TrainConfig
from workbench.core.stop import StopFlag
from workbench.training import methods
from workbench.training.callbacks import StopOnFlag

LR_MIN, LR_MAX, STEPS = 1e-6, 10.0, 300
EXPLODED = 4.0  # the smoothed loss above this many times its minimum: stop
BETA = 0.98  # smoothing of the loss (debiased exponential moving average)
SKIP = 0.05  # the first 5% of steps are not suggested (the average is still settling)
SLOPE_DECADES = 0.5  # the steepest slope is fitted over ±half a decade of lr


@dataclass
class LrFindResult:
    lrs: list[float]
    losses: list[float]  # smoothed
    raw_losses: list[float]
    suggested_lr: float | None
    valley_lr: float | None
    exploded: bool
    minimum_lr: float | None = None
    config: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"suggested_lr": self.suggested_lr, "valley_lr": self.valley_lr, "minimum_lr": self.minimum_lr,
                "lrs": self.lrs,
                "losses": self.losses, "raw_losses": self.raw_losses, "exploded": self.exploded,
                "method": self.config.get("method"), "loss": self.config.get("loss"),
                "optimizer": self.config.get("optimizer")}


class LrSweep(keras.callbacks.Callback):
    """Sets step i's learning rate, reads its loss, stops when the lrs are done or the loss exploded.

    The logged loss is the epoch's running mean over the steps so far (Keras's tracker, and the tape loop's
    in the same way), so step k's own loss is k·mean_k − (k−1)·mean_(k−1)."""

    def __init__(self, lrs: np.ndarray, flag: StopFlag,
                 progress: Callable[[int, int], None] | None = None) -> None:
        super().__init__()
        self.lrs = lrs
        self.flag = flag
        self.progress = progress
        self.i = 0
        self.raw: list[float] = []
        self.smoothed: list[float] = []
        self.exploded = False
        self._avg = 0.0
        self._mean_before = 0.0

    def _set(self, lr: float) -> None:
        self.model.optimizer.learning_rate.assign(lr)

    def on_train_begin(self, logs=None):
        self._set(float(self.lrs[0]))

    def on_epoch_begin(self, epoch, logs=None):
        self._mean_before = 0.0

    def on_train_batch_end(self, batch, logs=None):
        if self.flag.is_set():
            return
        mean = float((logs or {}).get("loss", float("nan")))
        k = batch + 1  # steps of this epoch so far (one step per call here)
        loss = k * mean - (k - 1) * self._mean_before
        self._mean_before = mean
        self.raw.append(loss)
        self._avg = BETA * self._avg + (1 - BETA) * loss
        self.smoothed.append(self._avg / (1 - BETA ** len(self.raw)))
        self.i += 1
        if self.progress is not None:
            self.progress(self.i, len(self.lrs))
        best = min(self.smoothed)
        if not math.isfinite(self.smoothed[-1]) or (self.i > 10 and self.smoothed[-1] > EXPLODED * best):
            self.exploded = True
            self.flag.set()
        elif self.i >= len(self.lrs):
            self.flag.set()
        else:
            self._set(float(self.lrs[self.i]))


def steepest(lrs: np.ndarray, losses: np.ndarray) -> int | None:
    """The index where the loss falls fastest against log(lr), before the loss's minimum. The slope is a
    least-squares line over ±half a decade of lr: the point-to-point slope of a noisy curve jumped between
    neighbours (measured: keras_mse / sum_mse suggestions 4–13× over three seeds; with the window 9–13×)."""
    n = len(losses)
    if n < 3 or not np.isfinite(losses).any():
        return None
    x = np.log10(lrs)
    start, end = int(n * SKIP), int(np.nanargmin(losses))
    if end - start < 2:
        return None
    half = max(2, int(round(SLOPE_DECADES / max(x[1] - x[0], 1e-12))))
    best, where = math.inf, None
    for i in range(start, end + 1):
        a, b = max(0, i - half), min(end, i + half)
        if b - a < 2:
            continue
        slope = np.polyfit(x[a:b + 1], losses[a:b + 1], 1)[0]
        if slope < best:
            best, where = slope, i
    return where


def valley(losses: np.ndarray) -> int | None:
    """fastai's valley: two thirds along the longest decreasing run of the loss (its longest strictly
    decreasing subsequence, from its first point to its last). fastai's own code lands halfway
    (`start + int(third) + int(third / 2)`) though its text says two thirds; this says and does two thirds."""
    losses = np.asarray(losses, dtype=float)
    n = len(losses)
    if n < 3 or not np.isfinite(losses).any():
        return None
    length = np.ones(n, dtype=np.intp)
    before = np.full(n, -1, dtype=np.intp)  # the previous point of the longest run ending here
    for i in range(1, n):
        higher = np.flatnonzero(losses[:i] > losses[i])  # (NaN compares false: never part of a run)
        if len(higher):
            j = higher[len(higher) - 1 - int(np.argmax(length[higher][::-1]))]  # the nearest of the longest
            length[i], before[i] = length[j] + 1, j
    end = int(np.argmax(length))
    start = end
    while before[start] >= 0:
        start = int(before[start])
    return start + round(2 * (end - start) / 3)


def minimum(losses: np.ndarray) -> int | None:
    """The index of the smoothed loss's minimum (fastai's `minimum` suggests its lr ÷ 10)."""
    losses = np.asarray(losses, dtype=float)
    return int(np.nanargmin(losses)) if np.isfinite(losses).any() else None


def lr_find(config: TrainConfig, steps: int = STEPS, lr_min: float = LR_MIN, lr_max: float = LR_MAX,
            progress: Callable[[int, int], None] | None = None) -> LrFindResult:
    """Runs the test for `config` (its method, loss, optimizer, model, batch size, data and seed)."""
    base = config.replace(steps_per_execution=1, schedule="constant", warmup_epochs=0, early_stop_patience=0,
                          lr=lr_min)
    data = datamod.prepare(base)
    per_epoch = datamod.steps_per_epoch(len(data.x_train), base.batch_size)
    cfg = base.replace(epochs=max(1, math.ceil(steps / per_epoch)))
    lrs = lr_min * (lr_max / lr_min) ** (np.arange(steps) / max(steps - 1, 1))
    keras.utils.set_random_seed(cfg.seed)  # the run's initial weights: the same seed makes the same
    setup = methods.Setup(cfg, data)
    flag = StopFlag()
    sweep = LrSweep(lrs, flag, progress)
    setup.callbacks = [sweep, StopOnFlag(flag, setup.steps_per_epoch)]
    methods.get(cfg.method)(setup)
    done = len(sweep.raw)
    tried = lrs[:done]
    smoothed = np.array(sweep.smoothed)
    steep, low, lowest = steepest(tried, smoothed), valley(smoothed), minimum(smoothed)
    return LrFindResult(
        lrs=[float(v) for v in tried], losses=[float(v) for v in smoothed], raw_losses=[float(v) for v in sweep.raw],
        suggested_lr=float(tried[steep]) if steep is not None else None,
        valley_lr=float(tried[low]) if low is not None else None, exploded=sweep.exploded, config=cfg.to_dict(),
        minimum_lr=float(tried[lowest]) / 10 if lowest is not None else None)
