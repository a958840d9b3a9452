"""GUI fixtures (Qt is imported only by the tests that use them), and the Hypothesis profile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from tests.corpora import SEED, copy_sotu

# In CI the same examples every run (a red run must mean a change broke something);
# on a developer's machine new ones each time, to find what nobody thought of.
settings.register_profile("newsfind", derandomize=bool(os.environ.get("CI")), deadline=None)
settings.load_profile("newsfind")


@pytest.fixture
def gui_settings(tmp_path: Path):
    """QSettings in a temporary INI file: tests never touch the user's settings."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "settings" / "newsfind.ini"), QSettings.IniFormat)
    yield settings
    settings.sync()


@pytest.fixture
def clean_clipboard(qapp):
    """A QMimeData left on the clipboard crashes the offscreen process at exit."""
    yield
    qapp.clipboard().clear()
    qapp.processEvents()


@pytest.fixture
def small_archive(tmp_path: Path) -> Path:
    """The seed article and 12 State of the Union addresses from 1950-1970."""
    root = tmp_path / "small"
    root.mkdir()
    shutil.copy2(SEED, root / SEED.name)
    copy_sotu(root / "sotu", 12, start=160)
    return root


@pytest.fixture
def make_window(qtbot, gui_settings, clean_clipboard, tmp_path, monkeypatch):
    """make_window(*archives) → a shown MainWindow whose archives are indexed, with a data
    folder of its own (its indexes and the user's marks: nothing shared between tests)."""
    from newsfind.gui.mainwindow import MainWindow

    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "window-data"))

    windows = []

    def make(*archives: Path, wait: bool = True, settings=None, **kwargs):
        window = MainWindow(settings if settings is not None else gui_settings, open_default=False, **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        window.show()
        for root in archives:
            window.archiveSet.open(str(root))
        if wait:
            qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)
        return window

    yield make
    for window in windows:
        window.shutdown()
