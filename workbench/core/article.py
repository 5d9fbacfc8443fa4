"""The article's table: its experiments as configs, and reported vs measured rows (no TensorFlow).

Used by `workbench reproduce` and the window's "Reproduce the article" action alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.config import TrainConfig
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import FINDINGS


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


def result_row(row: ArticleRow, summary: dict[str, Any]) -> dict[str, Any]:
    """One line of the table: the article's numbers beside the measured ones (fractions, as Keras logs them)."""
    final = summary.get("final") or {}
    true = summary.get("true_final") or {}
    return {
        "method": row.method, "loss": row.loss, "optimizer": row.optimizer, "lr": row.lr,
        "metric": row.metric, "loss_report": row.loss_report, "finding": row.finding, "note": row.note,
        "reported_train_accuracy": row.reported_train, "reported_val_accuracy": row.reported_val,
        "measured_train_accuracy": final.get("accuracy"),
        "measured_val_accuracy": final.get("val_accuracy"),
        "true_val_accuracy": true.get("val_accuracy"),  # what the model really scores, where logs are wrong
        "measured_train_loss": final.get("loss"),
        "measured_val_loss": final.get("val_loss"),  # as Keras reports it
        "true_val_loss": true.get("val_loss"),
        "status": summary.get("status"), "run_id": summary.get("run_id"),
    }


HEADER = ("method", "loss", "optimizer", "lr", "metric",
          QT_TRANSLATE_NOOP("article", "reported train"), QT_TRANSLATE_NOOP("article", "reported val"),
          QT_TRANSLATE_NOOP("article", "measured train"), QT_TRANSLATE_NOOP("article", "measured val"),
          QT_TRANSLATE_NOOP("article", "train loss"), QT_TRANSLATE_NOOP("article", "val loss (Keras)"),
          QT_TRANSLATE_NOOP("article", "val loss (true)"), QT_TRANSLATE_NOOP("article", "finding"))


def header() -> tuple[str, ...]:
    """The table's column names in the current language (the first five are option names)."""
    return tuple(translate("article", h) for h in HEADER)


def note(result: dict[str, Any]) -> str:
    """The row's note in the current language."""
    return translate("article", result["note"]) if result.get("note") else ""


def cells(result: dict[str, Any]) -> tuple[str, ...]:
    """A result row as the table's text cells: accuracies in percent (the tables say so), for people."""
    def cell(value) -> str:
        if value is None:
            return "—"
        return f"{100 * value:.2f}" if isinstance(value, float) else translate("article", str(value))

    def loss(value) -> str:
        return "—" if value is None else f"{value:.4f}"

    metric = result["metric"] + (" · loss returned" if result.get("loss_report") == "returned" else "")
    finding = result.get("finding")
    return (result["method"], result["loss"], result["optimizer"], f"{result['lr']:g}", metric,
            cell(result["reported_train_accuracy"]), cell(result["reported_val_accuracy"]),
            cell(result["measured_train_accuracy"]), cell(result["measured_val_accuracy"]),
            loss(result.get("measured_train_loss")), loss(result.get("measured_val_loss")),
            loss(result.get("true_val_loss")), translate("findings", FINDINGS[finding]) if finding else "—")
