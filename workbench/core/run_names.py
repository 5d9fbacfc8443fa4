"""The names runs are shown by: a trial's name reads as the settings that differ, not as its experiment's id."""

from __future__ import annotations

import re

OPTIMIZER_NAMES = {"sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop"}


def display_name(name: str, experiment: str | None) -> str:
    """A trial's name as a reader scans it: the experiment left out, settings as words, the seed last.

    `exp-20261205 optimizer=adam lr=0.001 seed 1` → `Adam lr 0.001 · seed 1`; any other name is kept.
    """
    if not experiment or not name.startswith(experiment + " "):
        return name
    rest, seed = name[len(experiment) + 1:], None
    found = re.fullmatch(r"(.*?)\s*\bseed (\d+)", rest)
    if found:
        rest, seed = found.group(1), found.group(2)
    words = []
    for token in rest.split():
        key, sep, value = token.partition("=")
        words.append(token if not sep else OPTIMIZER_NAMES.get(value, value) if key == "optimizer"
                     else f"{key} {value}")
    text = " ".join(words)
    return f"{text} · seed {seed}" if seed is not None and text else f"seed {seed}" if seed else text or name
