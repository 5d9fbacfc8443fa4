"""What the experiment machinery adds per trial: an experiment's trials against the same runs by `train()`.

    python bench/bench_experiment.py [--rounds 4] [--trials 3] [--train-limit 10000]

In one process (so start-up and TensorFlow's first compilation are the same for both, after a warm-up
run), each round times `trials` runs made by `trainer.train` and an experiment of the same settings and
seeds (Optuna study in SQLite, heartbeats, the trial records), in alternating order. The ratio
experiment / train is taken within a round; RESULTS-experiment.md has its median and spread.
Target (#19): ≤ 1.03.
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
    ap.add_argument("--trials", type=int, default=3)
    ap.add_argument("--train-limit", type=int, default=10_000)
    args = ap.parse_args()

    from workbench.core.config import TrainConfig
    from workbench.experiments import study as studies
    from workbench.experiments.grid import default_storage, make_grid
    from workbench.training import trainer

    base = TrainConfig(epochs=1, train_limit=args.train_limit)
    seeds = list(range(args.trials))
    work = Path(tempfile.mkdtemp(prefix="bench-experiment-"))
    trainer.train(base, work / "warm-up")

    def plain(r: int) -> float:
        start = time.perf_counter()
        for seed in seeds:
            trainer.train(base.replace(seed=seed), work / f"plain-{r}")
        return time.perf_counter() - start

    def experiment(r: int) -> float:
        grid = make_grid(base, [], f"0-{args.trials - 1}")
        storage = default_storage(work)
        start = time.perf_counter()
        studies.create(grid, storage, f"round-{r}")
        studies.work(storage, f"round-{r}", work / f"experiment-{r}")
        return time.perf_counter() - start

    ratios, times = [], {"train": [], "experiment": []}
    for r in range(args.rounds):
        order = [("train", plain), ("experiment", experiment)]
        if r % 2:
            order.reverse()
        measured = {name: fn(r) for name, fn in order}
        for name, seconds in measured.items():
            times[name].append(seconds)
        ratios.append(measured["experiment"] / measured["train"])
        print(f"round {r + 1}: train {measured['train']:.2f} s, experiment {measured['experiment']:.2f} s, "
              f"ratio {ratios[-1]:.3f}", flush=True)
    med = statistics.median(ratios)
    text = "\n".join([
        f"# Experiment machinery per trial — {time.strftime('%Y-%m-%d %H:%M')}", "",
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. {args.trials} trials of 1 epoch on "
        f"{args.train_limit} samples (MLP, SGD, batch 32, fast mode) per contender and round, {args.rounds} "
        "alternating rounds in one process.",
        f"Command: `python bench/bench_experiment.py --rounds {args.rounds} --trials {args.trials} "
        f"--train-limit {args.train_limit}`", "",
        "| contender | seconds for the trials, median |", "|---|---|",
        f"| `trainer.train` × {args.trials} | {statistics.median(times['train']):.2f} |",
        f"| experiment of {args.trials} trials | {statistics.median(times['experiment']):.2f} |", "",
        f"Ratio experiment / train: median **{med:.3f}** (min {min(ratios):.3f}, max {max(ratios):.3f}); "
        f"target ≤ 1.03: {'met' if med <= 1.03 else 'not met'}.", ""])
    print(text)
    (HERE / "RESULTS-experiment.md").write_text(text)


if __name__ == "__main__":
    main()
