"""Start the desktop app: ``run_gui()`` (called by ``newsfind`` with no arguments)."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from newsfind.gui.mainwindow import MainWindow, app_icon

__all__ = ["MainWindow", "run_gui", "make_app"]


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName("newsfind")
    app.setApplicationName("newsfind")
    app.setApplicationDisplayName("newsfind")
    app.setDesktopFileName("newsfind")
    app.setWindowIcon(app_icon())
    return app


def run_gui(argv: list[str] | None = None) -> int:
    """Open the main window; folders given in argv are opened as archives too."""
    argv = list(argv) if argv is not None else sys.argv[1:]
    app = make_app([sys.argv[0] if sys.argv else "newsfind"])
    window = MainWindow(QSettings())
    for path in argv:
        if os.path.isdir(path):
            window.open_archive(path)
    window.show()
    code = app.exec()
    window.shutdown()
    # Delete the window while the application still exists (a window left to
    # Python's finalizer has crashed the interpreter at exit).
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.processEvents()
    return code
