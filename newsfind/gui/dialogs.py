"""Preferences, the indexing report, the search syntax and About."""

from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHeaderView, QLabel,
    QLineEdit, QMessageBox, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QAbstractItemView,
)

from newsfind.archive import display_path
from newsfind.cite import STYLES
from newsfind.export import EXPORT_FORMATS
from newsfind.query_help import syntax_help_html
from newsfind.wording import archive_label
from newsfind.gui.log import log_path
from newsfind.gui.plaintext import tooltip_text
from newsfind.gui.search_bar import SORT_LABELS
from newsfind.gui.settings import MAX_AUTO_REVIEW_SECONDS, READER_WIDTHS, Settings
from newsfind.gui.window_geometry import resize_within_screen

STYLE_NAMES = {
    "plain": "Plain text",
    "markdown": "Markdown",
    "apa": "APA (7th edition)",
    "mla": "MLA (9th edition)",
    "chicago": "Chicago (notes)",
    "bibtex": "BibTeX (classic styles)",
    "biblatex": "BibLaTeX",
    "csl-json": "CSL-JSON (Zotero, Mendeley, pandoc)",
    "ris": "RIS (EndNote, Zotero, Mendeley)",
}


WIDTH_NAMES = {"narrow": "Narrow column", "medium": "Medium column", "full": "Full width of the pane"}
DEFAULT_SORT_NAMES = {"": "The one used last", **SORT_LABELS}
SYSTEM_FONT = "System font"


class PreferencesDialog(QDialog):
    """The reading pane's font and column, the sort to start with, the citation
    style, paragraph breaks, and each open archive's publication name."""

    def __init__(self, settings: Settings, publications: dict[str, str], bylines: dict[str, bool],
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(self._reading_group(settings))
        style, join = settings.cite_style, settings.cite_join

        cite = QGroupBox("Copying with a citation", self)
        form = QFormLayout(cite)
        self.style = QComboBox(cite)
        for key in STYLES:
            self.style.addItem(STYLE_NAMES.get(key, key), key)
        self.style.setCurrentIndex(max(0, self.style.findData(style)))
        form.addRow("Citation &style:", self.style)
        self.join = QCheckBox("&Join paragraphs of a passage into one", cite)
        self.join.setChecked(join)
        form.addRow("", self.join)
        layout.addWidget(cite)

        layout.addWidget(self._archives_group(publications, bylines))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _archives_group(self, publications: dict[str, str], bylines: dict[str, bool]) -> QGroupBox:
        """Per archive: the newspaper its citations name, and whether "By …" lines name the authors."""
        group = QGroupBox("Each archive's publication and authors (used in citations)", self)
        form = QFormLayout(group)
        self.publications: dict[str, QLineEdit] = {}
        self.bylines: dict[str, QCheckBox] = {}
        for root, name in publications.items():
            label = QLabel(group)
            label.setTextFormat(Qt.PlainText)
            label.setText(archive_label(root))
            label.setToolTip(tooltip_text(root))
            field = QLineEdit(name, group)
            field.setPlaceholderText("e.g. The Daily Herald (leave empty if unknown)")
            field.setAccessibleName(f"Publication of {archive_label(root)}")
            byline = QCheckBox("Authors from an article's \u201cBy \u2026\u201d line", group)
            byline.setChecked(bylines.get(root, True))
            byline.setAccessibleName(f"Authors of {archive_label(root)} from By lines")
            byline.setToolTip("An article whose first lines hold \u201cBy Jane Doe\u201d is cited as by Jane Doe")
            form.addRow(label, field)
            form.addRow("", byline)
            self.publications[root] = field
            self.bylines[root] = byline
        if not publications:
            form.addRow(QLabel("No archive is open.", group))
        return group

    def _reading_group(self, settings: Settings) -> QGroupBox:
        group = QGroupBox("Reading and searching", self)
        form = QFormLayout(group)
        self.fontBox = self._choice(group, {"": SYSTEM_FONT, **{f: f for f in QFontDatabase.families()}},
                                    settings.reader_font)
        form.addRow("Article &font:", self.fontBox)
        self.widthBox = self._choice(group, {key: WIDTH_NAMES[key] for key in READER_WIDTHS}, settings.reader_width)
        form.addRow("Article &width:", self.widthBox)
        self.sortBox = self._choice(group, DEFAULT_SORT_NAMES, settings.default_sort)
        form.addRow("Sort results &at start:", self.sortBox)
        self.autoReview = QSpinBox(group)
        self.autoReview.setRange(0, MAX_AUTO_REVIEW_SECONDS)
        self.autoReview.setSuffix(" s")
        self.autoReview.setSpecialValueText("never (Ctrl+D only)")
        self.autoReview.setValue(settings.auto_review_seconds)
        self.autoReview.setAccessibleName("Seconds an article is open before it counts as reviewed")
        form.addRow("Mark &reviewed after:", self.autoReview)
        return group

    @staticmethod
    def _choice(parent: QWidget, names: dict[str, str], current: str) -> QComboBox:
        box = QComboBox(parent)
        for key, name in names.items():
            box.addItem(name, key)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def values(self) -> tuple[str, bool, dict[str, str], dict[str, bool]]:
        return (self.style.currentData(), self.join.isChecked(),
                {root: field.text().strip() for root, field in self.publications.items()},
                {root: box.isChecked() for root, box in self.bylines.items()})

    def save_to(self, settings: Settings) -> None:
        """What was chosen, into the settings."""
        settings.reader_font = self.fontBox.currentData()
        settings.reader_width = self.widthBox.currentData()
        settings.default_sort = self.sortBox.currentData()
        settings.auto_review_seconds = self.autoReview.value()
        settings.set_citation_preferences(*self.values())


class IndexReportDialog(QDialog):
    """Every skipped or degraded file of the last indexing run of each archive."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Indexing report")
        resize_within_screen(self, QSize(900, 480))
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.PlainText)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName("Files with problems")
        self.table.setHorizontalHeaderLabels(["Archive", "File", "What happened", "Reason"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(1, 300)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        copy = buttons.addButton("&Copy as text", QDialogButtonBox.ActionRole)
        copy.clicked.connect(self.copy_text)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._rows: list[tuple[str, str, str, str]] = []

    def present(self, reports: dict) -> None:
        """Show the reports, the dialog raised to the front."""
        self.set_reports(reports)
        self.show()
        self.raise_()
        self.activateWindow()

    def update_if_shown(self, reports: dict) -> None:
        if self.isVisible():
            self.set_reports(reports)

    def set_reports(self, reports: dict) -> None:
        """reports: archive root → its last IndexReport."""
        lines, rows = [], []
        for root, report in reports.items():
            name = archive_label(root)
            lines.append(f"{name}: {report.summary()}.")
            lines.extend(f"{name}: repaired: {repair}" for repair in report.repairs)
            for problem in report.problems:
                rows.append((name, problem.path, "skipped" if problem.skipped else "indexed with a warning",
                             problem.reason))
        if not reports:
            lines.append("No archive has been indexed in this session yet.")
        elif not rows and all(report.ok and not report.cancelled for report in reports.values()):
            lines.append("Every file was read without a problem.")
        self.summary.setText("\n".join(lines))
        self._rows = rows
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setToolTip(tooltip_text(value))
                self.table.setItem(r, c, item)
        self.table.setSortingEnabled(True)

    @Slot()
    def copy_text(self) -> None:
        text = self.summary.text() + "\n\n" + "\n".join("\t".join(row) for row in self._rows)
        QGuiApplication.clipboard().setText(text)


def edit_preferences(settings: Settings, archives: list[str], parent: QWidget) -> bool:
    """The Preferences dialog; what is accepted goes to the settings (True then)."""
    names = {root: settings.publications.get(root, "") for root in archives}
    dialog = PreferencesDialog(settings, names, {root: settings.cite_source(root).bylines for root in archives}, parent)
    accepted = bool(dialog.exec())
    if accepted:
        dialog.save_to(settings)
    dialog.deleteLater()
    return accepted


def show_message(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str, fmt: Qt.TextFormat) -> None:
    box = QMessageBox(icon, title, text, QMessageBox.Ok, parent)
    box.setTextFormat(fmt)
    box.exec()
    box.deleteLater()


def show_syntax(parent: QWidget) -> None:
    show_message(parent, QMessageBox.Information, "Search syntax", syntax_help_html(),
                 Qt.RichText)  # our own table, its text escaped


def show_about(parent: QWidget) -> None:
    show_message(parent, QMessageBox.Information, "About newsfind",
                 "newsfind — keyword search for offline archives of news articles.\n\n"
                 "Indexes are kept in your data folder; archives are never modified.\n\n"
                 f"If something goes wrong, this log file says what (send it with a bug report): "
                 f"{display_path(str(log_path()))}", Qt.PlainText)  # the path is text, never markup


def show_export_failed(parent: QWidget, path: str, error: str) -> None:
    show_message(parent, QMessageBox.Warning, "Export failed", f"Could not write {path}:\n{error}",
                 Qt.PlainText)  # a path is text, never markup


#: The export file dialog's choices: its filter, the format (export.EXPORT_FORMATS).
EXPORT_FILTERS = {
    "CSV for spreadsheets (*.csv)": "csv",
    "Markdown table (*.md)": "markdown",
    "Review log: your marks, notes and each citation, CSV (*.csv)": "review-csv",
    "Review log: your marks, notes and each citation, Markdown (*.md)": "review-markdown",
    "CSL-JSON for Zotero, Mendeley, pandoc (*.json)": "csl-json",
    "RIS for EndNote, Zotero, Mendeley (*.ris)": "ris",
    "BibTeX for LaTeX (*.bib)": "bibtex",
}


def choose_export_file(parent: QWidget, selected: int | None = None) -> tuple[str, str] | None:
    """Where to export the results (selected of them, if given), and in which format; None if cancelled.

    The format is the filter chosen (a file named without its suffix gets the filter's)."""
    title = "Export Results" if selected is None else f"Export {selected} Selected Results"
    path, chosen = QFileDialog.getSaveFileName(parent, title, os.path.expanduser("~/newsfind-results.csv"),
                                               ";;".join(EXPORT_FILTERS))
    if not path:
        return None
    suffix = os.path.splitext(path)[1].lower()
    by_suffix = {fmt_suffix: fmt for fmt, fmt_suffix in EXPORT_FORMATS.items() if not fmt.startswith("review")}
    fmt = EXPORT_FILTERS.get(chosen) or by_suffix.get(suffix, "csv")
    if not suffix:
        path += EXPORT_FORMATS[fmt]
    return path, fmt


def choose_archive_folder(parent: QWidget, roots: list[str]) -> str | None:
    """A folder to open as an archive (starting beside the last one opened); None if cancelled."""
    start = roots[-1] if roots else os.path.expanduser("~")
    return QFileDialog.getExistingDirectory(parent, "Open Archive", os.path.dirname(start)) or None
