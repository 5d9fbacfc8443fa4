"""The article's table: its experiments as configs, and reported vs measured rows (no TensorFlow).

Used by `workbench reproduce` and the window's "Reproduce the article" action alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.config import TrainConfig
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import FINDINGS
from workbench.core.spread import mean_std


@dataclass(frozen=True)
class ArticleRow:
    method: str
    loss: str
    optimizer: str
    lr: float
    metric: str
    reported_train: float | str | None  # accuracies as fractions (0.9661), as Keras logs them
    reported_val: float | str | None
    note: str = ""
    finding: int = 0  # which of the article's findings (runs.FINDINGS) the row shows; 0: a baseline
    loss_report: str = "tracked"

    def config(self, epochs: int = 10, train_limit: int = 0, val_limit: int = 0) -> TrainConfig:
        metric_note = f", metric {self.metric}" if self.metric != "auto" else ""
        report_note = ", loss returned from test_step" if self.loss_report != "tracked" else ""
        return TrainConfig(
            method=self.method, loss=self.loss, optimizer=self.optimizer, lr=self.lr, metric=self.metric,
            epochs=epochs, train_limit=train_limit, val_limit=val_limit, batch_size=32, model="mlp",
            loss_report=self.loss_report,
            name=f"article: {self.method} {self.loss} {self.optimizer} {self.lr:g}{metric_note}{report_note}",
        )


ARTICLE_ROWS: tuple[ArticleRow, ...] = (
    ArticleRow("tape", "sum_mse", "sgd", 0.01, "auto", 0.9686, 0.9661),
    ArticleRow("tape", "keras_mse", "sgd", 0.01, "auto", None, 0.93, finding=1),
    ArticleRow("fit", "keras_mse", "sgd", 0.01, "auto", 0.92, 0.93, finding=1),
    ArticleRow("fit", "keras_mse", "sgd", 0.1, "auto", None, 0.96, finding=1),
    ArticleRow("fit", "sum_mse", "sgd", 0.01, "auto", None, 0.96, finding=1),
    ArticleRow("custom", "sum_mse", "sgd", 0.01, "auto", 0.9705, 0.9676),
    ArticleRow("custom", "sum_mse", "sgd", 0.01, "categorical_on_sparse", 0.9179, None,
               QT_TRANSLATE_NOOP("article", "train accuracy as reported by the wrong metric"), finding=2),
    ArticleRow("custom", "sum_mse", "adam", 0.001, "auto",
               QT_TRANSLATE_NOOP("article", "better than SGD, close to overfitting"), None),
    ArticleRow("custom", "sum_mse", "sgd", 0.01, "auto", None,
               QT_TRANSLATE_NOOP("article", "val loss far below train loss"),
               QT_TRANSLATE_NOOP("article", "test_step returned its own loss; the logged val loss is not it"),
               finding=3, loss_report="returned"),
)


#: a reported number "lies within the measured spread" when it is within this many sample stds of the mean
SPREAD_STDS = 2


def within(reported: Any, mean: float | None, std: float | None) -> bool | None:
    """Does the article's number lie within mean ± 2 std of the seeds? None without a number or a spread."""
    if not isinstance(reported, float) or mean is None or std is None:
        return None
    return abs(reported - mean) <= SPREAD_STDS * std


def result_row(row: ArticleRow, summary: dict[str, Any] | list[dict[str, Any]]) -> dict[str, Any]:
    """One line of the table: the article's numbers beside the measured ones (fractions, as Keras logs them).

    Given the summaries of several seeds, the measured values are their means, with the sample std
    (`…_std`), n, and whether each reported accuracy lies within mean ± 2 std (`…_within`)."""
    summaries = summary if isinstance(summary, list) else [summary]

    def measured(part: str, key: str) -> tuple[float | None, float | None]:
        return mean_std([(s.get(part) or {}).get(key) for s in summaries])

    train, train_std = measured("final", "accuracy")
    val, val_std = measured("final", "val_accuracy")
    return {
        "method": row.method, "loss": row.loss, "optimizer": row.optimizer, "lr": row.lr,
        "metric": row.metric, "loss_report": row.loss_report, "finding": row.finding, "note": row.note,
        "reported_train_accuracy": row.reported_train, "reported_val_accuracy": row.reported_val,
        "measured_train_accuracy": train, "measured_train_accuracy_std": train_std,
        "measured_val_accuracy": val, "measured_val_accuracy_std": val_std,
        "reported_train_within": within(row.reported_train, train, train_std),
        "reported_val_within": within(row.reported_val, val, val_std),
        "true_val_accuracy": measured("true_final", "val_accuracy")[0],  # what the model really scores
        "measured_train_loss": measured("final", "loss")[0],
        "measured_val_loss": measured("final", "val_loss")[0],  # as Keras reports it
        "true_val_loss": measured("true_final", "val_loss")[0],
        "n": len(summaries),
        "status": summaries[-1].get("status") if len(summaries) == 1 else _worst(summaries),
        "run_id": summaries[0].get("run_id") if len(summaries) == 1 else None,
        "run_ids": [s.get("run_id") for s in summaries],
    }


def _worst(summaries: list[dict[str, Any]]) -> str | None:
    statuses = [s.get("status") for s in summaries]
    return next((s for s in statuses if s != "completed"), statuses[0] if statuses else None)


HEADER = ("method", "loss", "optimizer", "lr", "metric",
          QT_TRANSLATE_NOOP("article", "reported train"), QT_TRANSLATE_NOOP("article", "reported val"),
          QT_TRANSLATE_NOOP("article", "measured train"), QT_TRANSLATE_NOOP("article", "measured val"),
          QT_TRANSLATE_NOOP("article", "train loss"), QT_TRANSLATE_NOOP("article", "val loss (Keras)"),
          QT_TRANSLATE_NOOP("article", "val loss (true)"), QT_TRANSLATE_NOOP("article", "finding"),
          QT_TRANSLATE_NOOP("article", "reported within ±2 std"))


def header() -> tuple[str, ...]:
    """The table's column names in the current language (the first five are option names)."""
    return tuple(translate("article", h) for h in HEADER)


def note(result: dict[str, Any]) -> str:
    """The row's note in the current language."""
    return translate("article", result["note"]) if result.get("note") else ""


def cells(result: dict[str, Any]) -> tuple[str, ...]:
    """A result row as the table's text cells: accuracies in percent (the tables say so), for people."""
    def cell(value, std=None) -> str:
        if value is None:
            return "—"
        if not isinstance(value, float):
            return translate("article", str(value))
        return f"{100 * value:.2f}" + (f" ± {100 * std:.2f}" if std is not None else "")

    def inside() -> str:
        said = [result.get(k) for k in ("reported_train_within", "reported_val_within") if result.get(k) is not None]
        if not said:
            return "—"
        return translate("article", "yes") if all(said) else translate("article", "no")

    def loss(value) -> str:
        return "—" if value is None else f"{value:.4f}"

    metric = result["metric"] + (" · loss returned" if result.get("loss_report") == "returned" else "")
    finding = result.get("finding")
    return (result["method"], result["loss"], result["optimizer"], f"{result['lr']:g}", metric,
            cell(result["reported_train_accuracy"]), cell(result["reported_val_accuracy"]),
            cell(result["measured_train_accuracy"], result.get("measured_train_accuracy_std")),
            cell(result["measured_val_accuracy"], result.get("measured_val_accuracy_std")),
            loss(result.get("measured_train_loss")), loss(result.get("measured_val_loss")),
            loss(result.get("true_val_loss")), translate("findings", FINDINGS[finding]) if finding else "—",
            inside())
