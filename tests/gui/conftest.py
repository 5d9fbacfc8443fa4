"""GUI fixtures: a real MainWindow, offscreen, with its own runs folder and settings file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def english_again():
    """A test that switches the window to Chinese leaves the next one in English."""
    yield
    from workbench.gui import language

    language.apply("en")


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def make_window(qtbot, tmp_path, settings_file):
    from workbench.gui import MainWindow

    made = []

    def make(runs_dir=None, **kwargs):
        settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
        window = MainWindow(runs_dir=runs_dir or tmp_path / "runs", settings=settings,
                            preload_tensorflow=False, **kwargs)
        window.opened_urls = []
        window.tensorboard.opener = window.opened_urls.append  # no browser in tests
        qtbot.addWidget(window)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        if window.isVisible():
            window.close()


@pytest.fixture
def window(make_window):
    return make_window()
