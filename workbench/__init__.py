"""TF Training Workbench: see why a neural network trains the way it does."""

__version__ = "0.1.0"
