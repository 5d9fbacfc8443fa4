"""Two experiment workers against one on this machine (#19: record the speed-up honestly).

    python bench/bench_workers.py [--rounds 3] [--trials 8] [--train-limit 10000]

Whole commands timed from outside: `workbench experiment --seeds 0-(trials-1) --workers W` with W = 1 and 2,
each a fresh runs folder, in alternating order. Both start worker processes the same way (`--workers 1` is
one `experiment-worker`), so start-up counts alike. Writes bench/RESULTS-workers.md with the median
speed-up (time with 1 / time with 2) and its spread.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def timed(workers: int, trials: int, limit: int) -> float:
    runs = tempfile.mkdtemp(prefix=f"bench-workers-{workers}-")
    command = [sys.executable, "-m", "workbench", "experiment", "--seeds", f"0-{trials - 1}", "--epochs", "1",
               "--train-limit", str(limit), "--workers", str(workers), "--runs-dir", runs, "--name", "bench"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=HERE.parent,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--trials", type=int, default=8)
    ap.add_argument("--train-limit", type=int, default=10_000)
    args = ap.parse_args()
    times: dict[int, list[float]] = {1: [], 2: []}
    speedups = []
    for r in range(args.rounds):
        order = (1, 2) if r % 2 == 0 else (2, 1)
        got = {w: timed(w, args.trials, args.train_limit) for w in order}
        for w, t in got.items():
            times[w].append(t)
        speedups.append(got[1] / got[2])
        print(f"round {r + 1}: 1 worker {got[1]:.1f} s, 2 workers {got[2]:.1f} s, speed-up {speedups[-1]:.2f}",
              flush=True)
    lines = [
        f"# Two experiment workers against one — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. {args.trials} trials of 1 epoch on "
        f"{args.train_limit} samples (MLP, SGD, batch 32, fast mode), one SQLite storage; whole commands, "
        f"{args.rounds} rounds in alternating order.",
        f"Command: `python bench/bench_workers.py --rounds {args.rounds} --trials {args.trials} "
        f"--train-limit {args.train_limit}`",
        "",
        "| workers | whole experiment, median | min | max |",
        "|---|---|---|---|",
        *[f"| {w} | {statistics.median(t):.1f} s | {min(t):.1f} s | {max(t):.1f} s |" for w, t in times.items()],
        "",
        f"Speed-up of 2 workers (time with 1 / time with 2, within a round): median **{statistics.median(speedups):.2f}×** "
        f"(min {min(speedups):.2f}, max {max(speedups):.2f}).",
        "",
        "On 2 cores one TensorFlow process already keeps both busy (its op thread pools use every core), so two "
        "processes mostly share them; what two workers gain here is the time one worker spends outside the "
        "step (start-up, compiling, validation, writing the run folder). On a machine with at least 2N cores, "
        "N workers each get their own cores.",
    ]
    (HERE / "RESULTS-workers.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
