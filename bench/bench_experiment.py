"""What the experiment machinery adds per trial: an experiment's trials against the same runs by `train()`.

    python bench/bench_experiment.py [--rounds 4] [--trials 3] [--train-limit 10000]

In one process (so start-up and TensorFlow's first compilation are the same for both, after a warm-up
run), each round times `trials` runs made by `trainer.train` and an experiment of the same settings and
seeds (Optuna study in SQLite, heartbeats, the trial records), in alternating order; both are warmed up
first. The ratio experiment / train is taken within a round; RESULTS-experiment.md has its median and spread.
The machinery's own time (outside the trials' `trainer.train`) is also measured directly: it is free of the
noise between rounds, but misses any effect of the machinery on training itself, which the ratio includes.
Target (#19): ≤ 1.03. The last line of output is a JSON summary (what run_all.py reads).
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
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--trials", type=int, default=3)
    ap.add_argument("--train-limit", type=int, default=10_000)
    args = ap.parse_args()

    from workbench.core.config import TrainConfig
    from workbench.experiments import study as studies
    from workbench.experiments import trials
    from workbench.experiments.grid import default_storage, make_grid
    from workbench.training import trainer

    base = TrainConfig(epochs=1, train_limit=args.train_limit)
    seeds = list(range(args.trials))
    work = Path(tempfile.mkdtemp(prefix="bench-experiment-"))
    trainer.train(base, work / "warm-up")
    storage = default_storage(work)  # both contenders warmed up: the first experiment imports and creates more
    studies.create(make_grid(base, [], "0"), storage, "warm-up")
    trials.work(storage, "warm-up", work / "warm-up")

    inside: list[float] = []  # seconds of the trials' own `trainer.train` inside an experiment
    train = trainer.train

    def timed_train(*args, **kwargs):
        start = time.perf_counter()
        try:
            return train(*args, **kwargs)
        finally:
            inside.append(time.perf_counter() - start)

    def plain(r: int) -> float:
        start = time.perf_counter()
        for seed in seeds:
            trainer.train(base.replace(seed=seed), work / f"plain-{r}")
        return time.perf_counter() - start

    def experiment(r: int) -> float:
        grid = make_grid(base, [], f"0-{args.trials - 1}")
        start = time.perf_counter()
        inside.clear()
        trainer.train = timed_train  # (`work` calls it through the module)
        try:
            studies.create(grid, storage, f"round-{r}")
            trials.work(storage, f"round-{r}", work / f"experiment-{r}")
        finally:
            trainer.train = train
        seconds = time.perf_counter() - start
        machinery.append((seconds - sum(inside)) / len(inside))
        return seconds

    ratios, times, machinery = [], {"train": [], "experiment": []}, []
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
        f"target ≤ 1.03: {'met' if med <= 1.03 else 'not met'}.", "",
        f"The machinery alone (an experiment's time outside its trials' `trainer.train`, per trial): median "
        f"{statistics.median(machinery) * 1000:.0f} ms (min {min(machinery) * 1000:.0f}, max "
        f"{max(machinery) * 1000:.0f}), {statistics.median(machinery) / (statistics.median(times['train']) / args.trials):.1%} "
        "of a trial's median time.", ""])
    print(text)
    (HERE / "RESULTS-experiment.md").write_text(text)
    print(json.dumps({"ratio": med, "low": min(ratios), "high": max(ratios),  # the last line: run_all reads it
                      "machinery": statistics.median(machinery)}))


if __name__ == "__main__":
    main()
