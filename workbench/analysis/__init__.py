"""Reading runs and settings: diagnostics, evaluation, the drawing pad's preprocessing."""
