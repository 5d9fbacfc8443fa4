"""The command line as a user or script meets it."""

import json

import pytest

from helpers import run_cli


def test_train_json_summary_and_run_listing(tmp_path):
    p = run_cli("train", "--method", "tape", "--optimizer", "adam", "--lr", "0.001", "--loss",
                "crossentropy", "--epochs", "1", "--train-limit", "5000", "--val-limit", "1000",
                "--name", "cli run", "--json", env_runs=tmp_path)
    assert p.returncode == 0, p.stderr
    summary = json.loads(p.stdout.strip().splitlines()[-1])
    for key in ("run_id", "run_dir", "name", "status", "method", "optimizer", "lr", "loss", "metric",
                "epochs_completed", "seconds", "epoch_seconds", "final"):
        assert key in summary
    assert summary["status"] == "completed" and summary["name"] == "cli run"
    assert summary["final"]["val_accuracy"] > 0.85
    assert "Epoch 1/1" in p.stderr
    listing = run_cli("runs", "--json", env_runs=tmp_path)
    runs = json.loads(listing.stdout.strip().splitlines()[-1])
    assert [r["run_id"] for r in runs] == [summary["run_id"]]
    table = run_cli("runs", "--runs-dir", str(tmp_path))
    assert "cli run" in table.stdout and "completed" in table.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--method", "keras"], "argument --method: invalid choice"),
        (["--lr", "-1"], "argument --lr:"),
        (["--lr", "abc"], "argument --lr: invalid float value"),
        (["--epochs", "0"], "argument --epochs:"),
        (["--batch-size", "5000", "--train-limit", "100"], "argument --batch-size: 5000 is larger than the 100"),
        (["--dataset", "/nonexistent/x.npz"], "argument --dataset:"),
        (["--eager", "--method", "fit"], "argument --eager:"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(tmp_path, args, words):
    p = run_cli("train", *args, env_runs=tmp_path)
    assert p.returncode == 2
    lines = [line for line in p.stderr.splitlines() if line.startswith("workbench")]
    assert len(lines) == 1 and words in lines[0], p.stderr
    assert "Traceback" not in p.stderr
    assert not list(tmp_path.iterdir())  # no half run left behind


def test_help_works_for_every_subcommand():
    for sub in ("train", "runs", "gui"):
        p = run_cli(sub, "--help")
        assert p.returncode == 0 and "usage:" in p.stdout


def test_unwritable_runs_folder_fails_before_training(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = run_cli("train", "--epochs", "1", "--train-limit", "100", "--runs-dir", str(blocker / "runs"))
    assert p.returncode == 1
    assert "not writable" in p.stderr and "Traceback" not in p.stderr


def test_a_setting_s_special_word_is_accepted_as_the_help_shows_it():
    """`--steps-per-execution auto` as the help says ("auto = calls of about 0.05 s"), `all` and `off` likewise."""
    from workbench.cli import UsageError, build_parser

    args = build_parser().parse_args(["train", "--steps-per-execution", "auto", "--train-limit", "all",
                                      "--val-limit", "ALL", "--dynamics-every", "off", "--cpu-replicas", "auto"])
    assert (args.steps_per_execution, args.train_limit, args.val_limit, args.dynamics_every, args.cpu_replicas) == (
        0, 0, 0, 0, 0)
    assert build_parser().parse_args(["train", "--train-limit", "640"]).train_limit == 640
    with pytest.raises(UsageError, match="argument --train-limit: 'lots' is not a whole number"):
        build_parser().parse_args(["train", "--train-limit", "lots"])
