"""The packaged app: build it with packaging/build.py and run what was built.

PyInstaller says "Build complete!" even for bundles that cannot start, so these tests
run the built executable: its self-test (window, search, reading pane, citation on
the clipboard, offscreen) and a CLI search on the bundled sample. The build goes
into a temporary distpath/workpath from this working tree (one build per session,
20-60 s here), never into dist/ or build/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[package]')")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED = "000_3cd96423f81a94b2.txt"
EXE_NAME = "newsfind-cli.exe" if sys.platform == "win32" else "newsfind"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("packaging")
    command = [sys.executable, str(ROOT / "packaging" / "build.py"), "--distpath", str(where / "dist"),
               "--workpath", str(where / "work"), "--no-check", "--no-archive"]
    built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, f"build failed:\n{built.stdout[-3000:]}\n{built.stderr[-5000:]}"
    shutil.rmtree(where / "work", ignore_errors=True)
    app_dir = where / "dist" / "newsfind"
    assert (app_dir / EXE_NAME).is_file(), f"no executable in {app_dir}"
    return app_dir


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_mtime_ns, p.lstat().st_size) for p in folder.rglob("*")}


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSFIND_DATA_DIR=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path / "home"))
    env.pop("NEWSFIND_RESOURCES", None)  # the bundle must find its own resources
    return env


def test_bundle_self_test_and_cli_search_write_nothing_inside_the_bundle(bundle: Path, tmp_path: Path) -> None:
    before = _snapshot(bundle)

    run = subprocess.run([str(bundle / EXE_NAME), "--self-test"], capture_output=True, text=True, timeout=120,
                         env=_env(tmp_path), cwd=tmp_path)
    assert run.returncode == 0, f"self-test failed ({run.returncode}):\n{run.stdout}\n{run.stderr[-3000:]}"
    assert "self-test: ok" in run.stdout

    sample = bundle / "_internal" / "resources" / "sample"
    search = subprocess.run([str(bundle / EXE_NAME), "search", "Mississippi raids", "--archive", str(sample),
                             "--json"], capture_output=True, text=True, timeout=120, env=_env(tmp_path), cwd=tmp_path)
    assert search.returncode == 0, f"CLI search failed:\n{search.stdout}\n{search.stderr[-3000:]}"
    answer = json.loads(search.stdout)
    seed = [hit for hit in answer["hits"] if hit["path"] == SEED]
    assert seed and "<mark>" in seed[0]["snippet"], answer

    after = _snapshot(bundle)
    assert after == before, ("running the app changed its bundle: "
                             f"{sorted(set(after) ^ set(before)) or [k for k in after if after[k] != before.get(k)]}")


def test_self_test_from_source(tmp_path: Path) -> None:
    """The same self-test without PyInstaller: catches a change of the window's API early."""
    run = subprocess.run([sys.executable, "-m", "newsfind", "--self-test"], capture_output=True, text=True,
                         timeout=120, env=_env(tmp_path), cwd=ROOT)
    assert run.returncode == 0, f"self-test failed ({run.returncode}):\n{run.stdout}\n{run.stderr[-3000:]}"
    assert "self-test: ok" in run.stdout


def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Path) -> None:
    names = {p.name for p in bundle.rglob("*")}
    for unwanted in ("libQt6Network.so.6", "libQt6Qml.so.6", "libQt6Quick.so.6", "libQt6Pdf.so.6",
                     "libqgtk3.so", "libqsqlite.so", "libqtvirtualkeyboardplugin.so", "libqwayland.so",
                     "QtNetwork.abi3.so", "_tkinter.cpython-311-x86_64-linux-gnu.so", "libssl.so.3"):
        assert unwanted not in names, f"{unwanted} is in the bundle"
    assert not any(p.suffix == ".qm" for p in bundle.rglob("*.qm")), "Qt translations are in the bundle"
    for wanted in ("libqxcb.so", "libqoffscreen.so", "libqsvg.so", "libqsvgicon.so", "newsfind-48.png", SEED,
                   "sample-ATTRIBUTION.md"):
        assert wanted in names, f"{wanted} is missing from the bundle"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the size target is for the Linux bundle")
def test_linux_bundle_size(bundle: Path) -> None:
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    trimmed_icu = all(shutil.which(tool) for tool in ("icupkg", "genccode", "cc"))
    # Without ICU's tools (Debian icu-devtools) the full 32 MB ICU data library stays in.
    limit = 110e6 if trimmed_icu else 130e6
    assert size <= limit, f"the bundle is {size / 1e6:.1f} MB (limit {limit / 1e6:.0f} MB)"
    assert (bundle / "install-desktop.sh").is_file() and (bundle / "newsfind.desktop").is_file()
