"""What screen readers and keyboard users need beyond each widget's own names
(issue #13): spoken announcements, a combo box named by what it chooses, and a
focus ring that shows where the keyboard is.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleAnnouncementEvent, QPainter, QPalette
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QComboBox, QFocusFrame, QProxyStyle, QStyle, QWidget

#: The property holding the name a combo box keeps under AT-SPI (see name_combo_box).
_COMBO_NAME = "newsfindAccessibleName"


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say text now, politely (after what it is saying).

    Qt passes the event on only while an assistive tool listens (QAccessible.isActive)."""
    if text:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


class _NamedComboBox(QAccessibleWidget):
    """A combo box whose name is its own, not its current item.

    On Linux Qt names a combo box after its current item (the label is meant to
    come from a relation): Orca then says "Best match, combo box" and never what
    it sorts. This keeps the name and gives the item as the value."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.ComboBox)

    def text(self, kind: QAccessible.Text) -> str:
        combo = self.widget()
        if kind == QAccessible.Name:
            return combo.property(_COMBO_NAME) or ""
        if kind == QAccessible.Value:
            return combo.currentText()
        return super().text(kind)

    def actionNames(self) -> list[str]:
        return [*super().actionNames(), QAccessibleActionInterface.showMenuAction()]

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.showMenuAction():
            self.widget().showPopup()
        else:
            super().doAction(name)

    def childCount(self) -> int:
        return 1

    def child(self, index: int):
        """The list of choices, as Qt's own combo box gives it."""
        return QAccessible.queryAccessibleInterface(self.widget().view()) if index == 0 else None

    def indexOfChild(self, child) -> int:
        return 0 if child is not None and child.object() is self.widget().view() else -1


def _combo_factory(key: str, obj: QObject):
    if isinstance(obj, QComboBox) and obj.property(_COMBO_NAME):
        return _NamedComboBox(obj)
    return None


_factory_installed = False


def name_combo_box(combo: QComboBox, name: str, description: str = "") -> None:
    """Give a combo box an accessible name that its current item does not replace."""
    global _factory_installed
    combo.setProperty(_COMBO_NAME, name)
    combo.setAccessibleName(name)
    if description:
        combo.setAccessibleDescription(description)
    if not _factory_installed:
        QAccessible.installFactory(_combo_factory)
        _factory_installed = True


def name_clear_button(field: QWidget, name: str) -> None:
    """Name the clear button (✕) of a QLineEdit with setClearButtonEnabled."""
    for button in field.findChildren(QWidget):
        if button.metaObject().className() == "QLineEditIconButton":
            button.setAccessibleName(name)
            button.setAccessibleDescription("Empties the field")


class _AboveWidgets(QProxyStyle):
    """Puts the focus frame above the widget in the window, as on macOS: elsewhere Qt
    puts it under, in the widget's parent, which hides it around a widget that fills its parent."""

    def styleHint(self, hint, option=None, widget=None, returnData=None) -> int:
        if hint == QStyle.SH_FocusFrame_AboveWidget:
            return 1
        return super().styleHint(hint, option, widget, returnData)


class FocusRing(QFocusFrame):
    """A ring in the palette's highlight colour around whichever widget has the
    keyboard focus: seen in light and dark themes, whatever the style draws."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self._style = _AboveWidgets()  # (kept: the widget does not own its style)
        self.setStyle(self._style)
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        QApplication.instance().focusChanged.connect(self.follow)
        self.hide()  # (until a widget has the focus: else a box at the window's corner)

    @Slot(QWidget, QWidget)
    def follow(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self.window_ and new is not self.window_:
            self.setWidget(new)
            self.show()
        else:
            self.setWidget(None)
            self.hide()

    def paintEvent(self, event) -> None:
        # The style's mask leaves only a ring around the widget (its focus frame margins) to paint.
        QPainter(self).fillRect(self.rect(), self.palette().color(QPalette.Highlight))
