"""The main window: search bar, results list, reading pane, indexing status."""

from __future__ import annotations

import html
import json
import os
import re

from PySide6.QtCore import QMimeData, QSettings, QSize, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListView, QMainWindow, QMenu,
    QMessageBox, QProgressBar, QPushButton, QSizePolicy, QSplitter, QStyle, QToolBar, QToolButton, QVBoxLayout,
    QWidget,
)

from newsfind import cite as news_cite
from newsfind import index as news_index
from newsfind.archive import display_path
from newsfind.export import snippet_text, write_export
from newsfind.index_report import IndexReport
from newsfind.index_store import IndexDamagedError
from newsfind.resources import resource_path, sample_archive
from newsfind.query_help import syntax_help, syntax_help_html
from newsfind.search import ArchiveSearcher, Hit, SORTS

from newsfind.gui import launch
from newsfind.gui.dialogs import IndexReportDialog, PreferencesDialog
from newsfind.gui.plaintext import menu_text, tooltip_text, window_title_text
from newsfind.gui.reader import ReadingPane
from newsfind.gui.results import HitDelegate, HitRole, ResultsModel
from newsfind.gui.timeline_view import TimelineView
from newsfind.gui.workers import ArchiveSpec, IndexWorker, SearchRequest, SearchWorker

DEBOUNCE_MS = 250
SLOW_SEARCH_MS = 300
HISTORY_SIZE = 50
RECENT_SIZE = 10
SORT_LABELS = {"relevance": "Best match", "newest": "Newest first", "oldest": "Oldest first"}


def _as_list(value) -> list[str]:
    """QSettings gives back a one-item list as a str (INI) and none as None."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def archive_label(root: str) -> str:
    return os.path.basename(root.rstrip("/\\")) or root


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resource_path("icons")
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        png = folder / f"newsfind-{size}.png"
        if png.exists():
            icon.addFile(str(png), QSize(size, size))
    if icon.isNull() and (folder / "newsfind.svg").exists():
        icon = QIcon(str(folder / "newsfind.svg"))
    return icon


class SearchField(QLineEdit):
    """The query field: Up/Down walk the history, Down past the end goes to the results."""

    toResults = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.history: list[str] = []
        self._position = -1  # -1: not browsing; else index into history (0 = newest)
        self._typed = ""

    def remember(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if text in self.history:
            self.history.remove(text)
        self.history.insert(0, text)
        del self.history[HISTORY_SIZE:]
        self._position = -1

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key_Up and self.history:
            if self._position == -1:
                self._typed = self.text()
            if self._position + 1 < len(self.history):
                self._position += 1
                self._recall(self.history[self._position])
            return
        if key == Qt.Key_Down:
            if self._position > 0:
                self._position -= 1
                self._recall(self.history[self._position])
            elif self._position == 0:
                self._position = -1
                self._recall(self._typed)
            else:
                self.toResults.emit()
            return
        if key == Qt.Key_Escape and self.text():
            self.clear()
            self.textEdited.emit("")
            return
        super().keyPressEvent(event)

    def _recall(self, text: str) -> None:
        self.setText(text)
        self.textEdited.emit(text)


class ResultsView(QListView):
    """The results list; says what to do when it is empty."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.placeholder = ""

    def setPlaceholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.PlaceholderText))
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, self.placeholder)
            painter.end()


class MainWindow(QMainWindow):
    # Requests to the workers (queued: they live in their own threads).
    _searchRequested = Signal(object)
    _fetchRequested = Signal(int)
    _archivesChanged = Signal(object)
    _refreshRequested = Signal()
    _similarRequested = Signal(int, str, str)
    _exportRequested = Signal(object, str, str)
    _indexRequested = Signal(str, str)

    def __init__(self, settings: QSettings | None = None, open_default: bool = True,
                 index_batch_seconds: float = 5.0) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle("newsfind")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)

        self.archives: list[str] = []
        self.reports: dict[str, IndexReport] = {}  # root → the last run's report
        self._repairs_asked: set[str] = set()  # roots re-indexed because their index is damaged
        self.index_queue: list[str] = []  # roots waiting or running
        self.indexing_root: str | None = None
        self.generation = 0
        self.answered_generation = 0  #: the last search whose answer is shown (tests wait on it)
        self.current_hit: Hit | None = None
        self._readers: dict[str, ArchiveSearcher] = {}
        self._similar_title: str | None = None
        self._last_answer = None
        self._closing = False

        self._build_workers(index_batch_seconds)
        self._build_ui()
        self._build_actions()
        self._restore_settings(open_default)
        self.searchField.setFocus()

    # ================================================================ workers

    def _build_workers(self, batch_seconds: float) -> None:
        self.searchThread = QThread(self)
        self.searchThread.setObjectName("newsfind-search")
        self.searchWorker = SearchWorker()
        self.searchWorker.moveToThread(self.searchThread)
        self._searchRequested.connect(self.searchWorker.search)
        self._fetchRequested.connect(self.searchWorker.fetchMore)
        self._archivesChanged.connect(self.searchWorker.setArchives)
        self._refreshRequested.connect(self.searchWorker.refresh)
        self._similarRequested.connect(self.searchWorker.moreLikeThis)
        self._exportRequested.connect(self.searchWorker.export)
        self.searchWorker.started.connect(self._on_search_started)
        self.searchWorker.answered.connect(self.on_answer)
        self.searchWorker.similar.connect(self.on_similar)
        self.searchWorker.exported.connect(self.on_exported)
        self.searchThread.start()

        self.indexThread = QThread(self)
        self.indexThread.setObjectName("newsfind-index")
        self.indexWorker = IndexWorker()
        self.indexWorker.batch_seconds = batch_seconds
        self.indexWorker.moveToThread(self.indexThread)
        self._indexRequested.connect(self.indexWorker.indexArchive)
        self.indexWorker.started.connect(self.on_index_started)
        self.indexWorker.progress.connect(self.on_index_progress)
        self.indexWorker.finished.connect(self.on_index_finished)
        self.indexThread.start()

        self.refreshTimer = QTimer(self)
        self.refreshTimer.setInterval(500)
        self.refreshTimer.timeout.connect(self._refreshRequested)

    # ===================================================================== UI

    def _build_ui(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 0)
        outer.setSpacing(4)

        # --- search bar
        bar = QHBoxLayout()
        bar.setSpacing(6)
        self.searchField = SearchField(central)
        self.searchField.setPlaceholderText('Search: words, "a phrase", title:word, immigr*, word~ (fuzzy)')
        self.searchField.setClearButtonEnabled(True)
        self.searchField.setAcceptDrops(False)
        self.searchField.setMinimumWidth(280)
        self.historyButton = QToolButton(central)
        self.historyButton.setText("History")
        self.historyButton.setToolTip("Earlier searches (Up/Down in the search field)")
        self.historyButton.setPopupMode(QToolButton.InstantPopup)
        self.historyMenu = QMenu(self.historyButton)
        self.historyMenu.aboutToShow.connect(self._fill_history_menu)
        self.historyButton.setMenu(self.historyMenu)
        self.sortBox = QComboBox(central)
        for key in SORTS:
            self.sortBox.addItem(SORT_LABELS[key], key)
        self.sortBox.setToolTip("Order of the results")
        self.dateFrom = QLineEdit(central)
        self.dateFrom.setPlaceholderText("from YYYY-MM-DD")
        self.dateTo = QLineEdit(central)
        self.dateTo.setPlaceholderText("to YYYY-MM-DD")
        for field in (self.dateFrom, self.dateTo):
            field.setClearButtonEnabled(True)
            field.setAcceptDrops(False)
            field.setToolTip("Only articles dated in this range; YYYY, YYYY-MM or YYYY-MM-DD; leave empty for no limit")
            field.setFixedWidth(self.fontMetrics().horizontalAdvance("from YYYY-MM-DD") + 48)
        bar.addWidget(self.searchField, 1)
        bar.addWidget(self.historyButton)
        bar.addSpacing(6)
        sort_label = QLabel("&Sort:", central)
        sort_label.setBuddy(self.sortBox)
        bar.addWidget(sort_label)
        bar.addWidget(self.sortBox)
        bar.addSpacing(6)
        date_label = QLabel("&Dates:", central)
        date_label.setBuddy(self.dateFrom)
        bar.addWidget(date_label)
        bar.addWidget(self.dateFrom)
        bar.addWidget(QLabel("–", central))
        bar.addWidget(self.dateTo)
        outer.addLayout(bar)

        # --- under the field: query error, or "did you mean"
        self.messageRow = QWidget(central)
        row = QHBoxLayout(self.messageRow)
        row.setContentsMargins(2, 0, 2, 0)
        self.messageIcon = QLabel(self.messageRow)
        size = self.style().pixelMetric(QStyle.PM_SmallIconSize)
        self.messageIcon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(size, size))
        self.errorLabel = QLabel(self.messageRow)
        self.errorLabel.setTextFormat(Qt.PlainText)
        self.errorLabel.setWordWrap(True)
        self.suggestionLabel = QLabel(self.messageRow)
        self.suggestionLabel.setTextFormat(Qt.RichText)
        self.suggestionLabel.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.suggestionLabel.linkActivated.connect(self.accept_suggestion)
        row.addWidget(self.messageIcon)
        row.addWidget(self.errorLabel, 1)
        row.addWidget(self.suggestionLabel, 1)
        self.messageRow.hide()
        outer.addWidget(self.messageRow)

        # --- results | reading pane
        self.splitter = QSplitter(Qt.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        self.model = ResultsModel(self)
        self.model.moreWanted.connect(self._fetch_more)
        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        # When the matches were published (issue 6): click or drag a period to filter by it.
        self.timelineView = TimelineView(left)
        self.timelineView.setAccessibleName("Timeline of the matches")
        self.timelineView.periodSelected.connect(self._on_period_selected)
        self.timelineView.selectionCleared.connect(self._on_period_cleared)
        self.timelineView.hide()
        left_layout.addWidget(self.timelineView)
        self.resultsView = ResultsView(left)
        left_layout.addWidget(self.resultsView, 1)
        self.resultsView.setModel(self.model)
        self.delegate = HitDelegate(self.model, self.resultsView)
        self.resultsView.setItemDelegate(self.delegate)
        self.resultsView.setUniformItemSizes(False)
        self.resultsView.setResizeMode(QListView.Adjust)
        self.resultsView.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.resultsView.setSelectionMode(QAbstractItemView.SingleSelection)
        self.resultsView.setWordWrap(True)
        self.resultsView.setAcceptDrops(False)
        self.resultsView.setMinimumWidth(260)
        self.resultsView.setContextMenuPolicy(Qt.CustomContextMenu)
        self.resultsView.customContextMenuRequested.connect(self._results_menu)
        self.resultsView.selectionModel().currentChanged.connect(self._on_current_changed)
        self.searchField.toResults.connect(self._focus_results)

        right = QWidget(self.splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        self.readerBar = QToolBar("Article", right)
        self.readerBar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.readerBar.setIconSize(QSize(16, 16))
        right_layout.addWidget(self.readerBar)
        self.reader = ReadingPane(right)
        self.reader.hitChanged.connect(self._on_hit_changed)
        self.reader.view.setPlaceholderText(SYNTAX_HELP)
        right_layout.addWidget(self.reader, 1)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([470, 700])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # --- status bar
        status = self.statusBar()
        self.resultsLabel = QLabel(status)
        self.resultsLabel.setTextFormat(Qt.PlainText)
        status.addWidget(self.resultsLabel, 1)
        self.progressLabel = QLabel(status)
        self.progressLabel.setTextFormat(Qt.PlainText)  # it names the archive
        self.progressBar = QProgressBar(status)
        self.progressBar.setFixedWidth(200)
        self.progressBar.setTextVisible(True)
        self.progressBar.setFormat("%v / %m files")
        self.cancelButton = QPushButton("Cancel", status)
        self.cancelButton.setToolTip("Stop indexing: what is done so far stays searchable")
        self.cancelButton.clicked.connect(self.cancel_indexing)
        self.reportButton = QPushButton("Report…", status)
        self.reportButton.setFlat(True)
        self.reportButton.clicked.connect(self.show_report)
        for widget in (self.progressLabel, self.progressBar, self.cancelButton):
            status.addPermanentWidget(widget)
            widget.hide()
        status.addPermanentWidget(self.reportButton)
        self.reportButton.hide()

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        self.slowSearch = QTimer(self)  # a search still running after this says so
        self.slowSearch.setSingleShot(True)
        self.slowSearch.setInterval(SLOW_SEARCH_MS)
        self.slowSearch.timeout.connect(self._show_searching)
        self.searchField.textEdited.connect(self._on_text_edited)
        self.searchField.returnPressed.connect(self._on_return)
        self.sortBox.currentIndexChanged.connect(self._on_sort_changed)
        self.dateFrom.editingFinished.connect(self._on_dates_changed)
        self.dateTo.editingFinished.connect(self._on_dates_changed)
        self.dateFrom.textChanged.connect(self._on_date_text)
        self.dateTo.textChanged.connect(self._on_date_text)
        self.dateFrom.textEdited.connect(self._on_date_edited)
        self.dateTo.textEdited.connect(self._on_date_edited)

    def _action(self, text: str, shortcut, slot, menu: QMenu | None = None, tip: str = "",
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.NativeText)})")
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        self.actOpen = self._action("&Open Archive…", QKeySequence.Open, self.choose_archive, file_menu,
                                    "Open a folder of articles")
        self.recentMenu = file_menu.addMenu("Open &Recent")
        self.recentMenu.aboutToShow.connect(self._fill_recent_menu)
        # (shown at the end of Open Recent; the window owns it, so its shortcut always works)
        self.actOpenSample = self._action("Open &Sample Archive", "Ctrl+Shift+S", self._open_sample, None,
                                          "Open the small archive of articles that comes with newsfind")
        self.closeMenu = file_menu.addMenu("&Close Archive")
        self.closeMenu.aboutToShow.connect(self._fill_close_menu)
        file_menu.addSeparator()
        self.actRecheck = self._action("Check Archives for &Changes", "F5", self.recheck_archives, file_menu,
                                       "Look for new, changed and deleted files")
        self.actCancelIndex = self._action("Ca&ncel Indexing", "Ctrl+Shift+X", self.cancel_indexing, file_menu)
        self.actReport = self._action("Indexing &Report…", "Ctrl+Shift+R", self.show_report, file_menu,
                                      "Files that were skipped or read with warnings")
        file_menu.addSeparator()
        self.actExport = self._action("&Export Results…", "Ctrl+E", self.choose_export, file_menu,
                                      "Save the results as CSV or Markdown")
        file_menu.addSeparator()
        self.actQuit = self._action("&Quit", QKeySequence.Quit if QKeySequence.keyBindings(QKeySequence.Quit)
                                    else "Ctrl+Q", self.close, file_menu)  # (no binding on some platforms)

        edit = menu.addMenu("&Edit")
        self.actCopyCite = self._action("Copy with &Citation", "Ctrl+Shift+C", self.copy_with_citation, edit,
                                        "Copy the selected passage with its citation")
        self.actCopyCiteOnly = self._action("Copy Citation &Only", "Ctrl+Alt+C", self.copy_citation_only, edit,
                                            "Copy the citation of the article shown")
        self.actCopyArticle = self._action("Copy &Article Text", "Ctrl+Shift+T", self.copy_article_text, edit,
                                           "Copy the whole article with its title, date and path")
        self.actCopySnippet = self._action("Copy &Snippet with Citation", "Ctrl+Alt+S", self.copy_snippet_with_citation,
                                           edit, "Copy the selected result's snippet with its citation")
        edit.addSeparator()
        self.actFocusSearch = self._action("&Search Field", "Ctrl+L", self.focus_search, edit)
        self.actFind = self._action("&Find", QKeySequence.Find, self.find, edit,
                                    "Find in the article when reading it, else go to the search field")
        self.actFindInArticle = self._action("Find in &Article", "Ctrl+Shift+F", self.find_in_article, edit)
        edit.addSeparator()
        self.actPrefs = self._action("&Preferences…", "Ctrl+,", self.show_preferences, edit)

        view = menu.addMenu("&View")
        self.actNextHit = self._action("&Next Hit", QKeySequence.FindNext, self.reader.next_hit, view,
                                       "Next match in the article")
        self.actPrevHit = self._action("&Previous Hit", QKeySequence.FindPrevious, self.reader.previous_hit, view,
                                       "Previous match in the article")
        view.addSeparator()
        self.actZoomIn = self._action("Zoom &In", ["Ctrl++", "Ctrl+="], self.zoom_in, view, "Larger text")
        self.actZoomOut = self._action("Zoom &Out", "Ctrl+-", self.zoom_out, view, "Smaller text")
        self.actZoomReset = self._action("&Actual Size", "Ctrl+0", self.zoom_reset, view)
        view.addSeparator()
        sort_menu = view.addMenu("&Sort Results")
        for n, key in enumerate(SORTS, start=1):
            self._action(SORT_LABELS[key], f"Ctrl+{n}", self._sort_slot(key), sort_menu)

        article = menu.addMenu("&Article")
        self.actOpenFile = self._action("&Open File", "Ctrl+Shift+O", self.open_file, article,
                                        "Open the article's file in its default application")
        self.actShowFolder = self._action("Show in &Folder", "Ctrl+Alt+O", self.show_in_folder, article,
                                          "Show the folder holding the article's file")
        self.actMoreLike = self._action("&More Like This", "Ctrl+M", self.more_like_this, article,
                                        "Articles sharing the most distinctive words with this one")

        help_menu = menu.addMenu("&Help")
        self._action("&Search Syntax", QKeySequence.HelpContents, self.show_syntax, help_menu)
        self._action("&About newsfind", "Ctrl+Shift+F1", self.show_about, help_menu)

        for action in (self.actPrevHit,):
            self.readerBar.addAction(action)
        self.hitCounter = QLabel("", self.readerBar)
        self.hitCounter.setTextFormat(Qt.PlainText)
        self.hitCounter.setMinimumWidth(self.fontMetrics().horizontalAdvance("hit 888 of 888") + 12)
        self.hitCounter.setAlignment(Qt.AlignCenter)
        self.readerBar.addWidget(self.hitCounter)
        self.readerBar.addAction(self.actNextHit)
        self.readerBar.addSeparator()
        self.readerBar.addAction(self.actCopyCite)
        self.readerBar.addAction(self.actMoreLike)
        spacer = QWidget(self.readerBar)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.readerBar.addWidget(spacer)
        self.readerBar.addAction(self.actZoomOut)
        self.readerBar.addAction(self.actZoomIn)
        self.actZoomOut.setIconText("A−")
        self.actZoomIn.setIconText("A+")
        self.actPrevHit.setIconText("◀ Previous")
        self.actNextHit.setIconText("Next ▶")
        self.actMoreLike.setIconText("More like this")
        self.reader.view.extraActions = [self.actCopyCite, self.actCopyCiteOnly, self.actCopyArticle]
        self._update_article_actions()
        self._on_hit_changed(0, 0)

    def _sort_slot(self, key: str):
        # A bound method of a GUI-thread object, not a lambda into a worker.
        def choose() -> None:
            self.sortBox.setCurrentIndex(self.sortBox.findData(key))
        return choose

    # ============================================================== settings

    def _restore_settings(self, open_default: bool) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        splitter = s.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        sort = s.value("search/sort", "relevance")
        self.sortBox.blockSignals(True)
        self.sortBox.setCurrentIndex(max(0, self.sortBox.findData(sort)))
        self.sortBox.blockSignals(False)
        self.searchField.history = _as_list(s.value("search/history"))[:HISTORY_SIZE]
        size = s.value("reader/fontSize")
        self._default_font_size = self.reader.font_size()
        if size is not None:
            try:
                self.reader.set_font_size(float(size))
            except (TypeError, ValueError):
                pass
        self.cite_style = str(s.value("cite/style", "plain"))
        if self.cite_style not in news_cite.STYLES:
            self.cite_style = "plain"
        self.cite_join = str(s.value("cite/join", "false")).lower() == "true"
        try:
            self.publications: dict[str, str] = json.loads(str(s.value("cite/publications", "{}")))
        except ValueError:
            self.publications = {}

        if s.contains("archives/open"):
            roots = _as_list(s.value("archives/open"))
        else:
            roots = [str(sample_archive())] if open_default else []
        for root in roots:
            self.open_archive(root, remember=False)
        if not self.archives:
            self._show_empty_state()
        self._update_results_label()

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("search/sort", self.sortBox.currentData())
        s.setValue("search/history", self.searchField.history)
        s.setValue("reader/fontSize", self.reader.font_size())
        s.setValue("archives/open", self.archives)
        s.setValue("cite/style", self.cite_style)
        s.setValue("cite/join", "true" if self.cite_join else "false")
        s.setValue("cite/publications", json.dumps(self.publications))
        s.sync()

    def recent_archives(self) -> list[str]:
        return _as_list(self.settings.value("archives/recent"))

    def _remember_recent(self, root: str) -> None:
        recent = [r for r in self.recent_archives() if r != root]
        recent.insert(0, root)
        self.settings.setValue("archives/recent", recent[:RECENT_SIZE])

    # ============================================================== archives

    def open_archive(self, root: str, remember: bool = True) -> bool:
        root = os.path.abspath(os.fspath(root))
        if root in self.archives:
            return True
        index_dir = os.fspath(news_index.default_index_dir(root))
        exists = os.path.isdir(root)
        if not exists and not news_index.index_exists(index_dir):
            self.statusBar().showMessage(f"Archive folder not found: {root}", 8000)
            return False
        self.archives.append(root)
        self._remember_recent(root)
        if remember:
            self.settings.setValue("archives/open", self.archives)
        self._archives_changed()
        if exists:
            self._queue_index(root)
        else:
            # Never "update" an unplugged drive's archive into an empty index.
            self.reports[root] = IndexReport(root, index_dir,
                                             failure="folder not found: searching the index as it was last built")
            self.statusBar().showMessage(f"{archive_label(root)}: folder not found; searching its last index", 8000)
        if self.searchField.text().strip():
            self.search_now()
        return True

    def close_archive(self, root: str) -> None:
        if root not in self.archives:
            return
        if root == self.indexing_root:
            self.indexWorker.cancel()
        if root in self.index_queue and root != self.indexing_root:
            self.index_queue.remove(root)
        self.archives.remove(root)
        self.reports.pop(root, None)
        reader = self._readers.pop(root, None)
        if reader is not None:
            reader.close()
        self.settings.setValue("archives/open", self.archives)
        self._archives_changed()
        if self.current_hit is not None and self.current_hit.archive == root:
            self.reader.clear()
            self.current_hit = None
        if not self.archives:
            self.model.set_hits([], 0, False)
            self._show_empty_state()
        elif self.searchField.text().strip():
            self.search_now()

    def _archives_changed(self) -> None:
        specs = [ArchiveSpec(root, os.fspath(news_index.default_index_dir(root))) for root in self.archives]
        self.model.show_archive = len(self.archives) > 1
        self._archivesChanged.emit(specs)
        if hasattr(self, "reportButton"):
            self._update_report_button()
            self._update_results_label()
        names = ", ".join(archive_label(r) for r in self.archives)
        self.setWindowTitle(window_title_text(f"{names} — newsfind") if names else "newsfind")

    def _show_empty_state(self) -> None:
        self.reader.clear("No archive is open")
        self.reader.meta.setText("Open a folder of articles with File → Open Archive… (Ctrl+O), "
                                 "or drop a folder onto this window.")

    @Slot()
    def choose_archive(self) -> None:
        start = self.archives[-1] if self.archives else os.path.expanduser("~")
        folder = QFileDialog.getExistingDirectory(self, "Open Archive", os.path.dirname(start))
        if folder:
            self.open_archive(folder)

    def _fill_recent_menu(self) -> None:
        self.recentMenu.clear()
        recent = self.recent_archives()
        for n, root in enumerate(recent, start=1):
            action = self.recentMenu.addAction(f"&{n % 10} {menu_text(root)}" if n <= 10 else menu_text(root))
            action.setData(root)
            action.setEnabled(root not in self.archives)
            action.triggered.connect(self._open_recent)
        if not recent:
            self.recentMenu.addAction("No recent archives").setEnabled(False)
        self.recentMenu.addSeparator()
        self.recentMenu.addAction(self.actOpenSample)

    @Slot()
    def _open_recent(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_archive(action.data())

    @Slot()
    def _open_sample(self) -> None:
        self.open_archive(str(sample_archive()))

    def _fill_close_menu(self) -> None:
        self.closeMenu.clear()
        for n, root in enumerate(self.archives, start=1):
            action = self.closeMenu.addAction(f"&{n % 10} {menu_text(archive_label(root))}  ({menu_text(root)})")
            action.setData(root)
            action.triggered.connect(self._close_chosen)
        if not self.archives:
            self.closeMenu.addAction("No archive is open").setEnabled(False)

    @Slot()
    def _close_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.close_archive(action.data())

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() and os.path.isdir(url.toLocalFile()) for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        opened = False
        for url in event.mimeData().urls():
            if url.isLocalFile() and os.path.isdir(url.toLocalFile()):
                opened |= self.open_archive(url.toLocalFile())
        if opened:
            event.acceptProposedAction()

    # ============================================================== indexing

    def _queue_index(self, root: str) -> None:
        if root in self.index_queue:
            return
        self.index_queue.append(root)
        if self.indexing_root is None:
            self.progressLabel.setText(f"Checking {archive_label(root)}…")
            self.progressBar.setRange(0, 0)
            for widget in (self.progressLabel, self.progressBar, self.cancelButton):
                widget.show()
            self.cancelButton.setEnabled(True)
        self._indexRequested.emit(root, os.fspath(news_index.default_index_dir(root)))
        self.refreshTimer.start()

    @Slot()
    def recheck_archives(self) -> None:
        for root in self.archives:
            if os.path.isdir(root):
                self._queue_index(root)

    @Slot()
    def cancel_indexing(self) -> None:
        if self.indexing_root is None and not self.index_queue:
            return
        self.index_queue = [self.indexing_root] if self.indexing_root else []
        self.indexWorker.cancel()
        self.progressLabel.setText("Cancelling…")
        self.cancelButton.setEnabled(False)

    @Slot(str)
    def on_index_started(self, root: str) -> None:
        if root not in self.index_queue:  # cancelled or closed while queued
            self.indexWorker.cancel()
        self.indexing_root = root
        self.progressLabel.setText(f"Checking {archive_label(root)}…")
        self.progressBar.setRange(0, 0)
        for widget in (self.progressLabel, self.progressBar, self.cancelButton):
            widget.show()
        self.cancelButton.setEnabled(True)

    @Slot(str, int, int)
    def on_index_progress(self, root: str, done: int, total: int) -> None:
        self.progressLabel.setText(f"Indexing {archive_label(root)}:")
        self.progressBar.setRange(0, max(1, total))
        self.progressBar.setValue(done)

    @Slot(str, object)
    def on_index_finished(self, root: str, report: IndexReport) -> None:
        self.reports[root] = report
        self._index_done(root)
        if report.ok:
            self._repairs_asked.discard(root)
        else:
            self.statusBar().showMessage(f"{archive_label(root)}: {report.failure or report.check.summary()}", 15000)
        self._update_report_button()
        if self.reportDialog is not None and self.reportDialog.isVisible():
            self.reportDialog.set_reports(self._open_reports())

    def _update_report_button(self) -> None:
        reports = self._open_reports()
        problems = sum(len(r.problems) for r in reports.values())
        failed = sum(1 for r in reports.values() if not r.ok)
        articles = sum(r.indexed for r in reports.values())
        text = f"{articles:,} articles"
        if problems:
            text += f" · {problems} file problem{'s' if problems != 1 else ''}…"
        if failed:
            text += f" · {failed} archive{'s' if failed != 1 else ''} not updated…"
        self.reportButton.setText(text if reports else "Indexing report…")
        self.reportButton.setToolTip(tooltip_text("\n".join(
            f"{archive_label(root)}: {r.summary()}" for root, r in reports.items())
            + "\n\nClick for the indexing report"))
        self.reportButton.setVisible(bool(reports))

    def _index_done(self, root: str) -> None:
        if root in self.index_queue:
            self.index_queue.remove(root)
        self.indexing_root = None
        if not self.index_queue:
            self.refreshTimer.stop()
            for widget in (self.progressLabel, self.progressBar, self.cancelButton):
                widget.hide()
        self._refreshRequested.emit()  # show what the last batch added
        self._update_results_label()

    def is_indexing(self) -> bool:
        return bool(self.index_queue)

    def _open_reports(self) -> dict:
        return {root: self.reports[root] for root in self.archives if root in self.reports}

    reportDialog: IndexReportDialog | None = None

    @Slot()
    def show_report(self) -> None:
        if self.reportDialog is None:
            self.reportDialog = IndexReportDialog(self)
        self.reportDialog.set_reports(self._open_reports())
        self.reportDialog.show()
        self.reportDialog.raise_()
        self.reportDialog.activateWindow()

    # ================================================================ search

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        # The search running (if any) is for text no longer there: abandon it now.
        self.searchWorker.latest = self.generation + 1
        self.debounce.start()

    @Slot()
    def _on_return(self) -> None:
        self.debounce.stop()
        self.searchField.remember(self.searchField.text())
        self.search_now()

    @Slot(int)
    def _on_sort_changed(self, index: int) -> None:
        self.settings.setValue("search/sort", self.sortBox.currentData())
        self.search_now()

    @Slot()
    def _on_dates_changed(self) -> None:
        bounds = (self.dateFrom.text().strip(), self.dateTo.text().strip())
        if bounds != getattr(self, "_last_bounds", ("", "")):
            self._last_bounds = bounds
            self.search_now()

    @Slot(str)
    def _on_date_text(self, text: str) -> None:
        if not text:  # the clear button: search at once
            self._on_dates_changed()

    @Slot(str)
    def _on_date_edited(self, text: str) -> None:
        """The user typed a date by hand: the timeline's period no longer holds."""
        if self.timelineView.selectedRange() is not None:
            self.timelineView.blockSignals(True)  # the fields are the user's now: don't clear them
            self.timelineView.clearSelection()
            self.timelineView.blockSignals(False)

    def _set_dates(self, start: str, end: str) -> None:
        """Fill the date fields from the timeline (no signals: the caller searches)."""
        for field, text in ((self.dateFrom, start), (self.dateTo, end)):
            field.blockSignals(True)
            field.setText(text)
            field.blockSignals(False)
        self._last_bounds = (start, end)

    @Slot(object, object)
    def _on_period_selected(self, start, end) -> None:
        self._set_dates(start.isoformat(), end.isoformat())
        self.search_now()

    @Slot()
    def _on_period_cleared(self) -> None:
        self._set_dates("", "")
        self.search_now()

    def request(self) -> SearchRequest:
        return SearchRequest(
            self.generation, self.searchField.text().strip(), self.sortBox.currentData(),
            self.dateFrom.text().strip() or None, self.dateTo.text().strip() or None)

    @Slot()
    def search_now(self) -> None:
        self.debounce.stop()
        self.slowSearch.stop()
        self._similar_title = None
        text = self.searchField.text().strip()
        self.generation += 1
        self.searchWorker.latest = self.generation
        if not text:
            self._last_answer = None
            self.timelineView.hide()
            self.timelineView.blockSignals(True)
            self.timelineView.setTimeline(None)
            self.timelineView.blockSignals(False)
            self.model.set_hits([], 0, False)
            self._hide_message()
            self._update_results_label()
            return
        self._searchRequested.emit(self.request())

    @Slot()
    def _fetch_more(self) -> None:
        self._fetchRequested.emit(self.generation)

    @Slot(int)
    def _on_search_started(self, generation: int) -> None:
        if generation == self.generation:
            self.slowSearch.start()

    @Slot()
    def _show_searching(self) -> None:
        self.resultsLabel.setText("Searching…")

    @Slot(object)
    def on_answer(self, answer) -> None:
        self._repair_damaged(answer.damaged)
        if answer.generation != self.generation:
            return
        self.slowSearch.stop()
        self.answered_generation = answer.generation
        if answer.error:
            self.model.fetching = False
            self._show_error(answer.error)
            self._update_results_label()  # not "Searching…" any more
            return
        page = answer.page
        if not answer.replace:
            self.model.append_hits(page.hits, page.has_more)
            return
        self._last_answer = answer
        keep = self.current_hit
        self.model.set_hits(page.hits, page.total, page.has_more)
        self.timelineView.show()
        # May emit selectionCleared (the period picked is gone): the dates are cleared and it searches again.
        self.timelineView.setTimeline(answer.timeline)
        if page.total == 0 and page.suggestion:
            self._show_suggestion(page.suggestion)
        else:
            self._hide_message()
        self._update_results_label()
        if keep is not None:
            row = self.model.row_of(keep.archive, keep.id)
            if row >= 0:
                # Same article still there (the index grew): keep it without reloading.
                self.resultsView.selectionModel().blockSignals(True)
                self.resultsView.setCurrentIndex(self.model.index(row))
                self.resultsView.selectionModel().blockSignals(False)
                self.current_hit = self.model.hits[row]
                return
            if not answer.rerun:
                self.current_hit = None
                self.reader.clear()
                self._update_article_actions()

    def _repair_damaged(self, damaged: dict[str, str]) -> None:
        """Index an archive whose index is damaged: once, until a run ends well."""
        for root in damaged:
            if root in self.archives and root not in self._repairs_asked and os.path.isdir(root):
                self._repairs_asked.add(root)
                self.statusBar().showMessage(f"{archive_label(root)}: the index is damaged; repairing it…", 8000)
                self._queue_index(root)

    def _update_results_label(self) -> None:
        answer = self._last_answer
        if self._similar_title is not None and answer is not None:
            text = f"{answer.page.total} articles like “{self._similar_title}”"
        elif answer is None or answer.page is None:
            text = "" if self.archives else "No archive open"
        else:
            total = answer.page.total
            ms = answer.page.seconds * 1000
            text = f"{total:,} result{'s' if total != 1 else ''} in {ms:.0f} ms"
        notes = list(answer.page.notes) if answer is not None and answer.page is not None else []
        if self.is_indexing():
            notes.append("indexing: results may be incomplete")
        if answer is not None and not self.is_indexing():
            notes.extend(f"{archive_label(root)}: {notice} (F5 indexes again)" for root, notice in answer.notices)
        if answer is not None and answer.missing_archives and not self.is_indexing():
            notes.append("not yet indexed: " + ", ".join(archive_label(r) for r in answer.missing_archives))
        if notes:
            text = (text + " — " if text else "") + "; ".join(notes)
        self.resultsLabel.setText(text)
        if not self.archives:
            placeholder = "No archive is open.\n\nOpen a folder of articles with File → Open Archive… (Ctrl+O), or drop a folder here."
        elif answer is None:
            names = ", ".join(archive_label(r) for r in self.archives)
            placeholder = f"Type words above to search {names}."
            if self.is_indexing():
                placeholder += "\n\nIndexing is under way: results appear as articles are indexed."
        elif answer.page is not None and answer.page.total == 0:
            placeholder = "No articles match."
            if self.is_indexing():
                placeholder += "\n\nIndexing is not finished: more articles may match soon."
        else:
            placeholder = ""
        self.resultsView.setPlaceholder(placeholder)

    def _show_error(self, message: str) -> None:
        self.errorLabel.setText(message[:1].upper() + message[1:])
        self.errorLabel.show()
        self.messageIcon.show()
        self.suggestionLabel.hide()
        self.messageRow.show()

    def _show_suggestion(self, suggestion: str) -> None:
        self.suggestionLabel.setText(f'No results. Did you mean <a href="suggestion"><b>{html.escape(suggestion)}</b></a>?')
        self.suggestionLabel.setProperty("suggestion", suggestion)
        self.suggestionLabel.show()
        self.errorLabel.hide()
        self.messageIcon.hide()
        self.messageRow.show()

    def _hide_message(self) -> None:
        self.messageRow.hide()
        self.errorLabel.clear()
        self.suggestionLabel.clear()

    def error_text(self) -> str:
        return self.errorLabel.text() if self.messageRow.isVisible() and self.errorLabel.isVisible() else ""

    def suggestion(self) -> str | None:
        if self.messageRow.isVisible() and self.suggestionLabel.isVisible():
            return self.suggestionLabel.property("suggestion")
        return None

    @Slot(str)
    def accept_suggestion(self, link: str = "") -> None:
        suggestion = self.suggestion()
        if suggestion:
            self.searchField.setText(suggestion)
            self.searchField.remember(suggestion)
            self.search_now()

    def _fill_history_menu(self) -> None:
        self.historyMenu.clear()
        for text in self.searchField.history[:20]:
            action = self.historyMenu.addAction(menu_text(text))
            action.setData(text)
            action.triggered.connect(self._history_chosen)
        if not self.searchField.history:
            self.historyMenu.addAction("No earlier searches").setEnabled(False)

    @Slot()
    def _history_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.searchField.setText(action.data())
            self.search_now()

    @Slot()
    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.resultsView.setFocus()
            if not self.resultsView.currentIndex().isValid():
                self.resultsView.setCurrentIndex(self.model.index(0))

    # ================================================================ reading

    def _reader_for(self, root: str) -> ArchiveSearcher | None:
        """GUI-thread searchers, for reading articles only (the worker has its own)."""
        searcher = self._readers.get(root)
        if searcher is None:
            index_dir = news_index.default_index_dir(root)
            if not news_index.index_exists(index_dir):
                return None
            searcher = ArchiveSearcher(index_dir, archive_root=root)
            self._readers[root] = searcher
        return searcher

    def _article(self, hit: Hit):
        try:
            searcher = self._reader_for(hit.archive)
            return searcher.article(hit.id) if searcher is not None else None
        except KeyError:
            return None
        except IndexDamagedError as error:
            stale = self._readers.pop(hit.archive, None)
            if stale is not None:
                stale.close()
            self._repair_damaged({hit.archive: str(error)})
            return None

    @Slot(object, object)
    def _on_current_changed(self, current, previous) -> None:
        hit = current.data(HitRole) if current.isValid() else None
        if hit is None:
            return
        self.show_hit(hit)

    def show_hit(self, hit: Hit) -> None:
        self.current_hit = hit
        article = self._article(hit)
        if article is None:
            self.reader.clear("This article is no longer in the index")
            self.reader.meta.setText(hit.path)
        else:
            label = archive_label(hit.archive) if len(self.archives) > 1 else ""
            self.reader.show_article(article, hit.matches, hit.archive, label)
            if self.searchField.text().strip():
                self.searchField.remember(self.searchField.text())
        self._update_article_actions()

    @Slot(int, int)
    def _on_hit_changed(self, current: int, count: int) -> None:
        if count:
            self.hitCounter.setText(f"hit {current} of {count}")
        else:
            self.hitCounter.setText("no hits" if self.reader.article is not None else "")
        self.actNextHit.setEnabled(count > 1)
        self.actPrevHit.setEnabled(count > 1)

    def _update_article_actions(self) -> None:
        has = self.reader.article is not None
        for action in (self.actCopyCite, self.actCopyCiteOnly, self.actCopyArticle, self.actOpenFile,
                       self.actShowFolder, self.actMoreLike):
            action.setEnabled(has)

    @Slot()
    def focus_search(self) -> None:
        self.searchField.setFocus(Qt.ShortcutFocusReason)
        self.searchField.selectAll()

    def _focus_in_reader(self) -> bool:
        widget = QGuiApplication.focusObject()
        while widget is not None:
            if widget is self.reader:
                return True
            widget = widget.parent() if hasattr(widget, "parent") else None
        return False

    @Slot()
    def find(self) -> None:
        if self._focus_in_reader() and self.reader.article is not None:
            self.reader.findBar.open_bar()
        else:
            self.focus_search()

    @Slot()
    def find_in_article(self) -> None:
        if self.reader.article is not None:
            self.reader.findBar.open_bar()

    @Slot()
    def zoom_in(self) -> None:
        self.reader.set_font_size(self.reader.font_size() + 1)
        self.settings.setValue("reader/fontSize", self.reader.font_size())

    @Slot()
    def zoom_out(self) -> None:
        self.reader.set_font_size(self.reader.font_size() - 1)
        self.settings.setValue("reader/fontSize", self.reader.font_size())

    @Slot()
    def zoom_reset(self) -> None:
        self.reader.set_font_size(self._default_font_size)
        self.settings.setValue("reader/fontSize", self.reader.font_size())

    def _article_file(self) -> str | None:
        if self.reader.article is None:
            return None
        return os.path.join(self.reader.archive_root, *self.reader.article.file_path.split("/"))

    @Slot()
    def open_file(self) -> None:
        path = self._article_file()
        if path and self._still_there(path):
            launch.open_file(path)

    @Slot()
    def show_in_folder(self) -> None:
        path = self._article_file()
        if path and self._still_there(path):
            launch.show_in_folder(path)

    def _still_there(self, path: str) -> bool:
        if os.path.exists(path):
            return True
        self.statusBar().showMessage(f"File not found: {display_path(path)}", 8000)
        return False

    @Slot()
    def more_like_this(self) -> None:
        hit = self.current_hit
        if hit is None or self.reader.article is None:
            return
        self.generation += 1
        self.searchWorker.latest = self.generation
        self._similar_title = self.reader.article.title or hit.path
        self._similarRequested.emit(self.generation, hit.archive, hit.id)

    @Slot(object)
    def on_similar(self, answer) -> None:
        if answer.generation != self.generation:
            return
        if answer.error:
            self._show_error(answer.error)
            return
        self._last_answer = answer
        self.timelineView.hide()  # similar articles: no query to chart
        self.model.set_hits(answer.page.hits, answer.page.total, False)
        self._hide_message()
        self._update_results_label()

    # ================================================================= copying

    def _source(self, root: str) -> news_cite.CiteSource:
        return news_cite.CiteSource(archive_root=root or None, publication=self.publications.get(root) or None)

    def _put_on_clipboard(self, text: str, html_text: str | None = None) -> None:
        data = QMimeData()
        data.setText(text)
        if html_text is not None:
            data.setHtml(html_text)
        QGuiApplication.clipboard().setMimeData(data)

    @Slot()
    def copy_with_citation(self) -> None:
        article = self.reader.article
        offsets = self.reader.selection_offsets()
        if article is None or offsets is None:
            self.statusBar().showMessage("Select a passage in the article first, then copy it with its citation.", 6000)
            return
        try:
            citation = news_cite.cite(article, offsets[0], offsets[1], self.cite_style,
                                      self._source(self.reader.archive_root), join_paragraphs=self.cite_join)
        except ValueError as error:
            self.statusBar().showMessage(f"Cannot cite this selection: {error}", 6000)
            return
        self._put_on_clipboard(citation.text, citation.html)
        self.statusBar().showMessage(f"Copied the passage with a {self.cite_style} citation.", 4000)

    @Slot()
    def copy_citation_only(self) -> None:
        article = self.reader.article
        if article is None:
            return
        citation = news_cite.cite(article, None, None, self.cite_style, self._source(self.reader.archive_root))
        self._put_on_clipboard(citation.text, citation.html)
        self.statusBar().showMessage("Copied the citation.", 4000)

    @Slot()
    def copy_article_text(self) -> None:
        article = self.reader.article
        if article is None:
            return
        self._put_on_clipboard(news_cite.article_text(article))
        self.statusBar().showMessage("Copied the article text.", 4000)

    @Slot()
    def copy_snippet_with_citation(self) -> None:
        index = self.resultsView.currentIndex()
        hit = index.data(HitRole) if index.isValid() else None
        if hit is None:
            self.statusBar().showMessage("Select a result first.", 5000)
            return
        article = self._article(hit)
        if article is None:
            return
        span = locate_snippet(article.body, hit.snippet)
        try:
            if span is None:
                raise ValueError("snippet not found")
            citation = news_cite.cite(article, span[0], span[1], self.cite_style, self._source(hit.archive),
                                      join_paragraphs=self.cite_join)
        except ValueError:
            citation = news_cite.cite(article, None, None, self.cite_style, self._source(hit.archive))
            text = snippet_text(hit.snippet)
            citation = news_cite.Citation(f"{text}\n\n{citation.text}",
                                          f"<p>{html.escape(text)}</p>\n{citation.html}")
        self._put_on_clipboard(citation.text, citation.html)
        self.statusBar().showMessage("Copied the snippet with its citation.", 4000)

    def _results_menu(self, pos) -> None:
        index = self.resultsView.indexAt(pos)
        if not index.isValid():
            return
        self.resultsView.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.actCopySnippet)
        menu.addAction(self.actCopyCiteOnly)
        menu.addAction(self.actCopyArticle)
        menu.addSeparator()
        menu.addAction(self.actMoreLike)
        menu.addAction(self.actOpenFile)
        menu.addAction(self.actShowFolder)
        menu.exec(self.resultsView.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ============================================================ preferences

    @Slot()
    def show_preferences(self) -> None:
        names = {root: self.publications.get(root, "") for root in self.archives}
        dialog = PreferencesDialog(self.cite_style, self.cite_join, names, self)
        if dialog.exec():
            self.apply_preferences(*dialog.values())
        dialog.deleteLater()

    def apply_preferences(self, style: str, join: bool, publications: dict[str, str]) -> None:
        self.cite_style = style if style in news_cite.STYLES else "plain"
        self.cite_join = join
        for root, name in publications.items():
            if name:
                self.publications[root] = name
            else:
                self.publications.pop(root, None)
        self.settings.setValue("cite/style", self.cite_style)
        self.settings.setValue("cite/join", "true" if join else "false")
        self.settings.setValue("cite/publications", json.dumps(self.publications))

    # ================================================================= export

    @Slot()
    def choose_export(self) -> None:
        if not self.model.hits:
            self.statusBar().showMessage("No results to export: search first.", 5000)
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export Results", os.path.expanduser("~/newsfind-results.csv"),
            "CSV (*.csv);;Markdown (*.md)")
        if path:
            fmt = "md" if chosen.startswith("Markdown") or path.lower().endswith(".md") else "csv"
            self.export_results(path, fmt)

    def export_results(self, path: str, fmt: str) -> None:
        """Write every hit of the current query, loading those not shown yet (in the worker)."""
        if self._similar_title is not None:
            write_export(self.model.hits, path, fmt, several=len(self.archives) > 1)
            self.on_exported(path, len(self.model.hits), "")
            return
        self.statusBar().showMessage("Exporting…")
        self._exportRequested.emit(list(self.model.hits) if not self.model.has_more else list(self.model.hits),
                                   path, fmt)

    @Slot(str, int, str)
    def on_exported(self, path: str, rows: int, error: str) -> None:
        if error:
            box = QMessageBox(QMessageBox.Warning, "Export failed", f"Could not write {path}:\n{error}",
                              QMessageBox.Ok, self)
            box.setTextFormat(Qt.PlainText)  # a path is text, never markup
            box.exec()
            box.deleteLater()
        else:
            self.statusBar().showMessage(f"Exported {rows} results to {path}", 8000)

    # ================================================================== help

    @Slot()
    def show_syntax(self) -> None:
        box = QMessageBox(QMessageBox.Information, "Search syntax", syntax_help_html(), QMessageBox.Ok, self)
        box.setTextFormat(Qt.RichText)  # our own table, its text escaped
        box.exec()

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, "About newsfind",
                          "newsfind — keyword search for offline archives of news articles.\n\n"
                          "Indexes are kept in your data folder; archives are never modified.")

    # =============================================================== closing

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        if self._closing:
            return
        self._closing = True
        self.save_settings()
        self.debounce.stop()
        self.refreshTimer.stop()
        self.indexWorker.abandon()
        self.indexThread.quit()
        self.searchThread.quit()
        self.indexThread.wait(30000)
        self.searchThread.wait(10000)
        self.searchWorker.shutdown()
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()


def locate_snippet(body: str, snippet: str) -> tuple[int, int] | None:
    """Where a snippet's text (white space collapsed, "…" at cut ends) stands in the body."""
    text = snippet_text(snippet).strip().strip("…").strip()
    words = text.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    found = re.search(pattern, body)
    return (found.start(), found.end()) if found else None


SYNTAX_HELP = syntax_help()
