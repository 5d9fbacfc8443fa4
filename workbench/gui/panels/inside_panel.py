"""Inside the selected run(s): confusion matrix, per-class table, mistakes, model summary, drawing pad.

It follows the runs table's selection: one run is inspected, two are compared
side by side (both matrices, the images one gets right and the other wrong).
The numbers come from `evaluation.evaluate` (cached in each run folder),
computed in a background thread; a newer selection makes older answers stale.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.analysis.drawing import pad_problem
from workbench.core.run_summary import RunSummary
from workbench.core.runs import percent
from workbench.gui.background import Cancelled, Latest
from workbench.gui.language import Retranslating
from workbench.gui.panels.drawing_pad import DrawingPad
from workbench.gui.panels.following import FollowsSelection
from workbench.gui.widgets.confusion_matrix import ConfusionMatrixView
from workbench.gui.widgets.image_grid import ImageGrid

MAX_CELL_IMAGES = 60
MAX_DIFF_IMAGES = 48


def evaluate_runs(run_dirs: list[Path], cancelled=lambda: False) -> list[dict]:
    """Evaluates each run (cached), reads its model summary and its validation images (a background task)."""
    from workbench.gui.worker import start_tensorflow

    start_tensorflow()  # devices first, whichever thread starts TensorFlow
    from workbench.analysis.evaluation import evaluate, model_summary
    from workbench.core.config import TrainConfig
    from workbench.core.data import prepare
    from workbench.core.runs import RunFolder

    results = []
    for run_dir in run_dirs:
        if cancelled():
            raise Cancelled
        result = dict(evaluate(run_dir))
        result["summary_text"] = model_summary(run_dir)
        data = prepare(TrainConfig.from_dict(RunFolder(run_dir).config()))
        result["x_test"], result["y_test"] = data.x_test, data.y_test
        result["feature_names"] = data.feature_names
        result["ink"] = float(data.x_test.max()) / data.scale if data.x_test.size else 1.0
        results.append(result)
    return results


def _model_stamp(run: RunSummary) -> float | None:
    path = Path(run.run_dir, "model.keras")
    return path.stat().st_mtime if path.is_file() else None


def class_name(result: dict, c: int) -> str:
    """A class's name (an image folder's sub-folder), else its number."""
    names = result.get("class_names") or []
    return str(names[c]) if 0 <= c < len(names) else str(c)


def _caption_top3(result: dict, mistake: dict) -> str:
    fmt = "{:.0%}" if result.get("outputs") == "probabilities" else "{:.2f}"
    top3 = ", ".join(f"{class_name(result, c)}: {fmt.format(p)}" for c, p in mistake["top3"])
    return QCoreApplication.translate("InsidePanel", "true {true} → {predicted}").format(
        true=class_name(result, mistake["true"]), predicted=class_name(result, mistake["predicted"])) + f"\n{top3}"


class InsidePanel(FollowsSelection, Retranslating, QWidget):
    """What one run gets right and wrong, or two runs side by side; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insidePanel")
        self.runs: list[RunSummary] = []
        self.results: list[dict] = []
        self.more = ""  # says so when more than two runs are selected
        self._key: tuple = ()
        self._selected = 0
        self._evaluating = Latest(self)  # the newest selection wins; older answers are dropped
        self.status = QLabel(objectName="insideStatus", wordWrap=True)
        self.normalise = QCheckBox(objectName="normaliseCheck")
        self.export_matrix_button = QPushButton(objectName="exportMatrixButton")
        self.export_images_button = QPushButton(objectName="exportImagesButton")
        corner = QWidget()
        bar = QHBoxLayout(corner)
        bar.setContentsMargins(0, 0, 0, 2)
        bar.addWidget(self.normalise)
        bar.addWidget(self.export_matrix_button)
        bar.addWidget(self.export_images_button)

        self.matrices = [ConfusionMatrixView("confusionMatrix"), ConfusionMatrixView("confusionMatrixB")]
        self.cell_images = ImageGrid("cellImages")
        matrices = QWidget()
        row = QHBoxLayout(matrices)
        row.setContentsMargins(0, 0, 0, 0)
        for view in self.matrices:
            row.addWidget(view)
        self.matrices[1].hide()  # shown when two runs are compared
        # one run: the matrix left, a cell's images right; two runs: both matrices above, images below
        self.matrix_split = QSplitter(Qt.Orientation.Horizontal, objectName="matrixSplit")
        self.matrix_split.addWidget(matrices)
        self.matrix_split.addWidget(self.cell_images)
        self.matrix_split.setChildrenCollapsible(False)
        matrix_tab = self.matrix_split
        self.per_class = QTableWidget(objectName="perClassTable")
        self.mistakes = ImageGrid("mistakesGallery")
        self.only_b_right = ImageGrid("onlyBRight")
        mistakes_tab = QWidget()
        mt = QHBoxLayout(mistakes_tab)
        mt.addWidget(self.mistakes)
        mt.addWidget(self.only_b_right)
        self.summary = QTextEdit(objectName="modelSummary", readOnly=True)
        self.summary.setLineWrapMode(QTextEdit.LineWrapMode.NoWrap)
        self.pad = DrawingPad()
        self.tabs = QTabWidget(objectName="insideTabs")
        for page in (matrix_tab, self.per_class, mistakes_tab, self.summary, self.pad):
            self.tabs.addTab(page, "")
        self.tabs.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.normalise.toggled.connect(lambda on: [v.set_normalised(on) for v in self.matrices])
        for n, view in enumerate(self.matrices):
            view.cell_clicked.connect(lambda r, c, n=n: self.show_cell(n, r, c))
        self.export_matrix_button.clicked.connect(lambda: self.export_matrix())
        self.export_images_button.clicked.connect(lambda: self.export_images())
        self.retranslate()

    def retranslate(self) -> None:
        self.normalise.setText(self.tr("row-normalised"))
        self.normalise.setToolTip(self.tr("Show each row as the percentage of that true class predicted as each class "
                                     "(the diagonal is then each class's recall)"))
        self.export_matrix_button.setText(self.tr("Export matrix…"))
        self.export_matrix_button.setToolTip(self.tr("Save the confusion matrix as PNG, SVG, PDF or CSV"))
        self.export_images_button.setText(self.tr("Export images…"))
        self.export_images_button.setToolTip(self.tr("Save the images of the current tab as PNG"))
        for i, text in enumerate((self.tr("Confusion matrix"), self.tr("Per class"), self.tr("Mistakes"), self.tr("Model"),
                                  self.tr("Draw a digit"))):
            self.tabs.setTabText(i, text)
        if self.results:
            self._show(self.results, reload_pad=False)  # captions, titles, headers again (the pad retranslates)
        else:
            runs, self._key = self.runs, ()
            self.show_runs(runs, self._selected)

    # -- selection -------------------------------------------------------------------
    def show_selection(self, runs: list[RunSummary], live_dir: Path | None) -> None:
        self.show_runs(runs)  # evaluating costs a second: only while the tab is in sight (FollowsSelection)

    def show_runs(self, runs: list[RunSummary], selected: int | None = None) -> None:
        """Inspects one run or compares two (the first two of more); no run explains what to select."""
        selected = len(runs) if selected is None else selected
        self._selected = selected
        runs = [r for r in runs if r is not None][:2]
        self.more = self.tr(" (the first two of the {n} selected runs)").format(n=selected) if selected > 2 else ""
        # the same runs in another order are the same view (inspect_run, then the selection it makes)
        key = (frozenset((r.run_id, _model_stamp(r)) for r in runs), selected)
        if key == self._key and (self.results or self._evaluating.busy):
            return  # already shown (or on its way) for these very models
        self._key = key
        self.runs = runs
        self.results = []
        self._evaluating.cancel()  # an older selection's answer would be stale
        self._set_enabled(False)
        missing = [r for r in runs if not Path(r.run_dir, "model.keras").is_file()]
        if not runs:
            self.status.setText(self.tr("Select a finished run in the table to see what it gets right and wrong; "
                                        "select two to compare them side by side."))
        elif missing:
            self.status.setText(self.tr("{run} has no saved model yet (it has not finished an epoch, or it "
                                        "diverged): nothing to look inside.").format(run=missing[0].label))
        if not runs or missing:
            self.pad.set_unavailable(self.tr("Select a finished run in the table to draw for its model."))
            return
        names = self.tr(" and ").join(r.label for r in runs)
        self.status.setText(self.tr("Evaluating {runs}{more} on the validation images…").format(
            runs=names, more=self.more))
        self._evaluating.submit(evaluate_runs, [Path(r.run_dir) for r in runs], returned=self._show,
                                errored=lambda exc: self.status.setText(
                                    self.tr("Cannot evaluate: {problem}").format(problem=exc)))

    def _set_enabled(self, on: bool) -> None:
        for w in (self.normalise, self.export_matrix_button, self.export_images_button, self.tabs):
            w.setEnabled(on)

    def _show(self, results: list, reload_pad: bool = True) -> None:
        self.results = results
        self._set_enabled(True)
        two = len(results) == 2
        if two and results[0]["labels_digest"] != results[1]["labels_digest"]:
            self.status.setText(self.tr("These two runs were evaluated on different validation images (another "
                                        "dataset or validation limit), so they are shown side by side but not "
                                        "compared image by image."))
        else:
            self.status.setText("   ·   ".join(
                self.tr("{run}: {accuracy} right on {n} validation images").format(
                    run=run.label, accuracy=percent(r["accuracy"]), n=f"{r['samples']:,}")
                for run, r in zip(self.runs, results, strict=True)) + self.more)
        for n, view in enumerate(self.matrices):
            view.setVisible(n < len(results))
            if n < len(results):
                view.set_counts(results[n]["confusion_matrix"], self.runs[n].label, results[n].get("class_names"))
        if two:
            self.matrix_split.setOrientation(Qt.Orientation.Vertical)
            self.matrix_split.setSizes([750, 250])
        else:
            self.matrix_split.setOrientation(Qt.Orientation.Horizontal)
            self.matrix_split.setSizes([500, 500])
        self.cell_images.set_images(self.tr("Click a cell of the matrix to see its images."), [], [])
        for grid in (self.cell_images, self.mistakes, self.only_b_right):
            grid.feature_names = results[0].get("feature_names", ())
        self._fill_per_class()
        self._fill_mistakes()
        self.summary.setPlainText("\n\n".join(f"{run.label}\n{r['summary_text']}"
                                              for run, r in zip(self.runs, results, strict=True)))
        first = results[0]
        problem = pad_problem(first["x_test"].shape[1:])
        if problem:
            self.pad.set_unavailable(self.tr("Drawing is off: {problem}.").format(problem=problem))
        elif reload_pad:  # a language switch needs no new model: the pad retranslates its own texts
            self.pad.set_model(Path(self.runs[0].run_dir) / "model.keras", first["outputs"], self.runs[0].label,
                               first["ink"])

    # -- the tabs --------------------------------------------------------------------
    def show_cell(self, n: int, true: int, predicted: int) -> None:
        """The validation images of one matrix cell (true class, predicted class)."""
        from workbench.analysis.evaluation import cell_indices

        result = self.results[n]
        indices = cell_indices(result, result["y_test"], true, predicted)
        shown = indices[:MAX_CELL_IMAGES]
        more = self.tr(" (the first {n} shown)").format(n=len(shown)) if len(indices) > len(shown) else ""
        title = self.tr("{run}: {n} images of a {true} predicted as {predicted}{more}").format(
            run=self.runs[n].label, n=len(indices), true=class_name(result, true),
            predicted=class_name(result, predicted), more=more)
        self.matrices[n].selected = (true, predicted)
        self.matrices[n].update()
        self.cell_images.set_images(title, [result["x_test"][i] for i in shown], [f"#{i}" for i in shown], shown)

    def _fill_per_class(self) -> None:
        columns = [self.tr("class")]
        for run in self.runs:
            prefix = f"{run.label}: " if len(self.runs) == 2 else ""
            columns += [prefix + self.tr("precision"), prefix + self.tr("recall (accuracy)")]
        columns.append(self.tr("images"))
        rows = self.results[0]["per_class"]
        self.per_class.clear()
        self.per_class.setRowCount(len(rows))
        self.per_class.setColumnCount(len(columns))
        self.per_class.setHorizontalHeaderLabels(columns)

        for i, m in enumerate(rows):
            cells = [class_name(self.results[0], m["class"])]
            for r in self.results:
                other = r["per_class"][i] if i < len(r["per_class"]) else {"precision": None, "recall": None}
                cells += [percent(other["precision"]), percent(other["recall"])]
            cells.append(str(m["support"]))
            for j, text in enumerate(cells):
                self.per_class.setItem(i, j, QTableWidgetItem(text))
        self.per_class.resizeColumnsToContents()

    def _fill_mistakes(self) -> None:
        from workbench.analysis.evaluation import compare

        first = self.results[0]
        if len(self.results) == 1 or first["labels_digest"] != self.results[1]["labels_digest"]:
            self.only_b_right.hide()
            items = first["most_confident_mistakes"]
            title = (self.tr("{run}: the {n} most confidently wrong validation images, with the top-3 "
                             "probabilities") if first["outputs"] == "probabilities" else
                     self.tr("{run}: the {n} most confidently wrong validation images, with the top-3 raw scores "
                             "(an MSE-trained model)"))
            self.mistakes.set_images(
                title.format(run=self.runs[0].label, n=len(items)), [first["x_test"][m["index"]] for m in items],
                [_caption_top3(first, m) for m in items], [m["index"] for m in items])
            return
        a, b = self.runs
        diff = compare(first, self.results[1], first["y_test"])
        self.only_b_right.show()
        for grid, key, right, wrong in ((self.mistakes, "only_a_right", a, b), (self.only_b_right, "only_b_right", b, a)):
            indices = diff[key]
            shown = indices[:MAX_DIFF_IMAGES]
            wrong_pred = np.asarray(self.results[self.runs.index(wrong)]["predictions"])
            grid.set_images(self.tr("{right} right, {wrong} wrong: {n} images").format(
                                right=right.label, wrong=wrong.label, n=len(indices))
                            + (self.tr(" (the first {n})").format(n=len(shown)) if len(indices) > len(shown) else ""),
                            [first["x_test"][i] for i in shown],
                            [self.tr("true {true}\nother: {other}").format(
                                true=class_name(first, int(first["y_test"][i])),
                                other=class_name(first, int(wrong_pred[i]))) for i in shown],
                            shown)

    # -- exports ---------------------------------------------------------------------
    def export_matrix(self, path: Path | None = None, which: int = 0) -> Path | None:
        """Saves a confusion matrix; the format follows the suffix (.png, .svg, .pdf, .csv)."""
        if not self.results:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the confusion matrix"),
                                                    "confusion-matrix.png",
                                                    "PNG (*.png);;SVG (*.svg);;PDF (*.pdf);;CSV (*.csv)")
            if not chosen:
                return None
            path = Path(chosen)
        path = Path(path)
        try:
            if path.suffix.lower() == ".csv":
                from workbench.analysis.evaluation import matrix_csv

                path.write_text(matrix_csv(self.results[which]))
            else:
                self.matrices[which].save(path)
        except (OSError, ValueError) as exc:
            self.status.setText(self.tr("Export failed: {problem}").format(problem=exc))
            return None
        self.status.setText(self.tr("Saved {path}").format(path=path))
        return path

    def export_images(self, path: Path | None = None) -> Path | None:
        """Saves the images of the current tab (a matrix cell, or the mistakes) as PNG."""
        if not self.results:
            return None
        grid = self.cell_images if self.tabs.currentIndex() == 0 else self.mistakes
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the images"), "mistakes.png",
                                                    "PNG (*.png)")
            if not chosen:
                return None
            path = Path(chosen)
        try:
            grid.save_png(Path(path))
        except OSError as exc:
            self.status.setText(self.tr("Export failed: {problem}").format(problem=exc))
            return None
        self.status.setText(self.tr("Saved {path}").format(path=path))
        return Path(path)

    def shutdown(self) -> None:
        """Waits for background work (called when the window closes)."""
        self._evaluating.wait()
        self.pad.shutdown()
