"""One way to run background work: answers arrive in the GUI thread, the newest request wins, cancel drops."""

from __future__ import annotations

import threading
import time

from workbench.gui import background


def slow(value, seconds=0.3, *, cancelled):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cancelled():
            raise background.Cancelled
        time.sleep(0.01)
    return value, threading.current_thread().name


def test_answers_arrive_in_the_gui_thread_and_errors_as_exceptions(qtbot):
    got, errors = [], []
    background.run(slow, 1, returned=lambda r: got.append((r, threading.current_thread().name)),
                   errored=errors.append)
    background.run(lambda: 1 / 0, errored=errors.append)
    qtbot.waitUntil(lambda: bool(got and errors), timeout=5000)
    (value, worker_thread), gui_thread = got[0]
    assert value == 1 and worker_thread != gui_thread == threading.main_thread().name
    assert isinstance(errors[0], ZeroDivisionError)


def test_the_newest_request_wins_and_stale_answers_are_dropped(qtbot):
    latest = background.Latest()
    got = []
    first = latest.submit(slow, "first", returned=got.append, errored=print)
    for value in ("second", "third", "newest"):
        latest.submit(slow, value, returned=got.append, errored=print)
    qtbot.waitUntil(lambda: not latest.busy, timeout=5000)
    assert [v for v, _ in got] == ["newest"]  # one at a time; the ones replaced never ran or were dropped
    assert first.cancelled


def test_cancel_drops_the_answer_and_stops_a_task_that_checks(qtbot):
    latest = background.Latest()
    got = []
    task = latest.submit(slow, "x", 5.0, returned=got.append, errored=got.append)
    time.sleep(0.05)
    latest.cancel()
    assert task.wait(2.0)  # stopped early: it checked cancelled()
    qtbot.wait(100)
    assert got == [] and not latest.busy
