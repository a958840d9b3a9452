"""The window's commands: every QAction with its shortcut, the menus, and the
reading pane's tool bar. What each command does is connected by the window."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSizePolicy, QToolBar, QWidget

from newsfind.search import SORTS
from newsfind.wording import archive_label

from newsfind.gui.accessibility import announce
from newsfind.gui.plaintext import menu_text
from newsfind.gui.search_bar import SORT_LABELS
from newsfind.gui.settings import Settings

THEME_LABELS = {"system": "&System", "light": "&Light", "dark": "&Dark"}


class WindowActions(QObject):
    """The menu bar's actions (added to the window too, so their shortcuts always work)."""

    recentChosen = Signal(str)  #: an archive from Open Recent
    closeChosen = Signal(str)  #: an archive from Close Archive
    sortChosen = Signal(str)
    themeChosen = Signal(str)  #: "system", "light" or "dark"

    def __init__(self, window: QMainWindow, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.open_archives: list[str] = []
        self._file_menu(window.menuBar().addMenu("&File"))
        self._edit_menu(window.menuBar().addMenu("&Edit"))
        self._view_menu(window.menuBar().addMenu("&View"))
        self._article_menu(window.menuBar().addMenu("&Article"))
        help_menu = window.menuBar().addMenu("&Help")
        self.actSyntax = self._action("&Search Syntax", QKeySequence.HelpContents, help_menu)
        self.actAbout = self._action("&About newsfind", "Ctrl+Shift+F1", help_menu)
        self.set_article_shown(False)

    def _action(self, text: str, shortcut, menu: QMenu | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if isinstance(shortcut, (list, tuple)):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.NativeText)})")
        if menu is not None:
            menu.addAction(action)
        self.window.addAction(action)  # shortcuts work even when the menu bar is hidden
        return action

    def _file_menu(self, menu: QMenu) -> None:
        self.actOpen = self._action("&Open Archive…", QKeySequence.Open, menu, "Open a folder of articles")
        self.recentMenu = menu.addMenu("Open &Recent")
        self.recentMenu.aboutToShow.connect(self.fill_recent_menu)
        # (shown at the end of Open Recent; the window owns it, so its shortcut always works)
        self.actOpenSample = self._action("Open &Sample Archive", "Ctrl+Shift+S", None,
                                          "Open the small archive of articles that comes with newsfind")
        self.closeMenu = menu.addMenu("&Close Archive")
        self.closeMenu.aboutToShow.connect(self.fill_close_menu)
        menu.addSeparator()
        self.actRecheck = self._action("Check Archives for &Changes", "F5", menu,
                                       "Look for new, changed and deleted files")
        self.actCancelIndex = self._action("Ca&ncel Indexing", "Ctrl+Shift+X", menu)
        self.actReport = self._action("Indexing &Report…", "Ctrl+Shift+R", menu,
                                      "Files that were skipped or read with warnings")
        menu.addSeparator()
        self.actExport = self._action("&Export Results…", "Ctrl+E", menu,
                                      "Save every result as CSV, Markdown, CSL-JSON, RIS or BibTeX")
        self.actExportSelected = self._action("Export Se&lected Results…", "Ctrl+Shift+E", menu,
                                              "Save the results selected in the list")
        menu.addSeparator()
        self.actSaveSearch = self._action("Save Searc&h…", "Ctrl+Shift+D", menu,
                                          "Keep this search under a name: what it finds later shows as new")
        self.actSavedList = self._action("Saved Searc&hes", "Ctrl+J", menu, "Go to your saved searches")
        self.actExportWork = self._action("Export &My Work…", "Ctrl+Alt+E", menu,
                                          "Your marks, notes and saved searches in one file: a copy, or for "
                                          "another computer")
        self.actImportWork = self._action("&Import Work…", "Ctrl+Alt+I", menu,
                                          "Marks, notes and saved searches from a file, merged with yours")
        menu.addSeparator()
        self.actQuit = self._action("&Quit", QKeySequence.Quit if QKeySequence.keyBindings(QKeySequence.Quit)
                                    else "Ctrl+Q", menu)  # (no binding on some platforms)

    def _edit_menu(self, menu: QMenu) -> None:
        self.actCopyCite = self._action("Copy with &Citation", "Ctrl+Shift+C", menu,
                                        "Copy the selected passage with its citation")
        self.actCopyCiteOnly = self._action("Copy Citation &Only", "Ctrl+Alt+C", menu,
                                            "Copy the citation of the article shown")
        self.actCopyArticle = self._action("Copy &Article Text", "Ctrl+Shift+T", menu,
                                           "Copy the whole article with its title, date and path")
        self.actCopySnippet = self._action("Copy &Snippet with Citation", "Ctrl+Alt+S", menu,
                                           "Copy the selected result's snippet with its citation")
        self.actCopyCitations = self._action("Copy Citations of Selected &Results", "Ctrl+Alt+R", menu,
                                             "Copy a reference list of the results selected in the list")
        menu.addSeparator()
        self.actFocusSearch = self._action("&Search Field", "Ctrl+L", menu)
        self.actFind = self._action("&Find", QKeySequence.Find, menu,
                                    "Find in the article shown, else go to the search field")
        self.actFindInArticle = self._action("Find in &Article", "Ctrl+Shift+F", menu)
        menu.addSeparator()
        self.actPrefs = self._action("&Preferences…", "Ctrl+,", menu)

    def _view_menu(self, menu: QMenu) -> None:
        self.actBack = self._action("&Back", "Alt+Left", menu, "The list before this one")
        only = menu.addMenu("Onl&y")
        self.actOnlyUnreviewed = self._action("&Unreviewed", "Ctrl+Shift+U", only,
                                              "Keep the list to articles not reviewed yet (adds is:unreviewed)")
        self.actOnlyStarred = self._action("&Starred", "Ctrl+Shift+8", only,
                                           "Keep the list to starred articles (adds is:starred)")
        self.actOnlyTag = self._action("&Tagged…", "Ctrl+Shift+G", only,
                                       "Keep the list to articles with a tag (adds tag:NAME)")
        self.actForward = self._action("&Forward", "Alt+Right", menu, "The list gone back from")
        menu.addSeparator()
        self.actNextHit = self._action("&Next Hit", QKeySequence.FindNext, menu, "Next match in the article")
        self.actPrevHit = self._action("&Previous Hit", QKeySequence.FindPrevious, menu,
                                       "Previous match in the article")
        menu.addSeparator()
        self.actZoomIn = self._action("Zoom &In", ["Ctrl++", "Ctrl+="], menu, "Larger text")
        self.actZoomOut = self._action("Zoom &Out", "Ctrl+-", menu, "Smaller text")
        self.actZoomReset = self._action("&Actual Size", "Ctrl+0", menu)
        menu.addSeparator()
        self.actTrends = self._action("T&rends of Names…", "Ctrl+Shift+Y", menu,
                                      "Count a list of names or queries per month or year, as a table and a chart")
        self.actConcordance = self._action("Co&ncordance", "Ctrl+Shift+K", menu,
                                           "Every occurrence of the query in its context, one line each")
        menu.addSeparator()
        self.actCollapseCopies = self._action("&Collapse Copies", "Ctrl+Shift+L", menu,
                                              "List each wire-copy family once, by its earliest copy (+ N copies)")
        self.actCollapseCopies.setCheckable(True)
        self.actCollapseCopies.setChecked(self.settings.collapse_copies)
        sort_menu = menu.addMenu("&Sort Results")
        for n, key in enumerate(SORTS, start=1):
            self._action(SORT_LABELS[key], f"Ctrl+{n}", sort_menu).setData(key)
        sort_menu.triggered.connect(self._sort_chosen)
        self._theme_menu(menu.addMenu("&Theme"))

    def _theme_menu(self, menu: QMenu) -> None:
        group = QActionGroup(self)
        for n, (key, text) in enumerate(THEME_LABELS.items(), start=1):
            action = self._action(text, f"Ctrl+Alt+{n}", menu)
            action.setData(key)
            action.setCheckable(True)
            action.setChecked(key == self.settings.theme)
            group.addAction(action)
        group.triggered.connect(self._theme_chosen)

    def _article_menu(self, menu: QMenu) -> None:
        self.actOpenFile = self._action("&Open File", "Ctrl+Shift+O", menu,
                                        "Open the article's file in its default application")
        self.actShowFolder = self._action("Show in &Folder", "Ctrl+Alt+O", menu,
                                          "Show the folder holding the article's file")
        self.actMoreLike = self._action("&More Like This", "Ctrl+M", menu,
                                        "Articles sharing the most distinctive words with this one")
        self.actCompareCopies = self._action("&Compare with First Copy", "Ctrl+Shift+M", menu,
                                             "What this copy of a story added and cut, against the first copy")
        menu.addSeparator()
        self.actStar = self._action("S&tar", "Ctrl+S", menu, "Star the article shown, or unstar it")
        self.actReviewed = self._action("Mark &Reviewed", "Ctrl+D", menu,
                                        "Mark the article shown reviewed, or not reviewed")
        self.actTags = self._action("Edit Ta&gs", "T", menu, "Tags of the article shown")
        self.actNote = self._action("Edit &Note", "N", menu, "A note on the article shown")

    def article_actions(self) -> list[QAction]:
        """What needs an article shown."""
        return [self.actCopyCite, self.actCopyCiteOnly, self.actCopyArticle, self.actOpenFile,
                self.actShowFolder, self.actMoreLike, self.actCompareCopies, self.actStar, self.actReviewed, self.actTags, self.actNote]

    def set_article_shown(self, shown: bool) -> None:
        for action in self.article_actions():
            action.setEnabled(shown)

    def result_menu(self, parent: QWidget) -> QMenu:
        """The context menu of a result."""
        menu = QMenu(parent)
        menu.addActions([self.actCopySnippet, self.actCopyCiteOnly, self.actCopyCitations, self.actCopyArticle])
        menu.addSeparator()
        menu.addActions([self.actExportSelected])
        menu.addSeparator()
        menu.addActions([self.actMoreLike, self.actCompareCopies, self.actOpenFile, self.actShowFolder])
        return menu

    # ----------------------------------------------------------- archive lists

    def set_open_archives(self, roots: list[str]) -> None:
        self.open_archives = list(roots)

    @Slot()
    def fill_recent_menu(self) -> None:
        self.recentMenu.clear()
        recent = self.settings.recent_archives
        for n, root in enumerate(recent, start=1):
            action = self.recentMenu.addAction(f"&{n % 10} {menu_text(root)}" if n <= 10 else menu_text(root))
            action.setData(root)
            action.setEnabled(root not in self.open_archives)
            action.triggered.connect(self._recent_chosen)
        if not recent:
            self.recentMenu.addAction("No recent archives").setEnabled(False)
        self.recentMenu.addSeparator()
        self.recentMenu.addAction(self.actOpenSample)

    @Slot()
    def fill_close_menu(self) -> None:
        self.closeMenu.clear()
        for n, root in enumerate(self.open_archives, start=1):
            action = self.closeMenu.addAction(f"&{n % 10} {menu_text(archive_label(root))}  ({menu_text(root)})")
            action.setData(root)
            action.triggered.connect(self._close_chosen)
        if not self.open_archives:
            self.closeMenu.addAction("No archive is open").setEnabled(False)

    @Slot()
    def _recent_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.recentChosen.emit(action.data())

    @Slot()
    def _close_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.closeChosen.emit(action.data())

    @Slot(QAction)
    def _sort_chosen(self, action: QAction) -> None:
        self.sortChosen.emit(action.data())

    @Slot(QAction)
    def _theme_chosen(self, action: QAction) -> None:
        self.themeChosen.emit(action.data())


class ReaderToolBar(QToolBar):
    """Above the article: previous/next match with the counter, copy, more like this, zoom."""

    announced = Signal(str)  #: what the bar had a screen reader say ("hit 3 of 18")

    def __init__(self, actions: WindowActions, parent: QWidget | None = None) -> None:
        super().__init__("Article", parent)
        self.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.setIconSize(QSize(16, 16))
        self.addAction(actions.actPrevHit)
        self.hitCounter = QLabel("", self)
        self.hitCounter.setTextFormat(Qt.PlainText)
        self.hitCounter.setAccessibleName("Match shown")
        self.hitCounter.setMinimumWidth(self.fontMetrics().horizontalAdvance("hit 888 of 888") + 12)
        self.hitCounter.setAlignment(Qt.AlignCenter)
        self.addWidget(self.hitCounter)
        self.addAction(actions.actNextHit)
        self.addSeparator()
        self.addAction(actions.actCopyCite)
        self.addAction(actions.actMoreLike)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.addWidget(spacer)
        self.addAction(actions.actZoomOut)
        self.addAction(actions.actZoomIn)
        for action, text in ((actions.actZoomOut, "A−"), (actions.actZoomIn, "A+"), (actions.actPrevHit, "◀ Previous"),
                             (actions.actNextHit, "Next ▶"), (actions.actMoreLike, "More like this")):
            action.setIconText(text)
        self._actions = actions
        self._reach_by_tab({actions.actPrevHit: "Previous match", actions.actNextHit: "Next match",
                            actions.actCopyCite: "Copy with citation", actions.actMoreLike: "More like this",
                            actions.actZoomOut: "Zoom out", actions.actZoomIn: "Zoom in"})

    def _reach_by_tab(self, names: dict[QAction, str]) -> None:
        """Tool bar buttons take no focus in Qt: these do, by Tab, with names that say what they do ("A+" does not)."""
        for action, name in names.items():
            button = self.widgetForAction(action)
            button.setFocusPolicy(Qt.TabFocus)
            button.setAccessibleName(name)
            button.setAccessibleDescription(action.toolTip())
        extension = self.findChild(QWidget, "qt_toolbar_ext_button")
        if extension is not None:
            extension.setAccessibleName("More article tools")
            extension.setAccessibleDescription("The tools the narrow bar has no room for")

    def set_hit(self, current: int, count: int, has_article: bool) -> None:
        """The counter: "hit 2 of 7", "no hits" or nothing; Next/Previous only with several."""
        text = f"hit {current} of {count}" if count else "no hits" if has_article else ""
        if text and text != self.hitCounter.text():
            announce(self.hitCounter, text)
            self.announced.emit(text)
        self.hitCounter.setText(text)
        self.hitCounter.setAccessibleDescription(text)  # (its name says what it is)
        self._actions.actNextHit.setEnabled(count > 1)
        self._actions.actPrevHit.setEnabled(count > 1)
