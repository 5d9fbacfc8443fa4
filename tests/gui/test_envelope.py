"""The plots' min/max envelope: a million-point curve drawn from ~2 points per pixel, the same picture."""

import numpy as np

from workbench.core.envelope import BASE, Envelope
from workbench.gui.widgets.plots import PlotPanel


def brute_force(y, size):
    blocks = len(y) // size
    chunk = y[: blocks * size].reshape(blocks, size)
    return chunk.max(axis=1), chunk.min(axis=1)


def test_the_envelope_keeps_every_peak_with_two_points_per_pixel():
    rng = np.random.default_rng(1)
    n = 1_000_000
    x, y = np.arange(1.0, n + 1), rng.normal(size=n)
    y[123_457] = 50.0  # a single spike must survive
    env = Envelope()
    xs, ys = env.view(x, y, 0, n, pixels=1000)
    assert len(xs) <= 2 * 1000 + 2 * 1024  # ≤ 2 per pixel, plus the raw tail of the last block
    assert ys.max() == 50.0 and ys.min() == y.min()
    size = int(xs[2] - xs[0])  # the block size the view chose
    highs, lows = brute_force(y, size)
    assert np.array_equal(ys[0 : 2 * len(highs) : 2], highs) and np.array_equal(ys[1 : 2 * len(lows) : 2], lows)


def test_growing_point_by_chunk_gives_the_same_envelope_as_all_at_once():
    rng = np.random.default_rng(2)
    y = rng.normal(size=300_000)
    y[77] = np.nan  # a NaN batch loss does not hide its block's other values
    grown, whole = Envelope(), Envelope()
    end = 0
    while end < len(y):
        end = min(len(y), end + int(rng.integers(1, 5000)))
        grown.update(y[:end])
    whole.update(y)
    assert len(grown.mins) == len(whole.mins) > 5
    for a, b in zip(grown.maxs, whole.maxs, strict=True):
        assert np.array_equal(a.view(), b.view())
    assert np.isfinite(whole.mins[0].view()[0]) and whole.mins[0].view()[0] == np.nanmin(y[:BASE])


def test_the_plot_draws_few_points_for_a_long_curve_and_raw_points_when_zoomed(qtbot):
    panel = PlotPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    n = 1_000_000
    curves = panel.add_run("r", "run", steps_per_epoch=1000)
    rng = np.random.default_rng(0)
    loss = np.abs(rng.normal(0.3, 0.1, n))
    curves.add_batches(np.arange(1, n + 1), loss, rng.uniform(0.8, 1, n))
    panel.redraw(force=True)
    item = curves.items["batch", "loss"]
    xs, ys = item.getData()
    width = panel.loss_plot.getViewBox().width()
    assert len(xs) < 2 * width + 2048 and ys.max() == loss.max()
    panel.loss_plot.setXRange(500.0, 500.3, padding=0)  # zoom to 300 batches (x in epochs)
    panel.redraw(force=True)
    xs, ys = item.getData()
    shown = (xs >= 500.0) & (xs <= 500.3)
    assert np.allclose(ys[shown], loss[500_000 - 1 : 500_300][: shown.sum()])  # every raw point


def _settle(qtbot, panel) -> dict[str, int]:
    """Each plot's paint count once neither has painted for 300 ms (a loaded machine delays paint events)."""
    last, quiet = None, 0
    for _ in range(200):
        now = {name: plot.paints for name, plot in panel.plots.items()}
        quiet = quiet + 1 if now == last else 0
        if quiet >= 6:
            break
        last = now
        qtbot.wait(50)
    return now


def test_a_live_frame_is_painted_once_though_its_data_moves_the_axes(qtbot):
    # pyqtgraph sets a plot's auto range while painting and then asks for a second paint of it: a third of
    # all paints during a run were such repeats, each taken from training (painting holds the GIL)
    panel = PlotPanel()
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    qtbot.waitExposed(panel)
    curves = panel.add_run("r", "run", steps_per_epoch=100, live=True, epochs=2)

    def frame(k: int) -> None:  # 20 batches whose loss reaches a new low: the y range moves (its ticks' widths not)
        steps = np.arange(k * 20 + 1, k * 20 + 21)
        loss = np.linspace(2.0, 1.0 - 0.02 * k, 20)
        curves.add_batches(steps, loss, loss / 4)
        panel.redraw(force=True)

    frame(0)  # the first data also sizes the axes and the legend
    before = _settle(qtbot, panel)
    for k in range(1, 5):
        frame(k)
        after = _settle(qtbot, panel)
        assert {name: after[name] - before[name] for name in after} == {"loss": 1, "accuracy": 1}, k
        before = after
