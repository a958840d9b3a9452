"""The date filter: the two date fields and the timeline, with one owner.

The fields and the timeline show the same filter two ways. Picking a period on
the timeline fills the fields; typing in a field drops the timeline's period
(the typed dates are the filter now); clearing the period clears the fields.
Whatever the route, ``changed`` is emitted once, when the bounds really change.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from newsfind.timeline import Timeline
from newsfind.wording import plural
from newsfind.gui.accessibility import name_clear_button
from newsfind.gui.timeline_view import TimelineView

FIELD_TIP = "Only articles dated in this range; YYYY, YYYY-MM or YYYY-MM-DD; leave empty for no limit"


class DateFilter(QObject):
    """Owns the "from" and "to" fields and the timeline; says when the bounds change."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.fromField = self._field("from YYYY-MM-DD", "Articles dated from", "Clear the from date", parent)
        self.toField = self._field("to YYYY-MM-DD", "Articles dated up to", "Clear the to date", parent)
        self.timeline = TimelineView(parent)
        self.timeline.hide()
        self._bounds = ("", "")  #: the bounds last searched with
        for field in (self.fromField, self.toField):
            field.editingFinished.connect(self.apply)
            field.textChanged.connect(self._on_text_changed)
            field.textEdited.connect(self._on_typed)
        self.timeline.periodSelected.connect(self._on_period_selected)
        self.timeline.selectionCleared.connect(self._on_period_cleared)

    @staticmethod
    def _field(placeholder: str, name: str, clear_name: str, parent: QWidget) -> QLineEdit:
        field = QLineEdit(parent)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        field.setAccessibleDescription(FIELD_TIP)
        field.setClearButtonEnabled(True)
        name_clear_button(field, clear_name)
        field.setAcceptDrops(False)
        field.setToolTip(FIELD_TIP)
        field.setFixedWidth(field.fontMetrics().horizontalAdvance("from YYYY-MM-DD") + 48)
        return field

    def bounds(self) -> tuple[str | None, str | None]:
        """(from, to) as typed, None where empty."""
        return self.fromField.text().strip() or None, self.toField.text().strip() or None

    @Slot()
    def apply(self) -> None:
        """Take the fields' dates as the filter; emit changed if they differ from the last."""
        bounds = (self.fromField.text().strip(), self.toField.text().strip())
        if bounds != self._bounds:
            self._bounds = bounds
            self.changed.emit()

    def set_bounds(self, start: str | None, end: str | None) -> None:
        """Dates put in the fields by the window (a saved search opened), without a search:
        the caller searches with them."""
        self.timeline.drop_selection()
        self._bounds = (start or "", end or "")
        for field, value in ((self.fromField, start), (self.toField, end)):
            field.blockSignals(True)
            field.setText(value or "")
            field.blockSignals(False)

    def show_timeline(self, timeline: Timeline | None, listed: int = 0, stories: bool = False) -> None:
        """A new list's timeline (of every date), and the `listed` matches of the
        dates typed, if any; a period it no longer holds is dropped (and the filter with it).
        With `stories`, both count stories (a wire-copy family once), not articles."""
        self.timeline.show()
        self.timeline.set_counting_stories(stories)
        self.timeline.set_timeline(timeline)
        start, end = self.bounds()
        counted = plural(listed, "story", "stories") if stories else plural(listed, "article")
        typed = f"{start or '…'} – {end or '…'}: {counted}" if start or end else ""
        self.timeline.set_typed_range(typed)

    def hide_timeline(self) -> None:
        """No query: no timeline (the fields keep their dates)."""
        self.timeline.hide()
        self.timeline.forget()

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button: search at once
            self.apply()

    @Slot(str)
    def _on_typed(self, text: str) -> None:
        """The user typed a date by hand: the timeline's period no longer holds."""
        self.timeline.drop_selection()

    @Slot(object, object)
    def _on_period_selected(self, start: dt.date, end: dt.date) -> None:
        self._set_fields(start.isoformat(), end.isoformat())

    @Slot()
    def _on_period_cleared(self) -> None:
        self._set_fields("", "")

    def _set_fields(self, start: str, end: str) -> None:
        """Show the timeline's period in the fields, and search once."""
        # The bounds are set before each field changes: its own signals then find nothing new.
        self._bounds = (start, self.toField.text().strip())
        self.fromField.setText(start)
        self._bounds = (start, end)
        self.toField.setText(end)
        self.changed.emit()
