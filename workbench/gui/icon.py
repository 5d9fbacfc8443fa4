"""The application icon (its own module: the window and the app both use it, neither imports the other)."""

from __future__ import annotations


def app_icon():
    """The application icon from the package's resources (SVG plus PNG sizes)."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources.files("workbench") / "resources"
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(folder / f"icon-{size}.png"))
    icon.addFile(str(folder / "icon.svg"))
    return icon
