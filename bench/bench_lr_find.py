"""The LR range test from outside (#20: under a minute on full MNIST at batch 32; keras_mse's suggestion about
10× sum_mse's under SGD).

    python bench/bench_lr_find.py [--rounds 3]

Whole `workbench lr-find --json` processes (start-up and TensorFlow's import count), each method with SGD and
the article's loss, and `tape` with Keras's "mse"; the median time per contender and the suggestions.
Writes bench/RESULTS-lr-find.md; its last line of output is a JSON summary (what run_all.py reads).
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
CONTENDERS = [("tape", "sum_mse"), ("fit", "sum_mse"), ("custom", "sum_mse"), ("tape", "keras_mse")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    times: dict[tuple[str, str], list[float]] = {c: [] for c in CONTENDERS}
    found: dict[tuple[str, str], dict] = {}
    for r in range(args.rounds):
        for method, loss in CONTENDERS if r % 2 == 0 else list(reversed(CONTENDERS)):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "workbench", "lr-find", "--method", method, "--loss", loss,
                                   "--json"], capture_output=True, text=True, cwd=HERE.parent,
                                  env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
            times[(method, loss)].append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(done.stderr[-2000:])
            found[(method, loss)] = json.loads(done.stdout.strip().splitlines()[-1])
    ratio = found[("tape", "keras_mse")]["suggested_lr"] / found[("tape", "sum_mse")]["suggested_lr"]
    valley = found[("tape", "keras_mse")]["valley_lr"] / found[("tape", "sum_mse")]["valley_lr"]
    lines = [
        f"# LR range test — {time.strftime('%Y-%m-%d %H:%M')}", "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. Full MNIST, batch 32, SGD lr from 1e-6 to 10 over "
        f"at most 300 steps, seed 0; whole processes, {args.rounds} rounds.",
        f"Command: `python bench/bench_lr_find.py --rounds {args.rounds}`", "",
        "| method | loss | whole command, median | steps | suggested (steepest) | valley |", "|---|---|---|---|---|---|",
        *[f"| {m} | {loss} | {statistics.median(times[(m, loss)]):.1f} s | {len(found[(m, loss)]['lrs'])} | "
          f"{found[(m, loss)]['suggested_lr']:.3g} | {found[(m, loss)]['valley_lr']:.3g} |" for m, loss in CONTENDERS],
        "",
        f"keras_mse / sum_mse (tape, SGD): suggested **{ratio:.1f}×**, valley {valley:.1f}× (target: about 10×, "
        f"within a factor of 2: {'met' if 5 <= ratio <= 20 else 'not met'}). Under a minute: "
        f"{'met' if max(max(t) for t in times.values()) < 60 else 'not met'} (slowest "
        f"{max(max(t) for t in times.values()):.1f} s, start-up included).", ""]
    (HERE / "RESULTS-lr-find.md").write_text("\n".join(lines))
    print("\n".join(lines))
    print(json.dumps({"ratio": ratio, "valley": valley,  # the last line: run_all reads it
                      "slowest": max(max(t) for t in times.values()),
                      "median": statistics.median(t for ts in times.values() for t in ts)}))


if __name__ == "__main__":
    main()
