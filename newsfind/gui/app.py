"""Start the desktop app: ``run_gui()`` (called by ``newsfind`` with no arguments)."""

from __future__ import annotations

import os
import sys
import time

_IMPORTED = time.time()  # start-up is counted from here unless NEWSFIND_T0 says when

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Slot  # noqa: E402
from PySide6.QtWidgets import QApplication

from newsfind.gui.icon import app_icon  # noqa: E402
from newsfind.gui.mainwindow import MainWindow  # noqa: E402
from newsfind.gui.single_instance import InstanceServer, hand_over, server_name  # noqa: E402

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


class _ExitWhenShown(QObject):
    """NEWSFIND_EXIT_WHEN_SHOWN=1 (start-up timing, bench/startup.py): after the main
    window's first paint, print "shown <seconds>" and quit with 0. Seconds count from
    NEWSFIND_T0 (a time.time() value set by whoever launched the app) if it is set,
    else from the import of this module."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.report)  # after this paint has been flushed
        return False

    @Slot()
    def report(self) -> None:
        self.window.removeEventFilter(self)
        print(f"shown {time.time() - shown_origin():.3f}", flush=True)
        QCoreApplication.exit(0)


def shown_origin() -> float:
    try:
        return float(os.environ["NEWSFIND_T0"])
    except (KeyError, ValueError):
        return _IMPORTED


def run_gui(argv: list[str] | None = None) -> int:
    """Open the main window; folders given in argv are opened as archives too. When
    newsfind already runs (same user, data folder and settings), the folders go to
    that window instead, and this returns 0 at once."""
    argv = list(argv) if argv is not None else sys.argv[1:]
    app = make_app([sys.argv[0] if sys.argv else "newsfind"])
    folders = [os.path.abspath(path) for path in argv if os.path.isdir(path)]
    store = QSettings()
    name = server_name(store.fileName())
    if hand_over(name, folders):
        return 0  # the running window opened them and came to the front
    # Opened with folders (from a file manager, say), a first launch shows those,
    # not the bundled sample as well: the user's archive is indexed at once.
    window = MainWindow(store, open_default=not folders)
    window.open_folders(folders)
    instance = InstanceServer(name, window)
    instance.foldersReceived.connect(window.open_folders)
    instance.listen()
    if os.environ.get("NEWSFIND_EXIT_WHEN_SHOWN"):
        window._exitWhenShown = _ExitWhenShown(window)
    window.show()
    code = app.exec()
    instance.close()
    window.shutdown()
    # Delete the window while the application still exists (a window left to
    # Python's finalizer has crashed the interpreter at exit).
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.processEvents()
    return code
