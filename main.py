#!/usr/bin/env python3
"""Double-click start: opens the TF Training Workbench window.

Works from the source folder without installing (it puts this folder on the
import path) and from an installed package alike.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbench.gui.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
