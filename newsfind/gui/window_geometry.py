"""The main window's size and place: always on the screen it opens on, at any scale.

A size saved on one screen (or at one QT_SCALE_FACTOR) is kept on that screen.
On another, Qt would clamp a size too large to the whole screen, and keep a size
made for a much larger scale tiny: both are replaced by a default, most of the
available area, centred.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

#: The default window: this share of the screen's available area, centred.
DEFAULT_SHARE = 0.9
#: On a screen other than the one it was saved on, a restored size outside these shares
#: of the available area (in either direction) is taken as made for another screen.
SMALLEST_SHARE = 0.5
LARGEST_SHARE = 0.97


def screen_of(window: QWidget) -> QScreen:
    """The screen the window is on (or will open on)."""
    return (QGuiApplication.screenAt(window.geometry().center()) or window.screen()
            or QGuiApplication.primaryScreen())


def available_size(window: QWidget) -> QSize:
    """What is saved with the geometry, to tell later whether the screen changed."""
    return screen_of(window).availableGeometry().size()


def restore_window_geometry(window: QWidget, saved: QByteArray | None, saved_screen: QSize | None) -> None:
    """The saved geometry when it suits the screen the window opens on, else the default."""
    if saved is not None and window.restoreGeometry(saved):
        if window.isMaximized() or window.isFullScreen():
            return
        available = screen_of(window).availableGeometry()
        if saved_screen == available.size() and available.contains(window.geometry()):
            return  # the user's own size on this very screen
        if _suits(window.geometry().size(), available):
            return
    place_default(window)


def place_default(window: QWidget) -> None:
    """Most of the available area of the window's screen, centred (but never above or left of it)."""
    available = screen_of(window).availableGeometry()
    size = QSize(int(available.width() * DEFAULT_SHARE), int(available.height() * DEFAULT_SHARE))
    window.resize(size.expandedTo(window.minimumSizeHint()))
    window.move(_centred(window.size(), available))


def resize_within_screen(window: QWidget, wanted: QSize) -> None:
    """The size wanted, or less where the screen is smaller (a dialog at QT_SCALE_FACTOR=2 on a laptop)."""
    available = screen_of(window).availableGeometry()
    window.resize(wanted.boundedTo(QSize(int(available.width() * DEFAULT_SHARE),
                                         int(available.height() * DEFAULT_SHARE))))


def restore_tool_window(window: QWidget, saved: QByteArray | None, wanted: QSize) -> None:
    """A window of its own (the concordance, the trends): where the user left it when that
    is on the screen it opens on, else the size wanted (or less, on a small screen)."""
    if saved is not None and window.restoreGeometry(saved):
        if screen_of(window).availableGeometry().contains(window.geometry()):
            return
    resize_within_screen(window, wanted)


def _suits(size: QSize, available: QRect) -> bool:
    return all(SMALLEST_SHARE * whole <= part <= LARGEST_SHARE * whole
               for part, whole in ((size.width(), available.width()), (size.height(), available.height())))


def _centred(size: QSize, available: QRect) -> QPoint:
    x = available.x() + max(0, (available.width() - size.width()) // 2)
    y = available.y() + max(0, (available.height() - size.height()) // 2)
    return QPoint(x, y)
