"""Run folders read back, whatever state they were left in."""

import json
import os

from workbench.runs import RunFolder, list_runs, read_run, write_json_atomic


def make_run(tmp_path, **config):
    cfg = {"method": "fit", "optimizer": "sgd", "lr": 0.01, "epochs": 3, **config}
    return RunFolder.create(tmp_path, cfg)


def test_a_written_run_reads_back(tmp_path):
    folder = make_run(tmp_path, name="mine")
    folder.append_history({"epoch": 1, "loss": 0.5, "accuracy": 0.8, "val_loss": 0.4, "val_accuracy": 0.85, "lr": 0.01, "seconds": 1.5})
    folder.append_history({"epoch": 2, "loss": 0.3, "accuracy": 0.9, "val_loss": 0.35, "val_accuracy": 0.88, "lr": 0.01, "seconds": 1.0})
    folder.append_batches([{"step": 1, "epoch": 1, "loss": 0.9, "accuracy": 0.1}])
    folder.write_status("completed", seconds=2.5)
    s = read_run(folder.path)
    assert (s.name, s.status, s.epochs_completed, s.epochs) == ("mine", "completed", 2, 3)
    assert s.final["val_accuracy"] == 0.88 and s.best_val_accuracy == 0.88 and s.best_val_loss == 0.35
    assert s.epoch_seconds == [1.5, 1.0] and s.seconds == 2.5
    assert folder.batches()["loss"] == [0.9]


def test_a_run_whose_process_is_gone_is_interrupted(tmp_path):
    folder = make_run(tmp_path)
    status = json.loads((folder.path / "status.json").read_text())
    assert status["status"] == "running" and status["pid"] == os.getpid()
    assert read_run(folder.path).status == "running"  # this process is alive
    status["pid"] = 2**22 + 12345  # no such process
    write_json_atomic(folder.path / "status.json", status)
    assert read_run(folder.path).status == "interrupted"


def test_a_torn_last_line_is_dropped(tmp_path):
    folder = make_run(tmp_path)
    folder.append_history({"epoch": 1, "loss": 0.5})
    with open(folder.path / "history.csv", "a") as f:
        f.write("2,0.4,0.")  # killed mid-write
    assert [r["epoch"] for r in folder.history()] == [1]


def test_junk_in_the_runs_folder_never_breaks_the_list(tmp_path):
    good = make_run(tmp_path)
    (tmp_path / "stray.txt").write_text("hello")
    (tmp_path / "empty-dir").mkdir()
    half = tmp_path / "half"
    half.mkdir()
    (half / "config.json").write_text("{not json")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "config.json").write_text(json.dumps({"method": 5, "lr": "fast", "epochs": "many"}))
    (foreign / "history.csv").write_text("epoch,loss\nx,y\n")
    runs = {r.run_id: r for r in list_runs(tmp_path)}
    assert set(runs) == {good.run_id, "half", "foreign"}
    assert runs["half"].status == "unknown" and runs["foreign"].method is None
    assert runs["foreign"].lr is None


def test_status_is_replaced_atomically(tmp_path):
    folder = make_run(tmp_path)
    folder.write_status("completed", error=None)
    assert not [p for p in folder.path.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((folder.path / "status.json").read_text())["status"] == "completed"
