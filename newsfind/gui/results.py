"""The results list: a model fed page by page, a delegate drawing snippets, and the view."""

from __future__ import annotations

import html
import os
from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPoint, QPointF, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QListView, QMenu, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget,
)

from newsfind.marks import Mark
from newsfind.search import Hit
from newsfind.snippets import replace_marks, snippet_text
from newsfind.wording import archive_label, plural

from newsfind.gui.accessibility import announce
from newsfind.gui.plaintext import tooltip_text

HitRole = Qt.UserRole + 1
MarkRole = Qt.UserRole + 2  #: the user's marks on the result's article (marks.Mark), or None


def mark_words(mark: Mark | None) -> list[str]:
    """★ starred, ✓ reviewed, #tags: what the list shows of a mark."""
    if mark is None:
        return []
    words = (["★ starred"] if mark.starred else []) + (["✓ reviewed"] if mark.reviewed else [])
    return words + [f"#{tag}" for tag in mark.tags] + (["✎ note"] if mark.note else [])

def snippet_html(snippet: str) -> str:
    """The search's escaped snippet, with <mark> drawn as readable highlight."""
    return replace_marks(snippet, '<span style="background-color:#ffe066; color:#000000;">', "</span>")


def copies_text(count: int) -> str:
    """What a story row says of the other copies it stands for: "+ 6 copies"."""
    return f"+ {plural(count, 'copy', 'copies')}"


class ResultsModel(QAbstractListModel):
    """The rows of the list: the hits of the search shown, and under a story
    row whose copies were asked for, those copies (rows of their own)."""

    moreWanted = Signal()
    copiesWanted = Signal(Hit)  #: a story row's copies are to be listed (show_copies takes them)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        #: per row: the story row's hit a copy row is listed under, None for the search's own rows
        self._story_of: list[Hit | None] = []
        #: (archive, id) of the stories whose copies are listed (or asked for)
        self._expanded: set[tuple[str, str]] = set()
        self.total = 0
        self.stories: int | None = None  #: how many stories the total articles are (None: not collapsed)
        self.has_more = False
        self.fetching = False
        self.show_archive = False
        #: (archive, path) → the user's marks on that article (unmarked ones are absent)
        self.marks: dict[tuple[str, str], Mark] = {}
        #: (archive, path) of the hits a saved search had not shown before (listed first, said "new")
        self.new_places: frozenset[tuple[str, str]] = frozenset()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.DisplayRole:
            return hit.title or hit.path
        if role == HitRole:
            return hit
        if role == MarkRole:
            return self.marks.get(hit.place)
        if role == Qt.ToolTipRole:
            return tooltip_text(f"{hit.archive}{os.sep}{hit.path}" if hit.archive else hit.path)
        if role == Qt.AccessibleTextRole:
            return self.spoken_row(index.row())
        if role == Qt.AccessibleDescriptionRole:
            return snippet_text(hit.snippet)
        return None

    def spoken_heading(self, hit: Hit) -> str:
        """What a screen reader says of a result first: title, date and where it is from (plain text)."""
        date = f"{hit.date.day} {hit.date:%B %Y}" if hit.date else "undated"
        source = f"{hit.path}, {archive_label(hit.archive)}" if self.show_archive and hit.archive else hit.path
        marks = ", ".join((["new"] if hit.place in self.new_places else [])
                          + mark_words(self.marks.get(hit.place)))
        return f"{hit.title or hit.path}, {date}, {source}" + (f", {marks}" if marks else "")

    def spoken_row(self, row: int) -> str:
        """A row's accessible name: its heading, and the copies it stands for or the story it is a copy of."""
        hit, story = self.hits[row], self._story_of[row]
        if story is not None:
            return f"copy of “{story.title or story.path}”: {self.spoken_heading(hit)}"
        if not hit.copies:
            return self.spoken_heading(hit)
        shown = "shown below" if self.copies_shown(row) else "Right arrow lists them"
        return f"{self.spoken_heading(hit)}, {copies_text(hit.copies)} ({shown})"

    # ------------------------------------------------------------ copies

    def story_of(self, row: int) -> Hit | None:
        """The story row's hit a copy row is listed under (None: a row of the search's own)."""
        return self._story_of[row] if 0 <= row < len(self.hits) else None

    def copies_shown(self, row: int) -> bool:
        """The story row's copies are listed (or asked for)."""
        return 0 <= row < len(self.hits) and (self.hits[row].archive, self.hits[row].id) in self._expanded

    def show_copies_of(self, row: int) -> None:
        """Ask for a story row's copies (they come to show_copies)."""
        hit = self.hits[row] if 0 <= row < len(self.hits) else None
        if hit is None or not hit.copies or self._story_of[row] is not None or self.copies_shown(row):
            return
        self._expanded.add((hit.archive, hit.id))
        self.dataChanged.emit(self.index(row), self.index(row))
        self.copiesWanted.emit(hit)

    def show_copies(self, story: Hit, copies: list[Hit]) -> None:
        """The copies asked for, as rows under their story's (if it is still listed and wants them)."""
        row = self._story_row(story)
        if row < 0 or not self.copies_shown(row) or self._story_of[row + 1:row + 2] == [self.hits[row]]:
            return
        if not copies:  # (none match any more, or they could not be listed)
            self._expanded.discard((story.archive, story.id))
            self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginInsertRows(QModelIndex(), row + 1, row + len(copies))
        self.hits[row + 1:row + 1] = copies
        self._story_of[row + 1:row + 1] = [self.hits[row]] * len(copies)
        self.endInsertRows()

    def hide_copies_of(self, row: int) -> int:
        """Take a story's copy rows away (row: the story's or one of its copies'); returns the story's row (-1: none)."""
        story = self.story_of(row)
        row = self._story_row(story) if story is not None else row
        if not self.copies_shown(row):
            return row if 0 <= row < len(self.hits) else -1
        self._expanded.discard((self.hits[row].archive, self.hits[row].id))
        end = row + 1
        while end < len(self.hits) and self._story_of[end] is not None:
            end += 1
        if end > row + 1:
            self.beginRemoveRows(QModelIndex(), row + 1, end - 1)
            del self.hits[row + 1:end]
            del self._story_of[row + 1:end]
            self.endRemoveRows()
        self.dataChanged.emit(self.index(row), self.index(row))
        return row

    def _story_row(self, story: Hit) -> int:
        for row, hit in enumerate(self.hits):
            if self._story_of[row] is None and (hit.archive, hit.id) == (story.archive, story.id):
                return row
        return -1

    # ------------------------------------------------------------- marks

    def set_marks(self, marks: dict[tuple[str, str], Mark], replace: bool = False) -> None:
        """The user's marks on these places (replace: on every row, those not given unmarked)."""
        if replace:
            self.marks = {}
        self.marks.update({place: mark for place, mark in marks.items() if not mark.empty})
        for place, mark in marks.items():
            if mark.empty:
                self.marks.pop(place, None)
        if self.hits:
            self.dataChanged.emit(self.index(0), self.index(len(self.hits) - 1), [MarkRole])

    def set_hits(self, hits: list[Hit], total: int, has_more: bool,
                 new_places: frozenset[tuple[str, str]] = frozenset(), stories: int | None = None) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self._story_of = [None] * len(self.hits)
        self._expanded = set()
        self.new_places = new_places
        self.total = total
        self.stories = stories
        self.has_more = has_more
        self.fetching = False
        self.endResetModel()

    def append_hits(self, hits: list[Hit], has_more: bool) -> None:
        self.fetching = False
        self.has_more = has_more
        if hits:
            self.beginInsertRows(QModelIndex(), len(self.hits), len(self.hits) + len(hits) - 1)
            self.hits.extend(hits)
            self._story_of.extend([None] * len(hits))
            self.endInsertRows()

    def stop_fetching(self) -> None:
        """The page asked for will not come (the search failed): ask again when scrolled."""
        self.fetching = False

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.has_more and not self.fetching

    def fetchMore(self, parent=QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self.fetching = True
            self.moreWanted.emit()

    def row_of(self, archive: str, article_id: str) -> int:
        for row, hit in enumerate(self.hits):
            if hit.id == article_id and hit.archive == archive:
                return row
        return -1


#: The link a story row's "+ N copies" is.
COPIES_LINK = "copies"


class HitDelegate(QStyledItemDelegate):
    """Title, date · path (· archive) (· + N copies), then the snippet with marked words;
    a copy listed under its story indented."""

    PADDING = 8
    INDENT = 28  #: how far a copy row is set in

    copiesClicked = Signal(int)  #: the "+ N copies" of this row was clicked

    #: Laid-out rows kept, so that painting a row reuses the layout its size was measured with.
    KEPT_LAYOUTS = 64

    def __init__(self, model: ResultsModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        # Kept on self (a temporary QTextDocument may be collected while Qt uses it), newest last.
        self._docs: OrderedDict[tuple, QTextDocument] = OrderedDict()

    def hit_html(self, hit: Hit, option: QStyleOptionViewItem, selected: bool, row: int = -1) -> str:
        palette = option.palette
        text = palette.color(QPalette.HighlightedText if selected else QPalette.Text).name()
        dim = palette.color(QPalette.HighlightedText if selected else QPalette.PlaceholderText).name()
        meta = [hit.date.isoformat() if hit.date else "undated", hit.path]
        if self.model.show_archive and hit.archive:
            meta.append(archive_label(hit.archive))
        new = hit.place in self.model.new_places
        copy = ["copy"] if self.model.story_of(row) is not None else []
        meta = (["● new"] if new else []) + copy + meta + mark_words(self.model.marks.get(hit.place))
        # Separate blocks: each takes its own direction from its text (an Arabic
        # title right-to-left, the ISO date and path always left-to-right).
        return (f'<p style="margin:0; color:{text}"><b>{html.escape(hit.title or hit.path)}</b></p>'
                f'<p dir="ltr" style="margin:0; color:{dim}">{html.escape("  ·  ".join(meta))}'
                f'{self._copies_link(hit, row, palette, selected)}</p>'
                f'<p style="margin:0; color:{text}">{snippet_html(hit.snippet)}</p>')

    def _copies_link(self, hit: Hit, row: int, palette: QPalette, selected: bool) -> str:
        """A story row's "+ 6 copies" (a link: a click lists them, or takes them away)."""
        if not hit.copies or self.model.story_of(row) is not None:
            return ""
        colour = palette.color(QPalette.HighlightedText if selected else QPalette.Link).name()
        label = f"− {plural(hit.copies, 'copy', 'copies')}" if self.model.copies_shown(row) else copies_text(hit.copies)
        return f'&nbsp;&nbsp;·&nbsp;&nbsp;<a href="{COPIES_LINK}" style="color:{colour}">{html.escape(label)}</a>'

    def _indent(self, row: int) -> int:
        return self.INDENT if self.model.story_of(row) is not None else 0

    def _layout(self, hit: Hit, option: QStyleOptionViewItem, width: int, selected: bool,
                row: int = -1) -> QTextDocument:
        """The row laid out (each layout is a rich-text document: the list's main cost)."""
        width -= self._indent(row)
        key = (hit, self.model.marks.get(hit.place), hit.place in self.model.new_places, self.model.show_archive, width, selected, option.font.key(),
               option.palette.cacheKey(), self.model.story_of(row) is not None, self.model.copies_shown(row))
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument(self)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        doc.setHtml(self.hit_html(hit, option, selected, row))
        doc.setTextWidth(max(50, width - 2 * self.PADDING))
        self._docs[key] = doc
        if len(self._docs) > self.KEPT_LAYOUTS:
            self._docs.popitem(last=False)[1].deleteLater()
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is None:
            return super().paint(painter, option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.State_Selected)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, opt, painter, opt.widget)
        indent = self._indent(index.row())
        doc = self._layout(hit, opt, opt.rect.width(), selected, index.row())
        if indent:  # a copy: a line down its left, under its story
            painter.save()
            painter.setPen(opt.palette.color(QPalette.Mid))
            x = opt.rect.left() + indent // 2
            painter.drawLine(x, opt.rect.top(), x, opt.rect.bottom())
            painter.restore()
        painter.save()
        painter.translate(opt.rect.left() + indent + self.PADDING, opt.rect.top() + self.PADDING)
        clip = QRect(0, 0, opt.rect.width() - indent - 2 * self.PADDING, opt.rect.height() - 2 * self.PADDING)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = opt.palette
        doc.documentLayout().draw(painter, context)
        painter.restore()
        # a hairline between results
        painter.save()
        painter.setPen(opt.palette.color(QPalette.Midlight))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        hit = index.data(HitRole)
        if hit is None:
            return super().sizeHint(option, index)
        width = option.rect.width() if option.rect.width() > 0 else 400
        if option.widget is not None:
            width = option.widget.viewport().width()
        doc = self._layout(hit, option, width, False, index.row())
        return QSize(width, int(doc.size().height()) + 2 * self.PADDING + 1)

    def editorEvent(self, event, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:
        """A click on a story row's "+ N copies" lists them (or takes them away)."""
        if (event.type() == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton
                and self.link_at(option, index, event.position().toPoint()) == COPIES_LINK):
            self.copiesClicked.emit(index.row())
            return True
        return super().editorEvent(event, model, option, index)

    def link_at(self, option: QStyleOptionViewItem, index: QModelIndex, pos: QPoint) -> str:
        """The link of the row at this point of the view ("": none)."""
        hit = index.data(HitRole)
        if hit is None:
            return ""
        indent = self._indent(index.row())
        doc = self._layout(hit, option, option.rect.width(), False, index.row())
        inside = QPointF(pos.x() - option.rect.left() - indent - self.PADDING, pos.y() - option.rect.top() - self.PADDING)
        return doc.documentLayout().anchorAt(inside)


#: Rows laid out before the list first paints (more than a window shows).
LAYOUT_BATCH = 8


class ResultsView(QListView):
    """The results list; says what to do when it is empty, and how many it holds."""

    announced = Signal(str)  #: what the list had a screen reader say
    painted = Signal()  #: a new list's rows were painted (once per list)

    def __init__(self, model: ResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self.setAccessibleName("Results")
        self.setAccessibleDescription("The articles found, best first or by date; Enter or a click shows one; "
                                      "Right arrow lists a story's copies, Left arrow takes them away; "
                                      "Menu key for copy and more like this")
        self.setModel(model)
        self._new_list = False
        model.modelReset.connect(self._on_new_list)
        delegate = HitDelegate(model, self)
        delegate.copiesClicked.connect(self.toggle_copies)
        self.setItemDelegate(delegate)
        self.setUniformItemSizes(False)
        # Rows are laid out a few at a time (each is a text layout): the first ones paint sooner.
        self.setLayoutMode(QListView.Batched)
        self.setBatchSize(LAYOUT_BATCH)
        self.setResizeMode(QListView.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        # Several at once (Shift, Ctrl): to copy their citations or export them together.
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setWordWrap(True)
        self.setAcceptDrops(False)
        self.setMinimumWidth(260)
        self.setContextMenuPolicy(Qt.CustomContextMenu)

    def current_hit(self) -> Hit | None:
        index = self.currentIndex()
        return index.data(HitRole) if index.isValid() else None

    def selected_hits(self) -> list[Hit]:
        """The results selected, in list order (none selected: the current one)."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        hits = [self.model().index(row).data(HitRole) for row in rows]
        current = self.current_hit()
        return [hit for hit in hits if hit is not None] or ([current] if current is not None else [])

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.model().index(row))

    def show_menu(self, pos, menu: QMenu) -> None:
        """The context menu of the result at pos (made current first, unless it is one
        of several selected: the menu's commands then act on them all)."""
        index = self.indexAt(pos)
        if index.isValid():
            if not self.selectionModel().isSelected(index):
                self.setCurrentIndex(index)
            menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def focus_results(self) -> None:
        """Go to the list (its first result if none is current)."""
        if self.model().rowCount():
            self.setFocus()
            if not self.currentIndex().isValid():
                self.select_row(0)

    @Slot()
    def announce_count(self) -> None:
        """A new list arrived: "37 articles", or "37 articles in 20 stories" (its total, not the rows loaded so far)."""
        model = self.model()
        text = plural(model.total, "article")
        if model.stories is not None and model.stories != model.total:  # (as results_summary.counts_stories)
            text += f" in {plural(model.stories, 'story', 'stories')}"
        self._say(text)

    def _say(self, text: str) -> None:
        announce(self, text)
        self.announced.emit(text)

    # ------------------------------------------------------------ copies

    @Slot(int)
    def toggle_copies(self, row: int) -> None:
        """A story row's copies listed under it, or taken away (a click on its "+ N copies")."""
        if self.model().copies_shown(row):
            self.hide_copies(row)
        else:
            self.show_copies(row)

    def show_copies(self, row: int) -> None:
        hit = self.model().hits[row] if 0 <= row < self.model().rowCount() else None
        if hit is not None and hit.copies and not self.model().copies_shown(row):
            self.model().show_copies_of(row)
            self._say(f"listing {plural(hit.copies, 'copy', 'copies')}")

    def hide_copies(self, row: int) -> None:
        """Take away the copies of the story at row, or of the story a copy row is under (made current)."""
        was_copy = self.model().story_of(row) is not None
        story = self.model().hide_copies_of(row)
        if story >= 0 and was_copy:
            self.select_row(story)

    def keyPressEvent(self, event) -> None:
        """Right or + lists the current story's copies; Left or - takes them away."""
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeypadModifier
        plain = not modifiers or (key in (Qt.Key_Plus, Qt.Key_Minus) and modifiers == Qt.ShiftModifier)
        if row >= 0 and plain and key in (Qt.Key_Right, Qt.Key_Plus):
            self.show_copies(row)
        elif row >= 0 and plain and key in (Qt.Key_Left, Qt.Key_Minus):
            self.hide_copies(row)
        else:
            super().keyPressEvent(event)

    def set_placeholder(self, text: str) -> None:
        if text != self.placeholder:
            self.placeholder = text
            self.viewport().update()

    @Slot()
    def _on_new_list(self) -> None:
        self._new_list = True

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._new_list and (self.model().rowCount() == 0 or self.indexAt(QPoint(1, 1)).isValid()):
            self._new_list = False  # (the first rows are laid out and painted, not just the frame)
            self.painted.emit()
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.PlaceholderText))
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(rect, Qt.AlignHCenter | Qt.AlignTop | Qt.TextWordWrap, self.placeholder)
            painter.end()
