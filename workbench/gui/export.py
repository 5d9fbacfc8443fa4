"""Export plots (PNG, SVG, PDF) and data (CSV) of runs; used by the window and `workbench export`.

The pictures are written by `image_files` (PNG at twice the size, SVG and PDF through Qt).
The CSV holds every recorded point, no sampling.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from workbench.core.points import write_csv
from workbench.core.run_summary import read_run
from workbench.core.runs import RunFolder
from workbench.gui.image_files import write_view
from workbench.gui.widgets.plots import line_styles

IMAGE_FORMATS = ("png", "svg", "pdf")
ALL_FORMATS = (*IMAGE_FORMATS, "csv")
SIZE = QSize(1000, 600)




def build_panel(run_dirs: Iterable[Path], smoothing: float = 0.0, log_y: bool = False):
    """A PlotPanel (light colours, fixed size) holding the given runs, drawn once."""
    from workbench.gui.widgets.plots import PlotPanel

    panel = PlotPanel()
    panel.timer.stop()
    panel.full_detail = True  # every recorded point goes into the file
    for plot in panel.plots.values():
        plot.setBackground("w")
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setPen(pg.mkPen("k"))
            plot.getAxis(axis).setTextPen(pg.mkPen("k"))
        title = panel.title("loss" if plot is panel.loss_plot else "accuracy")
        plot.setTitle(f"{title}<br><span style='font-size:9pt'>{line_styles()}</span>", color="k", size="14pt")
    for legend in panel.legends.values():
        legend.setLabelTextColor(QColor("black"))
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
    for run_dir in run_dirs:
        run = read_run(Path(run_dir))
        if run is None:
            continue
        folder = RunFolder(Path(run_dir))
        panel.load_run(run.run_id, run.label, folder.history(), folder.batches(),
                       folder.steps_per_epoch())
    panel.set_smoothing(smoothing)
    panel.set_log_y(log_y)
    panel.redraw()
    for metric, plot in panel.plots.items():
        plot.setParent(None)  # out of the panel's layout, so it takes the export size
        plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        plot.resize(SIZE)
        plot.show()
        plot.plotItem.setDownsampling(auto=False)  # every point in the file
        plot.plotItem.setClipToView(False)
        plot.plotItem.enableAutoRange()
        panel.legends[metric].setLabelTextSize("11pt")
    QApplication.processEvents()
    return panel


def render(widget, out_dir: Path, name: str, formats: Iterable[str], title: str) -> list[Path]:
    """`widget` as `<name>.png/svg/pdf` in `out_dir`, for the image formats among `formats`."""
    return [write_view(widget, out_dir / f"{name}.{fmt}", title) for fmt in formats if fmt in IMAGE_FORMATS]


def export_runs(run_dirs: list[Path], out_dir: Path, formats: Iterable[str] = ALL_FORMATS,
                smoothing: float = 0.0, log_y: bool = False) -> list[Path]:
    """Writes loss.<fmt>, accuracy.<fmt> and metrics.csv into out_dir; returns the files."""
    formats = [f.strip().lower() for f in formats]
    bad = [f for f in formats if f not in ALL_FORMATS]
    if bad:
        raise ValueError(f"unknown format(s) {', '.join(bad)}; allowed {', '.join(ALL_FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if any(f in IMAGE_FORMATS for f in formats):
        panel = build_panel(run_dirs, smoothing, log_y)
        for metric, plot in panel.plots.items():
            written += render(plot, out_dir, metric, formats, panel.title(metric))
        for plot in panel.plots.values():
            plot.close()
            plot.deleteLater()
        panel.deleteLater()
    if "csv" in formats:
        path = out_dir / "metrics.csv"
        write_csv(run_dirs, path)
        written.append(path)
    return written


def export_experiment(data, metric: str, y_label: str, percent: bool, show_seeds: bool, out_dir: Path,
                      formats: Iterable[str] = ALL_FORMATS) -> list[Path]:
    """An experiment's curves (mean ± std per setting, with the legend) as `<metric>.png/svg/pdf`, and every
    seed's epoch points as `experiment.csv`."""
    from workbench.experiments.curves import write_csv as write_experiment_csv
    from workbench.gui.widgets.band_plot import BandPlot

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    formats = [f.strip().lower() for f in formats]
    written: list[Path] = []
    if any(f in IMAGE_FORMATS for f in formats):
        plot = BandPlot()
        plot.setBackground("w")
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setPen(pg.mkPen("k"))
            plot.getAxis(axis).setTextPen(pg.mkPen("k"))
        plot.legend.setLabelTextColor(QColor("black"))
        plot.legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        plot.show_seeds = show_seeds
        plot.set_curves(data.curves(metric), y_label, percent)
        title = f"{data.doc['experiment_id']}: {y_label}"
        plot.setTitle(title, color="k", size="13pt")
        plot.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        plot.resize(SIZE)
        plot.show()
        QApplication.processEvents()
        written += render(plot, out_dir, metric, formats, title)
        plot.close()
        plot.deleteLater()
    if "csv" in formats:
        path = out_dir / "experiment.csv"
        write_experiment_csv(data, path)
        written.append(path)
    return written
