"""Updates the translation files from the sources: `python -m workbench.translations.update`.

1. `pyside6-lupdate` collects every marked text of the package into workbench_<lang>.ts
   (new texts arrive as "unfinished"; texts no longer in the code become "vanished").
2. Translate the unfinished ones (Qt Linguist, or any editor: the file is XML).
3. `python -m workbench.translations.update --release` compiles the .qm files the window loads.

`_("...")` in the settings schema is read as QT_TR_NOOP (a text marked, translated where shown).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
LANGUAGES = ("zh_CN",)


def tool(name: str) -> str:
    """A PySide6 tool next to this Python (the venv's bin), else on PATH."""
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else name


def sources() -> list[str]:
    return sorted(str(p.relative_to(PACKAGE.parent)) for p in PACKAGE.rglob("*.py")
                  if "translations" not in p.parts)


def lupdate(ts: Path, extra: list[str] = ()) -> subprocess.CompletedProcess:
    return subprocess.run([tool("pyside6-lupdate"), "-tr-function-alias", "QT_TR_NOOP+=_", "-locations", "none",
                           *extra, *sources(), "-ts", str(ts)], cwd=PACKAGE.parent, capture_output=True, text=True,
                          check=True)


def lrelease(ts: Path, qm: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True,
                          check=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--release", action="store_true", help="only compile the .ts files into .qm")
    args = ap.parse_args()
    for lang in LANGUAGES:
        ts = HERE / f"workbench_{lang}.ts"
        if not args.release:
            print(lupdate(ts, ["-no-obsolete"]).stdout.strip())
        print(lrelease(ts, HERE / f"workbench_{lang}.qm").stdout.strip())


if __name__ == "__main__":
    main()
