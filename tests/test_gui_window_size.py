"""The window fits the screen it opens on at any scale, and a size saved on another
screen (or at another QT_SCALE_FACTOR) gives way to a sensible one.

Each launch is a real process on the offscreen platform with a screen of a given
size (its configfile option) and a given QT_SCALE_FACTOR."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

REPO = Path(__file__).resolve().parents[1]

#: Opens the window on its settings file, resizes it if asked, prints where it is, closes it (saving).
LAUNCH = """
import json, sys
from PySide6.QtCore import QSettings
from newsfind.gui.app import MainWindow, make_app
from newsfind.gui.dialogs import IndexReportDialog
app = make_app()
window = MainWindow(QSettings(sys.argv[1], QSettings.IniFormat), open_default=False)
window.show()
app.processEvents()
if len(sys.argv) > 2:
    window.resize(*map(int, sys.argv[2].split("x")))
    app.processEvents()
frame, inside, available = window.frameGeometry(), window.geometry(), window.screen().availableGeometry()
report = IndexReportDialog(window)
print(json.dumps({"frame": frame.getRect(), "size": [inside.width(), inside.height()], "available": available.getRect(),
                  "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                  "report": [report.width(), report.height()]}))
window.close()
"""


def launch(tmp_path: Path, screen: tuple[int, int], scale: float, resize: str = "") -> dict:
    config = tmp_path / f"screen-{screen[0]}x{screen[1]}.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": screen[0],
                                               "height": screen[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=str(scale),
               NEWSFIND_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(REPO))
    command = [sys.executable, "-c", LAUNCH, str(tmp_path / "settings.ini"), *([resize] if resize else [])]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def fits(shown: dict) -> bool:
    x, y, w, h = shown["frame"]
    ax, ay, aw, ah = shown["available"]
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


def is_default(shown: dict) -> bool:
    """90% of the available area (or the least the window needs), centred (give or take the frame)."""
    x, y, w, h = shown["frame"]
    ax, ay, aw, ah = shown["available"]
    least_w, least_h = shown["minimum"]
    return (shown["size"] == [max(int(0.9 * aw), least_w), max(int(0.9 * ah), least_h)]
            and abs((x - ax) - (ax + aw - x - w)) <= 8 and abs((y - ay) - (ay + ah - y - h)) <= 8)


@pytest.mark.parametrize("screen, scale", [((1280, 800), 1), ((1920, 1080), 2), ((2560, 1440), 1.5)])
def test_a_first_launch_opens_centred_on_most_of_the_screen_at_any_scale(tmp_path, screen, scale):
    shown = launch(tmp_path, screen, scale)
    assert fits(shown) and is_default(shown), shown


def test_the_window_fits_a_1280_by_800_screen_at_scale_2(tmp_path):
    # (640×400 logical pixels: the sort and the dates go under the search field)
    shown = launch(tmp_path, (1280, 800), 2)
    assert fits(shown) and is_default(shown), shown
    report_w, report_h = shown["report"]  # (and so does the indexing report, 900×480 where there is room)
    assert report_w <= shown["available"][2] and report_h <= shown["available"][3], shown
    assert launch(tmp_path, (1920, 1080), 1)["report"] == [900, 480]


def test_a_size_saved_at_scale_1_is_replaced_when_it_does_not_fit_at_scale_2(tmp_path):
    saved = launch(tmp_path, (1920, 1080), 1, resize="1700x1000")
    assert saved["size"] == [1700, 1000]
    shown = launch(tmp_path, (1920, 1080), 2)
    assert fits(shown) and is_default(shown), shown


def test_a_size_saved_at_scale_2_is_not_restored_tiny_at_scale_1(tmp_path):
    launch(tmp_path, (1920, 1080), 2, resize="900x500")
    shown = launch(tmp_path, (1920, 1080), 1)
    assert fits(shown) and is_default(shown), shown


def test_the_users_own_size_is_kept_on_the_same_screen(tmp_path):
    launch(tmp_path, (1280, 800), 1, resize="1000x600")
    shown = launch(tmp_path, (1280, 800), 1)
    assert shown["size"] == [1000, 600], shown
    assert fits(shown)


def test_a_long_status_line_or_indexing_never_widens_the_window(qtbot):
    from newsfind.gui.status_bar import StatusBar

    status = StatusBar()
    qtbot.addWidget(status)
    status.show_progress("/a/very/long/archive/folder/name/" * 8, 10, 250)
    status.show_checking("/a/very/long/archive/folder/name/" * 8)
    status.set_results_text("83 results in 22 ms — indexing: results may be incomplete; " * 6)
    assert status.minimumSizeHint().width() < 520  # at scale 2, a 1280-pixel screen gives 640
    assert status.resultsLabel.toolTip().startswith("83 results in 22 ms")
