"""Scale-out through tf.distribute: mirrored over 2 logical CPUs, two workers on loopback, the loss-scale
pitfall under replicas."""

import json
import os
import socket
import subprocess
import sys

import numpy as np
import pytest

from workbench.analysis.diagnostics import explain
from workbench.core.config import ConfigError, TrainConfig
from workbench.training import trainer

from helpers import dense_layer_names, graph_scopes, run_cli, weights_of

ONE_EPOCH = dict(epochs=1, train_limit=2000, val_limit=500, batch_size=32)


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
def test_mirrored_over_two_cpus_reaches_the_weights_of_one_device(method, trained, tmp_path):
    one = trainer.train(TrainConfig(method=method, **ONE_EPOCH), tmp_path)
    two = trainer.train(TrainConfig(method=method, strategy="mirrored", cpu_replicas=2, **ONE_EPOCH), tmp_path)
    a, b = weights_of(one.folder.path), weights_of(two.folder.path)
    assert np.abs(a - b).max() / np.abs(a).max() <= 1e-4
    assert two.summary.final["loss"] == pytest.approx(one.summary.final["loss"], rel=1e-4)  # the logged loss too
    assert json.loads((two.folder.path / "status.json").read_text())["replicas"] == 2
    # the model's graph is written under a strategy too (and with XLA, on one device)
    for run in (one, two):
        assert {f"mlp/{name}" for name in dense_layer_names(run.folder.path)} <= graph_scopes(run.folder.path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("method", ["tape", "fit", "custom"])
def test_two_workers_on_loopback_train_and_only_the_chief_writes_the_run(tmp_path, method):
    runs = tmp_path / "runs"
    cluster = {"worker": [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]}
    procs = []
    for index in (0, 1):
        env = dict(os.environ, TF_CONFIG=json.dumps({"cluster": cluster, "task": {"type": "worker", "index": index}}),
                   WORKBENCH_RUNS_DIR=str(runs))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "workbench", "train", "--strategy", "multiworker", "--method", method,
             "--epochs", "1", "--train-limit", "2000", "--val-limit", "500", "--json"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    chief, worker = (json.loads(out.strip().splitlines()[-1]) for out, _ in outs)
    assert chief["status"] == worker["status"] == "completed"
    assert [d.name for d in runs.iterdir()] == [chief["run_id"]]  # one run folder: the chief's
    assert worker["run_dir"] is None and worker["chief"] is False
    assert "the chief writes the run" in outs[1][1]
    run_dir = runs / chief["run_id"]
    assert (run_dir / "model.keras").is_file() and any((run_dir / "logs").rglob("events.out.tfevents.*"))
    # the global batch is split between the workers, not doubled: the same loss as one device
    one = trainer.train(TrainConfig(method=method, **ONE_EPOCH), tmp_path / "one")
    assert chief["final"]["loss"] == pytest.approx(one.summary.final["loss"], rel=1e-4)


def test_multiworker_without_tf_config_says_what_is_missing(tmp_path):
    env_free = {k: v for k, v in os.environ.items() if k != "TF_CONFIG"}
    p = subprocess.run([sys.executable, "-m", "workbench", "train", "--strategy", "multiworker",
                        "--runs-dir", str(tmp_path)], env=env_free, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert "TF_CONFIG" in p.stderr and "Traceback" not in p.stderr
    assert not any(tmp_path.iterdir())  # no half-made run


def test_cpu_replicas_go_with_mirrored(tmp_path):
    p = run_cli("train", "--cpu-replicas", "2", "--runs-dir", str(tmp_path))
    assert p.returncode == 2 and "--cpu-replicas" in p.stderr and "mirrored" in p.stderr
    with pytest.raises(ConfigError, match="cpu_replicas"):
        TrainConfig(strategy="default", cpu_replicas=2)


def test_explain_measures_the_per_replica_loss_pitfall():
    result = explain(TrainConfig(strategy="mirrored", cpu_replicas=2, train_limit=2000))
    scaling = result["replicas"]
    assert scaling["replicas"] == 2 and scaling["measured"]
    assert scaling["per_replica_batch_gradient_scale"] == pytest.approx(2.0, rel=1e-3)  # off by the replicas
    assert scaling["global_batch_gradient_scale"] == pytest.approx(1.0, rel=1e-3)  # what the workbench does
    assert any("per-replica batch" in w and "compute_average_loss" in w for w in result["warnings"])
    assert explain(TrainConfig(train_limit=2000))["replicas"] is None  # one device: nothing to warn about


def test_explain_does_not_join_a_multiworker_cluster(monkeypatch):
    cluster = {"worker": [f"127.0.0.1:{free_port()}", f"127.0.0.1:{free_port()}"]}
    monkeypatch.setenv("TF_CONFIG", json.dumps({"cluster": cluster, "task": {"type": "worker", "index": 0}}))
    result = explain(TrainConfig(strategy="multiworker", train_limit=2000))
    assert result["replicas"] == {"replicas": 2, "measured": False,
                                  "reason": "explain runs in one process and does not join the TF_CONFIG cluster"}
    assert any("N times too large" in w for w in result["warnings"])


def test_the_devices_are_described_as_tensorflow_sees_them():
    from workbench.training.distribute import describe_devices, devices_text

    devices = describe_devices()
    assert devices["cpus"] == 2 and devices["gpus"] == []  # this test session splits the CPU in two
    assert devices_text(devices) == f"2 logical CPUs ({devices['cpu_cores']} cores); no GPU"
    gpu = {"cpus": 1, "cpu_cores": 8, "gpus": [{"name": "NVIDIA A100-SXM4-40GB", "memory_mb": 38_000}]}
    assert devices_text(gpu) == "1 logical CPU (8 cores); NVIDIA A100-SXM4-40GB (38,000 MB)"


def test_a_fresh_process_splits_its_cpu_for_a_mirrored_run(tmp_path):
    # the test session made its devices up front; a user's `workbench train` starts from nothing
    args = ("--method", "fit", "--epochs", "1", "--train-limit", "2000", "--val-limit", "500", "--json",
            "--runs-dir", str(tmp_path))
    one = run_cli("train", *args)
    two = run_cli("train", "--strategy", "mirrored", "--cpu-replicas", "2", *args)
    assert one.returncode == 0 and two.returncode == 0, two.stderr[-1500:]
    a, b = (json.loads(p.stdout.strip().splitlines()[-1]) for p in (one, two))
    wa, wb = weights_of(a["run_dir"]), weights_of(b["run_dir"])
    assert np.abs(wa - wb).max() / np.abs(wa).max() <= 1e-4
    explained = run_cli("explain", "--strategy", "mirrored", "--cpu-replicas", "2", "--train-limit", "2000", "--json")
    assert explained.returncode == 0, explained.stderr[-1500:]
    scaling = json.loads(explained.stdout.strip().splitlines()[-1])["replicas"]
    assert scaling["measured"] and scaling["per_replica_batch_gradient_scale"] == pytest.approx(2.0, rel=1e-3)
