"""Two versions of the workbench, like with like: the same `workbench train` runs, alternating, in one go.

    git worktree add /tmp/old REV
    python bench/bench_ab.py /tmp/old [--rounds 3] [--methods tape,fit] [--steps-per-execution 1]
                                                       -> bench/RESULTS-ab.md

Each method trains full MNIST for 3 epochs (MLP, batch 32, SGD 0.01, Keras "mse") from each tree in turn
(`PYTHONPATH` picks the tree); steady epochs (2 and 3, the workbench's own epoch times) are compared by
median. Use it to show that a change made nothing slower; the machine's noise (±30% per epoch here) is
why the two versions alternate within each round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
METHODS = ("fit", "custom", "tape")


def epochs(tree: Path, method: str, runs: str, *extra: str) -> list[float]:
    env = dict(os.environ, PYTHONPATH=str(tree), TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run([sys.executable, "-m", "workbench", "train", "--method", method, "--loss", "keras_mse",
                          "--epochs", "3", "--runs-dir", runs, "--json", *extra], capture_output=True, text=True,
                         check=True, env=env, cwd=tree)
    return json.loads(out.stdout.strip().splitlines()[-1])["epoch_seconds"][1:]


def alternate(trees: dict[str, Path], contenders: dict[str, Callable[[Path], list[float]]],
              rounds: int) -> dict[tuple[str, str], list[float]]:
    """Each contender from each tree in turn, `rounds` times: {(tree tag, contender): steady epoch times}."""
    times: dict[tuple[str, str], list[float]] = {}
    for r in range(rounds):
        for tag, tree in trees.items():
            for name, measure in contenders.items():
                got = measure(tree)
                times.setdefault((tag, name), []).extend(got)
                print(f"round {r + 1} {tag} {name}: {[f'{t:.2f}' for t in got]}", file=sys.stderr, flush=True)
    return times


def ab_arguments(prefix: str, more: Callable[[argparse.ArgumentParser], None] | None = None,
                 ) -> tuple[argparse.Namespace, str, dict[str, Path]]:
    """The command line of an A/B bench: (args, a fresh runs folder, {"before": old tree, "now": this one});
    `more` adds a bench's own options."""
    ap = argparse.ArgumentParser()
    ap.add_argument("old", type=Path, help="a checkout of the version to compare with")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps-per-execution", default="0", help="0: the default (fast mode, N auto)")
    if more is not None:
        more(ap)
    args = ap.parse_args()
    return args, tempfile.mkdtemp(prefix=prefix), {"before": args.old.resolve(), "now": HERE.parent}


def _options(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--methods", default=",".join(METHODS), help="comma-separated")


def main() -> None:
    args, runs, trees = ab_arguments("bench-ab-", _options)
    methods = args.methods.split(",")
    extra = ("--steps-per-execution", args.steps_per_execution)
    times = alternate(trees, {m: (lambda tree, m=m: epochs(tree, m, runs, *extra)) for m in methods}, args.rounds)
    lines = [f"# This version against {args.old.name}, like with like", "",
             f"Command: `python bench/bench_ab.py {args.old} --rounds {args.rounds} --methods {args.methods} "
             f"--steps-per-execution {args.steps_per_execution}`; full MNIST, 3 epochs, steady epochs 2-3 (the "
             "workbench's own epoch times), median.", "",
             "| method | before (s) | now (s) | now / before |", "|---|---|---|---|"]
    for method in methods:
        before, now = (statistics.median(times[tag, method]) for tag in ("before", "now"))
        lines.append(f"| {method} | {before:.2f} | {now:.2f} | {now / before:.3f} |")
    text = "\n".join(lines) + "\n"
    (HERE / "RESULTS-ab.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
