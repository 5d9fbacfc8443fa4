"""Experiments: a grid of settings × seeds, each trial an ordinary run, run by Optuna (no Qt)."""
