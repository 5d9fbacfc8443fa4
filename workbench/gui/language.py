"""The window's language: Qt translators for English or Simplified Chinese, switched at run time.

Installing a translator makes Qt send every widget a LanguageChange event; widgets that
mix in `Retranslating` then set their texts again (`retranslate`). The core's texts
(settings, diagnosis) go through the same Qt lookup once `apply` has run.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QTabBar, QToolButton, QWidget

from workbench.core import i18n

_installed: list[QTranslator] = []
_current = i18n.DEFAULT


def system_language() -> str:
    """zh_CN if the system's locale is Chinese, else English."""
    names = [QLocale.system().name(), *QLocale.system().uiLanguages()]
    return "zh_CN" if any(i18n.normalise(n) == "zh_CN" for n in names[:2]) else i18n.DEFAULT


def current() -> str:
    return _current


def apply(code: str) -> str:
    """Switches the application to `code` (en or zh_CN); open windows retranslate at once."""
    global _current
    code = i18n.normalise(code)
    i18n.set_backend(QCoreApplication.translate)  # the core's texts go through Qt's lookup too
    i18n.set_language(code)
    if code == _current:
        return code
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)  # each removal tells the widgets (LanguageChange)
    _installed.clear()
    if code != i18n.DEFAULT:
        ours = QTranslator(app)
        if ours.load(str(i18n.TRANSLATIONS / f"workbench_{code}.qm")):
            _installed.append(ours)
        qt_own = QTranslator(app)  # Qt's own texts: dialog buttons (Yes, Cancel), tab scroll buttons, …
        where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_own.load(f"qtbase_{code}", where) or qt_own.load(f"qt_{code}", where):
            _installed.append(qt_own)
    for translator in _installed:
        app.installTranslator(translator)
    _current = code
    return code


def retranslate_qt_parts(window: QWidget) -> None:
    """Qt's tab bars name their scroll buttons once, when made: name them again in the new language."""
    names = {"ScrollLeftButton": "Scroll Left", "ScrollRightButton": "Scroll Right"}
    for button in window.findChildren(QToolButton):
        if button.objectName() in names and isinstance(button.parent(), QTabBar):
            button.setAccessibleName(QCoreApplication.translate("QTabBar", names[button.objectName()]))


def has_chinese_font() -> bool:
    """Whether any installed font has Chinese glyphs (without one, Chinese shows as empty boxes)."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


class Retranslating:
    """Mixin for a QWidget: `retranslate()` runs again whenever the language changes."""

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
