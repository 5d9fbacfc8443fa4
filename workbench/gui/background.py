"""Background work for the window, one way: a function in a thread of its own, answered through signals.

Every piece of background work (loading TensorFlow, explaining the settings, evaluating a
run, the drawing pad's predictions, starting TensorBoard, exporting a model) is a `Task`:
`started`, `returned(result)`, `errored(exception)`, `finished`, delivered in the GUI thread,
so nothing touches a widget off it. `Latest` keeps only the newest request of a kind: at most
one runs, a newer one waits for it, and the answer of a request that was replaced or
cancelled is dropped — in this one place.

The vocabulary is superqt's thread workers'; the helper is our own because superqt's worker
swaps the process-wide `warnings` filters while it runs, which races with the trainer
thread's own `warnings.catch_warnings` (the custom method uses one). The training run
itself keeps its dedicated QThread (`worker.TrainWorker`): it lives for minutes, not seconds.

Each task runs in a Python `threading.Thread`, not in Qt's thread pool: a pool thread gets a
Python thread state only for the length of each call, and TensorFlow's per-thread eager state
outlived it — `explain` in a pool thread segfaulted here on the next call (measured: the window
crashed within seconds of Start). Threads cost ~0.1 ms to start; tasks take seconds.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Cancelled(Exception):
    """Raised by a task's function when it notices that it was cancelled (its answer is dropped anyway)."""


class Task(QObject):
    """One call of `func(*args)` in the pool. If `func` takes a `cancelled` keyword, it gets a callable
    that says whether the task was cancelled, to stop early between steps."""

    started = Signal()
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()

    # referenced until `finished` reached the GUI thread (after `returned`/`errored`), so neither the
    # Python object nor the Qt object behind its queued signals goes away before they are delivered
    _live: set[Task] = set()

    def __init__(self, func: Callable[..., Any], *args: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.func, self.args = func, args
        self._cancelled = threading.Event()
        self._done = threading.Event()

    def start(self) -> Task:
        Task._live.add(self)
        self.finished.connect(self._release)
        name = f"task-{getattr(self.func, '__name__', 'work')}"
        threading.Thread(target=self._call, name=name, daemon=True).start()
        return self

    def cancel(self) -> None:
        """Its answer will not be delivered; a function that checks `cancelled()` stops early."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def running(self) -> bool:
        return self in Task._live and not self._done.is_set()  # started, not yet done

    def wait(self, timeout: float | None = None) -> bool:
        return self._done.wait(timeout)

    def _release(self) -> None:
        """After the answer was delivered: free the Qt object and the arguments (a drawing pad submits
        a task per stroke; none may pile up)."""
        Task._live.discard(self)
        self.args = ()
        self.deleteLater()

    def _call(self) -> None:  # in the task's thread
        self.started.emit()
        try:
            kwargs = {}
            if "cancelled" in inspect.signature(self.func).parameters:
                kwargs["cancelled"] = self._cancelled.is_set
            result = self.func(*self.args, **kwargs)
        except Cancelled:
            pass
        except Exception as exc:  # the caller shows it; never a traceback on a terminal
            if not self.cancelled:
                self.errored.emit(exc)
        else:
            if not self.cancelled:
                self.returned.emit(result)
        finally:
            self._done.set()
            self.finished.emit()


def run(func: Callable[..., Any], *args: Any, errored: Callable[[Exception], None],
        returned: Callable[[Any], None] | None = None, parent: QObject | None = None) -> Task:
    """Starts `func(*args)` in the pool; its result goes to `returned`, an exception to `errored`
    (both called in the GUI thread)."""
    task = Task(func, *args, parent=parent)
    task.errored.connect(errored)
    if returned is not None:
        task.returned.connect(returned)
    return task.start()


class Latest(QObject):
    """The newest request of a kind wins: one runs at a time; a newer request replaces a waiting one
    and cancels the running one, whose answer is then dropped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running: Task | None = None
        self._waiting: Task | None = None

    @property
    def busy(self) -> bool:
        return self.running is not None or self._waiting is not None

    def submit(self, func: Callable[..., Any], *args: Any, returned: Callable[[Any], None],
               errored: Callable[[Exception], None]) -> Task:
        task = Task(func, *args, parent=self)
        task.returned.connect(returned)
        task.errored.connect(errored)
        task.finished.connect(lambda: self._finished(task))
        if self._waiting is not None:
            self._waiting.cancel()
        if self.running is None:
            self.running = task.start()
        else:
            self.running.cancel()
            self._waiting = task
        return task

    def cancel(self) -> None:
        """Drops every answer still to come."""
        for task in (self.running, self._waiting):
            if task is not None:
                task.cancel()
        self._waiting = None

    def wait(self) -> None:
        """Waits for the running request (closing the window); a waiting one never starts."""
        self._waiting = None
        if self.running is not None:
            self.running.wait()

    def _finished(self, task: Task) -> None:
        if task is not self.running:
            return
        self.running = None
        if self._waiting is not None:
            self.running, self._waiting = self._waiting.start(), None


def wait_all() -> None:
    """Waits for every task still running (closing the window)."""
    for task in list(Task._live):
        task.wait()
