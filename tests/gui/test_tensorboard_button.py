"""The TensorBoard button: one server per runs folder, stopped when the app quits."""

from workbench.core import tensorboard


def test_button_opens_one_server_and_quitting_stops_it(qtbot, make_window, tmp_path):
    window = make_window(runs_dir=tmp_path / "no-runs-yet")  # works before any run exists
    window.tensorboard_button.click()
    qtbot.waitUntil(lambda: len(window.opened_urls) == 1, timeout=120_000)
    server = tensorboard.server_for(window.runs_dir)
    assert server.running and window.opened_urls[0] == server.url
    pid = server.process.pid
    window.tensorboard_button.click()
    qtbot.waitUntil(lambda: len(window.opened_urls) == 2, timeout=10_000)
    assert window.opened_urls[1] == window.opened_urls[0] and server.process.pid == pid
    process = server.process
    window.close()
    assert process.poll() is not None


def test_the_button_shows_the_selected_runs(qtbot, make_window, trained):
    import urllib.parse

    window = make_window(runs_dir=trained["tape"].folder.path.parent)
    ids = [trained["tape"].summary.run_id, trained["custom"].summary.run_id]
    window.runs_table.select_runs(ids)
    window.tensorboard_button.click()
    qtbot.waitUntil(lambda: len(window.opened_urls) == 1, timeout=120_000)
    server = tensorboard.server_for(window.runs_dir)
    url = window.opened_urls[0]
    assert url.startswith(server.url + "#timeseries&runFilter=")
    pattern = urllib.parse.unquote(url.split("runFilter=", 1)[1])
    import re

    shown = {r for r in (f"{i}/logs/train" for i in [*ids, trained["fit"].summary.run_id]) if re.search(pattern, r)}
    assert shown == {f"{i}/logs/train" for i in ids}  # the selected runs, and only they
    window.close()
