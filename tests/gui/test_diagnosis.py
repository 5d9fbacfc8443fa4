"""The live diagnosis beside the plots, and "Reproduce the article" from the window."""

from gui_helpers import small_settings, wait_idle


def select(combo, value):
    combo.setCurrentIndex(combo.findData(value))


def test_diagnosis_follows_the_settings_in_plain_words(qtbot, window):
    window.diagnosis.enable()
    window.settings.train_limit.setValue(512)
    select(window.settings.loss, "keras_mse")
    qtbot.waitUntil(lambda: not window.diagnosis.busy() and window.diagnosis.report is not None
                    and window.diagnosis.report["config"]["loss"] == "keras_mse", timeout=60_000)
    text = window.diagnosis.text.text()
    assert "0.1× the article's sum-of-squares loss" in text
    assert "Use lr 0.1 or loss sum_mse" in text
    select(window.settings.method, "custom")
    select(window.settings.metric, "categorical_on_sparse")
    qtbot.waitUntil(lambda: not window.diagnosis.busy() and window.diagnosis.report["config"]["metric"]
                    == "categorical_on_sparse", timeout=60_000)
    assert "accuracy is wrong" in window.diagnosis.text.text()
    select(window.settings.loss, "sum_mse")
    select(window.settings.metric, "auto")
    qtbot.waitUntil(lambda: not window.diagnosis.busy() and window.diagnosis.report["config"]["metric"]
                    == "auto" and window.diagnosis.report["config"]["loss"] == "sum_mse", timeout=60_000)
    assert "No pitfall" in window.diagnosis.text.text()
    assert "SparseCategoricalAccuracy" in window.diagnosis.text.text()


def test_reproduce_the_article_from_the_window(qtbot, window):
    small_settings(window, epochs=1, train=320, val=100)
    window.seeds_spin.setValue(1)  # (an experiment of one seed: the suite's time; several seeds: test_article)
    window.findChild(type(window.menuBar().actions()[0]), "reproduceAction").trigger()
    wait_idle(qtbot, window, timeout=600_000)
    qtbot.waitUntil(lambda: getattr(window, "reproduce_dialog", None) is not None, timeout=10_000)
    table = window.reproduce_dialog.table
    assert table.rowCount() == 9
    assert [table.item(r, 0).text() for r in range(9)] == ["tape", "tape", "fit", "fit", "fit", "custom", "custom",
                                                           "custom", "custom"]
    assert table.item(0, 6).text() == "96.61"  # reported beside measured
    assert all(table.item(r, 8).text() not in ("", "—") for r in range(9))
    assert table.item(8, 10).text() == "0.0000" and float(table.item(8, 11).text()) > 0  # Keras's and the true
    assert table.item(8, 12).text() == "finding 3: a loss returned by test_step"
    assert len(window.runs_table.runs_model.runs) == 9
    assert all(r.name.startswith("article-") for r in window.runs_table.runs_model.runs)
    assert table.item(0, 13).text() == "—"  # one seed: no spread to lie within
    qtbot.waitUntil(lambda: window.experiments.data is not None, timeout=20_000)
    assert window.experiments.table.model().rowCount() == 9  # the experiment, as any other
