"""A log axis that labels its decades only: pyqtgraph labels every minor tick when the range is narrow, and
"9·10⁻⁵ 8·10⁻⁵ 7·10⁻⁵ …" overlap. The minor ticks stay, unlabelled, as on printed log paper."""

from __future__ import annotations

import pyqtgraph as pg

SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(exponent: int) -> str:
    """0.01, 0.1, 1, 10, 100 as they are; further out 10⁻³, 10⁴."""
    return f"{10.0 ** exponent:g}" if -2 <= exponent <= 2 else "10" + str(exponent).translate(SUPERSCRIPT)


class DecadeAxis(pg.AxisItem):
    """In log mode only the powers of ten are labelled."""

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [decade_label(round(float(v))) if abs(float(v) - round(float(v))) < 1e-6 else "" for v in values]
