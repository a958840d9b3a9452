"""The timeline as a screen reader walks it: a list whose items are the bars.

The bars are painted, not widgets, so Qt exposes none of them (issue #13). This
gives the timeline an accessible list of its own, one item a bar, named as its
tooltip ("March 2020: 12 articles"), selected when in the chosen period, with
its place on screen; moving along the bars moves the reader's focus item too.

Bar items outlive the timelines they describe: Qt's accessibility cache keeps
every item it has been handed until the program ends, so an item is made once
per place (index) and reads the view's current bars whenever asked.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget


class _BarItem(QAccessibleInterface):
    """Bar number index of the timeline, whichever timeline it shows now."""

    def __init__(self, timeline: "_TimelineList", index: int) -> None:
        super().__init__()
        self._list = timeline
        self._index = index

    def _view(self):
        return self._list.widget()

    def isValid(self) -> bool:
        view = self._list.view_alive()
        return view is not None and self._index < view.bar_count()

    def object(self) -> QObject | None:
        return None

    def window(self):
        return self._list.window()

    def relations(self, match=QAccessible.AllRelations) -> list:
        return []

    def focusChild(self):
        return None

    def childAt(self, x: int, y: int):
        return None

    def parent(self):
        return self._list

    def child(self, index: int):
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child) -> int:
        return -1

    def text(self, kind: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if kind == QAccessible.Name:
            return self._view().tooltip_for_bar(self._index)
        if kind == QAccessible.Description:
            return "Enter or a click lists this period's articles only"
        return ""

    def setText(self, kind: QAccessible.Text, text: str) -> None:
        pass

    def rect(self) -> QRect:
        if not self.isValid():
            return QRect()
        view = self._view()
        local = view.bar_slot_rect(self._index).toAlignedRect()
        return QRect(view.mapToGlobal(local.topLeft()), local.size())

    def role(self) -> QAccessible.Role:
        return QAccessible.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        state.selectable = True
        state.focusable = True
        if not self.isValid():
            state.invalid = True
            return state
        view = self._view()
        state.selected = view.bar_is_selected(self._index)
        state.focused = view.hasFocus() and view.bar_cursor() == self._index
        return state


class _TimelineList(QAccessibleWidget):
    """The timeline widget, read as a list of its bars."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view, QAccessible.List)
        self._items: list[_BarItem] = []

    def view_alive(self):
        return self.widget() if self.isValid() else None

    def childCount(self) -> int:
        return self.widget().bar_count() if self.isValid() else 0

    def child(self, index: int):
        if not 0 <= index < self.childCount():
            return None
        while len(self._items) <= index:
            self._items.append(_BarItem(self, len(self._items)))
        return self._items[index]

    def indexOfChild(self, child) -> int:
        for index, item in enumerate(self._items):
            if item is child:
                return index
        return -1

    def childAt(self, x: int, y: int):
        for index in range(self.childCount()):
            item = self.child(index)
            if item.rect().contains(x, y):
                return item
        return None

    def focusChild(self):
        cursor = self.widget().bar_cursor() if self.isValid() and self.widget().hasFocus() else None
        return self.child(cursor) if cursor is not None else None


def _timeline_factory(key: str, obj: QObject):
    from newsfind.gui.timeline_view import TimelineView  # (the view imports this module)

    return _TimelineList(obj) if isinstance(obj, TimelineView) else None


_installed = False


def expose_bars() -> None:
    """Have screen readers see every timeline's bars as list items (once per program)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_timeline_factory)
        _installed = True


def bar_focused(view: QWidget, index: int) -> None:
    """Tell a screen reader the keyboard moved to bar index."""
    if QAccessible.isActive():
        event = QAccessibleEvent(view, QAccessible.Focus)
        event.setChild(index)
        QAccessible.updateAccessibility(event)
