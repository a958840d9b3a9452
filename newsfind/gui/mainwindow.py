"""The main window: it creates the components and connects their signals, in one place."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings, Qt, Slot
from PySide6.QtWidgets import QInputDialog, QMainWindow, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from newsfind.mark_queries import narrowed
from newsfind.resources import sample_archive
from newsfind.saved_searches import SavedSearch
from newsfind.similar_query import like_query
from newsfind.wording import archive_label

from newsfind.gui.accessibility import FocusRing
from newsfind.gui.actions import ReaderToolBar, WindowActions
from newsfind.gui.archive_set import ArchiveSet
from newsfind.gui.concordance_window import ConcordanceWindow
from newsfind.gui.article_actions import ArticleActions
from newsfind.gui.copy_actions import CopyActions
from newsfind.gui.copy_families import CopyFamilies
from newsfind.gui.icon import app_icon
from newsfind.gui.date_filter import DateFilter
from newsfind.gui.dialogs import IndexReportDialog, choose_archive_folder, edit_preferences, show_about, show_syntax
from newsfind.gui.export_flow import ExportFlow
from newsfind.gui.log import start_log_file
from newsfind.gui.my_work_flow import MyWorkFlow
from newsfind.gui.saved_flow import SavedFlow
from newsfind.gui.saved_panel import SavedPanel
from newsfind.gui.marks_bar import MarksBar
from newsfind.gui.plaintext import window_title_text
from newsfind.gui.reader import ReadingPane
from newsfind.gui.query_trail import QueryTrail
from newsfind.gui.reading import Reading
from newsfind.gui.results import ResultsModel, ResultsView
from newsfind.gui.reviewing import Reviewing
from newsfind.gui.results_summary import counts_stories, results_placeholder, results_text, shows_welcome
from newsfind.gui.search_bar import SearchBar
from newsfind.gui.search_controller import SearchController
from newsfind.gui.settings import READER_WIDTHS, Settings
from newsfind.gui.status_bar import StatusBar
from newsfind.gui.theme import ThemeChooser
from newsfind.gui.trends_window import TrendsWindow
from newsfind.gui.user_marks import UserMarks
from newsfind.gui.welcome import WelcomePanel
from newsfind.gui.window_geometry import available_size, restore_window_geometry
from newsfind.gui.search_messages import SearchAnswer, TimelineAnswer

EMPTY_STATE = ("No archive is open", "Open a folder of articles with File → Open Archive… (Ctrl+O), "
                                     "or drop a folder onto this window.")


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None, open_default: bool = True,
                 index_batch_seconds: float = 5.0) -> None:
        super().__init__()
        start_log_file()
        self.settings = Settings(settings if settings is not None else QSettings())
        self.setWindowTitle("newsfind")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._closing = False
        self._build(index_batch_seconds)
        self._connect_signals()
        self._restore(open_default)
        self.searchBar.field.setFocus()

    def _build(self, batch_seconds: float) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(8, 8, 8, 0)
        outer.setSpacing(4)
        self.theme = ThemeChooser(self.settings, self)  # (first: the widgets are made in its style)
        self.archiveSet = ArchiveSet(self.settings, batch_seconds, self)
        self.model = ResultsModel(self)
        self.searchController = SearchController(self.model, self)
        self.dateFilter = DateFilter(central)
        self.searchBar = SearchBar(self.dateFilter, self.settings.start_sort, self.settings.history, central)
        outer.addWidget(self.searchBar)
        self.splitter = QSplitter(Qt.Horizontal, central)
        self.splitter.setChildrenCollapsible(False)
        left = QWidget(self.splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        self.savedPanel = SavedPanel(left)  # (shown once a search is saved)
        left_layout.addWidget(self.savedPanel)
        left_layout.addWidget(self.dateFilter.timeline)  # click or drag a period to filter by it
        self.resultsStack = QStackedWidget(left)  # the list, or before any search the welcome
        self.resultsView = ResultsView(self.model, self.resultsStack)
        self.welcome = WelcomePanel(self.resultsStack)
        self.resultsStack.addWidget(self.resultsView)
        self.resultsStack.addWidget(self.welcome)
        left_layout.addWidget(self.resultsStack, 1)
        right = QWidget(self.splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        self.actionSet = WindowActions(self, self.settings)
        self.readerBar = ReaderToolBar(self.actionSet, right)
        right_layout.addWidget(self.readerBar)
        self.marksBar = MarksBar(right)
        right_layout.addWidget(self.marksBar)
        self.reader = ReadingPane(right)
        self.reader.set_context_actions([self.actionSet.actCopyCite, self.actionSet.actCopyCiteOnly,
                                         self.actionSet.actCopyArticle])
        right_layout.addWidget(self.reader, 1)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([470, 700])
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.focusRing = FocusRing(self)  # where the keyboard focus is, in any theme
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self._build_flows()

    def _build_flows(self) -> None:
        """The components that act on what the window shows, and the research windows."""
        self.copyActions = CopyActions(self.settings, self.reader, self.resultsView, self.archiveSet.article, self)
        self.articleActions = ArticleActions(self.settings, self.reader, self)
        self.reportDialog = IndexReportDialog(self)
        self.exportFlow = ExportFlow(self.searchController, self.model, self.resultsView, self.settings, self)
        self.trail = QueryTrail(self)
        self.reading = Reading(self.reader, self.resultsView, self.model, self.archiveSet.article,
                               lambda: self.archiveSet.archives, self)
        self.copyFamilies = CopyFamilies(self.settings, self.searchController, self.model, self.reading, self.reader,
                                         self)
        self.userMarks = UserMarks(parent=self)
        self.reviewing = Reviewing(self.userMarks, self.marksBar, self.reader, self.model, self.settings, self)
        self.savedFlow = SavedFlow(self.userMarks, self.savedPanel, self)
        self.myWork = MyWorkFlow(self.userMarks, self)
        self.trendsWindow = TrendsWindow(self.settings, self)  # (shown by View → Trends of Names)
        self.concordance = ConcordanceWindow(self.settings, self)  # (shown by View → Concordance)

    def _connect_signals(self) -> None:
        """Every connection between components, in one place."""
        bar, dates, search, archives, acts = (self.searchBar, self.dateFilter, self.searchController,
                                              self.archiveSet, self.actionSet)
        bar.searchRequested.connect(self.search_now)
        bar.typing.connect(search.abandon)
        bar.sortChanged.connect(self._on_sort_changed)
        bar.toResults.connect(self.resultsView.focus_results)
        dates.changed.connect(self.search_now)
        search.searching.connect(self.status.show_searching)
        search.listed.connect(self._on_listed)
        search.listed.connect(self.resultsView.announce_count)  # "37 articles", said by screen readers
        search.charted.connect(self._on_charted)
        self.resultsView.painted.connect(search.list_painted)
        search.timed.connect(self._update_results_label)
        search.cleared.connect(self._on_cleared)
        search.failed.connect(self._on_failed)
        search.damaged.connect(archives.repair)
        archives.archivesChanged.connect(self._on_archives_changed)
        archives.archiveClosed.connect(self.reading.forget_archive)
        archives.checking.connect(self.status.show_checking)
        archives.progress.connect(self.status.show_progress)
        archives.cancelling.connect(self.status.show_cancelling)
        archives.idle.connect(self.status.hide_progress)
        archives.indexGrew.connect(search.refresh)
        archives.reportsChanged.connect(self._on_reports_changed)
        archives.message.connect(self.status.showMessage)
        self.copyActions.message.connect(self.status.showMessage)
        self.articleActions.message.connect(self.status.showMessage)
        self.exportFlow.message.connect(self.status.showMessage)
        self._connect_work_signals()
        self._connect_family_signals()
        self._connect_research_signals()
        self.status.cancelClicked.connect(archives.cancel_indexing)
        self.status.reportClicked.connect(self.show_report)
        self.resultsView.customContextMenuRequested.connect(
            lambda pos: self.resultsView.show_menu(pos, acts.result_menu(self)))
        self.reader.hitChanged.connect(self._on_hit_changed)
        self.reading.articleShown.connect(acts.set_article_shown)
        self.reading.articleOpened.connect(bar.remember_query)
        self.reading.moreLikeRequested.connect(lambda hit: bar.run_query(like_query(hit.path)))
        bar.committed.connect(self.trail.visit)
        self.trail.wanted.connect(lambda text: bar.run_query(text, remember=False))
        acts.actBack.triggered.connect(lambda: self.trail.back(bar.text()))
        acts.actForward.triggered.connect(self.trail.forward)
        self._connect_actions()
        acts.recentChosen.connect(archives.open)
        acts.closeChosen.connect(archives.close)
        acts.sortChosen.connect(bar.set_sort)
        acts.themeChosen.connect(self.theme.choose)
        self.welcome.exampleChosen.connect(bar.run_query)

    def _connect_actions(self) -> None:
        """The menu actions that call one component each."""
        bar, archives, acts = self.searchBar, self.archiveSet, self.actionSet
        for action, slot in (
                (acts.actOpen, self.choose_archive), (acts.actOpenSample, lambda: archives.open(str(sample_archive()))),
                (acts.actRecheck, archives.recheck), (acts.actCancelIndex, archives.cancel_indexing),
                (acts.actReport, self.show_report), (acts.actExport, self.exportFlow.choose),
                (acts.actExportSelected, self.exportFlow.choose_selected), (acts.actQuit, self.close),
                (acts.actCopyCite, self.copyActions.copy_with_citation),
                (acts.actCopyCiteOnly, self.copyActions.copy_citation_only),
                (acts.actCopyArticle, self.copyActions.copy_article_text),
                (acts.actCopySnippet, self.copyActions.copy_snippet_with_citation),
                (acts.actCopyCitations, self.copyActions.copy_citations_of_selected),
                (acts.actFocusSearch, bar.focus), (acts.actFind, self.find),
                (acts.actFindInArticle, self.reader.open_find_bar), (acts.actPrefs, self.show_preferences),
                (acts.actNextHit, self.reader.next_hit), (acts.actPrevHit, self.reader.previous_hit),
                (acts.actZoomIn, self.articleActions.zoom_in), (acts.actZoomOut, self.articleActions.zoom_out),
                (acts.actZoomReset, self.articleActions.zoom_reset), (acts.actOpenFile, self.articleActions.open_file),
                (acts.actShowFolder, self.articleActions.show_in_folder), (acts.actMoreLike, self.reading.more_like_this),
                (acts.actSyntax, lambda: show_syntax(self)), (acts.actAbout, lambda: show_about(self))):
            action.triggered.connect(slot)

    def _connect_work_signals(self) -> None:
        """The user's own work: marks on the article read, saved searches, the file of it all."""
        bar, dates, search, archives, acts = (self.searchBar, self.dateFilter, self.searchController,
                                              self.archiveSet, self.actionSet)
        self.reviewing.message.connect(self.status.showMessage)
        saved = self.savedFlow
        saved.message.connect(self.status.showMessage)
        saved.openRequested.connect(self.open_saved)
        saved.countWanted.connect(search.count_new)
        search.newCounted.connect(saved.show_counts)
        archives.idle.connect(saved.refresh)  # (after each indexing run: what is new now)
        acts.actSaveSearch.triggered.connect(
            lambda: saved.save(bar.text(), dates.bounds(), bar.sort(), archives.archives))
        acts.actSavedList.triggered.connect(self._focus_saved)
        self.myWork.message.connect(self.status.showMessage)
        self.myWork.imported.connect(saved.refresh)
        self.myWork.imported.connect(self.reviewing.show_marks_again)
        acts.actOnlyUnreviewed.triggered.connect(lambda: self.narrow_to("unreviewed"))
        acts.actOnlyStarred.triggered.connect(lambda: self.narrow_to("starred"))
        acts.actOnlyTag.triggered.connect(self._narrow_to_tag)
        acts.actExportWork.triggered.connect(self.myWork.choose_export)
        acts.actImportWork.triggered.connect(self.myWork.choose_import)
        self.reading.articleShown.connect(self.reviewing.article_shown)
        self.reviewing.reviewedChanged.connect(self._on_reviewed_changed)
        acts.actStar.triggered.connect(self.reviewing.toggle_star)
        acts.actReviewed.triggered.connect(self.reviewing.toggle_reviewed)
        acts.actTags.triggered.connect(self.marksBar.focus_tags)
        acts.actNote.triggered.connect(self.marksBar.focus_note)

    def _connect_research_signals(self) -> None:
        """Research across the archives: the trends of names, the concordance of the query."""
        self.archiveSet.archivesChanged.connect(self.trendsWindow.set_archives)
        self.archiveSet.indexGrew.connect(self.trendsWindow.check_grown)  # (the count shown, made again)
        self.actionSet.actTrends.triggered.connect(self.trendsWindow.present)
        self.trendsWindow.periodSearchRequested.connect(self.search_in_period)
        self.actionSet.actConcordance.triggered.connect(
            lambda: self.concordance.show_for(self.searchBar.text(), self.archiveSet.archives))
        self.concordance.occurrenceChosen.connect(self.reading.show_occurrence)
        self.concordance.occurrenceOpened.connect(self.reader.view.setFocus)
        self.concordance.occurrenceOpened.connect(self.activateWindow)

    def _connect_family_signals(self) -> None:
        """Wire-copy families: the list collapsed to stories or not, a story's copies, two copies compared."""
        families, search, acts = self.copyFamilies, self.searchController, self.actionSet
        self.model.copiesWanted.connect(search.list_copies)
        search.copiesListed.connect(families.show_copies)
        search.compared.connect(families.show_comparison)
        self.reader.composedLeft.connect(families.leave_comparison)
        families.message.connect(self.status.showMessage)
        families.articleShown.connect(acts.set_article_shown)
        families.articleShown.connect(self.reviewing.article_shown)
        families.collapseChanged.connect(self.search_now)
        acts.actCollapseCopies.toggled.connect(families.set_collapse)
        acts.actCompareCopies.triggered.connect(families.compare)

    def _restore(self, open_default: bool) -> None:
        restore_window_geometry(self, self.settings.geometry, self.settings.geometry_screen)
        if self.settings.splitter is not None:
            self.splitter.restoreState(self.settings.splitter)
        roots = self.settings.open_archives
        if roots is None:
            roots = [str(sample_archive())] if open_default else []
        for root in roots:
            self.archiveSet.open(root, remember=False)
        if not self.archiveSet.archives:
            self.reader.show_message(*EMPTY_STATE)
        self._update_results_label()
        self._apply_reader_preferences()
        self.actionSet.set_article_shown(False)
        self._on_hit_changed(0, 0)
        if self.userMarks.problem:
            self.status.showMessage(self.userMarks.problem, 20000)
        self.savedFlow.refresh()

    def save_settings(self) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.geometry_screen = available_size(self)
        self.settings.splitter = self.splitter.saveState()
        self.settings.sort = self.searchBar.sort()
        self.settings.history = self.searchBar.history()
        self.settings.font_size = self.reader.font_size()
        self.settings.open_archives = self.archiveSet.archives
        self.settings.sync()

    # ================================================================ search

    @Slot()
    @Slot(SavedSearch)
    def open_saved(self, search: SavedSearch) -> None:
        """A saved search: its archives opened, its query, dates and order shown, its new hits first."""
        for root in search.archives:
            if root not in self.archiveSet.archives and os.path.isdir(root):
                self.archiveSet.open(root)
        self.searchBar.show_query(search.query, search.sort)
        self.dateFilter.set_bounds(search.date_from, search.date_to)
        self.searchController.search(search.query, search.sort, search.date_from, search.date_to, saved=search)

    @Slot(str, str, str)
    def search_in_period(self, query: str, date_from: str, date_to: str) -> None:
        """A query listed for a period only (a cell of the trends table chosen): the dates put in the fields."""
        self.dateFilter.set_bounds(date_from, date_to)
        self.searchBar.run_query(query)
        self.activateWindow()
        self.raise_()

    def narrow_to(self, kind: str, tag: str = "") -> None:
        """The query shown kept to articles with a mark (the syntax added to the field, searched)."""
        self.searchBar.run_query(narrowed(self.searchBar.text(), kind, tag))

    @Slot()
    def _narrow_to_tag(self) -> None:
        tag, accepted = QInputDialog.getText(self, "Only Tagged", "Tag:")
        if accepted and tag.strip():
            self.narrow_to("tag", tag)

    @Slot()
    def _focus_saved(self) -> None:
        if self.savedPanel.count():
            self.savedPanel.setFocus()
            if self.savedPanel.currentRow() < 0:
                self.savedPanel.setCurrentRow(0)
        else:
            self.status.showMessage("No saved searches yet: File → Save Search… (Ctrl+Shift+D) keeps the one shown.",
                                    6000)

    def search_now(self) -> None:
        self.searchBar.cancel_pending()
        self.searchController.search(self.searchBar.text(), self.searchBar.sort(), *self.dateFilter.bounds(),
                                     asked_at=self.searchBar.take_asked_at())

    @Slot(str)
    def _on_sort_changed(self, key: str) -> None:
        self.settings.sort = key
        self.search_now()

    @Slot(SearchAnswer)
    def _on_listed(self, answer: SearchAnswer) -> None:
        if answer.page.total == 0 and answer.page.suggestion:
            self.searchBar.show_suggestion(answer.page.suggestion)
        else:
            self.searchBar.hide_message()
        if answer.similar_to is not None:
            self.dateFilter.timeline.hide()  # similar articles: no query to chart
        self._update_results_label()
        # (the article whose similar ones are listed stays shown: it is not in their list)
        self.reading.keep_or_clear(answer.rerun or answer.similar_to is not None)

    @Slot(TimelineAnswer)
    def _on_charted(self, answer: TimelineAnswer) -> None:
        # May emit changed (the period picked is gone): the dates are cleared and it searches again.
        listed = self.searchController.last_answer
        page = listed.page if listed is not None else None
        stories = answer.stories and counts_stories(page)
        self.dateFilter.show_timeline(answer.timeline, (page.stories if stories else page.total) if page else 0,
                                      stories=stories)
        self._update_results_label()  # (with how many are reviewed)

    @Slot()
    def _on_cleared(self) -> None:
        self.dateFilter.hide_timeline()
        self.searchBar.hide_message()
        self._update_results_label()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.searchBar.show_error(message)
        self._update_results_label()  # not "Searching…" any more

    @Slot(int)
    def _on_reviewed_changed(self, change: int) -> None:
        self.searchController.adjust_reviewed(change)
        self._update_results_label()

    def _update_results_label(self) -> None:
        answer, roots, indexing = self.searchController.last_answer, self.archiveSet.archives, self.archiveSet.is_indexing()
        self.status.set_results_text(results_text(answer, self.searchController.similar_to, roots, indexing,
                                                  self.searchController.waited, self.searchController.reviewed))
        self.resultsView.set_placeholder(results_placeholder(answer, roots, indexing))
        self.welcome.set_intro(results_placeholder(None, roots, indexing))
        self.resultsStack.setCurrentWidget(self.welcome if shows_welcome(answer, roots) else self.resultsView)

    # ============================================================== archives

    @Slot(list)
    def _on_archives_changed(self, roots: list[str]) -> None:
        self.searchController.set_archives(roots)
        self.actionSet.set_open_archives(roots)
        self.status.set_reports(self.archiveSet.open_reports())
        self._update_results_label()
        names = ", ".join(archive_label(r) for r in roots)
        self.setWindowTitle(window_title_text(f"{names} — newsfind") if names else "newsfind")
        if not roots:
            self.model.set_hits([], 0, False)
            self.reader.show_message(*EMPTY_STATE)
        elif self.searchBar.text():
            self.search_now()

    @Slot(dict)
    def _on_reports_changed(self, reports: dict) -> None:
        self._update_results_label()
        self.status.set_reports(reports)
        self.reportDialog.update_if_shown(reports)

    @Slot(list)
    def open_folders(self, folders: list[str]) -> None:
        """Folders given at launch, or handed over by a later launch: opened as
        archives, and the window brought to the front."""
        for folder in folders:
            if os.path.isdir(folder):
                self.archiveSet.open(folder)
        if self.isVisible():
            self.setWindowState((self.windowState() & ~Qt.WindowMinimized) | Qt.WindowActive)
            self.raise_()
            self.activateWindow()

    @Slot()
    def choose_archive(self) -> None:
        folder = choose_archive_folder(self, self.archiveSet.archives)
        if folder:
            self.archiveSet.open(folder)

    def dragEnterEvent(self, event) -> None:
        if _folders(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        if any([self.archiveSet.open(folder) for folder in _folders(event)]):
            event.acceptProposedAction()

    @Slot()
    def show_report(self) -> None:
        self.reportDialog.present(self.archiveSet.open_reports())

    # ================================================================ reading

    @Slot(int, int)
    def _on_hit_changed(self, current: int, count: int) -> None:
        self.readerBar.set_hit(current, count, self.reader.article is not None)

    @Slot()
    def find(self) -> None:
        """As in a browser: find in the article shown, wherever the focus is
        (Ctrl+L goes to the search field); with none shown, the search field."""
        if self.reader.article is not None:
            self.reader.open_find_bar()
        else:
            self.searchBar.focus()

    @Slot()
    def show_preferences(self) -> None:
        if edit_preferences(self.settings, self.archiveSet.archives, self):
            self._apply_reader_preferences()
            if self.settings.default_sort:
                self.searchBar.set_sort(self.settings.default_sort)

    def _apply_reader_preferences(self) -> None:
        self.reader.set_font_family(self.settings.reader_font)
        self.reader.set_column_width(READER_WIDTHS[self.settings.reader_width])

    # ================================================================ closing

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        if self._closing:
            return
        self._closing = True
        self.save_settings()
        self.searchBar.cancel_pending()
        self.archiveSet.shutdown()
        self.searchController.shutdown()
        self.trendsWindow.shutdown()
        self.concordance.shutdown()
        self.userMarks.close()


def _folders(event) -> list[str]:
    """The local folders dragged onto the window."""
    return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile() and os.path.isdir(url.toLocalFile())]
