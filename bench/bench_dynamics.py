"""What the per-layer instruments cost at their default sampling (#20: ≤ 5% of an epoch).

    python bench/bench_dynamics.py [--rounds 4] [--method fit]

In one process (after a warm-up run), each round trains the same run (full MNIST, default settings: fast mode,
MLP, batch 32) for 3 epochs with the instruments off and at their default sampling, in a shuffled order; a steady
epoch is the median of the run's own epoch times after the first (history.csv's `seconds`, which include the
instruments' samples and files). Whole-run times (T(3) − T(1)) / 2 swung ±50% between rounds on this VM; the
epochs' own times are steadier. The ratio on / off is taken within a round; the one-time cost (the probe's
tracing at the first sample) is first epoch on − first epoch off. Writes bench/RESULTS-dynamics.md
(RESULTS-dynamics-tape.md for --method tape);
its last line of output is a JSON summary (what run_all.py reads).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--method", default="fit")
    args = ap.parse_args()

    from workbench.core.config import TrainConfig
    from workbench.core.settings import BY_NAME
    from workbench.training import trainer

    default_every = BY_NAME["dynamics_every"].default
    base = TrainConfig(method=args.method)
    work = Path(tempfile.mkdtemp(prefix="bench-dynamics-"))
    trainer.train(base.replace(epochs=1, train_limit=3200, dynamics_every=default_every), work / "warm-up")
    import random

    steady: dict[str, list[float]] = {"off": [], "on": []}
    once: list[float] = []
    ratios = []
    for r in range(args.rounds):
        modes = ["off", "on"]
        random.Random(r).shuffle(modes)
        first = {}
        for mode in modes:
            config = base.replace(epochs=3, dynamics_every=default_every if mode == "on" else 0)
            seconds = trainer.train(config, work / f"{mode}-{r}").summary.epoch_seconds
            steady[mode].append(statistics.median(seconds[1:]))
            first[mode] = seconds[0]
        once.append(first["on"] - first["off"])
        ratios.append(steady["on"][-1] / steady["off"][-1])
        print(f"round {r + 1}: steady epoch off {steady['off'][-1]:.3f} s, on {steady['on'][-1]:.3f} s, "
              f"ratio {ratios[-1]:.3f}; first epoch on − off: {once[-1]:+.3f} s", flush=True)
    med = statistics.median(ratios)
    lines = [
        f"# Per-layer instruments at their default sampling — {time.strftime('%Y-%m-%d %H:%M')}", "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. `{args.method}`, full MNIST, default settings "
        f"(fast mode auto, MLP, batch 32); instruments every {default_every} steps against off; steady epoch = "
        f"median of a 3-epoch run's epochs 2-3 (history.csv `seconds`), {args.rounds} shuffled rounds in one "
        "process.",
        f"Command: `python bench/bench_dynamics.py --rounds {args.rounds} --method {args.method}`", "",
        "| instruments | steady epoch, median |", "|---|---|",
        f"| off | {statistics.median(steady['off']):.3f} s |",
        f"| every {default_every} steps | {statistics.median(steady['on']):.3f} s |", "",
        f"Ratio on / off: median **{med:.3f}** (min {min(ratios):.3f}, max {max(ratios):.3f}); target ≤ 1.05: "
        f"{'met' if med <= 1.05 else 'not met'}. Once per run (the probe's tracing at the first sample, the "
        f"writer): {statistics.median(once) * 1000:.0f} ms median (first epoch on − off).", ""]
    name = "RESULTS-dynamics.md" if args.method == "fit" else f"RESULTS-dynamics-{args.method}.md"
    (HERE / name).write_text("\n".join(lines))
    print("\n".join(lines))
    print(json.dumps({"ratio": med, "low": min(ratios), "high": max(ratios),  # the last line: run_all reads it
                      "off": statistics.median(steady["off"]), "on": statistics.median(steady["on"]),
                      "once": statistics.median(once), "every": default_every, "file": name}))


if __name__ == "__main__":
    main()
