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
    window.run_actions.resume(run)
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
    window.run_actions.again(first)
    wait_idle(qtbot, window)
    runs = window.runs_table.runs_model.runs
    assert len(runs) == 2
    again = next(r for r in runs if r.run_id != first.run_id)
    assert (again.method, again.optimizer, again.lr) == ("tape", "adam", 0.003)
    window.runs_table.select_runs([first.run_id])
    window.run_actions.rename(first, "my first run")
    assert RunFolder(Path(first.run_dir)).config()["name"] == "my first run"
    assert [label.text for _, label in window.plots.legends["loss"].items] == ["my first run"]
    assert any(r.name == "my first run" for r in window.runs_table.runs_model.runs)
    window.run_actions.delete([first], confirm=False)
    assert not Path(first.run_dir).exists()
    assert [r.run_id for r in window.runs_table.runs_model.runs] == [again.run_id]
    assert first.run_id not in window.plots.runs


def test_the_live_runs_row_follows_each_epoch_without_rereading_the_folder(qtbot, window):
    """Each epoch updates the live run's row in the table; the other runs are not reread each epoch (a folder
    of hundreds of runs made every epoch cost the window's thread a reread of all of them)."""
    from workbench.core.config import TrainConfig

    small_settings(window, epochs=3, train=320, val=100, method="fit")
    seen = []

    def on_epoch(logs):  # connected after the window's own slot, so it sees the table as the user does
        model = window.runs_table.runs_model
        live = next(r for r in model.runs if r.run_id == window.live_key)
        seen.append((live.status, live.epochs_completed, len(model.runs)))
        if len(seen) == 1:  # a run another process wrote meanwhile shows at the next full reread (run end)
            other = RunFolder.create(window.runs_dir, TrainConfig(name="elsewhere").to_dict())
            other.write_status("completed", epochs_completed=1)

    window.controller.epoch_done.connect(on_epoch)
    window.start_button.click()
    wait_idle(qtbot, window)
    assert seen == [("running", 1, 1), ("running", 2, 1), ("running", 3, 1)]
    assert len(window.runs_table.runs_model.runs) == 2  # the run's end rereads the folder
