"""What the window remembers between starts, kept in QSettings: every key in one place."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtWidgets import QMainWindow, QSplitter

from workbench.core.config import ConfigError, TrainConfig

GEOMETRY = "geometry"  # the window's place and size
SPLITTER = "splitter"  # settings | plots
RIGHT_SPLITTER = "rightSplitter"  # plots / runs table
SELECTED_RUNS = "selectedRuns"  # the runs shown when the window was closed (JSON list of ids)
CONFIG = "config"  # the settings panel (JSON of a TrainConfig)
LANGUAGE = "language"  # en | zh_CN
RUNS_DIR = "runsDir"  # the runs folder chosen last


def first_size(available: QSize) -> QSize:
    """The window's size at its first start: 1280x760, or the screen's available size if smaller."""
    return QSize(min(1280, available.width()), min(760, available.height()))


def _state(value) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


class Preferences:
    """Reads and writes the window's remembered state; a value from another version that does not fit is
    ignored (the defaults stay)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store or QSettings("tf-training-workbench", "workbench")

    def runs_dir(self) -> Path | None:
        chosen = self.store.value(RUNS_DIR)
        return Path(chosen) if chosen else None

    def set_runs_dir(self, path: Path) -> None:
        self.store.setValue(RUNS_DIR, str(path))

    def language(self) -> str | None:
        return self.store.value(LANGUAGE) or None

    def set_language(self, code: str) -> None:
        self.store.setValue(LANGUAGE, code)

    def restore_layout(self, window: QMainWindow, splitter: QSplitter, right: QSplitter) -> None:
        """Geometry and splitters as they were; at the first start: a size that fits the screen, the settings
        as narrow as they allow, plots about 70% and the runs table about 30% of the height."""
        if geometry := _state(self.store.value(GEOMETRY)):
            window.restoreGeometry(geometry)
        else:
            window.resize(first_size(window.screen().availableGeometry().size()))
        if state := _state(self.store.value(SPLITTER)):
            splitter.restoreState(state)
        else:
            left = splitter.widget(0).minimumWidth()
            splitter.setSizes([left, max(400, window.width() - left)])
        if state := _state(self.store.value(RIGHT_SPLITTER)):
            right.restoreState(state)
        else:
            height = max(400, window.height() - 60)
            right.setSizes([int(height * 0.7), int(height * 0.3)])

    def selected_runs(self) -> list[str]:
        with contextlib.suppress(ValueError, TypeError):
            value = self.store.value(SELECTED_RUNS)
            if isinstance(value, str) and value:
                return [str(v) for v in json.loads(value)]
        return []

    def config(self) -> TrainConfig | None:
        with contextlib.suppress(ValueError, TypeError):
            saved = self.store.value(CONFIG)
            if isinstance(saved, str) and saved:
                return TrainConfig.from_dict(json.loads(saved))
        return None

    def save(self, window: QMainWindow, splitter: QSplitter, right: QSplitter, selected: list[str],
             settings) -> None:
        """Everything at once (on closing); the settings panel only if its values are valid."""
        self.store.setValue(GEOMETRY, window.saveGeometry())
        self.store.setValue(SPLITTER, splitter.saveState())
        self.store.setValue(RIGHT_SPLITTER, right.saveState())
        self.store.setValue(SELECTED_RUNS, json.dumps(selected))
        with contextlib.suppress(ConfigError):
            self.store.setValue(CONFIG, settings.config().to_json())
        self.store.sync()
