"""What a setting is (`Setting`, `Choice`) and how a value of one is read from text and checked.

The settings themselves are declared in `settings.py`; this module knows none of them. No TensorFlow, no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from workbench.core.i18n import translate


def _(text: str) -> str:
    """Marks a schema text for translation; it is translated where shown (`shown`).

    pyside6-lupdate reads `_` as QT_TR_NOOP (see translations/README.md), so these land in
    the `.ts` file under the empty context.
    """
    return text


def shown(text: str) -> str:
    """A text of the schema (label, help, choice, message) in the current language."""
    return translate("", text) if text else text


class _Fields(dict):
    """A config's fields for `str.format_map` in messages ("{optimizer} has no momentum…")."""

    def __init__(self, config: Any) -> None:
        super().__init__()
        self.config = config

    def __missing__(self, key: str) -> Any:
        return getattr(self.config, key)


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice setting: a short label for menus and its meaning (tooltip)."""

    label: str
    meaning: str


@dataclass(frozen=True)
class Setting:
    name: str  # the config field; the flag is --name-with-dashes unless `flag` says otherwise
    type: type  # str, int, float or bool
    default: Any
    label: str  # the window's label ("&" marks the shortcut letter)
    help: str  # tooltip and --help, in the article's words
    choices: Mapping[str, Choice] | None = None
    low: float | None = None
    high: float | None = None
    group: str = "main"  # main | device | options | hidden (command line only)
    widget: str = ""  # the widget's object name (INTERFACE.md)
    attr: str = ""  # the settings panel's attribute, if not the name
    flag: str = ""  # the command-line flag, if not --name; "" for the default
    inverted: bool = False  # a bool whose flag turns it off (--no-jit)
    applies: Callable[[Any], bool] | None = None  # when the setting means something (else greyed)
    strict: bool = False  # a non-default value where it does not apply is an error
    needs: Callable[[Any], str] | str = ""  # the message for that error
    check: Callable[[Any], str] | None = None  # extra validation of the value: a message, or ""
    special: str = ""  # what the window shows for the lowest value ("all", "off", "auto")
    step: float | None = None
    decimals: int | None = None
    max_length: int = 0  # texts
    disabled_choices: tuple[str, ...] = ()  # shown but not selectable in the window
    placeholder: str = ""
    editor: str = ""  # a special editor in the window: "lr" (1-2-5 steps, any notation), "file" (with browse)
    forkable: bool = False  # a fork may change it: how the weights move on, not what the model or data is
    open_choices: bool = False  # the choices are offered, other values allowed when `check` accepts them (files)

    @property
    def cli_flag(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")

    @property
    def panel_attr(self) -> str:
        return self.attr or self.name

    def applies_to(self, config: Any) -> bool:
        return self.applies is None or bool(self.applies(config))

    def needs_message(self, config: Any) -> str:
        """Why a non-default value is not allowed here, in the current language."""
        text = self.needs(config) if callable(self.needs) else self.needs
        return shown(text).format_map(_Fields(config))


def parse_value(setting: Setting, text: str) -> Any:
    """One value from text, as the command line reads it (ValueError names what is expected)."""
    text = text.strip()
    if setting.special and text.lower() == setting.special.lower():  # "auto", "all", "off": as the help says
        return setting.low
    if setting.type is bool:
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        raise ValueError(translate("settings", "{value} is not true or false").format(value=repr(text)))
    if setting.type is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(_not_whole(text)) from None
    if setting.type is float:
        try:
            return float(text)
        except ValueError:
            raise ValueError(_not_number(text)) from None
    return text


def values(setting: Setting, text: str) -> list[Any]:
    """A comma-separated list of values for one setting ("sgd,adam", "0.001,0.01"): a grid's axis."""
    items = [t for t in text.split(",") if t.strip()]
    if not items:
        raise ValueError(translate("settings", "give at least one value"))
    return [parse_value(setting, t) for t in items]


def _not_whole(value: Any) -> str:
    return translate("settings", "{value} is not a whole number").format(value=repr(value))


def _not_number(value: Any) -> str:
    return translate("settings", "{value} is not a number").format(value=repr(value))


def _out_of_range(value: Any, low: Any, high: Any) -> str:
    return translate("settings", "{value} is out of range; allowed {low} to {high}").format(
        value=value, low=low, high=high)


def value_problem(setting: Setting, value: Any) -> str:
    """Why `value` is not allowed for `setting` (its type, choices, range, own check), or ""."""
    if setting.choices is not None and not (setting.open_choices and isinstance(value, str)
                                            and value not in setting.choices):
        if not isinstance(value, str) or value not in setting.choices:
            return translate("settings", "{value} is not one of {allowed}").format(
                value=repr(value), allowed=", ".join(setting.choices))
        return ""
    if setting.type is bool:
        return "" if isinstance(value, bool) else translate("settings", "must be true or false")
    if setting.type is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return _not_whole(value)
        if not setting.low <= value <= setting.high:
            return _out_of_range(value, setting.low, setting.high)
        return ""
    if setting.type is float:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            if isinstance(value, int | float) and not isinstance(value, bool):
                return _out_of_range(value, f"{setting.low:g}", f"{setting.high:g}")
            return _not_number(value)
        if not setting.low <= value <= setting.high:
            return _out_of_range(value, f"{setting.low:g}", f"{setting.high:g}")
        return ""
    if not isinstance(value, str):
        return translate("settings", "must be a text")
    if setting.max_length and len(value) > setting.max_length:
        return translate("settings", "a text of at most {n} characters").format(n=setting.max_length)
    return setting.check(value) if setting.check else ""
