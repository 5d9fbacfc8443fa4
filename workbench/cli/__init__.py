"""`python -m workbench <subcommand>`: the command line of INTERFACE.md.

Bad arguments: one line on stderr, exit 2. Other failures: one line, exit 1.
Never a traceback unless `--debug`. `--json`: the last stdout line is JSON,
progress goes to stderr. TensorFlow is imported only by subcommands that train.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from workbench import __version__
from workbench.core.config import ConfigError, TrainConfig
from workbench.core.data import DatasetError
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate
from workbench.core.runs import default_runs_dir, list_runs, percent, status_word
from workbench.core.settings import BY_NAME, SETTINGS, Setting, parse_value, shown

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Bad arguments: exit 2."""


class Failure(Exception):
    """Anything else that went wrong: exit 1."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def flag_of(field_name: str) -> str:
    return "--" + field_name.replace("_", "-")


def add_train_options(p: argparse.ArgumentParser) -> None:
    """One flag per setting of the schema (settings.SETTINGS); the training options in their own group."""
    groups = {"options": p.add_argument_group(translate("cli", "training options"))}
    for s in SETTINGS:
        target = groups.get(s.group, p)
        if s.type is bool:
            target.add_argument(s.cli_flag, dest=s.name, action="store_false" if s.inverted else "store_true",
                                help=shown(s.help))
        else:
            target.add_argument(s.cli_flag, dest=s.name, type=_reader(s) if s.special else s.type,
                                default=s.default, choices=list(s.choices) if s.choices else None,
                                help=shown(s.help))


def _reader(setting: Setting):
    """argparse's type for a setting: its special word too (`--steps-per-execution auto`, `--train-limit all`)."""
    def read(text: str):
        try:
            return parse_value(setting, text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    read.__name__ = setting.type.__name__
    return read


def usage_error(exc: ConfigError) -> UsageError:
    """A ConfigError as the command line says it: `argument --flag: what is allowed`."""
    setting = BY_NAME.get(exc.field)
    flag = setting.cli_flag if setting else flag_of(exc.field)
    return UsageError(f"argument {flag}: {str(exc).split(': ', 1)[1]}")


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    try:
        return TrainConfig(**{s.name: getattr(args, s.name) for s in SETTINGS})
    except ConfigError as exc:
        raise usage_error(exc) from None


def runs_dir_of(args: argparse.Namespace) -> Path:
    return Path(args.runs_dir).expanduser() if args.runs_dir else default_runs_dir()


def width(text: str) -> int:
    """Columns a text takes in a terminal: Chinese characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(rows: list[Sequence[str]], file=None) -> None:
    """Rows of text cells in aligned columns (wide characters counted as two)."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip(), file=file)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, default=str) + "\n")
    sys.stdout.flush()


# -- subcommands -----------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    from workbench.core import data as datamod
    from workbench.training.distribute import DeviceError, check

    try:
        check(config)
    except DeviceError as exc:
        raise UsageError(f"argument --strategy: {exc}") from None

    data = prepared(config)
    from workbench.training import trainer
    from workbench.training.callbacks import ConsoleProgress

    stop = _stop_on_signals()
    steps = datamod.steps_per_epoch(len(data.x_train), config.batch_size)
    progress = ConsoleProgress(config.epochs, steps)
    return _train_and_report(args, lambda: trainer.train(config, runs_dir_of(args), [progress], stop))


def _stop_on_signals():
    """A StopFlag that Ctrl-C (SIGINT) and SIGTERM set: the run stops at the next batch, kept as `stopped`."""
    from workbench.core.stop import StopFlag

    stop = StopFlag()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    return stop


def cmd_resume(args: argparse.Namespace) -> int:
    from workbench.core.runs import read_run

    run_dir = runs_dir_of(args) / args.run
    if read_run(run_dir) is None:
        raise UsageError(f"argument RUN: no run {args.run!r} in {runs_dir_of(args)}")
    from workbench.training import trainer
    from workbench.training.callbacks import ConsoleProgress

    config = TrainConfig.from_dict(json.loads((run_dir / "config.json").read_text()))
    from workbench.core import data as datamod

    steps = datamod.steps_per_epoch(len(datamod.prepare(config).x_train), config.batch_size)
    stop = _stop_on_signals()
    progress = ConsoleProgress(config.epochs, steps)
    return _train_and_report(args, lambda: trainer.resume(run_dir, [progress], stop))


def cmd_fork(args: argparse.Namespace) -> int:
    from workbench.core.runs import read_run
    from workbench.core.settings import parse_value, value_problem

    run_dir = runs_dir_of(args) / args.run
    if read_run(run_dir) is None:
        raise UsageError(f"argument RUN: no run {args.run!r} in {runs_dir_of(args)}")
    changes = {}
    for setting in ("loss", "optimizer", "lr", "epochs", "momentum", "weight_decay"):
        text = getattr(args, setting)
        if text is None:
            continue
        spec = BY_NAME[setting]
        try:
            value = parse_value(spec, text)
        except ValueError as exc:
            raise UsageError(f"argument {spec.cli_flag}: {exc}") from None
        if problem := value_problem(spec, value):
            raise UsageError(f"argument {spec.cli_flag}: {problem}")
        changes[setting] = value
    from workbench.training import trainer
    from workbench.training.callbacks import ConsoleProgress

    config = TrainConfig.from_dict({**json.loads((run_dir / "config.json").read_text()), **changes})
    from workbench.core import data as datamod

    steps = datamod.steps_per_epoch(len(prepared(config).x_train), config.batch_size)
    stop = _stop_on_signals()

    def run():
        try:
            return trainer.fork(run_dir, args.epoch, changes, runs_dir_of(args), [ConsoleProgress(config.epochs, steps)],
                                stop)
        except ConfigError as exc:
            raise usage_error(exc) from None
        except trainer.CannotFork as exc:
            raise UsageError(f"argument --epoch: {exc}") from None

    return _train_and_report(args, run)


def _train_and_report(args: argparse.Namespace, run) -> int:
    """Runs train/resume, prints the outcome (JSON with --json) and maps it to the exit code."""
    from workbench.training import trainer
    from workbench.training.distribute import DeviceError

    try:
        result = run()
    except trainer.CannotResume as exc:
        raise Failure(str(exc)) from exc
    except DeviceError as exc:
        raise Failure(str(exc)) from exc
    except OSError as exc:
        raise Failure(str(exc)) from exc
    except trainer.TrainingFailed as exc:
        raise Failure(translate("cli", "training failed: {problem}").format(problem=exc)) from exc
    summary = result.summary
    if not result.chief:
        print(translate("cli", "{status}: trained as a worker of the cluster; the chief writes the run").format(
            status=status_word(summary.status)), file=sys.stderr)
    else:
        print(translate("cli", "{status}: run {run} in {path}").format(
            status=status_word(summary.status), run=summary.run_id, path=summary.run_dir), file=sys.stderr)
    if summary.error:
        print(summary.error, file=sys.stderr)
    if summary.reason:
        print(summary.reason, file=sys.stderr)
    if args.json:
        data = summary.to_dict()
        if not result.chief:
            data.update(run_dir=None, chief=False)
        emit_json(data)
    return {"completed": EXIT_OK, "stopped": EXIT_INTERRUPTED}.get(summary.status, EXIT_FAILED)


def prepared(config: TrainConfig):
    """The run's data, or a usage error naming the setting or the dataset at fault."""
    from workbench.core import data as datamod

    try:
        return datamod.prepare(config)
    except ConfigError as exc:
        raise usage_error(exc) from None
    except DatasetError as exc:
        raise UsageError(f"argument --dataset: {exc}") from None


def cmd_explain(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    prepared(config)
    from workbench.analysis.diagnostics import explain

    report = explain(config)
    print(report["explanation"], file=sys.stderr if args.json else sys.stdout)
    for warning in report["warnings"]:
        print(translate("cli", "warning: {warning}").format(warning=warning), file=sys.stderr if args.json else sys.stdout)
    if args.json:
        emit_json(report)
    return EXIT_OK


def cmd_lr_find(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    if not 20 <= args.steps <= 10_000:
        raise UsageError(translate("cli", "argument --steps: {value} is out of range; allowed 20 to 10000").format(
            value=args.steps))
    prepared(config)
    from workbench.training.lr_find import lr_find

    result = lr_find(config, steps=args.steps)
    out = sys.stderr if args.json else sys.stdout

    def lr_text(value: float | None) -> str:
        return "—" if value is None else f"{value:.3g}"

    print(translate("cli", "LR range test ({method}, {loss}, {optimizer}): {n} steps from {low} to {high}{end}").format(
        method=config.method, loss=config.loss, optimizer=config.optimizer, n=len(result.lrs),
        low=lr_text(result.lrs[0] if result.lrs else None), high=lr_text(result.lrs[-1] if result.lrs else None),
        end=translate("cli", ", where the loss exploded") if result.exploded else ""), file=out)
    print(translate("cli", "suggested lr (steepest descent): {lr}").format(lr=lr_text(result.suggested_lr)), file=out)
    print(translate("cli", "valley lr (safer): {lr}").format(lr=lr_text(result.valley_lr)), file=out)
    if args.json:
        emit_json(result.to_dict())
    return EXIT_OK


def cmd_reproduce(args: argparse.Namespace) -> int:
    for name in ("epochs", "train_limit", "val_limit"):
        value = getattr(args, name)
        low = 1 if name == "epochs" else 0
        if value < low:
            raise UsageError(f"argument {flag_of(name)}: {value} is out of range; allowed {low} or more")
    from workbench.analysis.diagnostics import reproduce
    from workbench.experiments.grid import GridError, parse_seeds
    from workbench.training.callbacks import ConsoleProgress

    try:
        seeds = parse_seeds(args.seeds)
    except GridError as exc:
        raise UsageError(str(exc).replace("--seeds", "argument --seeds:", 1)) from None

    stop = _stop_on_signals()

    def progress(cfg: TrainConfig) -> list:
        print(translate("cli", "training {run}").format(run=cfg.name), file=sys.stderr)
        from workbench.core import data as datamod

        n = len(datamod.prepare(cfg).x_train)
        return [ConsoleProgress(cfg.epochs, datamod.steps_per_epoch(n, cfg.batch_size))]

    rows = reproduce(runs_dir_of(args), args.epochs, args.train_limit, args.val_limit,
                     callbacks_for=progress, stop=stop, seeds=seeds)
    if args.json:
        emit_json(rows)
    else:
        from workbench.core.article import cells, header

        print_table([header()] + [cells(r) for r in rows])
        print(translate("cli", "accuracies in percent (--json gives fractions)"))
    return EXIT_INTERRUPTED if stop.is_set() else EXIT_OK



def cmd_runs(args: argparse.Namespace) -> int:
    runs = list_runs(runs_dir_of(args))
    if args.json:
        emit_json([r.to_dict() for r in runs])
        return EXIT_OK
    if not runs:
        print(translate("cli", "no runs in {path}").format(path=runs_dir_of(args)), file=sys.stderr)
        return EXIT_OK
    header = ("run_id", translate("cli", "name"), translate("cli", "status"), "method", "optimizer", "lr", "loss",
              translate("cli", "epochs"), translate("cli", "val_acc"))
    rows = [header] + [
        (r.run_id, r.name, status_word(r.status), r.method or "", r.optimizer or "",
         "" if r.lr is None else f"{r.lr:g}", r.loss or "", str(r.epochs_completed),
         percent(r.final.get("val_accuracy")))
        for r in runs
    ]
    print_table(rows)
    return EXIT_OK


def _qt_app():
    """A QApplication for headless rendering (offscreen when there is no display)."""
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["workbench"])


def cmd_evaluate(args: argparse.Namespace) -> int:
    from workbench.core.runs import read_run

    run_dir = runs_dir_of(args) / args.run
    if read_run(run_dir) is None:
        raise UsageError(f"argument --run: no run {args.run!r} in {runs_dir_of(args)}")
    from workbench.analysis.evaluation import NoModel, evaluate, matrix_csv

    try:
        result = evaluate(run_dir)
    except NoModel as exc:
        raise Failure(str(exc)) from None
    if args.csv:
        try:
            Path(args.csv).write_text(matrix_csv(result))
        except OSError as exc:
            raise Failure(translate("cli", "cannot write {path}: {problem}").format(
                path=args.csv, problem=exc.strerror or exc)) from None
    out = sys.stderr if args.json else sys.stdout
    k = len(result["confusion_matrix"])
    print(translate("cli", "run {run}: accuracy {accuracy} on {n} validation samples").format(
        run=result["run_id"], accuracy=percent(result["accuracy"]), n=result["samples"]), file=out)
    print(translate("cli", "confusion matrix (rows: true class, columns: predicted)"), file=out)
    print("      " + " ".join(f"{c:>5}" for c in range(k)), file=out)
    for c, row in enumerate(result["confusion_matrix"]):
        print(f"{c:>5} " + " ".join(f"{v:>5}" for v in row), file=out)
    table = [(translate("cli", "class"), translate("cli", "precision"), translate("cli", "recall"),
              translate("cli", "support"))]
    table += [(str(m["class"]), percent(m["precision"]), percent(m["recall"]), str(m["support"]))
              for m in result["per_class"]]
    print_table(table, file=out)
    if result["outputs"] == "scores":
        print(translate("cli", "top-3 values are the model's raw scores: it was trained with a squared error "
                               "against the one-hot label, so its outputs are not logits"), file=out)
    if args.json:  # the per-image predictions stay in the run's evaluation.json
        emit_json({k: v for k, v in result.items() if k != "predictions"})
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.core.runs import read_run

    runs_dir = runs_dir_of(args)
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    allowed = ("png", "svg", "pdf", "csv")
    bad = [f for f in formats if f not in allowed]
    if bad or not formats:
        raise UsageError(f"argument --formats: {','.join(bad) or 'nothing'} is not allowed; choose from {','.join(allowed)}")
    if not 0 <= args.smoothing <= 0.99:
        raise UsageError(f"argument --smoothing: {args.smoothing} is out of range; allowed 0 to 0.99")
    run_dirs = []
    for run_id in args.runs:
        path = runs_dir / run_id
        if read_run(path) is None:
            raise UsageError(f"argument --runs: no run {run_id!r} in {runs_dir}")
        run_dirs.append(path)
    if formats == ["csv"]:  # the data alone needs no Qt
        from workbench.core.points import write_csv

        Path(args.out).mkdir(parents=True, exist_ok=True)
        write_csv(run_dirs, Path(args.out) / "metrics.csv")
        written = [Path(args.out) / "metrics.csv"]
    else:
        _qt_app()
        from workbench.gui.export import export_runs

        written = export_runs(run_dirs, Path(args.out), formats, args.smoothing, args.log_y)
    for path in written:
        print(translate("cli", "wrote {path}").format(path=path), file=sys.stderr)
    if args.json:
        emit_json({"files": [str(p) for p in written]})
    return EXIT_OK


def cmd_export_model(args: argparse.Namespace) -> int:
    from workbench.core.runs import read_run
    from workbench.training.model_export import ExportError, default_name, export_model

    run_dir = runs_dir_of(args) / args.run
    if read_run(run_dir) is None:
        raise UsageError(f"argument --run: no run {args.run!r} in {runs_dir_of(args)}")
    out = Path(args.out).expanduser() if args.out else Path.cwd() / default_name(args.run, args.format)
    if args.format == "keras" and out.suffix != ".keras":
        raise UsageError(f"argument --out: {out} must end in .keras for --format keras")
    try:
        written = export_model(run_dir, args.format, out)
    except ExportError as exc:
        raise Failure(str(exc)) from None
    print(translate("cli", "wrote {path}").format(path=written), file=sys.stderr)
    if args.json:
        emit_json({"run_id": args.run, "format": args.format, "path": str(written)})
    return EXIT_OK


def cmd_tensorboard(args: argparse.Namespace) -> int:
    import time

    from workbench.core.tensorboard import TensorBoardError, server_for

    if not 0 <= args.port <= 65535:
        raise UsageError(f"argument --port: {args.port} is out of range; allowed 0 to 65535")
    logdir = Path(args.logdir).expanduser() if args.logdir else runs_dir_of(args)
    server = server_for(logdir)
    try:
        url = server.start(port=args.port)
    except TensorBoardError as exc:
        raise Failure(str(exc)) from None
    print(translate("cli", "TensorBoard at {url}").format(url=url), flush=True)
    if args.json:
        emit_json({"url": url, "port": server.port, "logdir": str(server.logdir)})
    if not args.no_browser:
        import webbrowser

        webbrowser.open(url)
    stop = _stop_on_signals()
    try:
        while not stop.is_set() and server.running:
            time.sleep(0.2)
    finally:
        server.stop()
    return EXIT_OK


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from workbench.core import desktop

    changed = desktop.uninstall() if args.uninstall else desktop.install()
    for path in changed:
        print((translate("cli", "removed {path}") if args.uninstall else translate("cli", "wrote {path}")).format(
            path=path), file=sys.stderr)
    if args.json:
        emit_json({"files": [str(p) for p in changed], "exec": desktop.exec_line()})
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    from workbench.gui.app import main as gui_main

    return gui_main(runs_dir=runs_dir_of(args) if args.runs_dir else None, argv=sys.argv[:1],
                    quit_after=args.quit_after)


# -- wiring -------------------------------------------------------------------
from workbench.cli import experiment  # noqa: E402  (its commands import this module's helpers when run)


def build_parser() -> Parser:
    parser = Parser(prog="workbench", description=translate(
        "cli", "TF Training Workbench: see why a network trains the way it does."))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help=translate("cli", "show Python tracebacks"))
    common.add_argument("--json", action="store_true", help=translate("cli", "last stdout line is JSON"))
    common.add_argument("--runs-dir", default=None, help=translate(
        "cli", "runs folder (default: $WORKBENCH_RUNS_DIR or the user data folder)"))
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=Parser)
    sub.required = True

    commands: dict[str, tuple[str, Callable[[argparse.Namespace], int]]] = {
        "train": (QT_TRANSLATE_NOOP("cli", "one training run, headless; writes a run folder"), cmd_train),
        "runs": (QT_TRANSLATE_NOOP("cli", "list the runs in a runs folder"), cmd_runs),
        "resume": (QT_TRANSLATE_NOOP("cli", "continue a stopped or interrupted run from its last finished epoch"),
                   cmd_resume),
        "fork": (QT_TRANSLATE_NOOP("cli", "what if: continue a run from one of its epochs with another loss, "
                                          "optimizer or learning rate, as a new run"), cmd_fork),
        "explain": (QT_TRANSLATE_NOOP("cli", "measure why a configuration trains differently (loss scale, resolved "
                                             "metric)"), cmd_explain),
        "reproduce": (QT_TRANSLATE_NOOP("cli", "re-run the article's experiments; print reported vs measured"),
                      cmd_reproduce),
        "export": (QT_TRANSLATE_NOOP("cli", "write plots and data of chosen runs without opening a window"),
                   cmd_export),
        "evaluate": (QT_TRANSLATE_NOOP("cli", "confusion matrix and per-class metrics of a run's model on its "
                                              "validation data"), cmd_evaluate),
        "export-model": (QT_TRANSLATE_NOOP("cli", "write a run's model for use elsewhere (Keras, SavedModel, "
                                                  "TFLite)"), cmd_export_model),
        "tensorboard": (QT_TRANSLATE_NOOP("cli", "serve a runs folder with TensorBoard on loopback"), cmd_tensorboard),
        "experiment": (QT_TRANSLATE_NOOP("cli", "a grid of settings x seeds, each trial a run, summarised per "
                                                "setting"), experiment.cmd_experiment),
        "experiment-worker": (QT_TRANSLATE_NOOP("cli", "run trials of an existing experiment (from this or another "
                                                       "machine) until none is left"),
                              experiment.cmd_experiment_worker),
        "experiment-report": (QT_TRANSLATE_NOOP("cli", "the summary of an experiment"),
                              experiment.cmd_experiment_report),
        "lr-find": (QT_TRANSLATE_NOOP("cli", "LR range test: the loss as the learning rate grows from 1e-6 to 10; "
                                             "suggests a learning rate"), cmd_lr_find),
        "gui": (QT_TRANSLATE_NOOP("cli", "open the main window"), cmd_gui),
        "install-desktop": (QT_TRANSLATE_NOOP("cli", "add the app to the desktop menu (Linux); --uninstall removes "
                                                     "it"), cmd_install_desktop),
    }
    for name, (help_text, func) in commands.items():
        help_text = translate("cli", help_text)
        p = sub.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        if name in ("train", "explain", "experiment", "lr-find"):
            add_train_options(p)
        if name == "lr-find":
            p.add_argument("--steps", type=int, default=300, help=translate(
                "cli", "training steps of the test (the learning rate grows exponentially over them)"))
        if name.startswith("experiment"):
            experiment.add_options(name, p)
        elif name == "evaluate":
            p.add_argument("--run", required=True, metavar="ID", help=translate("cli", "the run id"))
            p.add_argument("--csv", metavar="PATH", help=translate("cli", "also write the confusion matrix as CSV"))
        elif name == "export-model":
            from workbench.training.model_export import FORMATS

            p.add_argument("--run", required=True, metavar="ID", help=translate("cli", "the run id"))
            p.add_argument("--format", choices=list(FORMATS), default="keras",
                           help=translate("cli", "keras: a .keras file; savedmodel: a SavedModel folder for serving; "
                                                 "tflite: a TensorFlow Lite file"))
            p.add_argument("--out", metavar="PATH", help=translate(
                "cli", "file or folder to write (default: named after the run, in the current folder)"))
        elif name == "resume":
            p.add_argument("run", metavar="RUN", help=translate("cli", "the run id (a folder of the runs folder)"))
        elif name == "fork":
            p.add_argument("run", metavar="RUN", help=translate("cli", "the run id (a folder of the runs folder)"))
            p.add_argument("--epoch", type=int, required=True, help=translate(
                "cli", "start from the weights after this finished epoch"))
            for setting in ("loss", "optimizer", "lr", "epochs", "momentum", "weight_decay"):
                spec = BY_NAME[setting]
                p.add_argument(spec.cli_flag, dest=setting, default=None, metavar=setting.upper(),
                               help=translate("cli", "the fork's {name} (default: the run's)").format(name=setting))
        elif name == "reproduce":
            p.add_argument("--epochs", type=int, default=10)
            p.add_argument("--train-limit", type=int, default=0, help=translate("cli", "first N training samples (0 = all)"))
            p.add_argument("--val-limit", type=int, default=0, help=translate("cli", "first N validation samples (0 = all)"))
            p.add_argument("--seeds", default="0", metavar="SPEC",
                           help=translate("cli", "train each row with these seeds (0-2 or 0,3,7) and show mean ± std"))
        elif name == "export":
            p.add_argument("--runs", nargs="+", required=True, metavar="ID", help=translate("cli", "run ids to export"))
            p.add_argument("--out", required=True, help=translate("cli", "folder to write into"))
            p.add_argument("--formats", default="png,svg,pdf,csv", help=translate("cli", "comma list of png,svg,pdf,csv"))
            p.add_argument("--smoothing", type=float, default=0.0, help=translate("cli", "0..0.99, as the window's slider"))
            p.add_argument("--log-y", action="store_true", help=translate("cli", "logarithmic loss axis"))
        elif name == "gui":
            p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)
        elif name == "install-desktop":
            p.add_argument("--uninstall", action="store_true", help=translate("cli", "remove the menu entry and icon"))
        elif name == "tensorboard":
            p.add_argument("--logdir", default=None, help=translate("cli", "folder to serve (default: the runs folder)"))
            p.add_argument("--port", type=int, default=0, help=translate("cli", "port on 127.0.0.1 (0 = a free one)"))
            p.add_argument("--no-browser", action="store_true", help=translate("cli", "do not open a browser"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    parser = build_parser()
    command = next((a for a in argv if not a.startswith("-")), "")
    prog = f"workbench {command}".strip()
    try:
        args = parser.parse_args(argv)
        return args.func(args)
    except UsageError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (Failure, DatasetError, ConfigError, OSError) as exc:
        if debug:
            traceback.print_exc()
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the promise: one line, never a traceback
        if debug:
            traceback.print_exc()
        print(f"{prog}: error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
