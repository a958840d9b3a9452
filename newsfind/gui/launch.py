"""Opening an article's file, or showing it in its folder, with the user's own programs.

By the file's exact path: a name that is not valid UTF-8 (POSIX bytes) cannot
pass through a Qt string, so on Linux the desktop gets a file:// URI whose
bytes are percent-encoded (which any URI can carry), and Qt is only the fallback.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.parse

from PySide6.QtCore import QProcess, QUrl
from PySide6.QtGui import QDesktopServices

_FREEDESKTOP = sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))


def file_uri(path: str) -> str:
    """file:// URI of a path, its exact bytes percent-encoded."""
    return "file://" + urllib.parse.quote(os.fsencode(os.path.abspath(path)))


def open_file(path: str) -> bool:
    """Open a file in the program the desktop chooses; False when nothing could."""
    if _FREEDESKTOP and _start(["xdg-open", file_uri(path)]):
        return True
    if sys.platform == "darwin" and _start(["open", "--", path]):
        return True
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def show_in_folder(path: str) -> bool:
    """Show a file selected in its folder (or at least open the folder)."""
    if sys.platform == "win32":
        return QProcess.startDetached("explorer", ["/select,", os.path.normpath(path)])
    if sys.platform == "darwin":
        return _start(["open", "-R", "--", path])
    if _FREEDESKTOP and _file_manager_shows(path):
        return True
    return open_file(os.path.dirname(path))


def _file_manager_shows(path: str) -> bool:
    """The freedesktop FileManager1 D-Bus call that opens the folder with the file selected."""
    command = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.FileManager1",
               "/org/freedesktop/FileManager1", "org.freedesktop.FileManager1.ShowItems",
               f"array:string:{file_uri(path)}", "string:"]
    try:
        return subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=3).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _start(command: list[str]) -> bool:
    """Start a program and leave it running on its own; False when it is not there."""
    try:
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True
