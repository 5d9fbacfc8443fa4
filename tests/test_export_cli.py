"""`workbench export` without a window."""

import csv

from helpers import run_cli


def test_export_two_runs_from_the_command_line(trained, tmp_path):
    runs_dir = trained["fit"].folder.path.parent
    ids = [trained["fit"].summary.run_id, trained["custom"].summary.run_id]
    out = tmp_path / "out"
    p = run_cli("export", "--runs-dir", str(runs_dir), "--runs", *ids, "--out", str(out),
                "--formats", "png,svg,pdf,csv", "--smoothing", "0.5")
    assert p.returncode == 0, p.stderr
    for metric in ("loss", "accuracy"):
        for fmt in ("png", "svg", "pdf"):
            assert (out / f"{metric}.{fmt}").stat().st_size > 1000
    assert "small fit" in (out / "loss.svg").read_text()
    rows = list(csv.DictReader((out / "metrics.csv").read_text().splitlines()))
    assert {r["run_id"] for r in rows} == set(ids)


def test_export_refuses_unknown_runs_and_formats(trained, tmp_path):
    runs_dir = trained["fit"].folder.path.parent
    p = run_cli("export", "--runs-dir", str(runs_dir), "--runs", "nope", "--out", str(tmp_path))
    assert p.returncode == 2 and "no run 'nope'" in p.stderr and "Traceback" not in p.stderr
    p = run_cli("export", "--runs-dir", str(runs_dir), "--runs", trained["fit"].summary.run_id,
                "--out", str(tmp_path), "--formats", "gif")
    assert p.returncode == 2 and "gif" in p.stderr
