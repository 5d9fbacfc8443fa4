"""Helpers for GUI tests: set widgets as a user would, wait for the worker."""

from __future__ import annotations


def small_settings(window, *, epochs=2, train=2000, val=500, **combos):
    """Sets the widgets the way a user would before pressing Start."""
    s = window.settings
    s.epochs.setValue(epochs)
    s.train_limit.setValue(train)
    s.val_limit.setValue(val)
    for name, value in combos.items():
        combo = getattr(s, name)
        combo.setCurrentIndex(combo.findData(value))


def wait_idle(qtbot, window, timeout=180_000):
    qtbot.waitUntil(lambda: not window.training and window.worker is None, timeout=timeout)
