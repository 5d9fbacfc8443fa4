"""An experiment's grid: settings of the schema, each with a list of values, times a list of seeds (no Qt, no TF).

Every value is checked by the schema as the command line checks a single value, and every combination is
checked as a whole config (e.g. `eager` needs the tape method), so a bad grid is refused before any trial runs,
with one message naming the setting.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core.config import ConfigError, TrainConfig
from workbench.core.i18n import translate
from workbench.core.settings import BY_NAME, value_problem, values

#: settings an experiment cannot vary: the seed has its own list, the name is made per trial
NOT_ON_A_GRID = ("seed", "name")


def default_storage(runs_dir: Path) -> str:
    """An experiment's storage unless told otherwise: the SQLite file `experiments.db` in the runs folder."""
    return f"sqlite:///{(Path(runs_dir) / 'experiments.db').resolve()}"


class GridError(ValueError):
    """A bad grid: one line naming the option and what is allowed."""


def setting_name(text: str) -> str:
    """`batch-size` or `batch_size` → `batch_size`; unknown names are refused."""
    name = text.strip().replace("-", "_")
    if name not in BY_NAME or name in NOT_ON_A_GRID:
        allowed = ", ".join(n for n in BY_NAME if n not in NOT_ON_A_GRID)
        raise GridError(translate("experiment", "--set: unknown setting {name!r}; allowed: {allowed}").format(
            name=text.strip(), allowed=allowed))
    return name


def parse_set(text: str) -> tuple[str, list[Any]]:
    """`optimizer=sgd,adam` → ("optimizer", ["sgd", "adam"]), each value checked by the schema."""
    if "=" not in text:
        raise GridError(translate("experiment", "--set {text}: write SETTING=V1,V2").format(text=text))
    name_text, _, value_text = text.partition("=")
    name = setting_name(name_text)
    try:
        items = values(BY_NAME[name], value_text)
    except ValueError as exc:
        raise GridError(f"--set {name}: {exc}") from None
    for item in items:
        if problem := value_problem(BY_NAME[name], item):
            raise GridError(f"--set {name}: {problem}")
    if len(set(map(repr, items))) != len(items):
        raise GridError(translate("experiment", "--set {name}: a value is listed twice").format(name=name))
    return name, items


def parse_seeds(spec: str) -> list[int]:
    """`0-4` → [0, 1, 2, 3, 4]; `0,3,7` → [0, 3, 7]."""
    seeds: list[int] = []
    try:
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            if "-" in part[1:]:
                low, high = part.split("-", 1)
                seeds.extend(range(int(low), int(high) + 1))
            else:
                seeds.append(int(part))
    except ValueError:
        seeds = []
    high = BY_NAME["seed"].high
    if not seeds or any(s < 0 or s > high for s in seeds) or len(set(seeds)) != len(seeds):
        raise GridError(translate("experiment", "--seeds {spec}: give seeds as 0-4 or 0,3,7 (each 0 to {high}, "
                                                "none twice)").format(spec=spec, high=high))
    return seeds


@dataclass(frozen=True)
class Grid:
    """The settings every trial shares, the varied ones with their values, and the seeds.

    `rows`, when given, lists the settings one point at a time instead of every combination of the axes
    (Compare optimizers: SGD with lr 0.01 and Adam with 0.001; the article's table); the axes are then each
    varied setting with its values, for tables and plots."""

    base: dict[str, Any]
    axes: dict[str, list[Any]] = field(default_factory=dict)
    seeds: list[int] = field(default_factory=lambda: [0])
    rows: list[dict[str, Any]] | None = None

    @classmethod
    def of_rows(cls, base: dict[str, Any], rows: list[dict[str, Any]], seeds: list[int]) -> Grid:
        """A grid of these points only; settings equal in every row join the base."""
        names = [n for n in dict.fromkeys(k for r in rows for k in r)
                 if len({repr(r.get(n)) for r in rows}) > 1]
        shared = {k: v for k, v in rows[0].items() if k not in names}
        axes = {n: list(dict.fromkeys(r[n] for r in rows)) for n in names}
        return cls(base={**base, **shared}, axes=axes, seeds=list(seeds),
                   rows=[{n: r[n] for n in names} for r in rows])

    def points(self) -> list[dict[str, Any]]:
        """The groups of the report, in the order given: the rows, else every combination of the axes."""
        if self.rows is not None:
            return [dict(r) for r in self.rows]
        names = list(self.axes)
        return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*self.axes.values())]

    def trials(self) -> list[tuple[dict[str, Any], int]]:
        return [(point, seed) for point in self.points() for seed in self.seeds]

    def config(self, point: dict[str, Any], seed: int, name: str = "") -> TrainConfig:
        return TrainConfig.from_dict({**self.base, **point, "seed": seed, "name": name})

    def check(self) -> None:
        """Every combination must be a valid config: the first that is not is named."""
        for point in self.points():
            try:
                self.config(point, self.seeds[0])
            except ConfigError as exc:
                shown = ", ".join(f"{k}={v}" for k, v in point.items())
                raise GridError(translate("experiment", "the combination {point} is not allowed: {reason}").format(
                    point=shown or "-", reason=exc)) from None

    def to_dict(self) -> dict[str, Any]:
        return {"base": self.base, "axes": self.axes, "seeds": self.seeds,
                **({"rows": self.rows} if self.rows is not None else {})}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grid:
        rows = data.get("rows")
        return cls(base=dict(data["base"]), axes={k: list(v) for k, v in data["axes"].items()},
                   seeds=[int(s) for s in data["seeds"]], rows=[dict(r) for r in rows] if rows is not None else None)


def make_grid(base: TrainConfig, sets: list[str], seeds: str) -> Grid:
    """The grid of `--set ... --seeds ...` over the other options' config, checked."""
    axes: dict[str, list[Any]] = {}
    for text in sets:
        name, items = parse_set(text)
        if name in axes:
            raise GridError(translate("experiment", "--set {name} is given twice").format(name=name))
        axes[name] = items
    base_dict = {k: v for k, v in base.to_dict().items() if k not in axes and k not in NOT_ON_A_GRID}
    grid = Grid(base=base_dict, axes=axes, seeds=parse_seeds(seeds))
    grid.check()
    return grid


def point_label(point: dict[str, Any]) -> str:
    """`optimizer=adam lr=0.01`: a group's name in tables and legends."""
    return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in point.items()) or "-"
