"""Training options in the window: greyed where they do not apply, in the config, drawn as an lr curve."""

from gui_helpers import small_settings, wait_idle


def select(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_options_apply_only_where_they_mean_something(window):
    s = window.settings
    assert not s.options.isVisible()
    s.options_toggle.click()
    assert s.options.isVisible()
    select(s.optimizer, "adam")
    assert not s.momentum.isEnabled() and not s.nesterov.isEnabled()
    select(s.optimizer, "sgd")
    s.momentum.setValue(0.9)
    assert s.nesterov.isEnabled()
    select(s.schedule, "cosine")
    assert s.warmup.isEnabled() and not s.decay_rate.isEnabled() and not s.decay_epochs.isEnabled()
    select(s.schedule, "step")
    assert s.decay_rate.isEnabled() and s.decay_epochs.isEnabled() and not s.warmup.isEnabled()
    assert not s.min_delta.isEnabled() and not s.restore_best.isEnabled()
    s.patience.setValue(2)
    assert s.min_delta.isEnabled() and s.restore_best.isEnabled()
    s.nesterov.setChecked(True)
    cfg = s.config()
    assert (cfg.momentum, cfg.nesterov, cfg.schedule, cfg.early_stop_patience) == (0.9, True, "step", 2)
    s.set_config(cfg.replace(schedule="cosine", warmup_epochs=1, momentum=0.0, nesterov=False))
    assert s.config().schedule == "cosine" and s.config().warmup_epochs == 1


def test_a_cosine_run_with_early_stopping_draws_its_learning_rate(qtbot, window):
    small_settings(window, epochs=5, train=640, val=200)
    s = window.settings
    select(s.schedule, "cosine")
    s.warmup.setValue(1)
    window.start_button.click()
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "completed"
    curves = window.plots.runs[window.last_summary["run_id"]]
    lrs = curves.series["epoch", "lr"].data()[1]
    assert len(lrs) == 5 and lrs[0] == max(lrs) and lrs[-1] < lrs[1]  # warm-up peak, then decay
    x, y = curves.items["epoch", "lr"].getData()
    assert len(x) == 5
    assert window.plots.lr_plot.isVisible()  # shown because this run's learning rate changes
