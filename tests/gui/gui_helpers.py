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
    wait_for(qtbot, window, lambda: not window.training and window.worker is None, timeout)


def wait_for(qtbot, window, condition, timeout=120_000):
    """waitUntil that, on timeout, says what the window showed (banner, status, thread)."""
    try:
        qtbot.waitUntil(lambda: bool(condition()), timeout=timeout)
    except Exception as exc:
        import faulthandler
        import sys

        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)  # where was the worker?
        raise AssertionError(
            f"timed out; banner={window.banner.text()!r} status={window.status_metrics.text()!r} "
            f"training={window.training} live_key={window.live_key}"
        ) from exc


def first_epoch_drawn(window):
    """Some run in the plots has an epoch point (true even if the run has already ended)."""
    return lambda: any(c.series["epoch", "loss"].n >= 1 for c in window.plots.runs.values())
