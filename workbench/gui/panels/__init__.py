"""The window's panels: settings, diagnosis, inside the run, dialogs."""
