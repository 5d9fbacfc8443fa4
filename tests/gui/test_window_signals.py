"""The window survives the end of a desktop session: real signals to a real app process."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.core.run_summary import read_run

DRIVER = Path(__file__).with_name("window_driver.py")


def start_app(tmp_path, *actions: str) -> subprocess.Popen:
    env = dict(os.environ, XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, str(DRIVER), str(tmp_path / "runs"), *actions], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_event(proc: subprocess.Popen, word: str) -> list[str]:
    for line in proc.stdout:
        if line.startswith(word + " "):
            return line.split()[1:]
    raise AssertionError(f"the app ended before '{word}': {proc.stderr.read()[-3000:]}")


def gone(pid: int, timeout: float = 20) -> bool:
    """The process has ended (a zombie waiting for init counts as ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def port_free(port: int, timeout: float = 20) -> bool:
    """Within `timeout`, nothing listens on the port any more. A connection's TIME_WAIT does not count
    (servers, TensorBoard included, bind with SO_REUSEADDR, which only a listening socket blocks); the
    wait covers TensorBoard's own data-server child, which ends itself when TensorBoard's pipe closes."""
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
                return True
            except OSError:
                if time.monotonic() > deadline:
                    return False
        time.sleep(0.1)


def wait_for_epoch(runs: Path, proc: subprocess.Popen, timeout: float = 300) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read()[-3000:]
        for history in runs.glob("*/history.csv"):
            if len(history.read_text().splitlines()) > 1 and (history.parent / "checkpoint" / "state.json").exists():
                return history.parent
        time.sleep(0.1)
    raise TimeoutError("no epoch finished")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc as on Linux")
def test_sigterm_mid_run_stops_the_run_keeps_it_and_ends_tensorboard(tmp_path):
    app = start_app(tmp_path, "--tensorboard", "--train")
    pid, port = map(int, read_event(app, "tensorboard"))
    run_dir = wait_for_epoch(tmp_path / "runs", app)
    app.send_signal(signal.SIGTERM)
    out, err = app.communicate(timeout=60)
    assert f"exit {128 + signal.SIGTERM}" in out, err[-3000:]
    summary = read_run(run_dir)
    assert summary.status == "stopped" and 1 <= summary.epochs_completed < 50
    assert json.loads((run_dir / "status.json").read_text())["status"] == "stopped"
    assert (run_dir / "model.keras").is_file()
    assert gone(pid) and port_free(port)
    saved = (tmp_path / "config" / "tf-training-workbench" / "workbench.conf").read_text()
    assert "long" in saved  # the settings (with the run's name) were saved on the way out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc as on Linux")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGHUP])
def test_sigint_and_sighup_close_the_window_and_tensorboard(tmp_path, sig):
    app = start_app(tmp_path, "--tensorboard")
    pid, port = map(int, read_event(app, "tensorboard"))
    app.send_signal(sig)
    out, err = app.communicate(timeout=60)
    assert f"exit {128 + sig}" in out, err[-3000:]
    assert gone(pid) and port_free(port)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc as on Linux")
def test_tensorboard_does_not_outlive_a_killed_app(tmp_path):
    app = start_app(tmp_path, "--tensorboard")
    pid, port = map(int, read_event(app, "tensorboard"))
    app.kill()
    app.wait(timeout=30)
    assert gone(pid), "TensorBoard still runs after the app was SIGKILLed"
    assert port_free(port)
