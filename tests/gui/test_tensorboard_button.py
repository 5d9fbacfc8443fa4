"""The TensorBoard button: one server per runs folder, stopped when the app quits."""

from workbench import tensorboard


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
