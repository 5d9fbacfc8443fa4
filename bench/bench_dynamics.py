"""What the per-layer instruments cost at their default sampling (#20: ≤ 5% of an epoch).

    python bench/bench_dynamics.py [--rounds 4] [--epochs 2] [--method fit]

In one process (after a warm-up run), each round trains the same run (full MNIST, the default settings: fast
mode, MLP, batch 32) with the instruments off and at their default sampling, in alternating order, and takes
(T(epochs) with instruments) / (T(epochs) without) within the round, the whole `trainer.train` timed (the
instruments' writing at epoch ends counts). Writes bench/RESULTS-dynamics.md.
"""

from __future__ import annotations

import argparse
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
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--method", default="fit")
    args = ap.parse_args()

    from workbench.core.config import TrainConfig
    from workbench.core.settings import BY_NAME
    from workbench.training import trainer

    default_every = BY_NAME["dynamics_every"].default
    base = TrainConfig(method=args.method, epochs=args.epochs)
    work = Path(tempfile.mkdtemp(prefix="bench-dynamics-"))
    trainer.train(base.replace(epochs=1, train_limit=3200), work / "warm-up")
    times: dict[str, list[float]] = {"off": [], "on": []}
    ratios = []
    for r in range(args.rounds):
        order = ["off", "on"] if r % 2 == 0 else ["on", "off"]
        got = {}
        for mode in order:
            config = base.replace(dynamics_every=default_every if mode == "on" else 0)
            start = time.perf_counter()
            trainer.train(config, work / f"{mode}-{r}")
            got[mode] = time.perf_counter() - start
            times[mode].append(got[mode])
        ratios.append(got["on"] / got["off"])
        print(f"round {r + 1}: off {got['off']:.2f} s, on {got['on']:.2f} s, ratio {ratios[-1]:.3f}", flush=True)
    med = statistics.median(ratios)
    lines = [
        f"# Per-layer instruments at their default sampling — {time.strftime('%Y-%m-%d %H:%M')}", "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. `{args.method}`, full MNIST, {args.epochs} epochs, "
        f"default settings (fast mode auto, MLP, batch 32); instruments every {default_every} steps against off; "
        f"{args.rounds} alternating rounds in one process, whole `trainer.train` timed.",
        f"Command: `python bench/bench_dynamics.py --rounds {args.rounds} --epochs {args.epochs} "
        f"--method {args.method}`", "",
        "| instruments | seconds, median |", "|---|---|",
        f"| off | {statistics.median(times['off']):.2f} |",
        f"| every {default_every} steps | {statistics.median(times['on']):.2f} |", "",
        f"Ratio on / off: median **{med:.3f}** (min {min(ratios):.3f}, max {max(ratios):.3f}); target ≤ 1.05: "
        f"{'met' if med <= 1.05 else 'not met'}.", ""]
    (HERE / "RESULTS-dynamics.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
