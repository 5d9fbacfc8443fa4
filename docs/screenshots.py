"""Opens the real window for README screenshots (run under ../shared/tools/gui-screenshot).

RUNS=dir [START=1 EPOCHS=n LIMIT=n] [SELECT=name,name] [DARK=1] [INSIDE=tab [CELL=r,c] [DRAW=digit]]
    [EXPERIMENT=view [ROWS=r,r] [SEEDS=1]] [LRFIND=loss] [DYNAMICS=quantity (with SELECT)]
    [LANDSCAPE=view (with SELECT)]
    python docs/screenshots.py
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from workbench.gui import MainWindow  # noqa: E402
from workbench.gui.icon import app_icon  # noqa: E402

app = QApplication(sys.argv)
app.setWindowIcon(app_icon())
if os.environ.get("DARK"):
    app.setStyle("Fusion")
    pal = QPalette()
    for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                        (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#2b2b2b"),
                        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#3a3a3a"),
                        (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#2f6db5"),
                        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#3a3a3a"),
                        (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        pal.setColor(role, QColor(color))
    app.setPalette(pal)
settings = QSettings(str(Path(os.environ.get("TMPDIR", "/tmp")) / "screenshot-settings.ini"), QSettings.Format.IniFormat)
settings.clear()
window = MainWindow(runs_dir=Path(os.environ["RUNS"]), settings=settings)
window.show()
if os.environ.get("START"):
    s = window.settings
    s.epochs.setValue(int(os.environ.get("EPOCHS", "5")))
    s.train_limit.setValue(int(os.environ.get("LIMIT", "0")))
    QTimer.singleShot(1500, window.start)
if os.environ.get("SELECT"):
    wanted = os.environ["SELECT"].split(",")
    ids = [r.run_id for r in window.runs_table.runs_model.runs if r.name in wanted]
    window.runs_table.select_runs(ids)
    window.smoothing.setValue(int(os.environ.get("SMOOTH", "60")))
if os.environ.get("INSIDE"):  # the "Inside the run" tab, on its tab number INSIDE
    window.view_tabs.setCurrentWidget(window.inside)
    window.inside.tabs.setCurrentIndex(int(os.environ["INSIDE"]))

    def later() -> None:
        if not window.inside.results or (os.environ.get("DRAW") and not window.inside.pad.canvas.isEnabled()):
            QTimer.singleShot(300, later)
            return
        if os.environ.get("CELL"):
            window.inside.show_cell(0, *map(int, os.environ["CELL"].split(",")))
        if os.environ.get("DRAW"):
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from workbench.gui.widgets.drawing_canvas import CANVAS

            from helpers import digit_strokes

            for stroke in digit_strokes(os.environ["DRAW"], size=CANVAS):
                window.inside.pad.canvas.add_stroke(stroke)

    QTimer.singleShot(500, later)
if os.environ.get("EXPERIMENT"):  # the Experiments tab, on its view number EXPERIMENT
    window.view_tabs.setCurrentWidget(window.experiments)
    panel = window.experiments
    panel.views.setCurrentIndex(int(os.environ["EXPERIMENT"]))
    panel.show_seeds.setChecked(bool(os.environ.get("SEEDS")))

    def chosen() -> None:
        if panel.data is None:
            QTimer.singleShot(300, chosen)
            return
        if os.environ.get("ROWS"):
            labels = [panel.table.groups_model.groups[int(r)]["label"] for r in os.environ["ROWS"].split(",")]
            panel.table.select_labels(labels)

    QTimer.singleShot(500, chosen)
if os.environ.get("DYNAMICS"):  # the Dynamics tab on this instrument, for the SELECTed runs
    window.view_tabs.setCurrentWidget(window.dynamics)
    window.dynamics.quantity.setCurrentIndex(window.dynamics.quantity.findData(os.environ["DYNAMICS"]))
if os.environ.get("LANDSCAPE"):  # the Landscape tab on this view, for the SELECTed runs (cached, or computed)
    window.view_tabs.setCurrentWidget(window.landscape)
    window.landscape.view.setCurrentIndex(window.landscape.view.findData(os.environ["LANDSCAPE"]))
    if window.landscape.doc is None:
        QTimer.singleShot(800, window.landscape.compute)
    from workbench.gui.widgets.runs_table import SHARPNESS_COLUMN

    window.runs_table.scrollTo(window.runs_table.model().index(0, SHARPNESS_COLUMN))
if os.environ.get("LRFIND"):  # the LR range test's dialog for this loss
    s = window.settings
    s.loss.setCurrentIndex(s.loss.findData(os.environ["LRFIND"]))
    QTimer.singleShot(800, window.find_lr)
app.exec()
