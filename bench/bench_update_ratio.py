"""Does `update_ratio` mean one step's update whatever the steps per call? (#38)

    python bench/bench_update_ratio.py

The issue's settings (MLP, SGD lr 0.01, the article's loss, 6,000 samples, seed 5, instruments every 43 steps,
one epoch), for each method, with one step per call (N = 1), the automatic N and N = 16: each layer's
update_ratio at the steps all of them sampled, and the largest relative difference from N = 1 (target: equal to
1% in every layer). Then Keras's "mse" against the article's loss at step 1 under SGD, sampled inside calls of
16 steps (target: 0.10 in every layer). Numbers, not times: one run each is enough. Writes
bench/RESULTS-update-ratio.md; its last line of output is a JSON summary.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def sampled(config, where: Path) -> dict[tuple[int, str], float]:
    from workbench.core.runs import RunFolder
    from workbench.training import trainer

    run = trainer.train(config, where)
    return {(int(r["step"]), r["layer"]): r["update_ratio"] for r in RunFolder(run.folder.path).dynamics()}


def main() -> None:
    from workbench.core.config import TrainConfig

    work = Path(tempfile.mkdtemp(prefix="bench-update-ratio-"))
    base = TrainConfig(optimizer="sgd", lr=0.01, loss="sum_mse", train_limit=6000, val_limit=500, seed=5, epochs=1,
                       dynamics_every=43)
    lines = [f"# update_ratio: one step's update at any steps per call — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. MLP, SGD lr 0.01, sum_mse, 6000 samples, "
             "seed 5, every 43 steps, one epoch (187 steps). Command: `python bench/bench_update_ratio.py`", "",
             "| method | N | steps compared | largest relative difference from N = 1 |", "|---|---|---|---|"]
    worst = 0.0
    for method in ("tape", "fit", "custom"):
        runs = {n: sampled(base.replace(method=method, steps_per_execution=n), work / f"{method}-{n}")
                for n in (1, 0, 16)}
        for n in (0, 16):
            common = sorted(runs[n].keys() & runs[1].keys())
            diff = max(abs(runs[n][k] / runs[1][k] - 1) for k in common)
            worst = max(worst, diff)
            steps = sorted({s for s, _ in common})
            lines.append(f"| {method} | {'auto' if n == 0 else n} | {len(steps)} ({steps[0]}…{steps[-1]}) | "
                         f"{diff:.2e} |")
    first = {loss: sampled(base.replace(method="fit", loss=loss, dynamics_every=1, steps_per_execution=16,
                                        train_limit=640), work / f"first-{loss}")
             for loss in ("sum_mse", "keras_mse")}
    ratios = {layer: first["keras_mse"][1, layer] / first["sum_mse"][1, layer]
              for (step, layer) in first["sum_mse"] if step == 1}
    lines += ["", f"Largest difference: **{worst:.2e}** (target ≤ 1e-2: {'met' if worst <= 1e-2 else 'not met'}).",
              "", "Step 1, `fit`, calls of 16 steps, keras_mse / sum_mse update_ratio under SGD lr 0.01 "
              "(target 0.10 in every layer):", "",
              "| layer | ratio |", "|---|---|", *[f"| {k} | {v:.4f} |" for k, v in ratios.items()], ""]
    (HERE / "RESULTS-update-ratio.md").write_text("\n".join(lines))
    print("\n".join(lines))
    print(json.dumps({"largest_difference": worst, "step1_keras_over_sum": ratios}))


if __name__ == "__main__":
    main()
