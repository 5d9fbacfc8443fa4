"""Runs from disk, overlays, smoothing, Compare optimizers, export — through the window."""

from __future__ import annotations

import csv
import struct
import xml.etree.ElementTree as ET

import numpy as np

from gui_helpers import small_settings, wait_idle


def legend_texts(window, metric="loss"):
    return [label.text for _, label in window.plots.legends[metric].items]


def test_runs_trained_elsewhere_appear_and_overlay(trained, make_window):
    runs_dir = trained["tape"].folder.path.parent
    window = make_window(runs_dir=runs_dir)
    table = window.runs_table
    names = {r.name for r in table.runs_model.runs}
    assert {"small tape", "small fit", "small custom"} <= names
    assert not window.empty_hint.isVisible()
    ids = [trained["tape"].summary.run_id, trained["fit"].summary.run_id]
    table.select_runs(ids)
    assert set(window.plots.runs) == set(ids)
    for metric in ("loss", "accuracy"):
        texts = legend_texts(window, metric)
        assert texts == ["small tape", "small fit"]  # one entry per run, named
    colors = {c.color for c in window.plots.runs.values()}
    assert len(colors) == 2  # one colour per run
    window.plots.redraw(force=True)
    assert not window.plots.lr_plot.isVisible()  # constant learning rates: no lr plot taking room
    table.select_runs(ids[:1])
    assert set(window.plots.runs) == set(ids[:1])
    assert legend_texts(window) == ["small tape"]


def test_smoothing_changes_the_drawn_curve_not_the_data(trained, make_window):
    window = make_window(runs_dir=trained["tape"].folder.path.parent)
    run_id = trained["tape"].summary.run_id
    window.runs_table.select_runs([run_id])
    curves = window.plots.runs[run_id]
    raw = curves.series["batch", "loss"].data()[1].copy()
    window.smoothing.setValue(90)
    window.plots.redraw()
    drawn = curves.items["batch", "loss"].getData()[1]
    assert not np.allclose(drawn, raw)
    assert np.std(np.diff(drawn)) < np.std(np.diff(raw))  # smoother
    assert np.array_equal(curves.series["batch", "loss"].data()[1], raw)  # stored data untouched
    assert curves.shadows["loss"].isVisible()  # raw curve kept as a faint shadow
    window.log_scale.setChecked(True)
    assert window.plots.loss_plot.plotItem.ctrl.logYCheck.isChecked()


def test_compare_optimizers_runs_sgd_and_adam_over_seeds_and_shows_their_difference(qtbot, window):
    small_settings(window, epochs=1, train=1000, val=200, method="custom")
    window.seeds_spin.setValue(2)
    window.compare_button.click()
    wait_idle(qtbot, window)
    panel = window.experiments
    qtbot.waitUntil(lambda: len(panel.table.order) == 2, timeout=20_000)
    assert window.view_tabs.currentWidget() is panel  # the answer: their difference
    runs = window.runs_table.runs_model.runs
    assert {r.status for r in runs} == {"completed"}
    from workbench.core.runs import RunFolder

    configs = [RunFolder(r.run_dir).config() for r in runs]
    assert sorted((c["optimizer"], c["lr"], c["seed"]) for c in configs) == [
        ("adam", 0.001, 0), ("adam", 0.001, 1), ("sgd", 0.01, 0), ("sgd", 0.01, 1)]
    differing = {k for c in configs for k in c if c[k] != configs[0][k]}
    assert differing == {"optimizer", "lr", "seed", "name"}
    assert {c["method"] for c in configs} == {"custom"}
    text = panel.difference.text()
    assert "optimizer=adam lr=0.001 − optimizer=sgd lr=0.01" in text and "2 seeds each" in text
    assert "95% CI" in text


def test_export_writes_plots_and_every_point(trained, make_window, tmp_path):
    from workbench.core.runs import RunFolder

    window = make_window(runs_dir=trained["tape"].folder.path.parent)
    ids = [trained["tape"].summary.run_id, trained["custom"].summary.run_id]
    window.runs_table.select_runs(ids)
    out = tmp_path / "export"
    written = window.export_selected(out)
    assert {p.name for p in written} == {f"{m}.{f}" for m in ("loss", "accuracy") for f in ("png", "svg", "pdf")} | {"metrics.csv"}
    check_export_files(out, ["small tape", "small custom"])
    rows = list(csv.DictReader((out / "metrics.csv").read_text().splitlines()))
    expected = 0
    for run_id in ids:
        folder = RunFolder(trained["tape"].folder.path.parent / run_id)
        expected += 2 * len(folder.batches()["step"]) + 5 * len(folder.history())
    assert len(rows) == expected
    assert {r["scope"] for r in rows} == {"batch", "epoch"}


def check_export_files(out, names):
    for metric, title in (("loss", "Loss"), ("accuracy", "Accuracy")):
        png = (out / f"{metric}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == (2000, 1200)
        root = ET.parse(out / f"{metric}.svg").getroot()
        text = " ".join(t.strip() for t in root.itertext())
        assert title in text and "epoch" in text
        for name in names:
            assert name in text
        assert "dashed: validation" in text
        assert (out / f"{metric}.pdf").read_bytes()[:5] == b"%PDF-"
