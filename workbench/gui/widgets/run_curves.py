"""One run's curves: its series (per batch, per epoch, validation, true validation) and their plot items.

Signals from the worker append to the `Series` buffers here; the plot panel's timer draws what changed.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from workbench.core.series import Series

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


class RunCurves:
    """One run's six series (batch/epoch/validation × loss/accuracy) and their plot items."""

    KINDS = ("batch", "epoch", "val", "true")  # true: the real validation values of a run that logs wrong ones

    def __init__(self, name: str, color: str, steps_per_epoch: int, live: bool = False,
                 epochs: int | None = None) -> None:
        self.name = name
        self.epochs = epochs  # planned epochs of a live run: the x axis is fixed to them
        self.color = color
        self.steps_per_epoch = max(1, steps_per_epoch)
        self.live = live
        self.series = {(k, m): Series() for k in self.KINDS for m in ("loss", "accuracy")}
        self.series["epoch", "lr"] = Series()
        self.items: dict[tuple[str, str], pg.PlotDataItem] = {}
        self.shadows: dict[str, pg.PlotDataItem] = {}
        self.drawn: dict[tuple[str, str], int] = {}  # series version each item shows
        self.dirty = True

    def add_batches(self, steps, loss, accuracy) -> None:
        self.series["batch", "loss"].extend(steps, loss)
        self.series["batch", "accuracy"].extend(steps, accuracy)
        self.dirty = True

    def add_epoch(self, epoch: int, logs: dict) -> None:
        for metric in ("loss", "accuracy"):
            if logs.get(metric) is not None:
                self.series["epoch", metric].extend([epoch], [logs[metric]])
            if logs.get(f"val_{metric}") is not None:
                self.series["val", metric].extend([epoch], [logs[f"val_{metric}"]])
            if logs.get(f"true_val_{metric}") is not None:
                self.series["true", metric].extend([epoch], [logs[f"true_val_{metric}"]])
        if logs.get("lr") is not None:
            self.series["epoch", "lr"].extend([epoch], [logs["lr"]])
        self.dirty = True

    def point_count(self) -> int:
        return sum(s.n for s in self.series.values())


def item_style(kind: str, color: str, live: bool) -> dict:
    c = QColor(color)
    if kind == "batch":
        c.setAlpha(110)
        return {"pen": pg.mkPen(c, width=1)}
    width = 2.5 if live else 2
    style = {"val": Qt.PenStyle.DashLine, "true": Qt.PenStyle.DotLine}.get(kind, Qt.PenStyle.SolidLine)
    symbol = {"epoch": "o", "true": "t"}.get(kind, "s")
    return {"pen": pg.mkPen(c, width=width, style=style), "symbol": symbol, "symbolSize": 5,
            "symbolBrush": c, "symbolPen": None}


def raw_item(item: pg.PlotDataItem) -> None:
    """No pyqtgraph downsampling or clipping (after addItem, which sets the plot's): the Envelope did it."""
    item.setDownsampling(auto=False)
    item.setClipToView(False)


def as_floats(values) -> list[float]:
    return [float("nan") if v is None else v for v in values]
