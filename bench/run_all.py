"""Every speed measurement of the workbench, in one run, written to bench/RESULTS.md.

    python bench/run_all.py [--rounds 2] [--epochs 3] [--quick]

Comparisons alternate their contenders in fresh processes, so that a noisy
machine hurts them alike; ratios are what count, absolute times are context.
Steady state = epochs 2+ (epoch 1 traces and compiles).
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

from bench_methods import plain_keras, workbench  # noqa: E402

OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TF_CPP_MIN_LOG_LEVEL": "2",
             "XDG_CONFIG_HOME": tempfile.mkdtemp(prefix="bench-config-")}  # not the user's settings

WINDOW_RUN = r'''
import json, sys, time
import numpy as np
from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from workbench.gui import MainWindow
epochs, limit, runs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
w = MainWindow(runs_dir=runs, settings=QSettings(runs + "/s.ini", QSettings.Format.IniFormat), preload_tensorflow=False)
w.show()
s = w.settings
s.epochs.setValue(epochs); s.train_limit.setValue(limit)
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
runs = sys.argv[1]
w = MainWindow(runs_dir=runs, settings=QSettings(runs + "/s.ini", QSettings.Format.IniFormat), preload_tensorflow=False)
w.show()
w.settings.epochs.setValue(50); w.settings.train_limit.setValue(0)
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


def median_steady(runs: list[list[float]]) -> float:
    return statistics.median(t for r in runs for t in r[1:])


def p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.99 * len(values)))] if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="10k samples instead of full MNIST")
    args = ap.parse_args()
    limit = 10_000 if args.quick else 0
    runs = Path(tempfile.mkdtemp(prefix="bench-"))
    py = sys.executable
    rows: list[tuple[str, str, str, str]] = []

    # 1. each method headless vs a plain Keras script; 2. window vs headless; 3. fast mode vs default
    times: dict[str, list[list[float]]] = {}
    lateness: list[float] = []
    contenders = {
        "plain keras fit": lambda: plain_keras(args.epochs, limit),
        "tape": lambda: workbench("tape", args.epochs, limit, runs),
        "fit": lambda: workbench("fit", args.epochs, limit, runs),
        "custom": lambda: workbench("custom", args.epochs, limit, runs),
        "fit fast (N=100)": lambda: workbench("fit", args.epochs, limit, runs, "--steps-per-execution", "100"),
        "tape fast (N=100)": lambda: workbench("tape", args.epochs, limit, runs, "--steps-per-execution", "100"),
    }

    def window() -> list[float]:
        result = last_json([py, "-c", WINDOW_RUN, str(args.epochs), str(limit), str(runs)])
        lateness.extend(result["lateness_ms"])
        return result["epoch_seconds"]

    contenders["fit from the window"] = window
    for r in range(args.rounds):
        for name, run in contenders.items():
            t = run()
            times.setdefault(name, []).append(t)
            print(f"round {r + 1} {name:22s} {[round(x, 2) for x in t]}", file=sys.stderr)
    base = median_steady(times["plain keras fit"])
    for name in ("tape", "fit", "custom"):
        med = median_steady(times[name])
        rows.append((f"{name}, headless, vs plain Keras", f"{med:.2f} s/epoch", f"{med / base:.3f}", "≤ 1.05"))
    fit = median_steady(times["fit"])
    win = median_steady(times["fit from the window"])
    rows.append(("fit from the window (live plots) vs headless", f"{win:.2f} s/epoch", f"{win / fit:.3f}", "≤ 1.05"))
    for name, ref in (("fit fast (N=100)", "fit"), ("tape fast (N=100)", "tape")):
        med = median_steady(times[name])
        rows.append((f"{name} vs default", f"{med:.2f} s/epoch", f"{med / median_steady(times[ref]):.3f}", "≤ 0.45"))
    rows.append(("event loop lateness in the window during training, p99", f"{p99(lateness):.1f} ms",
                 f"{len(lateness)} ticks", "≤ 50 ms"))

    # Stop during a full-data 50-epoch run from the window, until the thread has ended
    stops = [last_json([py, "-c", STOP_LATENCY, str(runs)]) for _ in range(2)]
    rows.append(("Stop clicked → run ended (full data, 50 epochs, window)",
                 f"{max(s['stop_seconds'] for s in stops):.2f} s (worst of 2)",
                 ", ".join(s["status"] for s in stops), "≤ 5 s"))

    # 4. redraw
    redraw = last_json([py, "-c", REDRAW])
    for n, ms in redraw.items():
        rows.append((f"redraw (setData + paint) with a {int(n):,}-point batch curve", f"{ms:.1f} ms", "",
                     "≤ 16 ms at 1M"))

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
    rows.append(("from `workbench gui` to the window shown", f"{statistics.median(starts):.2f} s", "", "≤ 1.5 s"))

    # 6. memory of a 50-epoch run
    rss = last_json([py, "-c", MEMORY, "fit", str(runs)])
    rows.append(("RSS of a 50-epoch run (5k samples): epoch 5 → epoch 50", f"{rss[4]:.0f} → {rss[-1]:.0f} MB",
                 f"+{(rss[-1] - rss[4]) / 45 * 1024:.0f} kB/epoch", "recorded points only"))

    lines = [
        f"# Bench results — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"MLP 256-128-10, batch 32, SGD 0.01, {'10,000 samples' if limit else 'full MNIST'}, "
        f"{args.rounds} alternating rounds of {args.epochs} epochs; steady state = epochs 2+ (median).",
        f"Command: `python bench/run_all.py --rounds {args.rounds} --epochs {args.epochs}{' --quick' if args.quick else ''}`",
        "",
        "| measurement | value | ratio / note | target |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "RESULTS.md").write_text(text)


if __name__ == "__main__":
    main()
