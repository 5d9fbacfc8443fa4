"""`workbench evaluate`: what a run gets right and wrong, from its saved model."""

import json
import os
import shutil

import pytest

from workbench.analysis.evaluation import NoModel, evaluate

from helpers import run_cli


def test_confusion_matrix_matches_the_runs_validation_accuracy(trained):
    result = evaluate(trained["custom"].folder.path, use_cache=False)
    matrix = result["confusion_matrix"]
    total = sum(map(sum, matrix))
    assert total == result["samples"] == 500  # the run's --val-limit
    trace = sum(matrix[i][i] for i in range(len(matrix)))
    assert trace / total == pytest.approx(trained["custom"].summary.final["val_accuracy"], abs=1e-6)
    assert [m["support"] for m in result["per_class"]] == [sum(row) for row in matrix]
    for mistake in result["most_confident_mistakes"]:  # only misclassified images, most confident first
        assert mistake["true"] != mistake["predicted"] and mistake["top3"][0][0] == mistake["predicted"]
    confidences = [m["top3"][0][1] for m in result["most_confident_mistakes"]]
    assert confidences == sorted(confidences, reverse=True)


def test_the_result_is_cached_until_the_model_changes(trained, tmp_path):
    run_dir = tmp_path / "copy"  # a copy: the session's shared run stays as trained
    shutil.copytree(trained["fit"].folder.path, run_dir)
    first = evaluate(run_dir)
    cache = run_dir / "evaluation.json"
    assert json.loads(cache.read_text())["accuracy"] == first["accuracy"]
    cache.write_text(json.dumps({**first, "accuracy": -1.0}))
    assert evaluate(run_dir)["accuracy"] == -1.0  # served from the cache
    model = run_dir / "model.keras"
    os.utime(model, (model.stat().st_atime, model.stat().st_mtime + 5))  # the model changed
    assert evaluate(run_dir)["accuracy"] == first["accuracy"]


def test_evaluate_on_the_command_line(trained, tmp_path):
    result = trained["tape"]
    p = run_cli("evaluate", "--runs-dir", str(result.folder.path.parent), "--run", result.summary.run_id, "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout.strip().splitlines()[-1])
    assert data["accuracy"] == pytest.approx(result.summary.final["val_accuracy"], abs=1e-6)
    assert "confusion matrix" in p.stderr
    missing = run_cli("evaluate", "--runs-dir", str(tmp_path), "--run", "nope")
    assert missing.returncode == 2 and "no run 'nope'" in missing.stderr


def test_a_run_without_a_model_says_so(tmp_path):
    from workbench.core.runs import RunFolder

    folder = RunFolder.create(tmp_path, {"method": "fit", "optimizer": "sgd"})
    with pytest.raises(NoModel, match="no model.keras"):
        evaluate(folder.path)


def test_evaluate_writes_the_matrix_as_csv(trained, tmp_path):
    result = trained["fit"]
    out = tmp_path / "matrix.csv"
    p = run_cli("evaluate", "--runs-dir", str(result.folder.path.parent), "--run", result.summary.run_id,
                "--csv", str(out))
    assert p.returncode == 0, p.stderr
    rows = [line.split(",") for line in out.read_text().splitlines()]
    assert rows[0][1:] == [str(c) for c in range(10)]
    assert sum(int(v) for row in rows[1:] for v in row[1:]) == 500
    assert "raw scores" in p.stdout  # an MSE-trained model: its outputs are not probabilities
