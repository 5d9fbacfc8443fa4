"""Converts a SavedModel to a TFLite file in a process of its own: `python -m workbench.training.tflite_convert SAVED OUT`.

The converter (MLIR, its own thread pools) once waited for ever inside the window's process
while other threads held TensorFlow; a child process cannot share that state, and a stuck one
can be ended. No Qt, no workbench imports: only TensorFlow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = 600


def convert_in_child(saved_model: Path, out: Path, timeout: float = TIMEOUT_S) -> None:
    """Writes `out` from `saved_model`; raises RuntimeError with the converter's last line if it fails."""
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL=os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"))
    try:
        done = subprocess.run([sys.executable, "-m", __name__, str(saved_model), str(out)], env=env,
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"the TFLite converter did not finish within {timeout:.0f} s") from None
    if done.returncode != 0 or not out.is_file():
        lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
        raise RuntimeError("the TFLite converter failed: " + (lines[-1] if lines else f"exit {done.returncode}"))


def main(argv: list[str]) -> int:
    import tensorflow as tf

    saved, out = argv
    Path(out).write_bytes(tf.lite.TFLiteConverter.from_saved_model(saved).convert())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
