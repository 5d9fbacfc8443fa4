"""How long Stop takes headless, and where the time goes: flag set → `train()` returned.

    python bench/bench_stop.py [--repeats 3]

Each method, fast mode (N auto) and one call per batch, full MNIST, 50 epochs, Stop after 500 batches
(mid-epoch 1, so fit's test step has never been compiled). Each repeat is a fresh process. Prints the
milestones of every stop (seconds after the flag) and the median time to the end of `train()`; writes
bench/RESULTS-stop.md. The window adds the thread's end and a signal (`run_all.py` times that).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PROBE = r'''
import json, sys, tempfile, time
from pathlib import Path
import keras
from workbench.core.config import TrainConfig
from workbench.core.stop import StopFlag
from workbench.training import trainer
from workbench.training.steps import batch_points

T = {}

class Probe(keras.callbacks.Callback):
    def __init__(self, flag, n):
        super().__init__()
        self.flag, self.n, self.seen = flag, n, 0
    def on_train_batch_end(self, batch, logs=None):
        self.seen += len(batch_points(logs, 0))
        if self.seen >= self.n and "set" not in T:
            T["set"] = time.perf_counter(); self.flag.set()
    def on_test_begin(self, logs=None): T.setdefault("validation begins", time.perf_counter())
    def on_test_end(self, logs=None): T.setdefault("validation ends", time.perf_counter())
    def on_train_end(self, logs=None): T.setdefault("training ends", time.perf_counter())

flag = StopFlag()
cfg = TrainConfig(method=sys.argv[1], epochs=50, steps_per_execution=int(sys.argv[2]))
result = trainer.train(cfg, Path(tempfile.mkdtemp()), [Probe(flag, 500)], flag)
T["train() returned"] = time.perf_counter()
print(json.dumps({"status": result.status, **{k: v - T["set"] for k, v in T.items()}}))
'''


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    lines = [f"# Stop, headless — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. Full MNIST, MLP, batch 32, Stop after 500 "
             f"batches (mid-epoch 1). Command: `python bench/bench_stop.py --repeats {args.repeats}`", "",
             "| method | N | flag → train() returned, median (all) | status |", "|---|---|---|---|"]
    for method in ("tape", "fit", "custom"):
        for n, shown in (("0", "auto"), ("1", "1")):
            runs = []
            for _ in range(args.repeats):
                out = subprocess.run([sys.executable, "-c", PROBE, method, n], capture_output=True, text=True,
                                     env=env, cwd=ROOT, check=True)
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
                print(method, shown, {k: round(v, 3) if isinstance(v, float) else v for k, v in runs[-1].items()})
            ends = sorted(r["train() returned"] for r in runs)
            lines.append(f"| {method} | {shown} | {statistics.median(ends):.3f} s "
                         f"({', '.join(f'{e:.3f}' for e in ends)}) | {', '.join(r['status'] for r in runs)} |")
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "RESULTS-stop.md").write_text(text)


if __name__ == "__main__":
    main()
