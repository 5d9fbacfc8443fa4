"""Background work for the window: superqt's thread workers, in one place.

A worker runs a plain function in Qt's thread pool and reports through signals
(started, returned, errored, finished), so nothing touches a widget off the GUI
thread. Every caller says what an error means to the user (`errored` is required).
`wait_all` lets the window finish outstanding work before it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThreadPool
from superqt.utils import FunctionWorker, create_worker


def run(func: Callable[..., Any], *args: Any, errored: Callable[[Exception], None],
        returned: Callable[[Any], None] | None = None) -> FunctionWorker:
    """Starts `func(*args)` in the pool; its result goes to `returned`, an exception to `errored`
    (both called in the GUI thread)."""
    connect: dict[str, Callable] = {"errored": errored}
    if returned is not None:
        connect["returned"] = returned
    return create_worker(func, *args, _connect=connect)


def wait_all(timeout_ms: int = -1) -> bool:
    """Waits for every worker started through here (they share Qt's global pool)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
