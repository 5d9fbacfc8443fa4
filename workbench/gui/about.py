"""Help → About: the app's version, the libraries it runs on, the runs folder and MNIST's licence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench import __version__


def about_text(runs_dir: Path, tf_status: str) -> str:
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    title = QCoreApplication.translate("About", "TF Training Workbench")
    motto = QCoreApplication.translate("About", "See why a neural network trains the way it does.")
    status = tf_status or QCoreApplication.translate("About", "TensorFlow loads on first use")
    folder = QCoreApplication.translate("About", "Runs folder: {path}").format(path=runs_dir)
    mnist = QCoreApplication.translate("About", "MNIST by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, CC BY-SA 3.0.")
    return (f"<h3>{title} {__version__}</h3><p>{motto}</p>"
            f"<p>{status}<br>Qt {qVersion()}, PySide6 {PySide6.__version__}, pyqtgraph {pyqtgraph.__version__}</p>"
            f"<p>{folder}</p><p>{mnist}</p>")


def show_about(parent: QWidget, runs_dir: Path, tf_status: str) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("About", "About {app}").format(app=QCoreApplication.translate("About", "TF Training Workbench")),
                      about_text(runs_dir, tf_status))
