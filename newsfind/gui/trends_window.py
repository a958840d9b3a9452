"""View → Trends of Names: a list of queries counted per month or year, as a table and a chart.

A window of its own beside the main one (not modal). The counting runs in the
trends worker's thread; a new count abandons the one running. The count shown is
made again when the archives change or an indexing run adds articles (at once
while the window is shown, else when it is shown again). A cell chosen in the
table asks the main window (periodSearchRequested) to list that term's articles
of that period. The terms, the period and Normalised are kept in the settings.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSize, QThread, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout,
    QWidget,
)

from newsfind import index as news_index
from newsfind.trends import EVERY_ARTICLE, TermsFileError, TermsList, Trends, read_terms, read_terms_text
from newsfind.wording import plural

from newsfind.gui.search_messages import ArchiveSpec
from newsfind.gui.settings import Settings
from newsfind.gui.trends_chart import TrendsChart
from newsfind.gui.trends_export import write_csv, write_png, write_svg
from newsfind.gui.trends_table import ARTICLES_COLUMN, TrendsTable
from newsfind.gui.trends_worker import TrendsAnswer, TrendsRequest, TrendsWorker
from newsfind.gui.window_geometry import restore_tool_window

UNIT_CHOICES = (("Automatic", None), ("Month", "month"), ("Year", "year"))
EXAMPLE = "Trump\nClinton\n\"Theresa May\"\nBrexit OR \"European Union\""


class TrendsWindow(QWidget):
    #: query, first day, last day ("YYYY-MM-DD"): list these articles in the main window
    periodSearchRequested = Signal(str, str, str)
    counted = Signal()  #: a count is shown (tests wait on it)
    _countRequested = Signal(TrendsRequest)
    _grownAsked = Signal(int)  #: generation of the count shown: do its archives hold other articles now?

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setWindowTitle("Trends of Names — newsfind")
        self.settings = settings
        self.trends: Trends | None = None
        self.roots: list[str] = []
        self.generation = 0
        self._terms: TermsList | None = None  #: the terms of the count asked last (counted again when stale)
        self._stale = False  #: the archives changed while the window was hidden
        self._thread: QThread | None = None
        self._build()
        self._restore()
        restore_tool_window(self, settings.tool_window_geometry("trends"), QSize(1100, 680))

    def _build(self) -> None:
        self.termsEdit = QPlainTextEdit(self)
        self.termsEdit.setPlaceholderText(f"One query per line, for example:\n{EXAMPLE}\n\n# starts a comment")
        self.termsEdit.setAccessibleName("Terms")
        self.termsEdit.setAccessibleDescription("One query per line: names, \"phrases\", OR-groups; "
                                                "# starts a comment; Ctrl+Enter counts")
        self.termsEdit.setTabChangesFocus(True)
        self.loadButton = self._button("&Load…", "Load terms", "Put the lines of a text file in the terms", self.load)
        self.countButton = self._button("&Count", "Count", "Count each term's articles per period (Ctrl+Enter)",
                                        self.count)
        self.unitBox = QComboBox(self)
        for text, unit in UNIT_CHOICES:
            self.unitBox.addItem(text, unit)
        self.unitBox.setAccessibleName("Period")
        self.unitBox.setAccessibleDescription("Count by month or by year; automatic: by month up to 120 months")
        self.unitBox.currentIndexChanged.connect(self._recount)
        self.normalisedBox = QCheckBox("&Normalised", self)
        self.normalisedBox.setAccessibleName("Normalised")
        self.normalisedBox.setAccessibleDescription("Show each count as a share of the period's articles, in percent")
        self.normalisedBox.toggled.connect(self._show)
        self.statusLabel = QLabel("", self)
        self.statusLabel.setTextFormat(Qt.PlainText)
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.chart = TrendsChart(self)
        self.table = TrendsTable(self)
        self.table.cellChosen.connect(self._cell_chosen)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.count)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.count)
        QShortcut(QKeySequence.Close, self, self.close)
        self._lay_out()

    def _restore(self) -> None:
        """The terms, period and Normalised of the last session (nothing counted until asked)."""
        self.termsEdit.setPlainText(self.settings.trends_terms)
        self.unitBox.setCurrentIndex(max(0, self.unitBox.findData(self.settings.trends_unit or None)))
        self.normalisedBox.setChecked(self.settings.trends_normalised)
        self.unitBox.currentIndexChanged.connect(self._remember_choices)
        self.normalisedBox.toggled.connect(self._remember_choices)

    @Slot()
    def _remember_choices(self) -> None:
        self.settings.trends_unit = self.unitBox.currentData()
        self.settings.trends_normalised = self.normalisedBox.isChecked()

    def _button(self, text: str, name: str, description: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        self.exportButtons = [
            self._button("Export CS&V…", "Export table as CSV", "Save the table as a CSV file", self.choose_csv),
            self._button("Export &PNG…", "Export chart as PNG", "Save the chart as a PNG image", self.choose_png),
            self._button("Export &SVG…", "Export chart as SVG", "Save the chart as an SVG drawing", self.choose_svg)]
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.termsEdit, 1)
        for row_widgets in ((self.loadButton, self.countButton), (self.unitBox, self.normalisedBox)):
            row = QHBoxLayout()
            for widget in row_widgets:
                row.addWidget(widget)
            column.addLayout(row)
        column.addWidget(self.statusLabel)
        for button in self.exportButtons:
            column.addWidget(button)
        right = QSplitter(Qt.Vertical, self)
        right.addWidget(self.chart)
        right.addWidget(self.table)
        right.setSizes([380, 260])
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 820])
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        self._enable_exports()

    # ------------------------------------------------------------ requests

    def present(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.termsEdit.setFocus()
        if self._stale:
            self._recount()
        else:
            self.check_grown()

    @Slot(list)
    def set_archives(self, roots: list[str]) -> None:
        """The archives of the main window; a count shown is made again over them."""
        changed = list(roots) != self.roots
        self.roots = list(roots)
        if changed and self.isVisible():
            self._recount()
        elif changed:
            self._stale = self._terms is not None

    @Slot()
    def check_grown(self) -> None:
        """An indexing run may have added articles: the count shown is made again if it did
        (asked of the worker, which compares the archives' articles with those it counted)."""
        if self.isVisible() and self.trends is not None and self._thread is not None:
            self._grownAsked.emit(self.generation)

    @Slot()
    def count(self) -> None:
        terms = read_terms(self.termsEdit.toPlainText())
        if not terms.terms:
            self._say("Write one query per line first (names, \"phrases\", OR-groups).")
            return
        self.settings.trends_terms = self.termsEdit.toPlainText()
        self._count(terms)

    def _count(self, terms: TermsList) -> None:
        """Count the terms over the archives open, abandoning the count running."""
        self._terms, self._stale = terms, False
        self._start_worker()
        self.generation += 1
        self.worker.latest = self.generation
        if not self.roots:
            self.trends = None
            self._show()
            self._say("No archive is open: open one in the main window (Ctrl+O).")
            return
        archives = [ArchiveSpec(root, os.fspath(news_index.default_index_dir(root))) for root in self.roots]
        self._say(f"Counting {plural(len(terms.terms), 'term')}…")
        self._countRequested.emit(TrendsRequest(self.generation, archives, terms, self.unitBox.currentData()))

    @Slot()
    def _recount(self) -> None:
        """The terms counted last, counted again (another period, other archives, more articles)."""
        if self._terms is not None:
            self._count(self._terms)

    @Slot(int)
    def _on_grew(self, generation: int) -> None:
        if generation == self.generation:  # (else a newer count is on its way)
            self._recount()

    def _start_worker(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._thread.setObjectName("newsfind-trends")
        self.worker = TrendsWorker()
        self.worker.moveToThread(self._thread)
        self._countRequested.connect(self.worker.count)
        self._grownAsked.connect(self.worker.check_grown)
        self.worker.grew.connect(self._on_grew)
        self.worker.progress.connect(self._on_progress)
        self.worker.answered.connect(self._on_answer)
        self._thread.start()

    # ------------------------------------------------------------- answers

    @Slot(int, int, int)
    def _on_progress(self, generation: int, done: int, total: int) -> None:
        if generation == self.generation:
            self._say(f"Counting: {done} of {plural(total, 'term')}…")

    @Slot(TrendsAnswer)
    def _on_answer(self, answer: TrendsAnswer) -> None:
        if answer.generation != self.generation:
            return  # superseded
        if answer.error:
            self._say(answer.error)
            return
        self.trends = answer.trends
        self._show()
        self._say(self._summary(answer))
        self.counted.emit()

    def _summary(self, answer: TrendsAnswer) -> str:
        trends = answer.trends
        articles = sum(bucket.count for bucket in trends.periods) + trends.undated_articles
        lines = [f"{plural(len(trends.counted), 'term')} by {trends.unit} over {plural(articles, 'article')}."]
        if trends.undated_articles:
            undated = ", ".join(f"{term.query} {term.undated:,}" for term in trends.counted if term.undated)
            lines.append(f"Undated: {plural(trends.undated_articles, 'article')} (not in the table"
                         f"{'; they match ' + undated if undated else ''}).")
        lines += [*trends.errors, *trends.notes]
        lines += [f"Not counted (not indexed yet): {root}" for root in answer.missing or []]
        return "\n".join(lines)

    @Slot()
    def _show(self) -> None:
        normalised = self.normalisedBox.isChecked()
        self.chart.set_trends(self.trends, normalised)
        self.table.show_trends(self.trends, normalised)
        self._enable_exports()

    def _say(self, text: str) -> None:
        self.statusLabel.setText(text)
        self.statusLabel.setAccessibleDescription(text)

    def _enable_exports(self) -> None:
        for button in self.exportButtons:
            button.setEnabled(bool(self.trends and self.trends.counted and self.trends.periods))

    @Slot(int, int)
    def _cell_chosen(self, row: int, column: int) -> None:
        if self.trends is None or not 0 <= row < len(self.trends.periods):
            return
        bucket = self.trends.periods[row]
        query = EVERY_ARTICLE if column == ARTICLES_COLUMN else self.trends.counted[column - 1].query
        self.periodSearchRequested.emit(query, bucket.start.isoformat(), bucket.end.isoformat())

    # ------------------------------------------------------ files: in and out

    @Slot()
    def load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load Terms", "", "Text files (*.txt);;All files (*)")
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """The file's lines in the terms editor (not counted yet: Count does)."""
        try:
            self.termsEdit.setPlainText(read_terms_text(path))
        except (OSError, TermsFileError) as error:
            self._say(f"Could not load {path}: {getattr(error, 'strerror', None) or error}")
            return
        self._say(f"Loaded {plural(len(read_terms(self.termsEdit.toPlainText()).terms), 'term')}: Count "
                  "(Ctrl+Enter) counts them.")

    def _choose_file(self, title: str, suffix: str, kind: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, title, f"trends.{suffix}", f"{kind} (*.{suffix})")
        return path if not path or path.lower().endswith(f".{suffix}") else f"{path}.{suffix}"

    @Slot()
    def choose_csv(self) -> None:
        self._export(self._choose_file("Export Table", "csv", "CSV files"), write_csv)

    @Slot()
    def choose_png(self) -> None:
        self._export(self._choose_file("Export Chart", "png", "PNG images"),
                     lambda trends, path, normalised: write_png(trends, path, normalised, self.chart.font()))

    @Slot()
    def choose_svg(self) -> None:
        self._export(self._choose_file("Export Chart", "svg", "SVG drawings"),
                     lambda trends, path, normalised: write_svg(trends, path, normalised, self.chart.font()))

    def _export(self, path: str, write) -> None:
        if not path or self.trends is None:
            return
        try:
            write(self.trends, path, self.normalisedBox.isChecked())
        except OSError as error:
            self._say(f"Could not save {path}: {error.strerror or error}")
            return
        self._say(f"Saved {path}")

    def hideEvent(self, event) -> None:
        self.settings.set_tool_window_geometry("trends", self.saveGeometry())  # (where it was left)
        super().hideEvent(event)

    def shutdown(self) -> None:
        """The main window closes: the terms and the place are kept, the count running abandoned, the thread ended."""
        self.settings.trends_terms = self.termsEdit.toPlainText()
        if self.isVisible():
            self.settings.set_tool_window_geometry("trends", self.saveGeometry())
        if self._thread is None:
            return
        self.worker.latest = self.generation + 1
        self._thread.quit()
        self._thread.wait(10000)
        self.worker.shutdown()
        self._thread = None
