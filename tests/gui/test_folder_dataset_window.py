"""Your own data, from the window: Inside the run names an image folder's classes as its folders do, and a CSV's
as its labels, with its most confidently wrong rows shown as their values."""

from __future__ import annotations

from test_image_folder import digits_folder

from workbench.core.config import TrainConfig
from workbench.training import trainer

from gui_helpers import wait_for


def test_inside_the_run_shows_the_class_names_of_a_folder(qtbot, make_window, tmp_path):
    folder = digits_folder(tmp_path / "digits", per_class=16, test=6)
    run = trainer.train(TrainConfig(dataset=str(folder), epochs=1, batch_size=8), tmp_path / "runs")
    window = make_window(runs_dir=tmp_path / "runs")
    window.runs_table.select_runs([run.summary.run_id])
    window.view_tabs.setCurrentWidget(window.inside)
    inside = window.inside
    wait_for(qtbot, window, lambda: inside.results, timeout=120_000)
    assert [inside.per_class.item(r, 0).text() for r in range(inside.per_class.rowCount())] == [
        "one", "seven", "zero"]
    view = inside.matrices[0]
    assert view.names == ["one", "seven", "zero"]
    assert view.describe(2, 0).startswith("true zero, predicted one:")
    if inside.mistakes.count():  # the gallery's captions: "true zero → one" and the top-3 by name
        from PySide6.QtWidgets import QLabel

        caption = inside.mistakes.cells[0].findChildren(QLabel)[1].text()
        assert caption.startswith("true ") and any(f"→ {n}" in caption for n in ("one", "seven", "zero"))


def test_inside_the_run_shows_a_csvs_class_names_and_its_wrong_rows(qtbot, make_window, tmp_path):
    from PySide6.QtWidgets import QLabel
    from test_table_data import write_csv

    path = write_csv(tmp_path / "m.csv")
    run = trainer.train(TrainConfig(dataset=str(path), label_column="kind", epochs=1, batch_size=16),
                        tmp_path / "runs")
    window = make_window(runs_dir=tmp_path / "runs")
    window.runs_table.select_runs([run.summary.run_id])
    window.view_tabs.setCurrentWidget(window.inside)
    inside = window.inside
    wait_for(qtbot, window, lambda: inside.results, timeout=120_000)
    assert [inside.per_class.item(r, 0).text() for r in range(3)] == ["high", "low", "mid"]
    assert inside.mistakes.count() > 0  # one epoch: some rows are wrong, shown as their values
    row = inside.mistakes.cells[0].findChild(QLabel, "galleryRow")
    assert row is not None and row.text().splitlines()[0].startswith("a = ")


def test_the_dataset_preview_shows_classes_counts_and_samples(qtbot, make_window, tmp_path):
    from test_table_data import write_csv

    folder = digits_folder(tmp_path / "digits", per_class=16, test=6)
    window = make_window(runs_dir=tmp_path / "runs")
    window.settings.dataset.setText(str(folder))
    window.settings.preview_requested.emit()  # the dataset field's menu: "Preview the dataset…"
    dialog = window.data_preview
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    table = dialog.counts
    assert [[table.item(r, c).text() for c in range(3)] for r in range(3)] == [
        ["one", "16", "6"], ["seven", "16", "6"], ["zero", "16", "6"]]
    assert dialog.samples.count() == 9 and "3 classes, 48 training and 18 validation images of 28×28" in (
        dialog.status.text())
    # a folder without test/: the expected validation share, said to be expected
    window.settings.dataset.setText(str(folder / "train"))
    window.settings.preview_requested.emit()
    dialog = window.data_preview
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.counts.item(0, 1).text() == "13" and dialog.counts.item(0, 2).text() == "3"
    assert "Keras draws it with the seed" in dialog.status.text()
    # a CSV: its rows as their values
    window.settings.dataset.setText(str(write_csv(tmp_path / "m.csv")))
    window.settings.label_column.setText("kind")
    window.settings.preview_requested.emit()
    dialog = window.data_preview
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert "rows of 4 features" in dialog.status.text()
    # a folder that cannot be a dataset: one message, the window still usable
    (tmp_path / "one" / "only").mkdir(parents=True)
    window.settings.dataset.setText(str(tmp_path / "one"))
    window.settings.preview_requested.emit()
    dialog = window.data_preview
    qtbot.waitUntil(lambda: "cannot be read" in dialog.status.text(), timeout=60_000)
    assert "a dataset needs at least two" in dialog.status.text()
