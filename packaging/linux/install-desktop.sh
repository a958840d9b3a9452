#!/bin/sh
# Add newsfind to the desktop's application menu, for this user only.
#
#   ./install-desktop.sh [BUNDLE_DIR]     install (or update) the menu entry and icons
#   ./install-desktop.sh --uninstall      remove them again
#
# BUNDLE_DIR is the unpacked one-folder app (the folder holding the `newsfind`
# executable). The release archive carries this script and newsfind.desktop at its
# top, so after `tar xzf newsfind-*-linux-*.tar.gz` run `newsfind/install-desktop.sh`.
# From a source checkout it defaults to dist/newsfind (packaging/build.py).
#
# Writes only under ${XDG_DATA_HOME:-~/.local/share}: applications/newsfind.desktop
# (pointing at BUNDLE_DIR/newsfind: move the bundle, run this again) and
# icons/hicolor/<size>/apps/newsfind.png + scalable/apps/newsfind.svg.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps=$data/applications
icons=$data/icons/hicolor
sizes="16 24 32 48 64 128 256 512"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$apps/newsfind.desktop" "$icons/scalable/apps/newsfind.svg"
    for size in $sizes; do rm -f "$icons/${size}x${size}/apps/newsfind.png"; done
    refresh
    echo "newsfind: removed from the application menu"
    exit 0
fi

if [ -n "${1:-}" ]; then
    bundle=$1
elif [ -x "$here/newsfind" ]; then
    bundle=$here                     # run from inside the unpacked bundle
else
    bundle=$here/../../dist/newsfind # run from a source checkout
fi
[ -d "$bundle" ] || { echo "install-desktop.sh: no folder $bundle (build it: .venv/bin/python packaging/build.py)" >&2; exit 1; }
bundle=$(cd "$bundle" && pwd)
exe=$bundle/newsfind
[ -x "$exe" ] || { echo "install-desktop.sh: no newsfind executable in $bundle" >&2; exit 1; }
template=$here/newsfind.desktop
[ -f "$template" ] || { echo "install-desktop.sh: $template is missing" >&2; exit 1; }
icon_src=$bundle/_internal/resources/icons
[ -d "$icon_src" ] || icon_src=$here/../../resources/icons

mkdir -p "$apps"
for size in $sizes; do
    if [ -f "$icon_src/newsfind-$size.png" ]; then
        mkdir -p "$icons/${size}x${size}/apps"
        cp "$icon_src/newsfind-$size.png" "$icons/${size}x${size}/apps/newsfind.png"
    fi
done
if [ -f "$icon_src/newsfind.svg" ]; then
    mkdir -p "$icons/scalable/apps"
    cp "$icon_src/newsfind.svg" "$icons/scalable/apps/newsfind.svg"
fi
# Exec quoting (Desktop Entry spec): the path in double quotes, with \ " ` $ escaped.
quoted=$(printf '%s' "$exe" | sed 's/[\\"`$]/\\\\&/g')
sed -e "s|^TryExec=.*|TryExec=$exe|" -e "s|^Exec=.*|Exec=\"$quoted\" %F|" -e '/^# install-desktop.sh/d' \
    "$template" > "$apps/newsfind.desktop.tmp"
mv "$apps/newsfind.desktop.tmp" "$apps/newsfind.desktop"
refresh
echo "newsfind: added to the application menu ($apps/newsfind.desktop -> $exe)"
