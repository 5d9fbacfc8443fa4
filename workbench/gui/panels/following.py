"""Panels that show the runs selected in the table follow the selection themselves, and only while they are in
sight: a hidden tab does no work and catches up when it is shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


class FollowsSelection:
    """Mixed into a panel (before QWidget) that has `show_selection(runs, live_dir)`."""

    _followed = None
    _live_dir: Callable[[], Path | None] = staticmethod(lambda: None)

    def follow(self, table, live_dir: Callable[[], Path | None] = lambda: None) -> None:
        """Shows `table`'s selection from now on (and the live run's folder, for panels that draw it)."""
        self._followed, self._live_dir = table, live_dir
        table.selection_changed.connect(self.follow_selection)

    def follow_selection(self, *_) -> None:
        if self._followed is not None and self.isVisible():
            self.show_selection(self._followed.selected_runs(), self._live_dir())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.follow_selection()
