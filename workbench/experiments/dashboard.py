"""optuna-dashboard on an experiment's storage: the tool Optuna users know, started like TensorBoard (no Qt).

A child process on 127.0.0.1 (`core.local_server`), one per storage, stopped with us. The storage URL reaches
the child through its environment, never its command line, so a password in it is not in the process list.
optuna-dashboard is an optional extra (`pip install "tf-training-workbench[dashboard]"`); without it, starting
says so in one line.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import threading

from workbench.core.local_server import LocalServer, ServerError, python_child
from workbench.core.redact import mask

STORAGE_ENV = "WORKBENCH_STORAGE"
INSTALL_HINT = 'optuna-dashboard is not installed: pip install "tf-training-workbench[dashboard]"'

_CHILD = """\
from optuna_dashboard import run_server
from workbench.experiments.study import open_storage
run_server(open_storage(os.environ["WORKBENCH_STORAGE"]), host="127.0.0.1", port=int(sys.argv[1]))
"""


def installed() -> bool:
    return importlib.util.find_spec("optuna_dashboard") is not None


def study_url(url: str, study_number: int | None) -> str:
    """The dashboard's page of one study (its id in the storage), else its list of studies."""
    return url if study_number is None else f"{url}dashboard/studies/{study_number}"


class DashboardServer(LocalServer):
    """optuna-dashboard serving one storage."""

    name = "optuna-dashboard"
    health_path = "api/meta"
    missing_module = "optuna_dashboard"
    missing_hint = INSTALL_HINT

    def __init__(self, storage_url: str) -> None:
        super().__init__()
        self.storage_url = storage_url

    def start(self, port: int = 0, timeout: float = 60.0) -> str:
        if not installed():
            raise ServerError(INSTALL_HINT)
        return super().start(port, timeout)

    def command(self, port: int) -> list[str]:
        return [*python_child(_CHILD), str(port)]

    def environment(self) -> dict[str, str]:
        return dict(os.environ, **{STORAGE_ENV: self.storage_url})

    def __repr__(self) -> str:
        return f"DashboardServer({mask(self.storage_url)!r})"


def study_id(storage_url: str, experiment_id: str) -> int | None:
    """The storage's id of the experiment's study (the dashboard's address of its page)."""
    from workbench.experiments.study import open_storage

    try:
        return open_storage(storage_url).get_study_id_from_name(experiment_id)
    except KeyError:
        return None


_servers: dict[str, DashboardServer] = {}
_lock = threading.Lock()


def server_for(storage_url: str) -> DashboardServer:
    """The one dashboard object of a storage (started or not)."""
    with _lock:
        if storage_url not in _servers:
            _servers[storage_url] = DashboardServer(storage_url)
        return _servers[storage_url]


def stop_all() -> None:
    with _lock:
        servers = list(_servers.values())
    for server in servers:
        server.stop()


atexit.register(stop_all)
