"""A vertical scroll bar that shows where the hits stand in the whole article,
as browsers mark what Find found: a long article's hits are seen at a glance."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QScrollBar, QStyle, QStyleOptionSlider, QWidget

#: The same colours as the marks in the text.
HIT_TICK = QColor("#e0a800")
FOUND_TICK = QColor("#2f7fd0")


class MarkedScrollBar(QScrollBar):
    """Ticks over the groove: one per hit, one per occurrence found."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[float] = []
        self._found: list[float] = []

    def set_marks(self, hits: list[float], found: list[float]) -> None:
        """Where the hits and the occurrences found stand, as fractions (0-1) of the article's height."""
        self._hits, self._found = hits, found
        self.update()

    def marks(self) -> tuple[list[float], list[float]]:
        return list(self._hits), list(self._found)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not (self._hits or self._found):
            return
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.CC_ScrollBar, option, QStyle.SC_ScrollBarGroove, self)
        painter = QPainter(self)
        for fractions, colour in ((self._hits, HIT_TICK), (self._found, FOUND_TICK)):
            for fraction in fractions:
                y = groove.top() + round(fraction * max(0, groove.height() - 2))
                painter.fillRect(groove.left() + 2, y, max(1, groove.width() - 4), 2, colour)
