"""How fast is the loss landscape? (#39)

    python bench/bench_landscape.py [--rounds 4]

The article's MLP (SGD lr 0.01, sum_mse, 6,000 samples, two epochs, its weights path kept) is trained once; then,
in one process with TensorFlow loaded (as in the window), each round times:
- a 21 × 21 plane (PCA of the path) on the default 2,000 probe samples, from the request to the last row
  (target ≤ 10 s) and to the first row (target ≤ 1 s), the cache off;
- the top Hessian eigenvalue of the end point on the same probe set (target ≤ 5 s).
Medians over the rounds. Writes bench/RESULTS-landscape.md; its last line of output is a JSON summary.
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


def one_round(run_dir: Path) -> dict[str, float]:
    from workbench.analysis import landscape as ls
    from workbench.analysis.hessian import top_eigenvalue

    started = time.perf_counter()
    first: list[float] = []

    def on_row(j, _loss, _accuracy):
        if not first:
            first.append(time.perf_counter() - started)

    ls.landscape([run_dir], kind="plane", sharpness=False, use_cache=False, on_row=on_row)
    plane = time.perf_counter() - started
    probe = ls.Probe(run_dir)
    started = time.perf_counter()
    value = top_eigenvalue(probe.model, probe.x, probe.target, probe.loss_fn)
    return {"plane_s": plane, "first_row_s": first[0], "hessian_s": time.perf_counter() - started,
            "eigenvalue": value}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    from workbench.core.config import TrainConfig
    from workbench.training import trainer

    work = Path(tempfile.mkdtemp(prefix="bench-landscape-"))
    config = TrainConfig(optimizer="sgd", lr=0.01, loss="sum_mse", train_limit=6000, seed=1, epochs=2)
    run_dir = trainer.train(config, work).folder.path
    rounds = [one_round(run_dir) for _ in range(args.rounds)]
    median = {k: statistics.median(r[k] for r in rounds) for k in ("plane_s", "first_row_s", "hessian_s")}
    targets = {"plane_s": 10.0, "first_row_s": 1.0, "hessian_s": 5.0}
    lines = [f"# Loss landscape speed — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. The article's MLP (235,146 weights), 2,000 "
             f"probe samples, 21 × 21 plane on the PCA of its path; {args.rounds} rounds in one process, TensorFlow "
             "loaded. Command: `python bench/bench_landscape.py`", "",
             "| measure | rounds (s) | median (s) | target (s) | met |", "|---|---|---|---|---|"]
    for key, label in (("plane_s", "21 × 21 plane, request to last row"), ("first_row_s", "request to first row"),
                       ("hessian_s", "top Hessian eigenvalue")):
        values = ", ".join(f"{r[key]:.2f}" for r in rounds)
        met = "yes" if median[key] <= targets[key] else "**no**"
        lines.append(f"| {label} | {values} | {median[key]:.2f} | {targets[key]:.0f} | {met} |")
    every = ", ".join(f"{r['eigenvalue']:.4g}" for r in rounds)
    lines += ["", f"Top eigenvalue of the end point, every round: {every}."]
    (HERE / "RESULTS-landscape.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(json.dumps({"median": median, "targets": targets}))


if __name__ == "__main__":
    main()
