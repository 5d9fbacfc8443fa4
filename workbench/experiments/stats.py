"""Mean, spread and the difference of two settings, so a difference can be told from the luck of a seed.

Standard deviations are the sample ones (ddof = 1). The difference of two groups is Welch's: a t-test
that does not assume equal variances, its 95% confidence interval on the Welch–Satterthwaite degrees of
freedom (scipy's `ttest_ind(equal_var=False)` gives the same p-value).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import mean, stdev

from workbench.core.spread import mean_std  # noqa: F401 (the experiments' name for it)


def preload() -> None:
    """Imports scipy's statistics now (a background task's thread), not at the first difference shown."""
    import scipy.stats  # noqa: F401


@dataclass(frozen=True)
class Difference:
    """b − a, with its 95% confidence interval and Welch's two-sided p-value."""

    delta: float
    low: float
    high: float
    p: float
    n_a: int
    n_b: int


def difference(a: list[float], b: list[float], confidence: float = 0.95) -> Difference | None:
    """Welch's comparison of two groups' values; None when either has fewer than two values."""
    from scipy import stats

    a = [v for v in a if v is not None and math.isfinite(v)]
    b = [v for v in b if v is not None and math.isfinite(v)]
    if len(a) < 2 or len(b) < 2:
        return None
    va, vb = stdev(a) ** 2 / len(a), stdev(b) ** 2 / len(b)
    delta = mean(b) - mean(a)
    se = math.sqrt(va + vb)
    if se == 0:
        return Difference(delta, delta, delta, 0.0 if delta else 1.0, len(a), len(b))
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    half = stats.t.ppf(0.5 + confidence / 2, df) * se
    p = 2 * stats.t.sf(abs(delta) / se, df)
    return Difference(delta, delta - half, delta + half, float(p), len(a), len(b))
