"""Translations without Qt: one zh_CN table for the window, the command line and the core's texts.

Texts are marked where they are written, so that `pyside6-lupdate` finds them:
`translate(context, text)` translates now; `QT_TRANSLATE_NOOP(context, text)` only marks a
text that is translated where it is shown (the settings schema, which outlives a language
switch). Placeholders are `{name}`, filled with `str.format` after translating, so the
translation can move them.

The window installs Qt's own lookup (`set_backend(QCoreApplication.translate)`), which reads
the compiled `.qm`. Without it — the command line, which has no Qt — texts come from the `.ts`
file shipped beside it, for the language of the locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES = {"en": "English", "zh_CN": "中文"}  # code → its name in itself
DEFAULT = "en"

_backend: Callable[[str, str], str] | None = None
_language: str | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks `text` for translation in `context`; returns it untranslated."""
    return text


def normalise(code: str | None) -> str:
    """A locale or language code ('zh_CN.UTF-8', 'zh-Hans', 'en_GB') → one of LANGUAGES."""
    code = (code or "").strip().lower()
    return "zh_CN" if code.startswith("zh") else DEFAULT


def locale_language(env: Mapping[str, str] = os.environ) -> str:
    """The language the locale asks for, as gettext reads it (LANGUAGE first, unless the locale is C)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            if value in ("C", "POSIX") or value.startswith("C."):
                return DEFAULT
            first = env.get("LANGUAGE", "").split(":")[0]
            return normalise(first or value)
    return normalise(env.get("LANGUAGE", "").split(":")[0])


def language() -> str:
    """The language texts are translated into: the one set by the window, else the locale's."""
    return _language or locale_language()


def set_language(code: str | None) -> None:
    """Translate into `code` from now on (None: follow the locale)."""
    global _language
    _language = normalise(code) if code else None


def set_backend(backend: Callable[[str, str], str] | None) -> None:
    """Qt's `QCoreApplication.translate` in the window; None for the `.ts` lookup."""
    global _backend
    _backend = backend


def ts_path(code: str) -> Path:
    return TRANSLATIONS / f"workbench_{code}.ts"


@functools.cache
def table(code: str) -> dict[tuple[str, str], str]:
    """The finished translations of a `.ts` file: (context, source) → translation."""
    path = ts_path(code)
    if code == DEFAULT or not path.is_file():
        return {}
    found: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            if translation.text:
                found[(name, message.findtext("source") or "")] = translation.text
    return found


def translate(context: str, text: str) -> str:
    """`text` in the current language (itself where no translation exists)."""
    if _backend is not None:
        return _backend(context, text)
    return table(language()).get((context, text), text)
