"""TensorBoard as a child process (`local_server`): one server per runs folder, reused, stopped with us (no Qt)."""

from __future__ import annotations

import atexit
import os
import threading
from pathlib import Path

from workbench.core.local_server import (
    LocalServer,
    ServerError,
    free_port,
    port_is_free,
    python_child,
)

__all__ = ["TensorBoardError", "TensorBoardServer", "free_port", "port_is_free", "runs_url", "server_for",
           "stop_all"]

TensorBoardError = ServerError


def runs_url(url: str, run_ids=()) -> str:
    """The server's URL, showing only these runs (Time Series' run filter, a regex kept in the URL)."""
    if not run_ids:
        return url
    import re
    import urllib.parse

    pattern = "^(" + "|".join(re.escape(r) for r in run_ids) + ")/"
    return f"{url}#timeseries&runFilter={urllib.parse.quote(pattern, safe='')}"


_CHILD = """\
from tensorboard.main import run_main
sys.argv = ["tensorboard", *sys.argv[1:]]
run_main()
"""


class TensorBoardServer(LocalServer):
    """A TensorBoard process serving one log folder."""

    name = "TensorBoard"
    health_path = "data/runs"
    missing_module = "tensorboard"
    missing_hint = "the tensorboard package is not installed (pip install tensorboard)"

    def __init__(self, logdir: Path) -> None:
        super().__init__()
        self.logdir = Path(logdir).resolve()

    def prepare(self) -> None:
        self.logdir.mkdir(parents=True, exist_ok=True)

    def command(self, port: int) -> list[str]:
        return [*python_child(_CHILD), "--logdir", str(self.logdir), "--host", "127.0.0.1", "--port", str(port),
                "--reload_interval", "5"]

    def environment(self) -> dict[str, str]:
        return dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")


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
