"""`workbench tensorboard`: serve a runs folder with TensorBoard on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from workbench.cli.common import (
    EXIT_OK,
    Failure,
    UsageError,
    emit_json,
    runs_dir_of,
    stop_on_signals,
)
from workbench.core.i18n import QT_TRANSLATE_NOOP, translate

NAME = "tensorboard"
HELP = QT_TRANSLATE_NOOP("cli", "serve a runs folder with TensorBoard on loopback")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--logdir", default=None, help=translate("cli", "folder to serve (default: the runs folder)"))
    p.add_argument("--port", type=int, default=0, help=translate("cli", "port on 127.0.0.1 (0 = a free one)"))
    p.add_argument("--no-browser", action="store_true", help=translate("cli", "do not open a browser"))


def run(args: argparse.Namespace) -> int:
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
    with stop_on_signals() as stop:
        try:
            while not stop.is_set() and server.running:
                time.sleep(0.2)
        finally:
            server.stop()
    return EXIT_OK
