"""The core (newsfind/*.py) never imports Qt: importing all of it loads no PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "newsfind"


def test_importing_the_core_loads_no_pyside6() -> None:
    modules = sorted(f"newsfind.{path.stem}" for path in CORE.glob("*.py") if path.stem != "__main__")
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=CORE.parent)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
