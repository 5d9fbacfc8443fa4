"""The window's overhead in two versions, like with like: `fit` from the window against headless `fit`.

    git worktree add /tmp/old REV
    python bench/bench_window_ab.py /tmp/old [--rounds 3] [--steps-per-execution 0]   -> bench/RESULTS-window-ab.md

Per round and version: one window run (run_all's WINDOW_RUN: live plots, the real controller) and one
headless `workbench train --method fit`, full MNIST, 3 epochs; steady epochs (2 and 3) by median.
The ratio window/headless is what run_all.py reports as "fit from the window vs headless"; running
both versions alternately in one go makes the comparison fair on a noisy machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_ab import ab_arguments, alternate  # noqa: E402
from run_all import WINDOW_RUN  # noqa: E402


def _run(tree: Path, args: list[str]) -> list[float]:
    env = dict(os.environ, PYTHONPATH=str(tree), TF_CPP_MIN_LOG_LEVEL="2", QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="bench-config-"))
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=tree)
    if out.returncode != 0:
        raise RuntimeError(f"{tree}: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])["epoch_seconds"][1:]


def window(tree: Path, runs: str, n: str) -> list[float]:
    return _run(tree, ["-c", WINDOW_RUN, "3", "0", runs, n])  # 3 epochs, full data


def headless(tree: Path, runs: str, n: str) -> list[float]:
    return _run(tree, ["-m", "workbench", "train", "--method", "fit", "--epochs", "3", "--runs-dir", runs, "--json",
                       "--steps-per-execution", n])


def main() -> None:
    args, runs, trees = ab_arguments("bench-window-ab-")
    n = args.steps_per_execution
    times = alternate(trees, {"window": lambda tree: window(tree, runs, n),
                              "headless": lambda tree: headless(tree, runs, n)}, args.rounds)
    rows = []
    for version in trees:
        win = statistics.median(times[version, "window"])
        head = statistics.median(times[version, "headless"])
        rows.append(f"| {version} | {win:.2f} s | {head:.2f} s | {win / head:.3f} |")
    old_rev = subprocess.run(["git", "-C", str(trees["before"]), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
    new_rev = subprocess.run(["git", "-C", str(trees["now"]), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True).stdout.strip()
    text = "\n".join([
        "# The window's overhead, two versions alternating",
        "",
        f"before = {old_rev}, now = {new_rev} (plus uncommitted changes, if any); {args.rounds} rounds; full MNIST, "
        f"fit, 3 epochs, --steps-per-execution {n}; steady epochs 2-3, median.",
        f"Command: `python bench/bench_window_ab.py {args.old} --rounds {args.rounds} --steps-per-execution {n}`",
        "",
        "| version | fit from the window | fit headless | window / headless |",
        "|---|---|---|---|",
        *rows,
    ]) + "\n"
    print(text)
    (HERE / "RESULTS-window-ab.md").write_text(text)


if __name__ == "__main__":
    main()
