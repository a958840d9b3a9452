"""What a Linux screen reader (Orca) really gets: the window's tree read over AT-SPI.

The real window runs on X (Xvfb) with Qt's AT-SPI bridge, on a D-Bus session
of its own; the system's python3 with gi's Atspi (what Orca itself uses) reads
the tree, presses "Next match" through AT-SPI and listens for announcements.
Skipped only where Xvfb, D-Bus or AT-SPI are not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

REPO = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
#: The whole run: Xvfb, the bus, indexing 13 articles, a search, the tree read.
RUN_SECONDS = 150

# Started by the reader below with the project's Python: the window, searched and showing a result.
APP = r'''
import os, sys, tempfile

def main():
    work = tempfile.mkdtemp(prefix="newsfind-atspi-")
    os.environ["NEWSFIND_DATA_DIR"] = os.path.join(work, "data")
    from PySide6.QtCore import QSettings, QTimer
    from newsfind.gui.app import MainWindow, make_app
    app = make_app(["newsfind"])
    window = MainWindow(QSettings(os.path.join(work, "settings.ini"), QSettings.IniFormat), open_default=False)
    window.show()
    window.archiveSet.open(sys.argv[1])

    def when(condition, then):
        def check():
            then() if condition() else QTimer.singleShot(100, check)
        check()

    def search():
        window.searchBar.run_query("immigration")
        when(lambda: window.searchController.settled and window.model.rowCount(), show_first)

    def show_first():
        window.resultsView.focus_results()
        when(lambda: window.reader.article is not None, lambda: print("ready", flush=True))

    when(lambda: not window.archiveSet.is_indexing(), search)
    QTimer.singleShot(120000, app.quit)  # never outlives the test
    app.exec()
    window.shutdown()

if __name__ == "__main__":
    main()
'''

# Run by the system's python3 (gi, Atspi) inside the D-Bus session: prints one JSON line.
READER = r'''
import json, os, subprocess, sys, time
import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib

def node(accessible, depth=0):
    item = {"role": accessible.get_role_name(), "name": accessible.get_name() or "",
            "description": accessible.get_description() or "", "children": []}
    if depth < 40:
        for index in range(min(accessible.get_child_count(), 60)):
            child = accessible.get_child_at_index(index)
            if child is not None:
                item["children"].append(node(child, depth + 1))
    return item

def find(accessible, role, name, depth=0):
    if accessible.get_role_name() == role and accessible.get_name() == name:
        return accessible
    for index in range(min(accessible.get_child_count(), 60)) if depth < 40 else ():
        child = accessible.get_child_at_index(index)
        found = child is not None and find(child, role, name, depth + 1)
        if found:
            return found
    return None

def newsfind_on_the_bus():
    desktop = Atspi.get_desktop(0)
    for index in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(index)
        if app is not None and app.get_name() == "newsfind" and app.get_child_count():
            return app
    return None

def main():
    python, app_script, archive = sys.argv[1:4]
    Atspi.get_desktop(0)  # starts the accessibility bus: Qt only joins one that is there
    announced = []
    listener = Atspi.EventListener.new(lambda event: announced.append(str(event.any_data)))
    listener.register("object:announcement")
    env = dict(os.environ, QT_ACCESSIBILITY="1", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", QT_QPA_PLATFORM="xcb")
    app = subprocess.Popen([python, app_script, archive], env=env, stdout=subprocess.PIPE, text=True)
    try:
        said = app.stdout.readline().strip()
        if said != "ready":
            print(json.dumps({"error": f"the window did not get ready (it said {said!r}, exit {app.poll()})"}))
            return
        deadline = time.monotonic() + 20
        while (root := newsfind_on_the_bus()) is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if root is None:
            print(json.dumps({"error": "the window never appeared on the accessibility bus"}))
            return
        time.sleep(0.5)  # (announcements of the list and the first hit reach the listener)
        tree = node(root)
        button = find(root, "push button", "Next match")
        pressed = button is not None and button.get_action_iface().do_action(0)
        loop = GLib.MainLoop()
        GLib.timeout_add(2000, loop.quit)
        loop.run()
        print(json.dumps({"tree": tree, "pressed": bool(pressed), "announced": announced}))
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()

main()
'''


def _missing() -> str:
    """Why this machine cannot run the check ("": it can)."""
    if not sys.platform.startswith("linux"):
        return "AT-SPI is Linux's accessibility bus"
    for tool in ("Xvfb", "xvfb-run", "xauth", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: xvfb, xauth, dbus)"
    if not any(Path(folder, "at-spi-bus-launcher").exists() for folder in ("/usr/libexec", "/usr/lib/at-spi2-core")):
        return "at-spi2-core is not installed"
    probe = [SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"]
    try:
        subprocess.run(probe, check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "the system python3 has no gi Atspi (Debian: python3-gi, gir1.2-atspi-2.0)"
    return ""


def _run_reader(tmp_path: Path, archive: Path) -> dict:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "reader.py").write_text(READER, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--",
               SYSTEM_PYTHON, str(tmp_path / "reader.py"), sys.executable, str(tmp_path / "app.py"), str(archive)]
    # A session of its own: on a timeout Xvfb, the bus and the window all go.
    run = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True, cwd=tmp_path)
    try:
        out, err = run.communicate(timeout=RUN_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        pytest.fail(f"the AT-SPI run took over {RUN_SECONDS} s")
    lines = [line for line in out.splitlines() if line.startswith("{")]
    assert lines, f"no answer from the reader (exit {run.returncode}):\n{out}\n{err[-3000:]}"
    answer = json.loads(lines[-1])
    assert "error" not in answer, f"{answer['error']}\n{err[-3000:]}"
    return answer


def _nodes(tree: dict):
    yield tree
    for child in tree["children"]:
        yield from _nodes(child)


def _named(nodes: list[dict], role: str, name: str) -> dict:
    found = [node for node in nodes if node["role"] == role and node["name"] == name]
    assert found, f"no {role} named {name!r}; the {role}s are named {[n['name'] for n in nodes if n['role'] == role]}"
    return found[0]


def test_a_screen_reader_finds_every_control_named_and_each_result_with_its_text(tmp_path, small_archive):
    reason = _missing()
    if reason:
        pytest.skip(reason)
    answer = _run_reader(tmp_path, small_archive)
    nodes = list(_nodes(answer["tree"]))

    for role, name in (("text", "Search"), ("push button", "Clear the search"), ("push button", "Search history"),
                       ("combo box", "Sort results by"), ("text", "Articles dated from"),
                       ("text", "Articles dated up to"), ("push button", "Clear the to date"),
                       ("list", "Results"), ("filler", "Reading pane"), ("text", "Article text"),
                       ("push button", "Previous match"), ("push button", "Next match"),
                       ("push button", "Zoom in"), ("push button", "Zoom out"),
                       ("text", "Find in article"), ("push button", "Previous occurrence"),
                       ("push button", "Next occurrence"), ("push button", "Close find")):
        assert _named(nodes, role, name)["description"], f"the {role} {name!r} has no description"
    # The sort box is named for what it does, not after the order chosen.
    assert not [node for node in nodes if node["role"] == "combo box" and node["name"] == "Best match"]
    timeline = _named(nodes, "list", "Timeline of matches")
    assert "dated match" in timeline["description"] and "Left and Right" in timeline["description"]
    # Its bars, one list item each, named as their tooltips: "2019: 3 articles".
    bars = timeline["children"]
    assert bars and all(bar["role"] == "list item" for bar in bars)
    assert all(bar["name"].endswith((" article", " articles")) for bar in bars), bars

    # Each result: title, date and file in its name, the snippet (as text) in its description.
    items = _named(nodes, "list", "Results")["children"]
    assert items
    assert all(item["role"] == "list item" for item in items)
    seed = next(item for item in items if item["name"].startswith("Immigration officials"))
    assert "8 August 2019" in seed["name"] and ".txt" in seed["name"]
    assert "immigra" in seed["description"].lower() and "<" not in seed["description"]

    # Announced: the count when the list came, and the hit when "Next match" was pressed over AT-SPI.
    announced = answer["announced"]
    assert any(text.endswith(" articles") for text in announced), announced
    assert answer["pressed"]
    assert any(text.startswith("hit 2 of ") for text in announced), announced
