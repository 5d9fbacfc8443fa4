"""The window's menu bar: File, Train, View (with Language), Help.

The texts are marked here (context "MainWindow") and set by `retranslate`, so a language change reaches them.
Each action calls a method by name (the window says whose); the object names are those INTERFACE.md and the tests use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from workbench.core import i18n
from workbench.gui import language

#: (menu, [(text, window method, shortcuts, object name)]); a None entry is a separator
MENUS = (
    (QT_TRANSLATE_NOOP("MainWindow", "&File"), [
        (QT_TRANSLATE_NOOP("MainWindow", "&Export…"), "export_selected", ["Ctrl+E"], "exportAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "&Reload runs"), "reload_runs", ["F5"], "reloadAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "Change runs &folder…"), "choose_runs_dir", [], "runsDirAction"),
        None,
        (QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close", ["Ctrl+Q"], "quitAction")]),
    (QT_TRANSLATE_NOOP("MainWindow", "&Train"), [
        (QT_TRANSLATE_NOOP("MainWindow", "&Start"), "start", ["Ctrl+R"], "startAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "S&top"), "stop", ["Esc", "Ctrl+."], "stopAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "&Compare optimizers"), "compare_optimizers", [], "compareAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "&Reproduce the article"), "reproduce_article", [], "reproduceAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "Res&ume selected run"), "resume_selected", [], "resumeAction")]),
    (QT_TRANSLATE_NOOP("MainWindow", "&View"), [
        (QT_TRANSLATE_NOOP("MainWindow", "&TensorBoard"), "open_tensorboard", ["Ctrl+T"], "tensorboardAction"),
        (QT_TRANSLATE_NOOP("MainWindow", "&Inside the selected run"), "inspect_selected", ["Ctrl+I"], "inspectAction")]),
    (QT_TRANSLATE_NOOP("MainWindow", "&Help"), [
        (QT_TRANSLATE_NOOP("MainWindow", "&About"), "show_about", [], "aboutAction")]),
)


class Menus:
    """The menus and actions of `window`, and the language menu's checkable actions."""

    def __init__(self, window: QMainWindow, slot: Callable[[str], Callable]) -> None:
        """`slot(name)` is what an action's method name calls (the window's commands, or the window's own)."""
        self.texts: dict[QMenu | QAction, str] = {}
        self.language_actions: dict[str, QAction] = {}
        for title, items in MENUS:
            menu = window.menuBar().addMenu(title)
            self.texts[menu] = title
            for item in items:
                if item is None:
                    menu.addSeparator()
                    continue
                text, method, shortcuts, name = item
                act = QAction(text, window, objectName=name)
                act.setShortcuts([QKeySequence(s) for s in shortcuts])
                act.triggered.connect(lambda _=False, m=method: slot(m)())
                menu.addAction(act)
                self.texts[act] = text
            if title == MENUS[2][0]:
                self._language_menu(window, menu)

    def _language_menu(self, window: QMainWindow, view_menu: QMenu) -> None:
        menu = view_menu.addMenu("")
        menu.setObjectName("languageMenu")
        self.texts[menu] = QT_TRANSLATE_NOOP("MainWindow", "&Language")
        group = QActionGroup(window)
        for code, name in i18n.LANGUAGES.items():  # each language named in itself: never translated
            act = QAction(name, window, objectName=f"language_{code}", checkable=True)
            act.triggered.connect(lambda _=False, c=code: window.set_language(c))
            group.addAction(act)
            menu.addAction(act)
            self.language_actions[code] = act

    def retranslate(self) -> None:
        for item, text in self.texts.items():
            translated = QCoreApplication.translate("MainWindow", text)
            item.setTitle(translated) if isinstance(item, QMenu) else item.setText(translated)
        for code, act in self.language_actions.items():
            act.setChecked(code == language.current())
