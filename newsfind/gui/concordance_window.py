"""View → Concordance: every occurrence of the query in its context, in a window of its own.

A window rather than a dock: keyword-in-context lines want the width of a
screen, and the reading pane stays whole beside them; the user moves it where
the main window's article stays in view. Choosing a line opens its article in
the main window's reading pane at that occurrence.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from newsfind.concordance import LINE_SORTS, ConcordanceLine, occurrences_text
from newsfind.concordance_export import CONCORDANCE_FORMATS
from newsfind.search import Hit
from newsfind.wording import plural

from newsfind.gui.concordance_view import ConcordanceModel, ConcordanceView, LineRole
from newsfind.gui.concordance_worker import ConcordanceBatch, ConcordanceRunner, LinesDone, LinesJob
from newsfind.gui.copy_actions import put_on_clipboard
from newsfind.gui.settings import Settings
from newsfind.gui.window_geometry import restore_tool_window

SORT_LABELS = {"date": "Date (oldest first)", "left": "Word before", "right": "Word after"}


class ConcordanceWindow(QWidget):
    """The query's occurrences over the open archives, filled as they are found."""

    #: A line was chosen (clicked, or reached with the arrows): its article, the occurrence's start and end.
    occurrenceChosen = Signal(Hit, int, int)
    #: Enter or a double click: the same, and the user wants to read it now.
    occurrenceOpened = Signal()
    #: The window has shown all lines of its query (tests and the status wait on it).
    finished = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setWindowTitle("Concordance — newsfind")
        self.setAccessibleName("Concordance")
        self.settings = settings
        self.roots: list[str] = []
        self.done = True  #: every line of the query is shown
        self.runner = ConcordanceRunner(self)
        self.model = ConcordanceModel(self)
        self._build()
        self.runner.found.connect(self._on_found)
        self.runner.linesDone.connect(self._on_lines_done)
        restore_tool_window(self, settings.tool_window_geometry("concordance"), QSize(1100, 460))

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.queryField = QLineEdit(self)
        self.queryField.setAccessibleName("Concordance query")
        self.queryField.setAccessibleDescription("The query whose every occurrence is listed; Enter lists them again")
        self.queryField.setPlaceholderText("Words or a \"phrase\" to see in context")
        self.queryField.returnPressed.connect(self.refresh)
        self.sortBox = QComboBox(self)
        for key in LINE_SORTS:
            self.sortBox.addItem(SORT_LABELS[key], key)
        self.sortBox.setAccessibleName("Sort occurrences by")
        self.sortBox.setAccessibleDescription("By date, or by the word before or after the match (after every "
                                              "occurrence is found)")
        self.sortBox.currentIndexChanged.connect(self.refresh)
        sort_label = QLabel("&Sort:", self)
        sort_label.setBuddy(self.sortBox)
        self.csvButton = QPushButton("Export &CSV…", self)
        self.markdownButton = QPushButton("Export &Markdown…", self)
        self.csvButton.setAccessibleName("Export lines as CSV")
        self.markdownButton.setAccessibleName("Export lines as Markdown")
        for button in (self.csvButton, self.markdownButton):
            button.setAccessibleDescription("Every line shown, in its order, with its citation in the style of "
                                            "the preferences")
        self.csvButton.clicked.connect(lambda: self.choose_export("csv"))
        self.markdownButton.clicked.connect(lambda: self.choose_export("markdown"))
        for widget in (self.queryField, sort_label, self.sortBox, self.csvButton, self.markdownButton):
            bar.addWidget(widget, 1 if widget is self.queryField else 0)
        layout.addLayout(bar)
        self.countLabel = QLabel("", self)
        self.countLabel.setTextFormat(Qt.PlainText)
        self.countLabel.setAccessibleName("Occurrences found")
        self.countLabel.setAccessibleDescription("How many occurrences in how many articles, or what went wrong")
        layout.addWidget(self.countLabel)
        self.view = ConcordanceView(self.model, self)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_activated)
        self.view.copyRequested.connect(self.copy_selected)
        close = QAction(self)
        close.setShortcut(QKeySequence.Close)
        close.triggered.connect(self.close)
        self.addAction(close)

    # ------------------------------------------------------------ requests

    def show_for(self, text: str, roots: list[str]) -> None:
        """Open (or bring up) the window on this query over these archives."""
        self.roots = list(roots)
        self.queryField.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.refresh()
        self.view.setFocus()

    @Slot()
    def refresh(self) -> None:
        """Every occurrence of the query in the field, in the order chosen (what ran is abandoned)."""
        self.model.clear()
        text = self.queryField.text().strip()
        if not text or not self.roots:
            self.runner.abandon()
            self.done = True
            self.countLabel.setText("Type a query above and press Enter." if self.roots else
                                    "No archive is open: open one in the main window first.")
            return
        self.done = False
        sort = self.sortBox.currentData()
        self.countLabel.setText("Finding every occurrence…" if sort == "date" else
                                f"Gathering every occurrence to sort them by the {self._sort_words(sort)}…")
        self.runner.run(text, self.roots, sort, {root: self.settings.cite_source(root) for root in self.roots})

    @staticmethod
    def _sort_words(sort: str) -> str:
        return "word before the match" if sort == "left" else "word after the match"

    @Slot(ConcordanceBatch)
    def _on_found(self, batch: ConcordanceBatch) -> None:
        if batch.error:
            self.done = True
            self.countLabel.setText(batch.error)
            self.finished.emit()
            return
        first = not self.model.lines
        self.model.append(batch.lines)
        if first and batch.lines:
            self.view.selectRow(0)
        self.done = batch.done
        self.countLabel.setText(self.count_text(batch))
        if batch.done:
            self.finished.emit()

    def count_text(self, batch: ConcordanceBatch) -> str:
        if batch.done and not self.model.lines:
            return f"No occurrences of {self.queryField.text().strip()} in the open archives."
        if not self.model.lines:  # sorting by words: the lines come once all are found
            return (f"Gathering every occurrence to sort them by the {self._sort_words(self.sortBox.currentData())}: "
                    f"{batch.gathered:,} so far…")
        text = occurrences_text(len(self.model.lines), self.model.article_count)
        return text if batch.done else f"{text} so far…"

    # --------------------------------------------------------------- lines

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        line = current.data(LineRole) if current.isValid() else None
        if line is not None:
            self._choose(line)

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        line = index.data(LineRole)
        if line is not None:
            self._choose(line)
            self.occurrenceOpened.emit()

    def _choose(self, line: ConcordanceLine) -> None:
        self.occurrenceChosen.emit(line.hit(self.model.matches_of(line)), line.start, line.end)

    @Slot()
    def copy_selected(self) -> None:
        """The lines selected, each with its citation in the style of the preferences."""
        lines = self.view.selected_lines()
        if lines:
            self.runner.render(LinesJob(lines, self.settings.cite_style, self._sources()))

    def choose_export(self, fmt: str) -> None:
        if not self.model.lines:
            self.countLabel.setText("No lines to export yet.")
            return
        suffix = CONCORDANCE_FORMATS[fmt]
        path, _ = QFileDialog.getSaveFileName(self, "Export Lines", f"concordance{suffix}",
                                              f"{'CSV' if fmt == 'csv' else 'Markdown'} (*{suffix})")
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: str, fmt: str) -> None:
        """Write every line shown, in its order, with its citation, to path (CSV or Markdown)."""
        self.runner.render(LinesJob(list(self.model.lines), self.settings.cite_style, self._sources(), fmt, path))

    def _sources(self) -> dict:
        return {root: self.settings.cite_source(root) for root in self.roots}

    @Slot(LinesDone)
    def _on_lines_done(self, done: LinesDone) -> None:
        job = done.job
        if done.error:
            self.countLabel.setText(f"Could not {'copy' if job.fmt == 'copy' else 'export'} the lines: {done.error}")
        elif job.fmt == "copy":
            put_on_clipboard(done.citation.text, done.citation.html)
            note = f" ({plural(done.left_out, 'line')} whose article is gone left out)" if done.left_out else ""
            self.countLabel.setText(f"Copied {plural(len(job.lines) - done.left_out, 'line')} with citations{note}.")
        else:
            self.countLabel.setText(f"Exported {plural(len(job.lines), 'line')} to {job.path}")

    def closeEvent(self, event) -> None:
        self.runner.abandon()
        super().closeEvent(event)

    def hideEvent(self, event) -> None:
        self.settings.set_tool_window_geometry("concordance", self.saveGeometry())  # (where it was left)
        super().hideEvent(event)

    def shutdown(self) -> None:
        if self.isVisible():
            self.settings.set_tool_window_geometry("concordance", self.saveGeometry())
        self.runner.shutdown()
