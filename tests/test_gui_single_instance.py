"""`newsfind FOLDER…` while a window runs: the folders go to that window and the
second process exits 0. The first window is a real one in this process, listening
as newsfind.gui.app sets it up; the second launch is a real `python -m newsfind`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402

from newsfind.gui.single_instance import (  # noqa: E402
    InstanceServer, address, decode_message, encode_message, server_name,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    """A data folder and a config folder of their own (as `newsfind` finds them)."""
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "data"))
    return {"NEWSFIND_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}


@pytest.fixture
def running(qtbot, make_window, user_dirs):
    """A window with its settings where `newsfind` looks, listening for later launches."""
    settings = QSettings(os.path.join(user_dirs["XDG_CONFIG_HOME"], "newsfind", "newsfind.conf"), QSettings.IniFormat)
    window = make_window(settings=settings)
    instance = InstanceServer(server_name(settings.fileName()), window)
    instance.foldersReceived.connect(window.open_folders)  # as run_gui connects them
    yield window, instance
    instance.close()


def second_launch(qtbot, user_dirs, *args: str, code: str | None = None) -> subprocess.Popen:
    """`python -m newsfind ARGS` (or a script) as a user would start it; waited for with events running."""
    env = dict(os.environ, **user_dirs, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "newsfind", *args]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=20000)
    return process


def test_a_second_launch_hands_its_folders_to_the_running_window_and_exits(qtbot, running, user_dirs, tmp_path,
                                                                          small_archive):
    window, instance = running
    assert instance.listen()
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.txt").write_text("Title\n\nSome words about harbours.\n", "utf-8")
    process = second_launch(qtbot, user_dirs, str(small_archive), str(other))  # as the desktop entry's %F
    assert process.returncode == 0, process.stderr.read()
    qtbot.waitUntil(lambda: window.archiveSet.archives == [str(small_archive), str(other)], timeout=5000)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)


def test_a_socket_left_by_a_crashed_instance_is_replaced(qtbot, running, user_dirs, small_archive):
    window, instance = running
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(instance.address)  # bound, no longer listening: what a crash leaves
    stale.close()
    assert instance.listen()
    process = second_launch(qtbot, user_dirs, str(small_archive))
    assert process.returncode == 0, process.stderr.read()
    qtbot.waitUntil(lambda: window.archiveSet.archives == [str(small_archive)], timeout=5000)
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)


GARBAGE = """
import socket, struct, sys
framed = [b"\\x00\\xffnot json", b'{"app": "newsfind", "version": 99, "folders": ["/"]}',
          b'{"app": "newsfind", "version": 1, "folders": "/"}', b"[" * 100000, b"x" * 300000]
raw = [struct.pack("!i", len(m)) + m for m in framed] + [b"\\xff\\xff\\xff\\xffrubbish", b"\\x00\\x00"]
for message in raw:
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(10)
        sock.connect(sys.argv[1])
        try:
            sock.sendall(message)
            sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):  # hung up on before the end: ignored too
            continue
        assert sock.recv(100) == b"", "garbage was answered"
"""


def test_garbage_on_the_socket_is_ignored_and_the_window_still_listens(qtbot, running, user_dirs, small_archive):
    window, instance = running
    assert instance.listen()
    received = []
    instance.foldersReceived.connect(received.append)
    process = second_launch(qtbot, user_dirs, instance.address, code=GARBAGE)
    assert process.returncode == 0, process.stderr.read()
    assert received == [] and window.archiveSet.archives == []
    with socket.socket(socket.AF_UNIX) as silent:  # connected, sending nothing: holds up nobody
        silent.connect(instance.address)
        process = second_launch(qtbot, user_dirs, str(small_archive))
    assert process.returncode == 0 and received == [[str(small_archive)]]
    qtbot.waitUntil(lambda: not window.archiveSet.is_indexing(), timeout=30000)


def test_the_name_is_per_user_data_folder_and_settings_file(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "one"))
    one = server_name("/a/newsfind.conf")
    assert one == server_name("/a/newsfind.conf") != server_name("/b/newsfind.conf")
    monkeypatch.setenv("NEWSFIND_DATA_DIR", str(tmp_path / "two"))
    assert server_name("/a/newsfind.conf") != one
    assert len(address(one)) < 100  # (a Unix socket path holds 107 bytes)


@given(st.lists(st.text(st.characters(exclude_categories=()))))  # (lone surrogates: POSIX names not UTF-8)
def test_every_list_of_folders_survives_the_message(folders):
    assert decode_message(encode_message(folders).rstrip(b"\n")) == folders


@given(st.binary())
def test_any_bytes_decode_to_folders_or_none(data):
    folders = decode_message(data)
    assert folders is None or all(isinstance(f, str) for f in folders)
