"""Mean and sample standard deviation of the seeds' values: the core's article table and the experiments share it."""

from __future__ import annotations

import math
from statistics import mean, stdev


def mean_std(values: list[float | None]) -> tuple[float | None, float | None]:
    """(mean, sample std) of the finite values; std is None for fewer than two."""
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if not finite:
        return None, None
    return mean(finite), (stdev(finite) if len(finite) > 1 else None)
