"""What writing the model's graph costs: once per run, against one steady full-MNIST epoch.

    python bench/bench_graph.py [--repeats 5]   -> bench/RESULTS-graph.md

The graph (`workbench/graph.py`) is traced and written once when training begins,
never per epoch; this shows its cost is a small fraction of one epoch.
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    import tensorflow as tf

    from workbench.core.config import TrainConfig
    from workbench.training import models, trainer
    from workbench.training.graph import write_model_graph

    rows = []
    for kind in ("mlp", "cnn"):
        times = []
        for _ in range(args.repeats):
            model = models.build(kind, (28, 28), 10, 0)
            writer = tf.summary.create_file_writer(tempfile.mkdtemp())
            t0 = time.perf_counter()
            assert write_model_graph(model, writer)
            writer.flush()
            times.append(time.perf_counter() - t0)
        rows.append((kind, statistics.median(times), min(times), max(times)))
    run = trainer.train(TrainConfig(method="fit", epochs=2), Path(tempfile.mkdtemp()))
    epoch = run.summary.to_dict()["epoch_seconds"][1]
    lines = ["# Writing the model's graph (once per run)", "",
             f"`python bench/bench_graph.py --repeats {args.repeats}` on {platform.machine()}, "
             f"{os.cpu_count()} cores, TF {tf.__version__}; steady full-MNIST `fit` epoch (MLP, batch 32): "
             f"{epoch:.2f} s.", "",
             "| model | graph write, median | min–max | vs one epoch (median) |", "|---|---|---|---|"]
    for kind, median, low, high in rows:
        lines.append(f"| {kind} | {1000 * median:.0f} ms | {1000 * low:.0f}–{1000 * high:.0f} ms | "
                     f"{median / epoch:.3f} |")
    lines += ["", "Written once per run (at the start of training), so per epoch of an E-epoch run it costs "
              "the ratio above divided by E."]
    (HERE / "RESULTS-graph.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
