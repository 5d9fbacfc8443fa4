"""An image folder against the same images as .npz (#36).

    python bench/bench_image_folder.py [--rounds 2]

Writes MNIST's 70,000 images as PNG files (train/ and test/, one folder per digit), then trains the article's MLP
on it and on the shipped mnist.npz (fit, 3 epochs, alternating, `--rounds` each) as separate processes, timed
from outside: steady epochs (the median of epochs 2–3, from history.csv; target ≤ 1.10× the .npz's), the time
before training starts (reading the folder), and the peak resident memory (`/usr/bin/time -f %M`). Also the
folder's check (`image_folder.scan` + every image's header) alone, and the window's preview of it
(`data_preview.preview`, 3 times, target ≤ 2 s). Writes bench/RESULTS-image-folder.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def write_folder(root: Path) -> Path:
    from PIL import Image

    from workbench.core import data

    mnist = data.load("mnist")
    for split, x, y in (("train", mnist.x_train, mnist.y_train), ("test", mnist.x_test, mnist.y_test)):
        for digit in range(10):
            (root / split / str(digit)).mkdir(parents=True, exist_ok=True)
        for i in range(len(x)):
            Image.fromarray(x[i]).save(root / split / str(int(y[i])) / f"{i:05d}.png")
    return root


def one_run(dataset: str, runs: Path) -> dict[str, float]:
    started = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "workbench", "train", "--dataset",
                          dataset, "--epochs", "3", "--runs-dir", str(runs), "--json"],
                         capture_output=True, text=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"})
    wall = time.perf_counter() - started
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    rss_kb = int(out.stderr.strip().splitlines()[-1])
    run_dir = max(runs.iterdir(), key=lambda p: p.stat().st_mtime)
    with open(run_dir / "history.csv", encoding="utf-8") as f:
        seconds = [float(r["seconds"]) for r in csv.DictReader(f)]
    return {"steady_s": statistics.median(seconds[1:]), "first_s": seconds[0], "before_s": wall - sum(seconds),
            "rss_mb": rss_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-image-folder-"))
    started = time.perf_counter()
    folder = write_folder(work / "mnist-folder")
    written = time.perf_counter() - started
    from workbench.core import image_folder

    started = time.perf_counter()
    layout = image_folder.scan(folder)
    image_folder.image_format(layout)
    check = time.perf_counter() - started
    from workbench.core.config import TrainConfig
    from workbench.core.data_preview import preview

    previews = []
    for _ in range(3):
        started = time.perf_counter()
        preview(TrainConfig(dataset=str(folder)))
        previews.append(time.perf_counter() - started)
    results: dict[str, list[dict]] = {"npz": [], "folder": []}
    for _ in range(args.rounds):
        results["npz"].append(one_run("mnist", work / "runs"))
        results["folder"].append(one_run(str(folder), work / "runs"))
    med = {k: {m: statistics.median(r[m] for r in v) for m in v[0]} for k, v in results.items()}
    ratio = med["folder"]["steady_s"] / med["npz"]["steady_s"]
    lines = [f"# Image folder against .npz — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {platform.platform()}, {os.cpu_count()} CPUs. MNIST's 70,000 images as PNG files "
             f"(written in {written:.0f} s), the MLP, fit, 3 epochs, {args.rounds} rounds alternating, each a "
             "process timed from outside. Command: `python bench/bench_image_folder.py`", "",
             "| data | steady epoch (s) | first epoch (s) | before training (s) | peak RSS (MB) |", "|---|---|---|---|---|"]
    for key in ("npz", "folder"):
        m = med[key]
        lines.append(f"| {key} | {m['steady_s']:.2f} | {m['first_s']:.2f} | {m['before_s']:.1f} | "
                     f"{m['rss_mb']:.0f} |")
    lines += ["", f"Steady epochs, folder ÷ npz: **{ratio:.2f}×** (target ≤ 1.10). The window's data preview of "
              f"the folder (classes, counts, 30 samples): median {statistics.median(previews):.2f} s of 3 "
              f"(target ≤ 2 s). Checking every image's header before training: {check:.1f} s."]
    (HERE / "RESULTS-image-folder.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(json.dumps({"ratio": ratio, "check_s": check, "preview_s": statistics.median(previews), **med}))


if __name__ == "__main__":
    main()
