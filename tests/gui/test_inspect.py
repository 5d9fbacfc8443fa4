"""Inside a run, from the window: confusion matrix, cells' images, per-class table, mistakes, model,
two runs side by side, exports, and the drawing pad."""

import shutil

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from workbench.analysis.evaluation import evaluate
from workbench.gui.widgets.drawing_canvas import CANVAS

from gui_helpers import wait_for
from helpers import digit_strokes


def run_in_table(window, run_id):
    return next(r for r in window.runs_table.runs_model.runs if r.run_id == run_id)


def click(qtbot, widget, point):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point.toPoint())


def test_selecting_a_run_shows_what_it_gets_wrong(qtbot, make_window, trained, tmp_path):
    tape = trained["tape"]
    window = make_window(runs_dir=tape.folder.path.parent)
    window.runs_table.select_runs([tape.summary.run_id])
    window.view_tabs.setCurrentWidget(window.inside)  # the user opens the "Inside the run" tab
    inside = window.inside
    wait_for(qtbot, window, lambda: inside.results, timeout=120_000)
    view = inside.matrices[0]
    counts = [[int(view.text(r, c)) for c in range(10)] for r in range(10)]
    assert sum(map(sum, counts)) == 500  # every validation image, once
    assert sum(counts[i][i] for i in range(10)) / 500 == pytest.approx(tape.summary.final["val_accuracy"], abs=1e-6)
    assert "true 3, predicted" in view.describe(3, 5)  # what hovering shows
    inside.normalise.setChecked(True)
    row_total = sum(float(view.text(0, c)) for c in range(10))
    assert row_total == pytest.approx(100, abs=0.6)
    inside.normalise.setChecked(False)

    # click the most populated wrong cell: its images appear, all of them that true class, predicted wrong
    wrong = max(((r, c) for r in range(10) for c in range(10) if r != c), key=lambda rc: counts[rc[0]][rc[1]])
    click(qtbot, view, view.cell_rect(*wrong).center())
    result = inside.results[0]
    assert inside.cell_images.count() == counts[wrong[0]][wrong[1]] > 0
    for i in inside.cell_images.indices:
        assert result["y_test"][i] == wrong[0] and result["predictions"][i] == wrong[1]

    assert inside.per_class.rowCount() == 10
    assert inside.mistakes.count() == 16  # the most confidently wrong images
    for i in inside.mistakes.indices:
        assert result["predictions"][i] != result["y_test"][i]
    assert "Dense" in inside.summary.toPlainText() and "parameters" in inside.summary.toPlainText()

    written = [inside.export_matrix(tmp_path / f"matrix.{fmt}") for fmt in ("png", "svg", "pdf", "csv")]
    assert all(p is not None and p.stat().st_size > 0 for p in written)
    assert (tmp_path / "matrix.pdf").read_bytes().startswith(b"%PDF")
    assert "predicted class" in (tmp_path / "matrix.svg").read_text()
    csv_rows = (tmp_path / "matrix.csv").read_text().splitlines()
    assert [int(v) for v in csv_rows[1].split(",")[1:]] == counts[0]
    inside.tabs.setCurrentIndex(2)
    png = inside.export_images(tmp_path / "mistakes.png")
    assert png is not None and png.read_bytes().startswith(b"\x89PNG")


def test_two_runs_side_by_side(qtbot, make_window, trained, tmp_path, digit_model_run):
    from workbench.core.config import TrainConfig
    from workbench.training import trainer

    runs_dir = tmp_path / "runs"
    runs_dir.mkdir()
    sgd_id = trained["fit"].summary.run_id
    shutil.copytree(trained["fit"].folder.path, runs_dir / sgd_id)
    adam = trainer.train(TrainConfig(method="fit", optimizer="adam", lr=0.001, loss="crossentropy", epochs=1,
                                     train_limit=2000, val_limit=500, name="adam"), runs_dir)
    shutil.copytree(digit_model_run.folder.path, runs_dir / digit_model_run.summary.run_id)
    window = make_window(runs_dir=runs_dir)
    runs = [run_in_table(window, sgd_id), run_in_table(window, adam.summary.run_id)]
    inside = window.run_actions.inspect(*runs)
    wait_for(qtbot, window, lambda: len(inside.results) == 2, timeout=120_000)
    assert not inside.matrices[1].isHidden() and not inside.only_b_right.isHidden()
    a, b = (evaluate(r.run_dir) for r in runs)
    labels = inside.results[0]["y_test"]
    only_a = np.flatnonzero((np.array(a["predictions"]) == labels) & (np.array(b["predictions"]) != labels))
    only_b = np.flatnonzero((np.array(b["predictions"]) == labels) & (np.array(a["predictions"]) != labels))
    assert inside.mistakes.indices == only_a[:48].tolist()
    assert inside.only_b_right.indices == only_b[:48].tolist()
    assert f"{len(only_b)} images" in inside.only_b_right.title.text()
    assert inside.per_class.columnCount() == 6  # class, precision+recall for each run, images

    # runs evaluated on different validation images: side by side, but not compared image by image
    other = run_in_table(window, digit_model_run.summary.run_id)
    window.run_actions.inspect(runs[0], other)
    wait_for(qtbot, window, lambda: len(inside.results) == 2 and "different validation images"
             in inside.status.text(), timeout=120_000)
    assert inside.only_b_right.isHidden()


def drag(widget, points):
    """A real mouse stroke: press, move with the button held, release."""
    def send(kind, p, buttons):
        event = QMouseEvent(kind, QPointF(*p), widget.mapToGlobal(QPointF(*p)), Qt.MouseButton.LeftButton,
                            buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(widget, event)

    send(QEvent.Type.MouseButtonPress, points[0], Qt.MouseButton.LeftButton)
    for p in points[1:]:
        send(QEvent.Type.MouseMove, p, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def test_drawing_a_digit_shows_live_probabilities(qtbot, make_window, digit_model_run):
    window = make_window(runs_dir=digit_model_run.folder.path.parent)
    inside = window.run_actions.inspect(run_in_table(window, digit_model_run.summary.run_id))
    inside.tabs.setCurrentWidget(inside.pad)
    pad = inside.pad
    wait_for(qtbot, window, lambda: pad.canvas.isEnabled(), timeout=120_000)
    assert "probabilities" in pad.status.text()
    for digit in ("1", "0"):
        qtbot.mouseClick(pad.clear_button, Qt.MouseButton.LeftButton)
        assert pad.scores is None and not pad.answer.text()
        for stroke in digit_strokes(digit, size=CANVAS):  # drawn inside the canvas
            drag(pad.canvas, stroke)
        assert len(pad.canvas.strokes) == 1 and len(pad.canvas.strokes[0]) > 10
        wait_for(qtbot, window, lambda: pad.scores is not None and pad.answered == pad.requests, timeout=60_000)
        assert int(np.argmax(pad.scores)) == int(digit)
        assert pad.answer.text() == f"→ {digit}"
        assert sum(pad.scores) == pytest.approx(1.0, abs=1e-4)
        assert pad.bars[int(digit)].value() == max(bar.value() for bar in pad.bars)


def test_the_pad_says_why_it_is_off_for_other_images(qtbot, make_window, tiny_npz, tmp_path):
    from workbench.core.config import TrainConfig
    from workbench.training import trainer

    run = trainer.train(TrainConfig(dataset=str(tiny_npz), epochs=1, loss="crossentropy", optimizer="adam",
                                    lr=0.001), tmp_path / "runs")
    window = make_window(runs_dir=tmp_path / "runs")
    inside = window.run_actions.inspect(run_in_table(window, run.summary.run_id))
    wait_for(qtbot, window, lambda: inside.results, timeout=120_000)
    assert inside.matrices[0].counts.shape == (3, 3)  # the dataset's own classes
    assert not inside.pad.canvas.isEnabled()
    assert "12×12×3" in inside.pad.status.text() and "28×28" in inside.pad.status.text()
