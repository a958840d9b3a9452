"""The pinned Qt binding survives a day of use.

PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to None on every
call of a method returning nothing; after about 10,000 repaints or label
updates the interpreter aborted. Run in a child process so a crash fails this
test instead of the whole run.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHURN = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(30_000):
    label.setText("x")
    label.update()
print(before - sys.getrefcount(None))
"""


def test_many_void_calls_keep_none_alive() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHURN], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 100
