"""TensorBoard as a child process: start, reuse, stop (no Qt).

One server per runs folder, bound to 127.0.0.1 on a free port, run with the
current interpreter's installed `tensorboard`. `start` returns once the
server answers HTTP; if it dies first, the error carries its stderr.

The server never outlives this process, however it ends (SIGKILL included): the
child watches a pipe from us and exits when it reads end-of-file, which the
kernel delivers when our end closes. (Linux's PR_SET_PDEATHSIG would fire when
the *thread* that started the child ends, and the window starts it from one.)
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from workbench.core.i18n import translate


def runs_url(url: str, run_ids=()) -> str:
    """The server's URL, showing only these runs (Time Series' run filter, a regex kept in the URL)."""
    if not run_ids:
        return url
    import re
    import urllib.parse

    pattern = "^(" + "|".join(re.escape(r) for r in run_ids) + ")/"
    return f"{url}#timeseries&runFilter={urllib.parse.quote(pattern, safe='')}"


class TensorBoardError(RuntimeError):
    """TensorBoard is missing or did not start; the message says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


# Runs in the child: a watcher thread ends the process once the parent's pipe closes, then TensorBoard.
_CHILD = """\
import os, sys, threading
def _watch_parent():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)
threading.Thread(target=_watch_parent, daemon=True, name="parent-watch").start()
from tensorboard.main import run_main
sys.argv = ["tensorboard", *sys.argv[1:]]
run_main()
"""


class TensorBoardServer:
    """A TensorBoard process serving one log folder."""

    def __init__(self, logdir: Path) -> None:
        self.logdir = Path(logdir).resolve()
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self._stderr = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self, port: int = 0, timeout: float = 90.0) -> str:
        """Starts the server (a taken or zero port means a free one) and waits until it answers."""
        if self.running:
            return self.url
        self.logdir.mkdir(parents=True, exist_ok=True)
        if port == 0 or not port_is_free(port):
            port = free_port()
        self.port = port
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the process)
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
        cmd = [sys.executable, "-c", _CHILD, "--logdir", str(self.logdir),
               "--host", "127.0.0.1", "--port", str(port), "--reload_interval", "5"]
        try:
            # stdin: the pipe whose end-of-file tells the child that we are gone
            process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self._stderr,
                                       stdin=subprocess.PIPE, env=env)
        except OSError as exc:
            raise TensorBoardError(translate("tensorboard", "TensorBoard could not be started: {problem}").format(
                problem=exc)) from None
        self.process = process
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                if self.process is not process:  # stopped while starting (the app is closing)
                    raise TensorBoardError(translate("tensorboard", "TensorBoard was stopped while it started"))
                raise TensorBoardError(translate("tensorboard", "TensorBoard exited at start: {output}").format(
                    output=self._stderr_tail()))
            try:
                with urllib.request.urlopen(self.url + "data/runs", timeout=2) as response:
                    if response.status == 200:
                        return self.url
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise TensorBoardError(translate("tensorboard", "TensorBoard did not answer within {seconds} s: {output}").format(
            seconds=f"{timeout:.0f}", output=self._stderr_tail()))

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = [ln for ln in self._stderr.read().decode(errors="replace").splitlines() if ln.strip()]
        text = "\n".join(lines[-8:])
        if "No module named tensorboard" in text:
            return "the tensorboard package is not installed (pip install tensorboard)"
        return text or "(no output)"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdin is not None:
            process.stdin.close()


_servers: dict[Path, TensorBoardServer] = {}
_lock = threading.Lock()


def server_for(logdir: Path) -> TensorBoardServer:
    """The one server object of a log folder (started or not)."""
    key = Path(logdir).resolve()
    with _lock:
        if key not in _servers:
            _servers[key] = TensorBoardServer(key)
        return _servers[key]


def stop_all() -> None:
    with _lock:
        servers = list(_servers.values())
    for server in servers:
        server.stop()


atexit.register(stop_all)
