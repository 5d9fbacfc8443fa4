"""Secrets never shown: a database password in a storage URL (`postgresql://user:pass@host/db`) is printed,
logged, reported and put in error messages as `***`. The URL with its password is kept only where a connection
is opened."""

from __future__ import annotations

import re

#: scheme://user:password@ — the password is what lies between the user's colon and the last @ before the host
_CREDENTIALS = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)(?P<password>[^\s/]*)@")


def mask(url: str) -> str:
    """The URL as it may be shown: its password replaced by `***` (a URL without one is unchanged)."""
    return _CREDENTIALS.sub(lambda m: f"{m.group('head')}***@", url)


def redact(text: str) -> str:
    """Any text (an error message, a log line) with every URL's password replaced by `***`."""
    return mask(text)
