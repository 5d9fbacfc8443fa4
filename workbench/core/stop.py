"""A stop request that crosses threads: set by the window or a signal handler, read between batches.

Its own module, with no TensorFlow, so the window can hold one before TensorFlow is loaded.
"""

from __future__ import annotations

import threading


class StopFlag:
    """Thread-safe request to stop at the next batch boundary."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()
