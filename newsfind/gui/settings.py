"""The window's settings, typed: one property per key, each key named once."""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings, QSize

from newsfind.cite import STYLES, CiteSource
from newsfind.search import SORTS
from newsfind.trends import TREND_UNITS

HISTORY_SIZE = 50
RECENT_SIZE = 10
THEMES = ("system", "light", "dark")
#: An article open this many seconds counts as reviewed, unless the user says otherwise.
AUTO_REVIEW_SECONDS = 5
MAX_AUTO_REVIEW_SECONDS = 600
#: The reading column: at most this many average characters wide (None: the pane's width).
READER_WIDTHS: dict[str, int | None] = {"narrow": 60, "medium": 80, "full": None}


def _as_list(value) -> list[str]:
    """QSettings gives back a one-item list as a str (INI) and none as None."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


class Settings:
    """What the window remembers between runs, over a QSettings store."""

    def __init__(self, store: QSettings) -> None:
        self.store = store

    def sync(self) -> None:
        self.store.sync()

    @property
    def geometry(self) -> QByteArray | None:
        return self.store.value("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self.store.setValue("window/geometry", value)

    @property
    def geometry_screen(self) -> QSize | None:
        """The available size of the screen the geometry was saved on (logical pixels)."""
        value = self.store.value("window/screen")
        return value if isinstance(value, QSize) and value.isValid() else None

    @geometry_screen.setter
    def geometry_screen(self, value: QSize) -> None:
        self.store.setValue("window/screen", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self.store.value("window/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self.store.setValue("window/splitter", value)

    @property
    def sort(self) -> str:
        return str(self.store.value("search/sort", "relevance"))

    @sort.setter
    def sort(self, value: str) -> None:
        self.store.setValue("search/sort", value)

    @property
    def default_sort(self) -> str:
        """The sort every launch starts with; "" = the one used last."""
        value = str(self.store.value("search/defaultSort", ""))
        return value if value in SORTS else ""

    @default_sort.setter
    def default_sort(self, value: str) -> None:
        self.store.setValue("search/defaultSort", value if value in SORTS else "")

    @property
    def start_sort(self) -> str:
        """The sort a new window starts with."""
        return self.default_sort or self.sort

    @property
    def history(self) -> list[str]:
        return _as_list(self.store.value("search/history"))[:HISTORY_SIZE]

    @history.setter
    def history(self, value: list[str]) -> None:
        self.store.setValue("search/history", list(value))

    @property
    def font_size(self) -> float | None:
        """The reader's text size in points, or None if never set (or unreadable)."""
        try:
            return float(self.store.value("reader/fontSize"))
        except (TypeError, ValueError):
            return None

    @font_size.setter
    def font_size(self, value: float) -> None:
        self.store.setValue("reader/fontSize", value)

    @property
    def reader_font(self) -> str:
        """The reading pane's font family; "" = the system's."""
        return str(self.store.value("reader/fontFamily", ""))

    @reader_font.setter
    def reader_font(self, value: str) -> None:
        self.store.setValue("reader/fontFamily", value)

    @property
    def auto_review_seconds(self) -> int:
        """An article open this long is marked reviewed (0: only by hand, Ctrl+D)."""
        try:
            value = int(self.store.value("review/autoSeconds", AUTO_REVIEW_SECONDS))
        except (TypeError, ValueError):
            return AUTO_REVIEW_SECONDS
        return value if 0 <= value <= MAX_AUTO_REVIEW_SECONDS else AUTO_REVIEW_SECONDS

    @auto_review_seconds.setter
    def auto_review_seconds(self, value: int) -> None:
        self.store.setValue("review/autoSeconds", max(0, min(MAX_AUTO_REVIEW_SECONDS, int(value))))

    @property
    def reader_width(self) -> str:
        """How wide the reading column may grow: a key of READER_WIDTHS."""
        value = str(self.store.value("reader/width", "full"))
        return value if value in READER_WIDTHS else "full"

    @reader_width.setter
    def reader_width(self, value: str) -> None:
        self.store.setValue("reader/width", value if value in READER_WIDTHS else "full")

    @property
    def theme(self) -> str:
        """One of THEMES: the platform's look, or Fusion light or dark."""
        value = str(self.store.value("view/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.store.setValue("view/theme", value if value in THEMES else "system")

    @property
    def collapse_copies(self) -> bool:
        """The results list shows each wire-copy family once, by its earliest matching copy (+ N copies)."""
        return str(self.store.value("view/collapseCopies", "true")).lower() != "false"

    @collapse_copies.setter
    def collapse_copies(self, value: bool) -> None:
        self.store.setValue("view/collapseCopies", "true" if value else "false")

    @property
    def open_archives(self) -> list[str] | None:
        """The archives open when the window last closed; None on a first launch."""
        if not self.store.contains("archives/open"):
            return None
        return _as_list(self.store.value("archives/open"))

    @open_archives.setter
    def open_archives(self, value: list[str]) -> None:
        self.store.setValue("archives/open", list(value))

    @property
    def recent_archives(self) -> list[str]:
        return _as_list(self.store.value("archives/recent"))

    def remember_recent(self, root: str) -> None:
        recent = [r for r in self.recent_archives if r != root]
        self.store.setValue("archives/recent", [root, *recent][:RECENT_SIZE])

    def tool_window_geometry(self, name: str) -> QByteArray | None:
        """Where a window of its own (one of TOOL_WINDOWS) was left."""
        value = self.store.value(f"{_tool_window(name)}/geometry")
        return value if isinstance(value, QByteArray) else None

    def set_tool_window_geometry(self, name: str, value: QByteArray) -> None:
        self.store.setValue(f"{_tool_window(name)}/geometry", value)

    @property
    def trends_terms(self) -> str:
        """The Trends window's list of queries, one a line (as left when it was counted or closed)."""
        value = self.store.value("trends/terms", "")
        return value if isinstance(value, str) else ""

    @trends_terms.setter
    def trends_terms(self, value: str) -> None:
        self.store.setValue("trends/terms", value)

    @property
    def trends_unit(self) -> str:
        """The Trends window's period: "month", "year", or "" (chosen by the span of the articles)."""
        value = str(self.store.value("trends/by", ""))
        return value if value in TREND_UNITS else ""

    @trends_unit.setter
    def trends_unit(self, value: str | None) -> None:
        self.store.setValue("trends/by", value if value in TREND_UNITS else "")

    @property
    def trends_normalised(self) -> bool:
        """The Trends window shows shares of each period's articles rather than counts."""
        return str(self.store.value("trends/normalised", "false")).lower() == "true"

    @trends_normalised.setter
    def trends_normalised(self, value: bool) -> None:
        self.store.setValue("trends/normalised", "true" if value else "false")

    @property
    def cite_style(self) -> str:
        style = str(self.store.value("cite/style", "plain"))
        return style if style in STYLES else "plain"

    @cite_style.setter
    def cite_style(self, value: str) -> None:
        self.store.setValue("cite/style", value if value in STYLES else "plain")

    @property
    def cite_join(self) -> bool:
        return str(self.store.value("cite/join", "false")).lower() == "true"

    @cite_join.setter
    def cite_join(self, value: bool) -> None:
        self.store.setValue("cite/join", "true" if value else "false")

    @property
    def publications(self) -> dict[str, str]:
        """Archive root → the publication name its citations give."""
        try:
            names = json.loads(str(self.store.value("cite/publications", "{}")))
        except ValueError:
            return {}
        return names if isinstance(names, dict) else {}

    @publications.setter
    def publications(self, value: dict[str, str]) -> None:
        self.store.setValue("cite/publications", json.dumps(value))

    @property
    def archives_without_bylines(self) -> set[str]:
        """Archive roots whose "By …" lines are not taken for authors (they name something else)."""
        return set(_as_list(self.store.value("cite/noBylines")))

    @archives_without_bylines.setter
    def archives_without_bylines(self, roots: set[str]) -> None:
        self.store.setValue("cite/noBylines", sorted(roots))

    def cite_source(self, root: str) -> CiteSource:
        """What the citations of an article of this archive know beyond the article."""
        return CiteSource(archive_root=root or None, publication=self.publications.get(root) or None,
                          bylines=root not in self.archives_without_bylines)

    def set_citation_preferences(self, style: str, join: bool, publications: dict[str, str],
                                 bylines: dict[str, bool] | None = None) -> None:
        """What the Preferences dialog gives: a style, joining, names (an empty one is
        forgotten) and, per archive, whether its "By …" lines name the authors."""
        self.cite_style = style
        self.cite_join = join
        names = self.publications
        for root, name in publications.items():
            if name:
                names[root] = name
            else:
                names.pop(root, None)
        self.publications = names
        without = self.archives_without_bylines
        for root, taken in (bylines or {}).items():
            (without.discard if taken else without.add)(root)
        self.archives_without_bylines = without


#: The windows of their own whose place is remembered.
TOOL_WINDOWS = ("concordance", "trends")


def _tool_window(name: str) -> str:
    if name not in TOOL_WINDOWS:
        raise ValueError(f"no such window: {name!r}")
    return name
