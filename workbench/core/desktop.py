"""`workbench install-desktop`: a freedesktop menu entry and icon for the user (Linux), and its removal."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from importlib import resources
from pathlib import Path

APP_ID = "tf-training-workbench"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def paths() -> dict[str, Path]:
    home = data_home()
    return {
        "desktop": home / "applications" / f"{APP_ID}.desktop",
        "svg": home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        "png": home / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png",
    }


def exec_line() -> str:
    """Starts the app with this interpreter, so the entry works inside a virtual environment."""
    return f"{shlex.quote(sys.executable)} -m workbench gui"


def desktop_entry() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=TF Training Workbench",
        "GenericName=Neural network training workbench",
        "Comment=See why a neural network trains the way it does",
        f"Exec={exec_line()}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;Science;Development;",
        "Keywords=TensorFlow;Keras;MNIST;training;",
        "StartupNotify=true",
        "",
    ])


def install() -> list[Path]:
    p = paths()
    for path in p.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    res = resources.files("workbench") / "resources"
    shutil.copyfile(str(res / "icon.svg"), p["svg"])
    shutil.copyfile(str(res / "icon-256.png"), p["png"])
    tmp = p["desktop"].with_suffix(".tmp")
    tmp.write_text(desktop_entry(), encoding="utf-8")
    tmp.chmod(0o755)
    os.replace(tmp, p["desktop"])
    return list(p.values())


def uninstall() -> list[Path]:
    removed = []
    for path in paths().values():
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
