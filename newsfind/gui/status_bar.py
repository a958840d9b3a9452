"""The status bar: the results line, indexing progress with Cancel, and the report button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar, QWidget

from newsfind.index_report import IndexReport
from newsfind.wording import archive_label, plural

from newsfind.gui.plaintext import tooltip_text


class StatusBar(QStatusBar):
    cancelClicked = Signal()
    reportClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resultsLabel = QLabel(self)
        self.resultsLabel.setTextFormat(Qt.PlainText)
        self.resultsLabel.setAccessibleName("Results summary")
        self.resultsLabel.setAccessibleDescription("How many articles the search found, and how long it took")
        self.addWidget(self.resultsLabel, 1)
        self.progressLabel = QLabel(self)
        self.progressLabel.setTextFormat(Qt.PlainText)  # it names the archive
        # A long line is cut (whole in its tooltip), never a reason for the window to outgrow its screen.
        self.resultsLabel.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.resultsLabel.setMinimumWidth(40)
        self.progressLabel.setMaximumWidth(240)
        self.progressLabel.setAccessibleName("Indexing")
        self.progressBar = QProgressBar(self)
        self.progressBar.setAccessibleName("Indexing progress")
        self.progressBar.setAccessibleDescription("Files of the archive indexed so far")
        self.progressBar.setFixedWidth(200)
        self.progressBar.setTextVisible(True)
        self.progressBar.setFormat("%v / %m files")
        self.cancelButton = QPushButton("Cancel", self)
        self.cancelButton.setToolTip("Stop indexing: what is done so far stays searchable")
        self.cancelButton.setAccessibleName("Cancel indexing")
        self.cancelButton.setAccessibleDescription(self.cancelButton.toolTip())
        self.cancelButton.clicked.connect(self.cancelClicked)
        self.reportButton = QPushButton("Report…", self)
        self.reportButton.setFlat(True)
        self.reportButton.setAccessibleName("Indexing report")
        self.reportButton.clicked.connect(self.reportClicked)
        for widget in (self.progressLabel, self.progressBar, self.cancelButton):
            self.addPermanentWidget(widget)
            widget.hide()
        self.addPermanentWidget(self.reportButton)
        self.reportButton.hide()

    def set_results_text(self, text: str) -> None:
        self.resultsLabel.setText(text)
        self.resultsLabel.setToolTip(text)

    def show_searching(self) -> None:
        self.resultsLabel.setText("Searching…")

    def show_checking(self, root: str) -> None:
        """An indexing run starts: it first looks for what changed."""
        self.progressLabel.setText(f"Checking {archive_label(root)}…")
        self.progressBar.setRange(0, 0)
        for widget in (self.progressLabel, self.progressBar, self.cancelButton):
            widget.show()
        self.cancelButton.setEnabled(True)

    def show_progress(self, root: str, done: int, total: int) -> None:
        self.progressLabel.setText(f"Indexing {archive_label(root)}:")
        self.progressBar.setRange(0, max(1, total))
        self.progressBar.setValue(done)

    def show_cancelling(self) -> None:
        self.progressLabel.setText("Cancelling…")
        self.cancelButton.setEnabled(False)

    def hide_progress(self) -> None:
        for widget in (self.progressLabel, self.progressBar, self.cancelButton):
            widget.hide()

    def set_reports(self, reports: dict[str, IndexReport]) -> None:
        """The report button: articles indexed, file problems, archives not updated."""
        problems = sum(len(r.problems) for r in reports.values())
        failed = sum(1 for r in reports.values() if not r.ok)
        text = plural(sum(r.indexed for r in reports.values()), "article")
        if problems:
            text += f" · {plural(problems, 'file problem')}…"
        if failed:
            text += f" · {plural(failed, 'archive')} not updated…"
        self.reportButton.setText(text if reports else "Indexing report…")
        summaries = "\n".join(f"{archive_label(root)}: {r.summary()}" for root, r in reports.items())
        self.reportButton.setToolTip(tooltip_text(summaries + "\n\nClick for the indexing report"))
        self.reportButton.setAccessibleDescription(f"{text}. {summaries}".replace("\n", "; "))
        self.reportButton.setVisible(bool(reports))
