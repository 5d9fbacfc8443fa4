"""The tree shows the layers, and the layers hold: core imports neither TensorFlow nor Qt, training and
analysis import no Qt, and the window's package starts without TensorFlow."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = r"""
import importlib, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
banned = sys.argv[1].split(",")
print(",".join(b for b in banned if b in sys.modules))
"""


def loaded(modules: list[str], banned: list[str]) -> str:
    p = subprocess.run([sys.executable, "-c", CHECK, ",".join(banned), *modules], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    return p.stdout.strip()


def test_core_imports_neither_tensorflow_nor_qt():
    core = ["workbench.core." + m for m in ("settings", "config", "runs", "stop", "data", "article", "desktop",
                                            "tensorboard")]
    assert loaded(core, ["tensorflow", "keras", "PySide6"]) == ""


@pytest.mark.parametrize("package", ["workbench.training.trainer", "workbench.training.model_export",
                                     "workbench.analysis.diagnostics", "workbench.analysis.evaluation",
                                     "workbench.cli"])
def test_training_analysis_and_the_cli_import_no_qt(package):
    assert loaded([package], ["PySide6"]) == ""


def test_the_window_package_starts_without_tensorflow():
    assert loaded(["workbench.gui"], ["tensorflow", "keras"]) == ""


def test_each_layer_imports_only_the_layers_below_it():
    """import-linter's layers contract (pyproject.toml): core < training < analysis, experiments < gui < cli."""
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(tool)], capture_output=True, text=True, cwd=Path(__file__).parents[1], timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 kept, 0 broken" in done.stdout
