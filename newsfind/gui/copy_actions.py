"""Copying to the clipboard: a passage with its citation, the citation alone,
the article's text, a result's snippet with its citation, a reference list of
the results selected."""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QMimeData, QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from newsfind import cite as news_cite
from newsfind.archive import Article
from newsfind.search import Hit
from newsfind.snippets import snippet_text
from newsfind.wording import plural

from newsfind.gui.reader import ReadingPane
from newsfind.gui.results import ResultsView
from newsfind.gui.settings import Settings


def put_on_clipboard(text: str, html_fragment: str | None = None) -> None:
    """Text, and HTML as a whole document with its charset (what word processors expect)."""
    data = QMimeData()
    data.setText(text)
    if html_fragment is not None:
        data.setHtml(news_cite.html_document(html_fragment))
    QGuiApplication.clipboard().setMimeData(data)


class CopyActions(QObject):
    """What the Copy commands put on the clipboard, in the citation style of the settings."""

    message = Signal(str, int)  #: for the status bar: text, milliseconds

    def __init__(self, settings: Settings, reader: ReadingPane, results: ResultsView,
                 article_of: Callable[[Hit], Article | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.reader = reader
        self.results = results
        self.article_of = article_of

    def _source(self, root: str) -> news_cite.CiteSource:
        return self.settings.cite_source(root)

    @Slot()
    def copy_with_citation(self) -> None:
        article = self.reader.article
        offsets = self.reader.selection_offsets()
        if article is None or offsets is None:
            self.message.emit("Select a passage in the article first, then copy it with its citation.", 6000)
            return
        style = self.settings.cite_style
        try:
            citation = news_cite.cite(article, offsets[0], offsets[1], style, self._source(self.reader.archive_root),
                                      join_paragraphs=self.settings.cite_join)
        except ValueError as error:
            self.message.emit(f"Cannot cite this selection: {error}", 6000)
            return
        put_on_clipboard(citation.text, citation.html)
        self.message.emit(f"Copied the passage with a {style} citation.", 4000)

    @Slot()
    def copy_citation_only(self) -> None:
        article = self.reader.article
        if article is None:
            return
        citation = news_cite.cite(article, None, None, self.settings.cite_style, self._source(self.reader.archive_root))
        put_on_clipboard(citation.text, citation.html)
        self.message.emit("Copied the citation.", 4000)

    @Slot()
    def copy_article_text(self) -> None:
        article = self.reader.article
        if article is None:
            return
        put_on_clipboard(news_cite.article_text(article))
        self.message.emit("Copied the article text.", 4000)

    @Slot()
    def copy_snippet_with_citation(self) -> None:
        hit = self.results.current_hit()
        if hit is None:
            self.message.emit("Select a result first.", 5000)
            return
        article = self.article_of(hit)
        if article is None:
            return
        citation = self._snippet_citation(article, hit)
        put_on_clipboard(citation.text, citation.html)
        self.message.emit("Copied the snippet with its citation.", 4000)

    @Slot()
    def copy_citations_of_selected(self) -> None:
        """A reference list of the results selected (in the style's order), as one copy."""
        hits = self.results.selected_hits()
        items = [(article, self._source(hit.archive)) for hit in hits if (article := self.article_of(hit)) is not None]
        if not items:
            self.message.emit("Select one or more results first (Shift or Ctrl with a click or the arrows).", 6000)
            return
        citation = news_cite.cite_many(items, self.settings.cite_style)
        put_on_clipboard(citation.text, citation.html)
        left_out = len(hits) - len(items)
        note = f" ({plural(left_out, 'article')} no longer in the index left out)" if left_out else ""
        self.message.emit(f"Copied {plural(len(items), 'citation')}{note}.", 5000)

    def _snippet_citation(self, article: Article, hit: Hit) -> news_cite.Citation:
        """The snippet's passage cited; without its place (a similar-articles list), its text above the article's citation."""
        style, source = self.settings.cite_style, self._source(hit.archive)
        span = hit.snippet_span
        if span is not None:
            try:
                return news_cite.cite(article, span[0], span[1], style, source, join_paragraphs=self.settings.cite_join)
            except ValueError:
                pass
        citation = news_cite.cite(article, None, None, style, source)
        text = snippet_text(hit.snippet)
        return news_cite.Citation(f"{text}\n\n{citation.text}", f"<p>{html.escape(text)}</p>\n{citation.html}")
