"""Every speed measurement of the workbench, in one run, written to bench/RESULTS.md.

    python bench/run_all.py [--rounds 4] [--quick]

Training speed is timed from outside, like with like (see outside.py): whole processes,
shuffled each round, ratios within a round, median and spread over rounds. Ratios are what
count on a noisy machine; absolute times are context. Then the window's event loop, Stop, redraw,
start-up and memory; last, the targets of the LR range test, the per-layer instruments and
experiments, each measured by its own bench (which refreshes its RESULTS-*.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import outside  # noqa: E402

METHODS = ("tape", "fit", "custom")

OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
             "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="bench-config-")}  # not the user's settings

WINDOW_RUN = r'''
import json, sys, time
import numpy as np
from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.gui import MainWindow
epochs, limit, runs, n = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
w = MainWindow(runs_dir=runs, settings=QSettings(runs + "/s.ini", QSettings.Format.IniFormat), preload_tensorflow=False)
w.show()
s = w.settings
s.epochs.setValue(epochs); s.train_limit.setValue(limit); s.widgets["steps_per_execution"].setValue(n)
late, clock, last = [], QElapsedTimer(), [None]
def tick():
    now = clock.elapsed()
    if last[0] is not None and w.live_key is not None:
        late.append(max(0, now - last[0] - 10))
    last[0] = now
probe = QTimer(interval=10, timerType=Qt.TimerType.PreciseTimer)
probe.timeout.connect(tick)
clock.start(); probe.start()
done = []
def finished():
    if not w.training and w.worker is None and w.last_summary:
        done.append(w.last_summary); app.quit()
watch = QTimer(interval=100); watch.timeout.connect(finished); watch.start()
QTimer.singleShot(200, w.start)
app.exec()
print(json.dumps({"epoch_seconds": done[0]["epoch_seconds"], "lateness_ms": late}))
'''

STOP_LATENCY = r'''
import json, sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.gui import MainWindow
runs, n = sys.argv[1], int(sys.argv[2])
w = MainWindow(runs_dir=runs, settings=QSettings(runs + "/s.ini", QSettings.Format.IniFormat), preload_tensorflow=False)
w.show()
w.settings.epochs.setValue(50); w.settings.train_limit.setValue(0); w.settings.widgets["steps_per_execution"].setValue(n)
out = {}
def click_stop():
    out["clicked"] = time.perf_counter(); w.stop_button.click()
def check():
    if "clicked" not in out and w.live_key and w.plots.runs[w.live_key].series["batch", "loss"].n > 500:
        click_stop()
    elif "clicked" in out and w.worker is None:
        out["stop_seconds"] = time.perf_counter() - out["clicked"]; app.quit()
t = QTimer(interval=20); t.timeout.connect(check); t.start()
QTimer.singleShot(200, w.start)
app.exec()
print(json.dumps({"stop_seconds": out["stop_seconds"], "status": w.last_summary["status"]}))
'''

REDRAW = r'''
import json, statistics, sys, time
import numpy as np
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.gui.widgets.plots import PlotPanel
out = {}
for n in (10_000, 100_000, 1_000_000):
    panel = PlotPanel(); panel.timer.stop(); panel.resize(1000, 700); panel.show(); app.processEvents()
    curves = panel.add_run("r", "run", steps_per_epoch=1875, live=True)
    rng = np.random.default_rng(0)
    curves.add_batches(np.arange(1, n + 1), np.abs(rng.normal(0.3, 0.1, n)), rng.uniform(0.8, 1, n))
    times = []
    for i in range(12):
        curves.add_batches([n + i + 1], [0.3], [0.9])  # a new point arrives, as in training
        t = time.perf_counter()
        panel.redraw(force=True)   # setData on what changed
        app.processEvents()        # ...and the paint it causes
        times.append((time.perf_counter() - t) * 1000)
    out[n] = statistics.median(times[2:])
    panel.close(); panel.deleteLater(); app.processEvents()
print(json.dumps(out))
'''

MEMORY = r'''
import json, os, sys
import keras
from workbench.training import trainer
from workbench.core.config import TrainConfig
rss = []
def now_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
class Probe(keras.callbacks.Callback):
    def on_epoch_end(self, epoch, logs=None):
        rss.append(now_mb())
cfg = TrainConfig(method=sys.argv[1], epochs=50, train_limit=5000, val_limit=1000)
trainer.train(cfg, sys.argv[2], [Probe()])
print(json.dumps(rss))
'''


def last_json(cmd: list[str], env=None, timeout=3600):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env or OFFSCREEN, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.99 * len(values)))] if values else float("nan")


def bench(script: str, *options: str) -> dict:
    """Runs another bench of this folder (which refreshes its own RESULTS-*.md) and returns its JSON summary."""
    return last_json([sys.executable, str(HERE / script), *options])


def capability_rows(rounds: int) -> list[tuple[str, str, str, str, str]]:
    """The targets the LR range test, the per-layer instruments and experiments set (their issues, #19 and
    #20), measured by their own benches; the details are in the RESULTS-*.md each one writes."""
    rows = []

    def met(ok: bool) -> str:
        return "yes" if ok else "no"

    lr = bench("bench_lr_find.py", "--rounds", "2")
    rows.append(("LR range test, whole `workbench lr-find` command (full MNIST, start-up included), slowest of 8",
                 f"{lr['slowest']:.1f} s", f"median {lr['median']:.1f} s (RESULTS-lr-find.md)", "< 60 s",
                 met(lr["slowest"] < 60)))
    rows.append(("LR range test: suggested lr, Keras \"mse\" / sum of squares (tape, SGD)", f"{lr['ratio']:.1f}×",
                 f"valley {lr['valley']:.1f}×", "about 10× (5–20×)", met(5 <= lr["ratio"] <= 20)))
    for method in ("fit", "tape"):
        d = bench("bench_dynamics.py", "--rounds", str(rounds), "--method", method)
        rows.append((f"per-layer instruments (every {d['every']} steps) on / off, `{method}`, default settings, "
                     "steady epoch in one process", f"{d['on']:.2f} s/epoch",
                     f"{d['ratio']:.3f} ({d['low']:.3f}–{d['high']:.3f}) ({d['file']})", "≤ 1.05",
                     met(d["ratio"] <= 1.05)))
    e = bench("bench_experiment.py", "--rounds", str(rounds))
    rows.append(("experiment of 3 trials / the same 3 runs by `train` (1 epoch, 10k samples, in one process)",
                 f"{e['machinery'] * 1000:.0f} ms a trial outside training",
                 f"{e['ratio']:.3f} ({e['low']:.3f}–{e['high']:.3f}) (RESULTS-experiment.md)", "≤ 1.03",
                 met(e["ratio"] <= 1.03)))
    w = bench("bench_experiment_window.py")
    rows.append((f"Experiments tab with {w['trials']} trials: redraw after switching the metric, worst",
                 f"{w['redraw_worst']:.1f} ms", "RESULTS-experiment-window.md", "≤ 50 ms", met(w["redraw_worst"] <= 50)))
    rows.append(("Experiments tab: event loop lateness while clicking through, p99", f"{w['p99']:.1f} ms",
                 f"{w['ticks']} ticks", "≤ 50 ms", met(w["p99"] <= 50)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--quick", action="store_true", help="10k samples instead of full MNIST")
    args = ap.parse_args()
    limit = 10_000 if args.quick else 0
    runs = Path(tempfile.mkdtemp(prefix="bench-"))
    py = sys.executable
    rows: list[tuple[str, str, str, str, str]] = []

    # Like with like, timed from outside (outside.py): the workbench compiles with XLA, so its baseline is
    # plain Keras with jit_compile=True; --no-jit is compared with plain Keras without XLA.
    one = ("--steps-per-execution", "1")  # one compiled call per batch, as before fast-by-default
    contenders = {
        "plain Keras, XLA": outside.plain_keras(limit, jit=True),
        "plain Keras, no XLA": outside.plain_keras(limit, jit=False),
        # Keras's own multi-step loop, which `fit` must keep: how fast plain Keras itself gets that way
        "plain Keras, XLA, N=64": outside.plain_keras(limit, jit=True, steps_per_execution=64),
        **{f"{m}, N=1": outside.workbench(m, limit, runs, *one) for m in METHODS},
        **{m: outside.workbench(m, limit, runs) for m in METHODS},  # the default: fast mode, N auto
        "fit --no-jit, N=1": outside.workbench("fit", limit, runs, "--no-jit", *one),
        "fit from the window, N=1": lambda epochs: [py, "-c", WINDOW_RUN, str(epochs), str(limit), str(runs), "1"],
        "fit from the window": lambda epochs: [py, "-c", WINDOW_RUN, str(epochs), str(limit), str(runs), "0"],
    }
    lateness: dict[str, list[float]] = {"fit from the window, N=1": [], "fit from the window": []}

    def window_output(name: str, epochs: int, last: str) -> None:
        if name in lateness and epochs == outside.LONG:
            lateness[name].extend(json.loads(last)["lateness_ms"])

    results = outside.rounds(contenders, args.rounds, on_output=window_output)

    def row(what: str, name: str, base: str, target: float) -> None:
        med, low, high = outside.ratio(results, name, base)
        rows.append((what, f"{outside.median(results, name):.2f} s/epoch", f"{med:.3f} ({low:.3f}–{high:.3f})",
                     f"≤ {target:.2f}", "yes" if med <= target else "no"))

    for method in METHODS:
        row(f"{method} (default: fast mode, N auto) vs plain Keras, both with XLA", method, "plain Keras, XLA", 0.40)
    med, low, high = outside.ratio(results, "plain Keras, XLA, N=64", "plain Keras, XLA")
    rows.append(("plain Keras's own fast mode (steps_per_execution=64) vs plain Keras, both with XLA: what Keras's "
                 "multi-step loop, which `fit` keeps, allows", f"{outside.median(results, 'plain Keras, XLA, N=64'):.2f} s/epoch",
                 f"{med:.3f} ({low:.3f}–{high:.3f})", "record", ""))
    for method in METHODS:
        row(f"{method}, N=1 vs plain Keras, both with XLA", f"{method}, N=1", "plain Keras, XLA", 1.00)
    row("fit --no-jit, N=1 vs plain Keras without XLA", "fit --no-jit, N=1", "plain Keras, no XLA", 1.00)
    row("fit from the window (live plots) vs fit headless, N auto", "fit from the window", "fit", 1.05)
    row("fit from the window (live plots) vs fit headless, N=1", "fit from the window, N=1", "fit, N=1", 1.05)
    for name, ticks in lateness.items():
        rows.append((f"event loop lateness in the window during training, p99 ({name.split(', ')[-1] if ', ' in name else 'N auto'})",
                     f"{p99(ticks):.1f} ms", f"{len(ticks)} ticks", "≤ 50 ms", "yes" if p99(ticks) <= 50 else "no"))

    # Stop during a full-data 50-epoch run from the window, until the thread has ended
    for n, mode in (("0", "N auto"), ("1", "N=1")):
        stops = [last_json([py, "-c", STOP_LATENCY, str(runs), n]) for _ in range(4)]
        seconds = sorted(s["stop_seconds"] for s in stops)
        med = statistics.median(seconds)
        rows.append((f"Stop clicked → run ended (full data, 50 epochs, window, {mode})",
                     f"{med:.2f} s (median of 4; worst {seconds[-1]:.2f})",
                     ", ".join(s["status"] for s in stops), "≤ 0.5 s", "yes" if med <= 0.5 else "no"))

    # 4. redraw
    redraw = last_json([py, "-c", REDRAW])
    for n, ms in redraw.items():
        rows.append((f"redraw (setData + paint) with a {int(n):,}-point batch curve", f"{ms:.1f} ms", "",
                     "≤ 16 ms at 1M", ("yes" if ms <= 16 else "no") if int(n) == 1_000_000 else ""))

    # 5. start-up: python main.py until the window has been shown
    starts = []
    for _ in range(3):
        t = time.perf_counter()
        proc = subprocess.Popen([py, "-m", "workbench", "gui", "--quit-after", "0.3", "--runs-dir", str(runs)],
                                stderr=subprocess.PIPE, text=True, env=OFFSCREEN)
        for line in proc.stderr:
            if "window shown" in line:
                starts.append(time.perf_counter() - t)
                break
        proc.wait(timeout=120)
    start_up = statistics.median(starts)
    rows.append(("from `workbench gui` to the window shown", f"{start_up:.2f} s", "", "≤ 1.5 s",
                 "yes" if start_up <= 1.5 else "no"))

    # 6. memory of a 50-epoch run
    rss = last_json([py, "-c", MEMORY, "fit", str(runs)])
    rows.append(("RSS of a 50-epoch run (5k samples): epoch 5 → epoch 50", f"{rss[4]:.0f} → {rss[-1]:.0f} MB",
                 f"{(rss[-1] - rss[4]) / 45 * 1024:+.0f} kB/epoch", "recorded points only", ""))

    rows.extend(capability_rows(args.rounds))

    lines = [
        f"# Bench results — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"MLP 256-128-10, batch 32, SGD 0.01, Keras \"mse\", {'10,000 samples' if limit else 'full MNIST'}.",
        f"Command: `python bench/run_all.py --rounds {args.rounds}{' --quick' if args.quick else ''}`",
        "",
        f"Speed rows: epochs timed from outside (whole processes, (T(4 epochs) − T(1 epoch)) / 3), every process "
        f"of a round in shuffled order, {args.rounds} rounds; the ratio is taken within each round and shown as "
        "median (min–max over rounds). A target is met only if the median meets it.",
        "",
        "| measurement | value (median) | ratio: median (min–max) / note | target | met |",
        "|---|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    main()
