"""Widgets the panels are made of: plots, the runs table, the confusion matrix, images."""
