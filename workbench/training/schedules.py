"""Learning-rate schedules as Keras schedule objects, the same for all three methods.

The optimizer counts steps, so a schedule continues correctly after a resume
(its `iterations` are restored with the rest of the optimizer state).
"""

from __future__ import annotations

import math

import keras

from workbench.core.config import TrainConfig


def learning_rate(cfg: TrainConfig, steps_per_epoch: int):
    """What the optimizer's `learning_rate` is given: a float or a Keras schedule."""
    if cfg.schedule == "constant":
        return cfg.lr
    schedules = keras.optimizers.schedules
    if cfg.schedule == "step":
        return schedules.ExponentialDecay(cfg.lr, decay_steps=cfg.decay_epochs * steps_per_epoch,
                                          decay_rate=cfg.decay_rate, staircase=True)
    if cfg.schedule == "exponential":
        return schedules.ExponentialDecay(cfg.lr, decay_steps=steps_per_epoch, decay_rate=cfg.decay_rate)
    warm = cfg.warmup_epochs * steps_per_epoch
    total = cfg.epochs * steps_per_epoch
    if warm:
        return schedules.CosineDecay(0.0, decay_steps=max(1, total - warm), warmup_target=cfg.lr,
                                     warmup_steps=warm)
    return schedules.CosineDecay(cfg.lr, decay_steps=max(1, total))


def expected(cfg: TrainConfig, steps_per_epoch: int, step: int) -> float:
    """The learning rate after `step` optimizer steps, computed by hand (what tests compare against)."""
    if cfg.schedule == "constant":
        return cfg.lr
    if cfg.schedule == "step":
        return cfg.lr * cfg.decay_rate ** (step // (cfg.decay_epochs * steps_per_epoch))
    if cfg.schedule == "exponential":
        return cfg.lr * cfg.decay_rate ** (step / steps_per_epoch)
    warm = cfg.warmup_epochs * steps_per_epoch
    if step < warm:
        return cfg.lr * step / warm
    decay = max(1, cfg.epochs * steps_per_epoch - warm)
    return cfg.lr * 0.5 * (1 + math.cos(math.pi * min(step - warm, decay) / decay))
