"""Run folders read back, whatever state they were left in."""

import json
import os

from workbench.core.run_summary import list_runs, read_run
from workbench.core.runs import RunFolder, write_json_atomic


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
    (foreign / "batches.csv").write_text('step,epoch\n1,"2\x00\n"unterminated\n')
    runs = {r.run_id: r for r in list_runs(tmp_path)}
    assert set(runs) == {good.run_id, "half", "foreign"}
    assert runs["half"].status == "unknown" and runs["foreign"].method is None
    assert runs["foreign"].lr is None


def test_status_is_replaced_atomically(tmp_path):
    folder = make_run(tmp_path)
    folder.write_status("completed", error=None)
    assert not [p for p in folder.path.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((folder.path / "status.json").read_text())["status"] == "completed"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
file_text = st.one_of(
    st.text(max_size=200),
    json_values.map(json.dumps),
    st.dictionaries(st.sampled_from(["method", "lr", "epochs", "name", "status", "pid", "host", "seconds",
                                     "batch_size", "train_limit", "dataset"]), json_values).map(json.dumps),
    st.lists(st.lists(st.text(alphabet="0123456789.,-eanif", max_size=8), max_size=8), max_size=6)
    .map(lambda rows: "epoch,loss,accuracy,val_loss,val_accuracy,lr,seconds\n" + "\n".join(",".join(r) for r in rows)),
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(config=file_text, status=file_text, history=file_text, batches=file_text)
def test_readers_never_raise_on_whatever_a_folder_holds(tmp_path, config, status, history, batches):
    run = tmp_path / "run"
    run.mkdir(exist_ok=True)
    for name, text in (("config.json", config), ("status.json", status), ("history.csv", history),
                       ("batches.csv", batches)):
        (run / name).write_text(text)
    summary = read_run(run)
    assert summary is not None and summary.run_id == "run"
    assert isinstance(summary.status, str) and isinstance(summary.epochs_completed, int)
    folder = RunFolder(run)
    folder.batches()
    folder.steps_per_epoch()
    assert [r.run_id for r in list_runs(tmp_path)] == ["run"]
