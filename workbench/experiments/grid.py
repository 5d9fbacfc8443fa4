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
from workbench.core.settings import BY_NAME, parse_value, value_problem, values

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
    if ":" in value_text and "," not in value_text:
        return name, parse_range(name, value_text)
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


@dataclass(frozen=True)
class Range:
    """A numeric setting sampled between two ends (`lr=1e-4:1:log`) by Optuna's random or TPE sampler."""

    low: float
    high: float
    log: bool = False

    def to_list(self) -> list[Any]:
        return [self.low, self.high, self.log]


def parse_range(name: str, text: str) -> Range:
    """`1e-4:1:log` → Range(0.0001, 1.0, log=True); both ends checked by the schema."""
    setting = BY_NAME[name]
    parts = [p.strip() for p in text.split(":")]
    log = len(parts) == 3 and parts[2].lower() == "log"
    if setting.type not in (int, float) or len(parts) not in (2, 3) or (len(parts) == 3 and not log):
        raise GridError(translate("experiment", "--set {name}={text}: a range is LOW:HIGH or LOW:HIGH:log, for a "
                                                "number setting").format(name=name, text=text))
    try:
        low, high = (parse_value(setting, p) for p in parts[:2])
    except ValueError as exc:
        raise GridError(f"--set {name}: {exc}") from None
    for end in (low, high):
        if problem := value_problem(setting, end):
            raise GridError(f"--set {name}: {problem}")
    if not low < high or (log and low <= 0):
        raise GridError(translate("experiment", "--set {name}={text}: LOW must be below HIGH (and above 0 for "
                                                "log)").format(name=name, text=text))
    return Range(low, high, log)


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
    ranges: dict[str, Range] = field(default_factory=dict)  # sampled settings: then `sampler` and `n_trials`
    sampler: str = "grid"  # grid | random | tpe
    n_trials: int = 0  # settings a random or TPE search samples (each trained with every seed)
    prune: bool = False  # stop hopeless trials early (Optuna's median pruner on the validation accuracy)
    search_seed: int = 0  # the random or TPE sampler's seed: the same command proposes the same settings

    @property
    def searched(self) -> bool:
        """Points sampled by Optuna (random or TPE), not listed: their groups are the points the trials got."""
        return self.sampler != "grid"

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
        """Every (point, seed) of a grid; a search's points are not known before it runs."""
        return [(point, seed) for point in self.points() for seed in self.seeds]

    def expected_trials(self) -> int:
        """Runs the experiment trains: every (point, seed) of a grid; a search's settings × its seeds."""
        return self.n_trials * len(self.seeds) if self.searched else len(self.trials())

    def config(self, point: dict[str, Any], seed: int, name: str = "") -> TrainConfig:
        return TrainConfig.from_dict({**self.base, **point, "seed": seed, "name": name})

    def check(self) -> None:
        """Every combination must be a valid config: the first that is not is named (a range: both ends)."""
        points = self.points()
        for name, r in self.ranges.items():
            points = [{**p, name: end} for p in points for end in (r.low, r.high)]
        for point in points:
            try:
                self.config(point, self.seeds[0])
            except ConfigError as exc:
                shown = ", ".join(f"{k}={v}" for k, v in point.items())
                raise GridError(translate("experiment", "the combination {point} is not allowed: {reason}").format(
                    point=shown or "-", reason=exc)) from None

    def to_dict(self) -> dict[str, Any]:
        search = {"ranges": {k: r.to_list() for k, r in self.ranges.items()}, "sampler": self.sampler,
                  "n_trials": self.n_trials, "search_seed": self.search_seed} if self.searched else {}
        return {"base": self.base, "axes": self.axes, "seeds": self.seeds,
                **({"rows": self.rows} if self.rows is not None else {}), **search,
                **({"prune": True} if self.prune else {})}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Grid:
        rows = data.get("rows")
        return cls(base=dict(data["base"]), axes={k: list(v) for k, v in data["axes"].items()},
                   seeds=[int(s) for s in data["seeds"]], rows=[dict(r) for r in rows] if rows is not None else None,
                   ranges={k: Range(v[0], v[1], bool(v[2])) for k, v in data.get("ranges", {}).items()},
                   sampler=data.get("sampler", "grid"), n_trials=int(data.get("n_trials", 0)),
                   prune=bool(data.get("prune", False)), search_seed=int(data.get("search_seed", 0)))


SAMPLERS = ("auto", "grid", "random", "tpe")


def make_grid(base: TrainConfig, sets: list[str], seeds: str, sampler: str = "auto", trials: int = 0,
              prune: bool = False, search_seed: int = 0) -> Grid:
    """The grid of `--set ... --seeds ...` over the other options' config, checked.

    A range (`lr=1e-4:1:log`) makes it a search: `sampler` random or tpe (auto: tpe with a range, else grid)
    samples `trials` settings, each trained with every seed."""
    axes: dict[str, list[Any]] = {}
    ranges: dict[str, Range] = {}
    for text in sets:
        name, items = parse_set(text)
        if name in axes or name in ranges:
            raise GridError(translate("experiment", "--set {name} is given twice").format(name=name))
        if isinstance(items, Range):
            ranges[name] = items
        else:
            axes[name] = items
    if sampler not in SAMPLERS:
        raise GridError(translate("experiment", "--sampler {value}: allowed {allowed}").format(
            value=sampler, allowed=", ".join(SAMPLERS)))
    if sampler == "auto":
        sampler = "tpe" if ranges else "grid"
    if sampler == "grid" and ranges:
        raise GridError(translate("experiment", "--set {name}: a range needs --sampler random or tpe (a grid "
                                                "lists values: V1,V2)").format(name=next(iter(ranges))))
    if sampler != "grid" and trials < 1:
        raise GridError(translate("experiment", "--trials: a {sampler} search needs the number of trials (1 or "
                                                "more)").format(sampler=sampler))
    base_dict = {k: v for k, v in base.to_dict().items()
                 if k not in axes and k not in ranges and k not in NOT_ON_A_GRID}
    grid = Grid(base=base_dict, axes=axes, seeds=parse_seeds(seeds), ranges=ranges, sampler=sampler,
                n_trials=trials if sampler != "grid" else 0, prune=prune,
                search_seed=search_seed if sampler != "grid" else 0)
    grid.check()
    return grid


def point_label(point: dict[str, Any]) -> str:
    """`optimizer=adam lr=0.01`: a group's name in tables and legends."""
    return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in point.items()) or "-"
