"""Each method against plain Keras compiled the same way (XLA on), timed from outside; nothing else.

The quick subset of run_all.py: the same contenders and method (outside.py: whole processes,
(T(4) − T(1)) / 3, shuffled rounds, ratios within a round). Writes bench/RESULTS-methods.md.

    python bench/bench_methods.py [--rounds 4] [--train-limit 0] [--steps-per-execution 1]

`--steps-per-execution 0` times the workbench's default (fast mode, N auto); 1, one call per batch as
plain Keras makes them.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import outside  # noqa: E402

METHODS = ("tape", "fit", "custom")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--train-limit", type=int, default=0)
    ap.add_argument("--steps-per-execution", default="1")
    args = ap.parse_args()
    runs = Path(tempfile.mkdtemp(prefix="bench-runs-"))
    contenders = {"plain Keras, XLA": outside.plain_keras(args.train_limit, jit=True)}
    contenders.update({m: outside.workbench(m, args.train_limit, runs, "--steps-per-execution",
                                                      args.steps_per_execution) for m in METHODS})
    results = outside.rounds(contenders, args.rounds)
    lines = [
        f"# Methods vs plain Keras with XLA — {time.strftime('%Y-%m-%d %H:%M')}",
        "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
        f"MLP 256-128-10, batch 32, SGD 0.01, Keras \"mse\", "
        f"{'full MNIST' if not args.train_limit else f'{args.train_limit} samples'}; {args.rounds} shuffled rounds, "
        "epochs timed from outside ((T(4) − T(1)) / 3 of whole processes).",
        f"Command: `python bench/bench_methods.py --rounds {args.rounds} --train-limit {args.train_limit} "
        f"--steps-per-execution {args.steps_per_execution}`",
        "",
        "| contender | steady epoch, median (s) | ratio to plain Keras: median (min–max) |",
        "|---|---|---|",
        f"| plain Keras, XLA | {outside.median(results, 'plain Keras, XLA'):.2f} | 1 |",
    ]
    for method in METHODS:
        med, low, high = outside.ratio(results, method, "plain Keras, XLA")
        lines.append(f"| {method} | {outside.median(results, method):.2f} | {med:.3f} ({low:.3f}–{high:.3f}) |")
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "RESULTS-methods.md").write_text(text)


if __name__ == "__main__":
    main()
