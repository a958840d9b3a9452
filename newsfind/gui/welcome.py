"""What the results area shows before any search: what to do, example searches to
click (each one runs), and the whole search syntax."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from newsfind.query_help import syntax_help_html

#: (query, what it shows): each finds articles in the bundled sample archive.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("immigration", "a word, in any of its forms"),
    ('"civil rights"', "an exact phrase"),
    ("slavery OR emancipation", "either word"),
    ("tax NOT war", "the first word without the second"),
    ("railroad*", "words starting with railroad"),
    ("date:[1860 TO 1869] slavery", "a word in the articles of the 1860s"),
)


class WelcomePanel(QScrollArea):
    """Example searches as buttons (Tab reaches them), then the search syntax."""

    exampleChosen = Signal(str)  #: the query of the example clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Getting started")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.StyledPanel)
        content = QWidget(self)
        content.setBackgroundRole(self.viewport().backgroundRole())
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        self.intro = self._label(content)
        layout.addWidget(self.intro)
        layout.addWidget(self._heading("Try an example", content))
        layout.addLayout(self._example_grid(content))
        layout.addWidget(self._heading("Search syntax", content))
        self.syntax = self._label(content, Qt.RichText)
        self.syntax.setText(syntax_help_html())  # our own text, escaped
        layout.addWidget(self.syntax)
        layout.addStretch(1)
        self.setWidget(content)

    def _example_grid(self, parent: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        self.exampleButtons: list[QPushButton] = []
        for row, (query, meaning) in enumerate(EXAMPLES):
            button = QPushButton(query, parent)
            button.setFocusPolicy(Qt.StrongFocus)  # (macOS leaves buttons out of Tab by default)
            button.setAutoDefault(False)
            button.setAccessibleName(f"Search for {query}")
            button.setToolTip(f"Search for {query}")
            button.setProperty("query", query)
            button.clicked.connect(self._example_clicked)
            label = self._label(parent)
            label.setText(meaning)
            grid.addWidget(button, row, 0)
            grid.addWidget(label, row, 1)
            self.exampleButtons.append(button)
        grid.setColumnStretch(1, 1)
        return grid

    @staticmethod
    def _label(parent: QWidget, fmt: Qt.TextFormat = Qt.PlainText) -> QLabel:
        label = QLabel(parent)
        label.setTextFormat(fmt)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    @staticmethod
    def _heading(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        label.setFont(font)
        label.setContentsMargins(0, 6, 0, 0)
        return label

    def set_intro(self, text: str) -> None:
        """The line above the examples: what is open and what to do."""
        self.intro.setText(text)

    def examples(self) -> list[str]:
        return [query for query, _ in EXAMPLES]

    @Slot()
    def _example_clicked(self) -> None:
        self.exampleChosen.emit(self.sender().property("query"))
