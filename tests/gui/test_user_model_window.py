"""The window with the user's own model: picked as a file in the model combo, trained, and — for a run folder from
another computer — its model code run only after the user said yes."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from workbench.core.config import TrainConfig
from workbench.core.model_source import COPY_PY
from workbench.core.run_summary import read_run
from workbench.gui.widgets.open_choice_combo import OTHER
from workbench.training import trainer

from gui_helpers import small_settings, wait_idle

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "convnet.py"


def choose(qtbot, combo, index: int) -> None:
    """What a click on the item does: the index changes, then `activated`."""
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_the_model_combo_takes_a_file_and_the_window_trains_it(qtbot, window):
    combo = window.settings.model
    assert [combo.itemData(i) for i in range(combo.count())] == ["mlp", "cnn", OTHER]
    assert combo.itemText(2) == "Your model file…"
    spec = f"{EXAMPLE}:build"
    asked = []
    combo.asker = lambda parent: asked.append(parent) or None  # cancelled: back to what it was
    choose(qtbot, combo, 2)
    assert asked and combo.currentData() == "mlp"
    combo.asker = lambda parent: spec
    choose(qtbot, combo, 2)
    assert combo.currentData() == spec and combo.currentText() == "convnet.py · build"
    assert [combo.itemData(i) for i in range(combo.count())] == ["mlp", "cnn", spec, OTHER]
    assert window.settings.config().model == spec
    small_settings(window, epochs=1, train=320, val=64)
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    (run,) = window.runs_table.runs_model.runs
    assert run.status == "completed", window.banner.text()
    assert (Path(run.run_dir) / COPY_PY).read_text() == EXAMPLE.read_text()


def test_a_run_from_another_computer_runs_its_model_code_only_when_the_user_says_yes(qtbot, make_window, tmp_path,
                                                                                   monkeypatch):
    made = trainer.train(TrainConfig(model=f"{EXAMPLE}:build", optimizer="adam", lr=0.001, train_limit=320,
                                     val_limit=64, epochs=2), tmp_path / "mine")
    runs = tmp_path / "theirs"
    shutil.copytree(made.folder.path, runs / made.folder.path.name)
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "another-computer"))
    window = make_window(runs_dir=runs)
    run = read_run(runs / made.folder.path.name)
    actions = window.run_actions
    actions.answers = [False]
    actions.fork(run, answer=(1, {"lr": 0.0005}))
    assert not actions.answers and not window.training and len(list(runs.iterdir())) == 1  # "no": nothing runs
    actions.answers = [True]
    actions.fork(run, answer=(1, {"lr": 0.0005}))
    wait_idle(qtbot, window)
    forks = [r for r in window.runs_table.runs_model.runs if r.run_id != run.run_id]
    assert len(forks) == 1 and forks[0].status == "completed", window.banner.text()
    assert (Path(forks[0].run_dir) / COPY_PY).is_file()
