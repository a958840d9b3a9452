"""The real window on an archive whose index is already built, for the window benches."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def window_on_index(archive: Path, index: Path, name: str):
    """(app, window): the window, shown, with a fresh data folder and settings where
    the archive's index is `index` (linked, so nothing is rebuilt; the window still
    checks the archive when it is opened). Offscreen unless QT_QPA_PLATFORM says otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix=f"newsfind-{name}-"))
    os.environ["NEWSFIND_DATA_DIR"] = str(work / "data")

    from newsfind.locations import default_index_dir

    index_dir = default_index_dir(archive)
    index_dir.parent.mkdir(parents=True)
    index_dir.symlink_to(index.resolve(), target_is_directory=True)

    from PySide6.QtCore import QSettings

    from newsfind.gui.app import MainWindow, make_app

    app = make_app([sys.argv[0]])
    window = MainWindow(QSettings(str(work / "settings.ini"), QSettings.IniFormat), open_default=False)
    window.show()
    return app, window
