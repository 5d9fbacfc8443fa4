"""Export plots (PNG, SVG, PDF) and data (CSV) of runs; used by the window and `workbench export`.

Vector output is rendered through Qt (QSvgGenerator, QPdfWriter), because
pyqtgraph 0.14's SVGExporter raises ValueError on PySide6 >= 6.10
(pyqtgraph issue #3485). PNG is the same widget painted at twice its size. The CSV holds every recorded point, no sampling.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QApplication, QGraphicsView

from workbench.core.points import write_csv
from workbench.core.runs import RunFolder, read_run
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


def _render_svg(widget, path: Path, title: str) -> None:
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(widget.size())
    gen.setViewBox(widget.rect())
    gen.setTitle(title)
    gen.setDescription("TF Training Workbench export")
    painter = QPainter(gen)
    widget.render(painter)
    painter.end()


def _render_pdf(widget, path: Path, title: str) -> None:
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("TF Training Workbench")
    writer.setResolution(96)  # one widget pixel per device pixel: the page is the widget's size
    size = QSizeF(widget.width() * 72 / 96, widget.height() * 72 / 96)
    writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize.Unit.Point),
                                     QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    widget.render(painter)
    painter.end()


def _render_png(widget, path: Path, scale: int = 2) -> None:
    """The widget painted at `scale`x: sharp, with fonts and lines in proportion."""
    image = QImage(widget.size() * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    # QGraphicsView.render scales the scene into the target (QWidget.render would not)
    QGraphicsView.render(widget, painter, QRectF(image.rect()), widget.viewport().rect())
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")


def render(widget, out_dir: Path, name: str, formats: Iterable[str], title: str) -> list[Path]:
    """`widget` as `<name>.png/svg/pdf` in `out_dir`, for the image formats among `formats`."""
    writers = {"png": lambda path: _render_png(widget, path), "svg": lambda path: _render_svg(widget, path, title),
               "pdf": lambda path: _render_pdf(widget, path, title)}
    written = []
    for fmt in formats:
        if fmt in writers:
            path = out_dir / f"{name}.{fmt}"
            writers[fmt](path)
            written.append(path)
    return written


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
