"""Preferences, the indexing report, the search syntax and About."""

from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHeaderView, QLabel,
    QLineEdit, QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QAbstractItemView,
)

from newsfind.archive import display_path
from newsfind.cite import STYLES
from newsfind.query_help import syntax_help_html
from newsfind.wording import archive_label
from newsfind.gui.log import log_path
from newsfind.gui.plaintext import tooltip_text
from newsfind.gui.search_bar import SORT_LABELS
from newsfind.gui.settings import READER_WIDTHS, Settings
from newsfind.gui.window_geometry import resize_within_screen

STYLE_NAMES = {
    "plain": "Plain text",
    "markdown": "Markdown",
    "apa": "APA (7th edition)",
    "mla": "MLA (9th edition)",
    "chicago": "Chicago (notes)",
    "bibtex": "BibTeX",
}


WIDTH_NAMES = {"narrow": "Narrow column", "medium": "Medium column", "full": "Full width of the pane"}
DEFAULT_SORT_NAMES = {"": "The one used last", **SORT_LABELS}
SYSTEM_FONT = "System font"


class PreferencesDialog(QDialog):
    """The reading pane's font and column, the sort to start with, the citation
    style, paragraph breaks, and each open archive's publication name."""

    def __init__(self, settings: Settings, publications: dict[str, str], parent=None) -> None:
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

        names = QGroupBox("Publication name of each archive (used in citations)", self)
        names_form = QFormLayout(names)
        self.publications: dict[str, QLineEdit] = {}
        for root, name in publications.items():
            field = QLineEdit(name, names)
            field.setPlaceholderText("e.g. The Daily Herald (leave empty if unknown)")
            label = QLabel(names)
            label.setTextFormat(Qt.PlainText)
            label.setText(archive_label(root))
            label.setToolTip(tooltip_text(root))
            names_form.addRow(label, field)
            self.publications[root] = field
        if not publications:
            names_form.addRow(QLabel("No archive is open.", names))
        layout.addWidget(names)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

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
        return group

    @staticmethod
    def _choice(parent: QWidget, names: dict[str, str], current: str) -> QComboBox:
        box = QComboBox(parent)
        for key, name in names.items():
            box.addItem(name, key)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

    def values(self) -> tuple[str, bool, dict[str, str]]:
        return (self.style.currentData(), self.join.isChecked(),
                {root: field.text().strip() for root, field in self.publications.items()})

    def save_to(self, settings: Settings) -> None:
        """What was chosen, into the settings."""
        settings.reader_font = self.fontBox.currentData()
        settings.reader_width = self.widthBox.currentData()
        settings.default_sort = self.sortBox.currentData()
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
    dialog = PreferencesDialog(settings, names, parent)
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


def choose_export_file(parent: QWidget) -> tuple[str, str] | None:
    """Where to export the results, and as what ("csv" or "md"); None if cancelled."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export Results", os.path.expanduser("~/newsfind-results.csv"), "CSV (*.csv);;Markdown (*.md)")
    if not path:
        return None
    return path, "md" if chosen.startswith("Markdown") or path.lower().endswith(".md") else "csv"


def choose_archive_folder(parent: QWidget, roots: list[str]) -> str | None:
    """A folder to open as an archive (starting beside the last one opened); None if cancelled."""
    start = roots[-1] if roots else os.path.expanduser("~")
    return QFileDialog.getExistingDirectory(parent, "Open Archive", os.path.dirname(start)) or None
