"""Build the packaged newsfind app: the one build command.

    .venv/bin/python packaging/build.py            # build, check, archive
    .venv/bin/python packaging/build.py --no-check # skip running the self-test

It runs PyInstaller on packaging/newsfind.spec with a clean work directory
(build/pyinstaller), which gives the one-folder app in dist/newsfind/ (executable
dist/newsfind/newsfind; on macOS also dist/newsfind.app). On Linux the binaries are
stripped (the spec asks PyInstaller to). Then, because PyInstaller says
"Build complete!" even on a bundle that cannot start, it runs the built app's
`--version` and `--self-test` (offscreen, index in a temporary directory) and fails
if either fails. On Linux it puts packaging/linux/install-desktop.sh and
newsfind.desktop beside the executable (the user's menu entry). Last it writes the release archive
dist/newsfind-<version>-<platform>-<arch>.tar.gz (.zip on Windows) and prints the
bundle size.

Needs the `package` extra (`pip install -e '.[package]'`: PyInstaller) and, on
Linux, binutils and the xcb libraries (see scripts/dev.sh), or the bundle cannot
load Qt's xcb platform plugin.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "newsfind.spec"
APP = "newsfind"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from newsfind import __version__

    return __version__


def platform_tag() -> str:
    system = {"Linux": "linux", "Darwin": "macos", "Windows": "windows"}.get(platform.system(), platform.system().lower())
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def executable(app_dir: Path) -> Path:
    if sys.platform == "win32":
        return app_dir / f"{APP}-cli.exe"  # the console twin: it has a stdout
    return app_dir / APP


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def human(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def run_pyinstaller(distpath: Path, workpath: Path) -> None:
    if workpath.exists():
        shutil.rmtree(workpath)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(distpath), "--workpath", str(workpath), str(SPEC)]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def check(app_dir: Path, self_test: bool) -> None:
    exe = executable(app_dir)
    if not exe.exists():
        sys.exit(f"build.py: no executable at {exe}")
    answer = subprocess.run([str(exe), "--version"], capture_output=True, text=True, timeout=60)
    if answer.returncode != 0 or version() not in answer.stdout:
        sys.exit(f"build.py: {exe} --version failed ({answer.returncode}): {answer.stdout}{answer.stderr}")
    print(f"check: {answer.stdout.strip()}")
    if self_test:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        answer = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, timeout=120, env=env)
        print(answer.stdout.rstrip())
        if answer.returncode != 0:
            sys.exit(f"build.py: the self-test of the built app failed ({answer.returncode}):\n{answer.stderr}")


def add_desktop_integration(app_dir: Path) -> None:
    """Linux: the menu entry and its installer at the top of the bundle (see packaging/linux)."""
    for name in ("newsfind.desktop", "install-desktop.sh"):
        shutil.copy2(ROOT / "packaging" / "linux" / name, app_dir / name)


def make_archive(app_dir: Path, distpath: Path) -> Path:
    base = distpath / f"{APP}-{version()}-{platform_tag()}"
    if sys.platform == "win32":
        target = base.with_suffix(".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(app_dir.rglob("*")):
                archive.write(path, Path(APP) / path.relative_to(app_dir))
    else:
        target = Path(f"{base}.tar.gz")
        app_bundle = distpath / f"{APP}.app"  # macOS: ship the .app, not the bare folder
        source = app_bundle if sys.platform == "darwin" and app_bundle.is_dir() else app_dir
        with tarfile.open(target, "w:gz", compresslevel=9) as archive:
            archive.add(source, arcname=source.name)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the packaged newsfind app (PyInstaller, one folder).")
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-check", action="store_true", help="do not run the built app's self-test")
    parser.add_argument("--no-archive", action="store_true", help="do not write the release archive")
    options = parser.parse_args(argv)

    started = time.monotonic()
    run_pyinstaller(options.distpath, options.workpath)
    app_dir = options.distpath / APP
    built = time.monotonic() - started
    if sys.platform.startswith("linux"):
        add_desktop_integration(app_dir)
    check(app_dir, self_test=not options.no_check)
    print(f"bundle: {app_dir}  {human(tree_size(app_dir))}  (built in {built:.0f} s)")
    if not options.no_archive:
        archive = make_archive(app_dir, options.distpath)
        print(f"archive: {archive}  {human(archive.stat().st_size)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
