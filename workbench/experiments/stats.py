"""Mean, spread and the difference of two settings, so a difference can be told from the luck of a seed.

Everything here is scipy's or statsmodels', not hand-written: the difference of two groups is Welch's t-test
(`scipy.stats.ttest_ind(equal_var=False)`, which does not assume equal variances) with its confidence interval
(`.confidence_interval()`); the effect size is Hedges' g (statsmodels' bias-corrected standardised mean
difference); the seeds needed come from statsmodels' power of the two-sample t-test. Standard deviations are
the sample ones (ddof = 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import mean, stdev

from workbench.core.spread import mean_std  # noqa: F401 (the experiments' name for it)

ALPHA = 0.05  # the significance level of the tests and of the seeds needed
POWER = 0.8  # the chance of detecting a true difference that the seeds needed aim at
MOST_SEEDS = 1000  # more seeds than this is "more than 1000": the difference is too small for the spread


def preload() -> None:
    """Imports scipy's and statsmodels' statistics now (a background task's thread), not at the first difference
    shown."""
    import scipy.stats  # noqa: F401
    import statsmodels.stats.power  # noqa: F401


@dataclass(frozen=True)
class Difference:
    """b − a, with its 95% confidence interval, Welch's two-sided p-value and Hedges' g (None: no spread)."""

    delta: float
    low: float
    high: float
    p: float
    n_a: int
    n_b: int
    g: float | None = None


def finite(values: list[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(v)]


def difference(a: list[float | None], b: list[float | None], confidence: float = 0.95) -> Difference | None:
    """Welch's comparison of two groups' values; None when either has fewer than two values."""
    from scipy import stats

    a, b = finite(a), finite(b)
    if len(a) < 2 or len(b) < 2:
        return None
    delta = mean(b) - mean(a)
    if stdev(a) == 0 and stdev(b) == 0:  # no spread at all (scipy: NaN): the difference is exact
        return Difference(delta, delta, delta, 0.0 if delta else 1.0, len(a), len(b))
    test = stats.ttest_ind(b, a, equal_var=False)
    interval = test.confidence_interval(confidence)
    return Difference(delta, float(interval.low), float(interval.high), float(test.pvalue), len(a), len(b),
                      hedges_g(a, b))


def hedges_g(a: list[float], b: list[float]) -> float | None:
    """(mean b − mean a) in pooled standard deviations, bias-corrected for few seeds (Hedges' g)."""
    from statsmodels.stats.meta_analysis import effectsize_smd

    a, b = finite(a), finite(b)
    if len(a) < 2 or len(b) < 2 or (stdev(a) == 0 and stdev(b) == 0):
        return None
    g, _variance = effectsize_smd(mean(b), stdev(b), len(b), mean(a), stdev(a), len(a))
    return float(g)


def seeds_needed(size: float, std_a: float | None, std_b: float | None = None) -> int | None:
    """Seeds per setting for a two-sided Welch/Student test at `ALPHA` to detect a true difference of `size`
    with probability `POWER`, given the measured spread (the two settings' pooled std; one setting's std when
    only one is given). None without a spread (fewer than two seeds); `MOST_SEEDS + 1` for "more than that"."""
    from statsmodels.stats.power import TTestIndPower

    stds = [s for s in (std_a, std_b) if s is not None and math.isfinite(s)]
    if not stds or not size or not math.isfinite(size):
        return None
    spread = math.sqrt(sum(s * s for s in stds) / len(stds))
    if spread == 0:
        return 2  # no spread measured: two seeds each already show a difference (and the spread, if any)
    effect = abs(size) / spread
    power = TTestIndPower().power  # power(effect size, seeds per setting, alpha), rising with the seeds

    def enough(n: int) -> bool:
        # NaN where the power is 1 to the last digit (scipy's noncentral t gives up there)
        return not power(effect, n, ALPHA, ratio=1.0, alternative="two-sided") < POWER

    if not enough(MOST_SEEDS):
        return MOST_SEEDS + 1
    low, high = 2, MOST_SEEDS  # the least n with enough power (statsmodels' solve_power gives no integer)
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle + 1, high)
    return low
