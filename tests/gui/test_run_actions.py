"""The runs table's actions: resume, run again, rename, delete."""

from pathlib import Path

from workbench.core.runs import RunFolder

from gui_helpers import first_epoch_drawn, small_settings, wait_for, wait_idle


def test_stop_then_resume_from_the_window(qtbot, window):
    small_settings(window, epochs=20, train=6000, val=200, method="custom")  # far longer than the wait
    window.start_button.click()
    wait_for(qtbot, window, first_epoch_drawn(window))
    window.stop_button.click()
    wait_idle(qtbot, window)
    stopped = window.last_summary
    assert stopped["status"] == "stopped" and "resume" in window.status_metrics.text()
    run = next(r for r in window.runs_table.runs_model.runs if r.run_id == stopped["run_id"])
    window.resume_run(run)
    wait_idle(qtbot, window)
    assert window.last_summary["status"] == "completed" and window.last_summary["run_id"] == run.run_id
    assert window.last_summary["epochs_completed"] == 20
    curves = window.plots.runs[run.run_id]
    assert curves.series["epoch", "loss"].n == 20  # recorded epochs, then the resumed ones
    assert curves.series["batch", "loss"].data()[0].tolist() == list(range(1, 20 * 188 + 1))


def test_run_again_rename_and_delete(qtbot, window):
    small_settings(window, epochs=1, train=320, val=100, method="tape", optimizer="adam")
    window.settings.lr.setValue(0.003)
    window.start_button.click()
    wait_idle(qtbot, window)
    first = window.runs_table.runs_model.runs[0]
    small_settings(window, method="fit", optimizer="sgd")  # the panel now says something else
    window.run_again(first)
    wait_idle(qtbot, window)
    runs = window.runs_table.runs_model.runs
    assert len(runs) == 2
    again = next(r for r in runs if r.run_id != first.run_id)
    assert (again.method, again.optimizer, again.lr) == ("tape", "adam", 0.003)
    window.runs_table.select_runs([first.run_id])
    window.rename_run(first, "my first run")
    assert RunFolder(Path(first.run_dir)).config()["name"] == "my first run"
    assert [label.text for _, label in window.plots.legends["loss"].items] == ["my first run"]
    assert any(r.name == "my first run" for r in window.runs_table.runs_model.runs)
    window.delete_runs([first], confirm=False)
    assert not Path(first.run_dir).exists()
    assert [r.run_id for r in window.runs_table.runs_model.runs] == [again.run_id]
    assert first.run_id not in window.plots.runs
