"""Shared fixtures: small real training runs, made once per session."""

from __future__ import annotations

import os
import tempfile

import numpy as np
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window geometry, last settings) of every window and `workbench gui` started by the tests,
# subprocesses included, go to a throwaway folder, never into the user's own configuration
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="workbench-test-config-")
# and the list of model files this machine wrote (model_source.trust) to one of the tests' own
os.environ["WORKBENCH_DATA_DIR"] = tempfile.mkdtemp(prefix="workbench-test-data-")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from experiment_fixtures import grpc_proxy, postgres  # noqa: F401 (fixtures for every test module)
from hypothesis import settings as hypothesis_settings

from workbench.training.distribute import configure_cpu_devices

from helpers import SMALL, write_npz

# two logical CPU devices, made before TensorFlow starts, so mirrored runs can be tested in this process
# (one-device runs use the first and are unchanged: the methods still agree bit for bit)
configure_cpu_devices(2)

# CI explores the same examples every run (found bugs stay found locally, where examples vary)
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


RECORDED = ("config.json", "status.json", "history.csv", "batches.csv", "model.keras", "best.keras")


def fingerprint(run_dirs) -> dict:
    """What a training wrote, by content: tests that change a shared run must copy it first."""
    import hashlib

    return {(str(d), name): hashlib.sha256((d / name).read_bytes()).hexdigest()
            for d in run_dirs for name in RECORDED if (d / name).is_file()}


@pytest.fixture(scope="session")
def trained(tmp_path_factory):
    """One small SGD run per method with the same seed: {method: RunResult}. Read-only for tests."""
    from workbench.core.config import TrainConfig
    from workbench.training import trainer

    runs_dir = tmp_path_factory.mktemp("runs")
    results = {
        m: trainer.train(TrainConfig(method=m, name=f"small {m}", **SMALL), runs_dir)
        for m in ("tape", "fit", "custom")
    }
    before = fingerprint(r.folder.path for r in results.values())
    yield results
    assert fingerprint(r.folder.path for r in results.values()) == before, "a test changed the shared runs"


@pytest.fixture
def tiny_npz(tmp_path):
    """A valid tiny dataset: colour 12x12 images, 3 classes, learnable (class = brightest channel)."""
    rng = np.random.default_rng(0)

    def make(n):
        y = rng.integers(0, 3, n)
        x = rng.integers(0, 80, (n, 12, 12, 3)).astype(np.uint8)
        for i, c in enumerate(y):
            x[i, :, :, c] += 150
        return x, y.astype(np.uint8)

    x_train, y_train = make(600)
    x_test, y_test = make(200)
    return write_npz(tmp_path / "tiny.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)


@pytest.fixture(scope="session")
def digit_model_run(tmp_path_factory):
    """A model trained for one epoch the usual way (Adam, cross-entropy): good enough to read digits."""
    from workbench.core.config import TrainConfig
    from workbench.training import trainer

    config = TrainConfig(method="fit", optimizer="adam", lr=0.001, loss="crossentropy", epochs=1,
                         train_limit=6000, val_limit=1000, name="adam digits")
    return trainer.train(config, tmp_path_factory.mktemp("digit-runs"))
