"""The trends chart as a PNG or SVG file, and the table as CSV.

The files are for documents: the chart is drawn on the style's light palette
whatever the window's theme, at twice the window's size in pixels for the PNG.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QFont, QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from newsfind.trends import Trends, write_trends_csv

from newsfind.gui.trends_chart import paint_trends

#: The chart's size in the files (points for SVG; the PNG has twice as many pixels).
EXPORT_SIZE = QSize(900, 500)
PNG_SCALE = 2.0


def document_palette() -> QPalette:
    """Light, whatever the window's theme: the chart goes on paper and into slides."""
    return QApplication.style().standardPalette()


def write_csv(trends: Trends, path: str, normalised: bool) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        write_trends_csv(trends, handle, normalised)


def write_png(trends: Trends, path: str, normalised: bool, font: QFont) -> None:
    """Raises OSError when the file cannot be written."""
    image = QImage(EXPORT_SIZE * PNG_SCALE, QImage.Format_ARGB32)
    image.setDevicePixelRatio(PNG_SCALE)
    palette = document_palette()
    image.fill(palette.color(QPalette.Window))
    _paint(QPainter(image), trends, normalised, palette, font)
    if not image.save(path, "PNG"):
        raise OSError(f"could not write {path}")


def write_svg(trends: Trends, path: str, normalised: bool, font: QFont) -> None:
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(EXPORT_SIZE)
    generator.setViewBox(QRect(0, 0, EXPORT_SIZE.width(), EXPORT_SIZE.height()))
    generator.setTitle("newsfind trends")
    generator.setDescription(", ".join(term.query for term in trends.counted))
    palette = document_palette()
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    painter.fillRect(QRectF(0, 0, EXPORT_SIZE.width(), EXPORT_SIZE.height()), palette.color(QPalette.Window))
    _paint(painter, trends, normalised, palette, font)


def _paint(painter: QPainter, trends: Trends, normalised: bool, palette: QPalette, font: QFont) -> None:
    try:
        paint_trends(painter, QRectF(8, 6, EXPORT_SIZE.width() - 16, EXPORT_SIZE.height() - 10),
                     trends, normalised, palette, font)
    finally:
        painter.end()
