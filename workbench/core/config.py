"""The training settings as one frozen value, built from the schema in `settings.py`, and validated.

One frozen dataclass carries every setting from the boundary (command line or
window) into the trainer. Its fields are the schema's settings, so a setting is
declared once. It is validated where it is made, so the trainer never sees a value
it cannot use. No TensorFlow and no Qt here: the window imports this at start-up.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from workbench.core.i18n import translate
from workbench.core.settings import (  # noqa: F401
    BY_NAME,
    LR_MAX,
    LR_MIN,
    MAX_BATCH,
    MAX_EPOCHS,
    MAX_SEED,
    SETTINGS,
    choices_of,
    value_problem,
)

METHODS = choices_of("method")
OPTIMIZERS = choices_of("optimizer")
LOSSES = choices_of("loss")
METRICS = choices_of("metric")
MODELS = choices_of("model")
STRATEGIES = choices_of("strategy")
SCHEDULES = choices_of("schedule")
MONITORS = choices_of("monitor")
#: The learning rate each optimizer is usually run with (the article's values).
USUAL_LR: dict[str, float] = {"sgd": 0.01, "adam": 0.001, "adamw": 0.001, "rmsprop": 0.001}


class ConfigError(ValueError):
    """A setting has a value that is not allowed; the message names the field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


class _ConfigMethods:
    """What TrainConfig does besides holding the settings."""

    def __post_init__(self) -> None:
        validate(self)

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if not data["extra"]:
            data.pop("extra")
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainConfig:
        """Builds a config from a dict, keeping unknown keys (newer versions) in `extra`."""
        if not isinstance(data, dict):
            raise ConfigError("config", "expected a JSON object")
        known = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        kwargs = {k: v for k, v in data.items() if k in known}
        extra = {k: v for k, v in data.items() if k not in known and k != "extra"}
        saved_extra = data.get("extra")
        if saved_extra is not None and not isinstance(saved_extra, dict):
            raise ConfigError("extra", "must be a JSON object")
        extra.update(saved_extra or {})
        return cls(**kwargs, extra=extra)

    @property
    def label(self) -> str:
        """A short name for tables and legends."""
        if self.name:
            return self.name
        return f"{self.method} {self.optimizer} lr={self.lr:g} {self.loss}"


#: Every setting of one run: enough to run it again. Fields: the schema's settings, then `extra`
#: (keys of a newer version's config.json, kept).
TrainConfig = dataclasses.make_dataclass(
    "TrainConfig",
    [(s.name, s.type, dataclasses.field(default=s.default)) for s in SETTINGS]
    + [("extra", dict[str, Any], dataclasses.field(default_factory=dict, compare=False))],
    bases=(_ConfigMethods,), frozen=True,
)
TrainConfig.__module__ = __name__  # so that pickle finds it (make_dataclass's `module` needs Python 3.12)
TrainConfig.__doc__ = "Every setting of one run (see settings.SETTINGS): enough to run it again."


def validate(cfg: TrainConfig) -> None:
    """Raises ConfigError naming the first bad field and what is allowed."""
    for setting in SETTINGS:
        problem = value_problem(setting, getattr(cfg, setting.name))
        if problem:
            raise ConfigError(setting.name, problem)
    if not isinstance(cfg.extra, dict):
        raise ConfigError("extra", "must be a JSON object")
    for setting in SETTINGS:  # settings that must keep their default where they do not apply
        if setting.strict and getattr(cfg, setting.name) != setting.default and not setting.applies_to(cfg):
            raise ConfigError(setting.name, setting.needs_message(cfg))
    if cfg.warmup_epochs and cfg.warmup_epochs >= cfg.epochs:
        raise ConfigError("warmup_epochs", translate("settings", "{n} leaves no epoch to decay; allowed 0 to {most}")
                          .format(n=cfg.warmup_epochs, most=cfg.epochs - 1))
