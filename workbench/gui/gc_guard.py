"""Python's cyclic garbage collection only in the GUI thread, while a window is open.

Automatic collection runs in whichever thread happens to allocate. When the
trainer thread (TensorFlow allocates a lot while tracing) collects a cycle
that holds a Qt object, Shiboken runs the Qt destructor off the GUI thread
and can deadlock against it (seen here: GUI thread holding the GIL waiting on
a Qt mutex, trainer thread in ~QObject waiting for the GIL). So while a window
is open, automatic collection is off and a GUI-thread timer collects instead
(pyqtgraph's GarbageCollector); closing the last window restores it.
"""

from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None
_users = 0


def acquire() -> None:
    global _collector, _users
    _users += 1
    if _collector is None:
        _collector = GarbageCollector(interval=0.5)


def release() -> None:
    global _collector, _users
    _users = max(0, _users - 1)
    if _users == 0 and _collector is not None:
        _collector.timer.stop()
        _collector = None
        gc.enable()  # no collect() here: this runs inside closeEvent, while Qt tears objects down
