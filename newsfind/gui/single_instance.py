"""One window per user and data folder: a second launch hands its folders to the first.

`newsfind FOLDER…` (from a file manager, or the desktop entry's %F) while newsfind
runs sends the folders to the running window, which opens them and comes to the
front; the second process then exits. A message is JSON, {"app": "newsfind",
"version": 1, "folders": [...]}, answered by {"ok": true}; anything else is ignored.
The address holds the user and a digest of the data folder and settings file, so a
test or self-test with folders of its own never reaches (or is reached by) the
user's window.

The transport is the standard library's (multiprocessing.connection: a Unix socket,
a named pipe on Windows), not QtNetwork's QLocalServer: QtNetwork would add 5.6 MB
to a Linux bundle that has 0.8 MB left under its 110 MB limit.
"""

from __future__ import annotations

import errno
import getpass
import hashlib
import json
import logging
import os
import re
import sys
import tempfile
import threading
from multiprocessing.connection import Client, Connection, Listener

from PySide6.QtCore import QObject, Qt, Signal, Slot

from newsfind.locations import data_dir

PROTOCOL_VERSION = 1
APP = "newsfind"
MAX_MESSAGE_BYTES = 256 * 1024
REPLY_SECONDS = 5.0
_OK = b'{"ok": true}'
_FAMILY = "AF_PIPE" if sys.platform == "win32" else "AF_UNIX"

log = logging.getLogger(__name__)


def server_name(settings_file: str) -> str:
    """The name for this user, data folder and settings file."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for the uid (a container, say)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    digest = hashlib.sha1(f"{data_dir()}\0{settings_file}".encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{APP}-{re.sub(r'[^A-Za-z0-9_.-]', '_', user)[:32]}-{digest}"


def address(name: str) -> str:
    """A named pipe on Windows; else a socket in the user's private runtime folder (or the temp folder)."""
    if _FAMILY == "AF_PIPE":
        return rf"\\.\pipe\{name}"
    return os.path.join(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir(), name)


def encode_message(folders: list[str]) -> bytes:
    return json.dumps({"app": APP, "version": PROTOCOL_VERSION, "folders": list(folders)}).encode()


def decode_message(data: bytes) -> list[str] | None:
    """The folders a message hands over; None when it is not one of ours."""
    try:
        message = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(message, dict) or message.get("app") != APP or message.get("version") != PROTOCOL_VERSION:
        return None
    folders = message.get("folders")
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        return None
    return folders


def hand_over(name: str, folders: list[str]) -> bool:
    """Send the folders (absolute paths) to a running window; False when none took them."""
    try:
        with Client(address(name), _FAMILY) as connection:
            connection.send_bytes(encode_message(folders))
            return connection.poll(REPLY_SECONDS) and connection.recv_bytes(len(_OK)) == _OK
    except (OSError, EOFError):  # nobody listens, or a socket left by a crash
        return False


class InstanceServer(QObject):
    """Listens for later launches (in a thread); emits, in the GUI thread, the folders each hands over."""

    foldersReceived = Signal(list)
    _received = Signal(list)  #: from a connection's thread, queued to the GUI thread

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.address = address(name)
        self._listener: Listener | None = None
        self._closing = False
        self._received.connect(self._deliver, Qt.QueuedConnection)

    def listen(self) -> bool:
        """Start listening; a socket left by an instance that crashed is removed first."""
        try:
            self._listener = self._open()
        except OSError as error:
            log.warning("a second launch cannot reach this window: %s", error)
            return False
        threading.Thread(target=self._accept_all, args=(self._listener,), name="newsfind-instance",
                         daemon=True).start()
        return True

    def _open(self) -> Listener:
        try:
            listener = Listener(self.address, _FAMILY, backlog=8)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            os.unlink(self.address)  # (hand_over found nobody behind it)
            listener = Listener(self.address, _FAMILY, backlog=8)
        if _FAMILY == "AF_UNIX":
            os.chmod(self.address, 0o600)  # this user only
        return listener

    def close(self) -> None:
        """Stop listening (the socket file goes too)."""
        if self._listener is None:
            return
        self._closing = True
        try:
            Client(self.address, _FAMILY).close()  # wakes the thread waiting in accept()
        except OSError:
            pass
        self._listener.close()
        self._listener = None

    def _accept_all(self, listener: Listener) -> None:
        while not self._closing:
            try:
                connection = listener.accept()
            except OSError:
                return
            if self._closing:
                connection.close()
                return
            # One thread each: a sender that stalls half-way holds up nobody else.
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: Connection) -> None:
        with connection:
            try:
                if not connection.poll(REPLY_SECONDS):
                    return
                folders = decode_message(connection.recv_bytes(MAX_MESSAGE_BYTES))
                if folders is None:
                    log.warning("ignored a message on %s that is not newsfind's", self.address)
                    return
                connection.send_bytes(_OK)
            except (OSError, EOFError):  # too long, cut short, or gone
                return
        self._received.emit(folders)

    @Slot(list)
    def _deliver(self, folders: list) -> None:
        self.foldersReceived.emit(folders)
