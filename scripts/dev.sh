#!/usr/bin/env bash
# One entry point for a fresh Debian 12 (or newer) machine with Python 3.11+:
#   bash scripts/dev.sh run    install everything, then open newsfind on the sample archive
#   bash scripts/dev.sh test   install everything, then run the whole test suite
# Debian packages are installed only when missing (needs root or sudo);
# the Python packages go into .venv beside this checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's offscreen platform, a real X window under Xvfb, screenshots, fonts,
# what PyInstaller needs to inspect Qt's libraries, and AT-SPI for the accessibility test.
DEBIAN_PACKAGES=(
  python3-venv
  libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xfixes0 libxcb-xinerama0
  libxcb-xkb1 libxkbcommon-x11-0 libxrender1 libxi6
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk
  binutils icu-devtools gcc imagemagick x11-apps
  # the accessibility check: the window read over AT-SPI, as Orca reads it
  at-spi2-core dbus-daemon python3-gi gir1.2-atspi-2.0
  # a real CSL processor (pandoc --citeproc) reads the CSL-JSON export in the tests
  pandoc
)
PYTHON=${PYTHON:-python3}

install_debian_packages() {
  command -v dpkg-query >/dev/null || return 0
  local missing=()
  for package in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Missing Debian packages (run as root to install): ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "newsfind needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version)" >&2; exit 1; }
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  # Reinstall only when the declared dependencies change.
  local stamp=.venv/.newsfind-installed
  local wanted
  wanted=$(sha1sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -e '.[dev,package]'
    echo "$wanted" > "$stamp"
  fi
}

case "${1:-}" in
  run)
    install_debian_packages
    install_python_packages
    shift
    exec .venv/bin/newsfind "$@"
    ;;
  test)
    install_debian_packages
    install_python_packages
    shift
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
    ;;
  *)
    echo "usage: bash scripts/dev.sh run|test" >&2
    exit 2
    ;;
esac
