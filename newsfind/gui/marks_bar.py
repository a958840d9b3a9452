"""The marks of the article being read, under the reading pane's tool bar: starred,
reviewed, its tags and a note; keyboard first (Ctrl+S, Ctrl+D, T, N in the list or the text)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from newsfind.marks import Mark

from newsfind.gui.accessibility import name_clear_button

#: How tags are written in their field: separated by commas.
TAG_SEPARATOR = ","


def tags_text(tags: tuple[str, ...]) -> str:
    return f"{TAG_SEPARATOR} ".join(tags)


def tags_of(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(TAG_SEPARATOR) if tag.strip()]


class MarksBar(QWidget):
    """Shows one article's marks and says what the user changed (it writes nothing itself)."""

    starToggled = Signal(bool)
    reviewedToggled = Signal(bool)
    tagsEdited = Signal(list)  #: the tags as typed (list of str)
    noteEdited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your marks on this article")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 2, 12, 4)
        layout.setSpacing(6)
        self.star = self._toggle("☆ Star", "Star this article (Ctrl+S)", "Starred")
        self.reviewed = self._toggle("Reviewed", "Mark this article reviewed (Ctrl+D); articles are marked "
                                     "reviewed after a few seconds open, unless Preferences say otherwise", "Reviewed")
        self.tags = self._field("Tags, separated by commas (T)", "Tags of this article")
        self.note = self._field("A note on this article (N)", "Note on this article")
        for widget in (self.star, self.reviewed):
            layout.addWidget(widget)
        for label, field, stretch in (("&Tags:", self.tags, 2), ("N&ote:", self.note, 3)):
            caption = QLabel(label, self)
            caption.setBuddy(field)
            layout.addWidget(caption)
            layout.addWidget(field, stretch)
        self.star.toggled.connect(self._on_star)
        self.reviewed.toggled.connect(self.reviewedToggled)
        self.tags.editingFinished.connect(self._on_tags)
        self.note.editingFinished.connect(self._on_note)
        self._shown = Mark()
        self.show_mark(None)

    def _toggle(self, text: str, tip: str, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.setAccessibleDescription(tip)
        return button

    def _field(self, placeholder: str, name: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(name)
        field.setAccessibleDescription(f"{placeholder}; Enter keeps it")
        field.setClearButtonEnabled(True)
        name_clear_button(field, f"Clear the {name[0].lower()}{name[1:]}")
        return field

    def show_mark(self, mark: Mark | None) -> None:
        """The marks of the article shown (None: no article, the bar is disabled)."""
        self._shown = mark or Mark()
        self.setEnabled(mark is not None)
        for widget, value in ((self.star, self._shown.starred), (self.reviewed, self._shown.reviewed)):
            widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(False)
        self.star.setText("★ Starred" if self._shown.starred else "☆ Star")
        self.reviewed.setText("✓ Reviewed" if self._shown.reviewed else "Reviewed")
        if not self.tags.hasFocus():
            self.tags.setText(tags_text(self._shown.tags))
        if not self.note.hasFocus():
            self.note.setText(self._shown.note)

    @property
    def shown(self) -> Mark:
        """The marks shown (no marks when no article is)."""
        return self._shown

    def focus_tags(self) -> None:
        self.tags.setFocus(Qt.ShortcutFocusReason)
        self.tags.selectAll()

    def focus_note(self) -> None:
        self.note.setFocus(Qt.ShortcutFocusReason)

    @Slot(bool)
    def _on_star(self, starred: bool) -> None:
        self.starToggled.emit(starred)

    @Slot()
    def _on_tags(self) -> None:
        tags = tags_of(self.tags.text())
        if tuple(tags) != self._shown.tags:
            self.tagsEdited.emit(tags)

    @Slot()
    def _on_note(self) -> None:
        if self.note.text().strip() != self._shown.note:
            self.noteEdited.emit(self.note.text())
