"""The app icon: an SVG, and PNGs rendered from it (``python -m newsfind.gui.icon``)."""

from __future__ import annotations

import sys

SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3b7fc4"/>
      <stop offset="1" stop-color="#1f4f86"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="96" fill="url(#bg)"/>
  <rect x="92" y="84" width="268" height="344" rx="18" fill="#ffffff"/>
  <rect x="124" y="120" width="204" height="34" rx="6" fill="#1f4f86"/>
  <rect x="124" y="178" width="92" height="70" rx="4" fill="#9db8d6"/>
  <rect x="232" y="180" width="96" height="14" rx="7" fill="#b9c7d6"/>
  <rect x="232" y="206" width="96" height="14" rx="7" fill="#b9c7d6"/>
  <rect x="232" y="232" width="70" height="14" rx="7" fill="#b9c7d6"/>
  <rect x="124" y="270" width="204" height="14" rx="7" fill="#b9c7d6"/>
  <rect x="124" y="298" width="160" height="14" rx="7" fill="#b9c7d6"/>
  <rect x="124" y="326" width="120" height="14" rx="7" fill="#b9c7d6"/>
  <circle cx="318" cy="318" r="86" fill="#ffe066" fill-opacity="0.35" stroke="#ffb000" stroke-width="30"/>
  <line x1="382" y1="382" x2="448" y2="448" stroke="#ffb000" stroke-width="44" stroke-linecap="round"/>
</svg>
"""

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon():
    """The window's icon (a QIcon) from the PNGs shipped in resources/icons, or the SVG."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from newsfind.resources import resource_path

    icon = QIcon()
    folder = resource_path("icons")
    for size in SIZES:
        png = folder / f"newsfind-{size}.png"
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull() and (folder / "newsfind.svg").exists():
        icon = QIcon(str(folder / "newsfind.svg"))
    return icon


def write_icons(folder) -> None:
    from pathlib import Path

    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "newsfind.svg").write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode()))
    for size in SIZES:
        image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setRenderHint(QPainter.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / f"newsfind-{size}.png"))


if __name__ == "__main__":
    from newsfind.resources import resource_path

    write_icons(sys.argv[1] if len(sys.argv) > 1 else resource_path("icons"))
