"""Real storages for experiment tests: Optuna's gRPC proxy and a PostgreSQL server of their own on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest


@pytest.fixture
def grpc_proxy(tmp_path):
    """Optuna's gRPC storage proxy on 127.0.0.1 over an SQLite file: the way several machines share one
    experiment without a database server of their own."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    server = subprocess.Popen([sys.executable, "-c", (
        "import optuna; optuna.storages.run_grpc_proxy_server("
        f"optuna.storages.get_storage({db!r}), host='127.0.0.1', port={port})")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        assert server.poll() is None, server.stderr.read().decode()[-2000:]
        time.sleep(0.2)
    yield f"grpc://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=30)


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


@pytest.fixture
def postgres(tmp_path):
    """A PostgreSQL server of its own on 127.0.0.1 (a throw-away cluster; skipped where PostgreSQL is not
    installed). As root it runs as the `postgres` user, since PostgreSQL refuses to run as root."""
    pytest.importorskip("psycopg")
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (initdb not found)")
    as_user: list[str] = []
    data = Path(tempfile.mkdtemp(prefix="workbench-pg-"))  # (pytest's folders are closed to other users)
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(data, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"],
                   check=True, capture_output=True, timeout=120)
    subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"), "-o",
                    f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(data, ignore_errors=True)
