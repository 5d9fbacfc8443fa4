"""The run queue without a window: Compare optimizers, a failure ending a batch, Stop dropping the queue, resume."""

from __future__ import annotations

import pytest

from workbench.core.config import TrainConfig
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.gui.run_controller import RunController

SMALL = dict(epochs=1, train_limit=320, val_limit=100)


@pytest.fixture
def controller(tmp_path):
    made = RunController(tmp_path)
    yield made
    made.shutdown()  # a failed test must not leave its thread running


def record(controller: RunController) -> dict:
    seen: dict = {"busy": [], "batches": [], "summaries": [], "failed": [], "ended": []}
    controller.busy_changed.connect(seen["busy"].append)
    controller.batch_finished.connect(seen["batches"].append)
    controller.run_finished.connect(seen["summaries"].append)
    controller.failed.connect(seen["failed"].append)
    controller.run_ended.connect(seen["ended"].append)
    return seen


def test_compare_optimizers_trains_sgd_then_adam_and_reports_both(qtbot, tmp_path, controller):
    seen = record(controller)
    assert controller.compare_optimizers(TrainConfig(method="tape", name="cmp", **SMALL))
    assert controller.training and not controller.start(TrainConfig(**SMALL))  # one batch at a time
    qtbot.waitUntil(lambda: bool(seen["batches"]), timeout=180_000)
    made = seen["batches"][0]
    assert len(made) == 2 and seen["busy"] == [True, False] and seen["ended"] == made
    configs = [RunFolder(tmp_path / run_id).config() for run_id in made]
    assert [(c["optimizer"], c["lr"], c["name"]) for c in configs] == [
        ("sgd", 0.01, "cmp SGD lr=0.01"), ("adam", 0.001, "cmp Adam lr=0.001")]
    assert {c["method"] for c in configs} == {"tape"}  # everything else stays
    assert not controller.training and controller.live_run_id is None


def test_a_run_that_cannot_start_ends_the_batch_and_says_why(qtbot, tmp_path, controller):
    seen = record(controller)
    controller.compare_optimizers(TrainConfig(batch_size=500, **SMALL))  # larger than the 320 samples
    qtbot.waitUntil(lambda: bool(seen["batches"]), timeout=120_000)
    assert seen["batches"] == [[]] and "batch_size" in seen["failed"][0]
    assert not list(tmp_path.iterdir())  # the queued Adam run did not run either


def test_stop_keeps_the_run_drops_the_queue_and_resume_finishes_it(qtbot, tmp_path, controller):
    seen = record(controller)
    controller.batches.connect(lambda points: controller.stop() if points["epoch"] >= 2 else None)
    controller.compare_optimizers(TrainConfig(epochs=2, train_limit=3000, val_limit=100))
    qtbot.waitUntil(lambda: bool(seen["batches"]), timeout=180_000)
    (stopped,) = seen["batches"][0]  # the Adam run never started
    assert read_run(tmp_path / stopped).status == "stopped"
    controller.batches.disconnect()
    seen["batches"].clear()
    assert read_run(tmp_path / stopped).epochs_completed == 1  # stopped in epoch 2, after its checkpoint
    assert controller.resume(tmp_path / stopped)
    qtbot.waitUntil(lambda: bool(seen["batches"]), timeout=180_000)
    assert read_run(tmp_path / stopped).status == "completed"
