"""The newsfind command as a Unix tool: piped into `head`, stopped with Ctrl-C, failing in one line.

Every test runs the real command in its own process, as a shell would."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.corpora import SEED, SOTU, copy_sotu, indexed_by_cli

ROOT = Path(__file__).resolve().parents[1]
#: More output than a pipe holds (64 KiB on Linux), so the command is still writing when the reader stops.
MANY = 300
#: As a user's shell starts it: buffered output (this may run under PYTHONUNBUFFERED, which changes
#: how a closed pipe shows: a big write is cut short silently instead of failing).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}

pytestmark = [pytest.mark.skipif(not SOTU.is_dir(), reason="needs the shared corpora"),
              pytest.mark.skipif(sys.platform == "win32", reason="pipes and signals the Unix way")]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed, the three longest State of the Union addresses (over 200 KB each) and MANY short articles."""
    root = tmp_path_factory.mktemp("unix-archive")
    shutil.copy2(SEED, root / SEED.name)
    copy_sotu(root / "sotu", 3, start=209)
    notes = root / "notes"
    notes.mkdir()
    for n in range(MANY):
        day = dt.date(1950, 1, 1) + dt.timedelta(days=97 * n)
        (notes / f"note{n:03}.txt").write_text(
            f"date {day} Congress met on day {n}.\n\nThe committee of Congress heard witness {n} about the budget, "
            "the harbour and the railway; the members asked questions until late in the evening.\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, archive: Path) -> Path:
    return indexed_by_cli(tmp_path_factory, archive, "unix-index")


@pytest.fixture(scope="module")
def longest_id(archive: Path, index_dir: Path) -> str:
    """The id of the longest article (some 219 KB)."""
    out = run(archive, index_dir, "search", '"State of the Union" Carter', "--json", "--limit", "50")
    hits = json.loads(out.stdout)["hits"]
    return next(hit["id"] for hit in hits if hit["path"].endswith("211_ad6339b639546806.txt"))


def command(archive: Path, index_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsfind", *args, "--archive", str(archive), "--index-dir", str(index_dir)]


def run(archive: Path, index_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(archive, index_dir, *args), cwd=ROOT, env=ENV, capture_output=True, text=True, check=False,
                          timeout=60)


def start(archive: Path, index_dir: Path, *args: str) -> subprocess.Popen:
    # In a session of its own, as a terminal's foreground job: Ctrl-C goes to its whole process group.
    # Ctrl-C as a terminal gives it, even when the tests run as a background job (which ignores it).
    return subprocess.Popen(command(archive, index_dir, *args), cwd=ROOT, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def read_then_close(process: subprocess.Popen, first_line: bool = True) -> tuple[bytes, int, str]:
    """Read as `head -1` does (or `head -c 1000`), stop reading; then the exit status and stderr."""
    got = process.stdout.readline() if first_line else process.stdout.read(1000)
    process.stdout.close()
    err = process.stderr.read().decode()
    return got, process.wait(timeout=60), err


def commands_with_long_output(longest_id: str) -> dict[str, tuple[str, ...]]:
    return {
        "search": ("search", "congress", "--limit", str(MANY + 10)),
        "search --json": ("search", "congress", "--limit", str(MANY + 10), "--json"),
        "show": ("show", longest_id),
        "cite": ("cite", longest_id, "--start", "0", "--end", "200000"),
        "timeline": ("timeline", "congress", "--by", "day"),
    }


LONG = ["search", "search --json", "show", "cite", "timeline"]


@pytest.mark.parametrize("name", LONG)
def test_a_reader_that_stops_early_ends_the_command_quietly(archive, index_dir, longest_id, name) -> None:
    process = start(archive, index_dir, *commands_with_long_output(longest_id)[name])
    got, status, err = read_then_close(process, first_line=not name.endswith("--json"))
    assert got and (status, err) == (0, "")


@pytest.mark.parametrize("name", LONG)
def test_a_reader_gone_before_the_first_line_ends_the_command_quietly(archive, index_dir, longest_id, name) -> None:
    process = start(archive, index_dir, *commands_with_long_output(longest_id)[name])
    process.stdout.close()
    assert (process.wait(timeout=60), process.stderr.read().decode()) == (0, "")


def wait_until_blocked_writing(process: subprocess.Popen, timeout: float = 60) -> None:
    """Until the pipe holds output the command wrote and nothing more comes: it waits for its reader."""
    available, seen, since = bytearray(4), -1, time.monotonic()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        fcntl.ioctl(process.stdout.fileno(), termios.FIONREAD, available)
        now = int.from_bytes(available, sys.byteorder)
        if now != seen:
            seen, since = now, time.monotonic()
        elif now > 0 and time.monotonic() - since > 0.5:
            return
        time.sleep(0.05)
    pytest.fail(f"the command never blocked on its output (exit status {process.poll()})")


@pytest.mark.parametrize("name", ["search", "show", "cite", "timeline"])
def test_ctrl_c_during_a_command_is_one_line_and_status_130(archive, index_dir, longest_id, name) -> None:
    """`newsfind … | less` left waiting, then Ctrl-C: one line, status 130 (no traceback, no hang)."""
    process = start(archive, index_dir, *commands_with_long_output(longest_id)[name])
    wait_until_blocked_writing(process)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err.decode()) == (130, "newsfind: interrupted\n")


@pytest.mark.parametrize("args, message", [
    (("search", "NOT AND"), "newsfind: query error: "),
    (("search", "date:[2019"), "newsfind: query error: "),
    (("search", "congress", "--from", "2019-13-45"), "newsfind: query error: "),
    (("timeline", "date:[2019"), "newsfind: query error: "),
    (("show", "no-such-id"), "newsfind: no article with id 'no-such-id'"),
    (("cite", "no-such-id"), "newsfind: no article with id 'no-such-id'"),
])
def test_errors_are_one_line_on_stderr(archive, index_dir, args, message) -> None:
    result = run(archive, index_dir, *args)
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("args", [("search", "congress"), ("show", "1"), ("timeline", "congress")])
def test_a_missing_archive_is_one_line_on_stderr(tmp_path: Path, args) -> None:
    result = run(tmp_path / "nope", tmp_path / "index", *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"newsfind: no such folder: {tmp_path / 'nope'}\n"


def test_an_index_that_cannot_be_made_is_said_in_one_line_at_the_end(archive, tmp_path: Path) -> None:
    """A file where the index folder should be: the one error line comes after the indexing notes."""
    blocker = tmp_path / "index"
    blocker.write_text("not a folder")
    result = run(archive, blocker, "search", "congress")
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"newsfind: cannot search {archive}")
