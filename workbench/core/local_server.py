"""A local web server as a child process (TensorBoard, optuna-dashboard): start, reuse, stop (no Qt).

Bound to 127.0.0.1 on a free port, run with the current interpreter. `start` returns once the server answers
HTTP; if it dies first, the error carries its stderr.

The server never outlives this process, however it ends (SIGKILL included): the child watches a pipe from us and
exits when it reads end-of-file, which the kernel delivers when our end closes. (Linux's PR_SET_PDEATHSIG would
fire when the *thread* that started the child ends, and the window starts it from one.)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from workbench.core.i18n import translate

# Prepended to a child's code: a watcher thread ends the process once the parent's pipe closes.
WATCH_PARENT = """\
import os, sys, threading
def _watch_parent():
    try:
        while sys.stdin.buffer.read(1):
            pass
    finally:
        os._exit(0)
threading.Thread(target=_watch_parent, daemon=True, name="parent-watch").start()
"""


class ServerError(RuntimeError):
    """The server is missing or did not start; the message says why."""


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


class LocalServer:
    """One child process serving HTTP on 127.0.0.1; subclasses say what it runs (`command`) and where it answers
    (`health_path`)."""

    name = "server"
    health_path = ""
    missing_hint = ""  # shown instead of the child's traceback when its package is not installed
    missing_module = ""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self._stderr = None

    def command(self, port: int) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        return dict(os.environ)

    def prepare(self) -> None:
        """Called before the process starts (make the folder it serves)."""

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
        self.prepare()
        if port == 0 or not port_is_free(port):
            port = free_port()
        self.port = port
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the process)
        try:
            # stdin: the pipe whose end-of-file tells the child that we are gone
            process = subprocess.Popen(self.command(port), stdout=subprocess.DEVNULL, stderr=self._stderr,
                                       stdin=subprocess.PIPE, env=self.environment())
        except OSError as exc:
            raise ServerError(translate("tensorboard", "{name} could not be started: {problem}").format(
                name=self.name, problem=exc)) from None
        self.process = process
        self._wait_until_it_answers(process, timeout)
        return self.url

    def _wait_until_it_answers(self, process: subprocess.Popen, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                if self.process is not process:  # stopped while starting (the app is closing)
                    raise ServerError(translate("tensorboard", "{name} was stopped while it started").format(
                        name=self.name))
                raise ServerError(translate("tensorboard", "{name} exited at start: {output}").format(
                    name=self.name, output=self._stderr_tail()))
            try:
                with urllib.request.urlopen(self.url + self.health_path, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.25)
        self.stop()
        raise ServerError(translate("tensorboard", "{name} did not answer within {seconds} s: {output}").format(
            name=self.name, seconds=f"{timeout:.0f}", output=self._stderr_tail()))

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        lines = [ln for ln in self._stderr.read().decode(errors="replace").splitlines() if ln.strip()]
        text = "\n".join(lines[-8:])
        if self.missing_module and f"No module named {self.missing_module}" in text.replace("'", ""):
            return self.missing_hint
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


def python_child(code: str) -> list[str]:
    """The command that runs `code` in this interpreter, ended when we are."""
    return [sys.executable, "-c", WATCH_PARENT + code]
