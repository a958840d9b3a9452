"""View → Theme: the platform's own look ("system"), or the Fusion style light or dark.

The platform's style and palette are noted the first time another theme is applied,
so that "system" can put them back without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from newsfind.gui.settings import THEMES, Settings

#: A dark palette like the ones desktop themes give Qt apps.
DARK_COLOURS = {
    QPalette.Window: "#2b2b2b", QPalette.WindowText: "#e6e6e6", QPalette.Base: "#1e1e1e",
    QPalette.AlternateBase: "#262626", QPalette.ToolTipBase: "#3a3a3a", QPalette.ToolTipText: "#e6e6e6",
    QPalette.PlaceholderText: "#9a9a9a", QPalette.Text: "#e6e6e6", QPalette.Button: "#353535",
    QPalette.ButtonText: "#e6e6e6", QPalette.BrightText: "#ff6b6b", QPalette.Light: "#4a4a4a",
    QPalette.Midlight: "#3c3c3c", QPalette.Mid: "#2f2f2f", QPalette.Dark: "#1a1a1a",
    QPalette.Shadow: "#000000", QPalette.Highlight: "#2f65ca", QPalette.HighlightedText: "#ffffff",
    QPalette.Link: "#6cb4ff", QPalette.LinkVisited: "#c38fff",
}
DARK_DISABLED_TEXT = "#7a7a7a"

_platform_look: tuple[str, QPalette] | None = None  #: (style name, palette) before any theme
_applied = "system"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor(DARK_DISABLED_TEXT))
    return palette


def applied_theme() -> str:
    return _applied


def apply_theme(name: str) -> None:
    """Give the whole application a theme (one of THEMES; anything else is "system")."""
    global _platform_look, _applied
    name = name if name in THEMES else "system"
    app = QApplication.instance()
    if name == _applied or app is None:
        return
    if _platform_look is None:
        _platform_look = (app.style().name(), QPalette(app.palette()))
    if name == "system":
        app.setStyle(_platform_look[0])
        app.setPalette(_platform_look[1])
    else:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if name == "dark" else app.style().standardPalette())
    _applied = name


class ThemeChooser(QObject):
    """Applies the theme the settings hold, and each one chosen (remembered for next time)."""

    changed = Signal(str)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        apply_theme(settings.theme)

    @Slot(str)
    def choose(self, name: str) -> None:
        self.settings.theme = name
        apply_theme(self.settings.theme)
        self.changed.emit(self.settings.theme)
