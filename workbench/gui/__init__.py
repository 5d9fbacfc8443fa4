"""The Qt window. Importing this package does not import TensorFlow."""

from workbench.gui.main_window import MainWindow

__all__ = ["MainWindow"]
