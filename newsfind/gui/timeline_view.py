"""A compact histogram of when a query's matches were published (issue 6).

``TimelineView`` draws a :class:`newsfind.timeline.Timeline` with QPainter:
one bar per bucket, axis labels that never overlap (a label stride is chosen
from the font metrics), the unit and undated count as text, tooltips per bar.
Clicking a bar or dragging across bars selects a period and emits
``periodSelected(start, end)`` (dates, both inclusive); Esc, the "×" button
or a click on empty space clears it and emits ``selectionCleared``.

All colours come from the widget's palette, so it follows dark mode, and all
geometry is in floating coordinates, so it stays sharp at any device ratio.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QToolButton, QToolTip, QWidget

from newsfind.timeline import Bucket, Timeline, Unit
from newsfind.wording import plural
from newsfind.gui.accessibility import announce
from newsfind.gui.timeline_accessible import bar_focused, expose_bars

#: How the timeline is used from the keyboard (said by screen readers).
KEYS_HELP = "Left and Right pick a period, Shift extends it, Home and End go to the ends, Esc shows all dates"


# ---------------------------------------------------------------- text helpers

def _day(d: dt.date) -> str:
    return f"{d.day} {d:%b} {d.year}"


def _date_range(start: dt.date, end: dt.date) -> str:
    """5–11 Aug 2019, 29 Jul – 4 Aug 2019, 30 Dec 2019 – 5 Jan 2020."""
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b} {end.year}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b} {end.year}"
    return f"{_day(start)} – {_day(end)}"


def period_text(bucket: Bucket, unit: Unit) -> str:
    """The bucket's period for people: 8 Aug 2019, 5–11 Aug 2019, Aug 2019, 1850s (1850–1859)."""
    if unit in ("day", "week"):
        return _date_range(bucket.start, bucket.end)
    if unit in ("decade", "century"):
        return f"{bucket.label(unit)} ({bucket.start.year}–{bucket.end.year})"
    return bucket.label(unit)


def range_text(first: Bucket, last: Bucket, unit: Unit) -> str:
    """A selected run of buckets: Aug–Oct 2019 style, from its first to its last bucket."""
    if first == last:
        return period_text(first, unit)
    if unit in ("day", "week"):
        return _date_range(first.start, last.end)
    return f"{first.label(unit)} – {last.label(unit)}"


# Axis label levels, finest first: each maps (bucket, previous bucket or None)
# to a label or None. The first level whose labels fit without overlap is used.
LabelLevel = Callable[[Bucket, Optional[Bucket]], Optional[str]]


def _every(fmt: Callable[[dt.date], str], keep: Callable[[dt.date], bool] = lambda d: True) -> LabelLevel:
    return lambda b, prev: fmt(b.start) if keep(b.start) else None


def _new_month(months: int) -> LabelLevel:
    def level(b: Bucket, prev: Bucket | None) -> str | None:
        if prev is not None and prev.start.month == b.start.month and prev.start.year == b.start.year:
            return None
        if prev is None and b.start.day != 1:
            return None
        if (b.start.month - 1) % months:
            return None
        return f"{b.start:%b} {b.start.year}"
    return level


def _new_year(stride: int, suffix: str = "") -> LabelLevel:
    def level(b: Bucket, prev: Bucket | None) -> str | None:
        year = b.start.year
        if prev is not None and prev.start.year == year:
            return None
        if prev is None and (b.start.month, b.start.day) != (1, 1):
            return None
        return f"{year}{suffix}" if year % stride == 0 else None
    return level


_YEAR_STRIDES = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)


def label_levels(unit: Unit) -> list[LabelLevel]:
    short_day = lambda d: f"{d.day} {d:%b}"
    years = [_new_year(stride) for stride in _YEAR_STRIDES]
    if unit == "day":
        return [_every(short_day), _every(short_day, lambda d: d.weekday() == 0),
                _every(short_day, lambda d: d.day in (1, 15)),
                _new_month(1), _new_month(3), _new_month(6), *years]
    if unit == "week":
        return [_every(short_day), _every(short_day, lambda d: d.isocalendar()[1] % 2 == 0),
                _new_month(1), _new_month(3), _new_month(6), *years]
    if unit == "month":
        return [_new_month(1), _new_month(3), _new_month(6), *years]
    if unit == "year":
        return years
    if unit == "decade":
        return [_new_year(s, "s") for s in _YEAR_STRIDES if s >= 10 and s % 10 == 0]
    return [_new_year(s, "s") for s in _YEAR_STRIDES if s >= 100 and s % 100 == 0]


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """a blended towards b by t (0: a, 1: b), opaque."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                           a.greenF() + (b.greenF() - a.greenF()) * t,
                           a.blueF() + (b.blueF() - a.blueF()) * t, 1.0)


# ---------------------------------------------------------------------- widget

class TimelineView(QWidget):
    """When the matches were published, as bars; click or drag to pick a period."""

    #: (start, end): datetime.date, both inclusive.
    periodSelected = Signal(object, object)
    selectionCleared = Signal()
    announced = Signal(str)  #: what the timeline had a screen reader say ("1995: 12 articles")

    PAD = 4.0          #: horizontal padding, px
    PLOT_MIN = 24.0    #: the bars' least height, px
    MAX_BAR = 64.0     #: the widest a bar is drawn (few buckets on a wide widget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._anchor: int | None = None   # selection: from anchor to cursor, inclusive
        self._cursor: int | None = None
        self._dragging = False
        self._press_moved = False
        self._hover: int | None = None
        self._placeholder = "No dated matches"
        self._typed_range = ""  #: the dates typed in the fields and what they list, said on the right
        self._stories = False  #: it counts stories (a wire-copy family once), not articles
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName("Timeline of matches")
        self.setAccessibleDescription(KEYS_HELP)
        self._clear_button = QToolButton(self)
        self._clear_button.setText("×")
        self._clear_button.setAutoRaise(True)
        self._clear_button.setCursor(Qt.ArrowCursor)
        self._clear_button.setToolTip("Show all dates again (Esc)")
        self._clear_button.setAccessibleName("Clear the selected period")
        self._clear_button.setAccessibleDescription("Show all dates again (Esc in the timeline)")
        self._clear_button.setFocusPolicy(Qt.NoFocus)  # Esc does it from the keyboard
        self._clear_button.clicked.connect(self.clear_selection)
        self._clear_button.hide()
        self._update_description()
        expose_bars()

    # ------------------------------------------------------------------ API

    def timeline(self) -> Timeline | None:
        return self._timeline

    def set_counting_stories(self, stories: bool) -> None:
        """Whether the counts are of stories (a wire-copy family once) or of articles: what they are called."""
        self._stories = stories
        self._update_description()
        self.update()

    def _counted(self, count: int) -> str:
        """ "12 articles", or "12 stories"."""
        return plural(count, "story", "stories") if self._stories else plural(count, "article")

    def set_timeline(self, timeline: Timeline | None) -> None:
        """Show a timeline (None or no buckets: a placeholder line).

        A selection is kept when its first and last days are still bucket
        boundaries of the new timeline; otherwise it is dropped and
        selectionCleared is emitted (so a filter built on it can be lifted).
        """
        old = self.selected_range()
        self._timeline = timeline
        self._hover = None
        self._anchor = self._cursor = None
        self._dragging = False
        if old is not None:
            buckets = timeline.buckets if timeline else ()
            first = next((i for i, b in enumerate(buckets) if b.start == old[0]), None)
            last = next((i for i, b in enumerate(buckets) if b.end == old[1]), None)
            if first is not None and last is not None and first <= last:
                self._anchor, self._cursor = first, last
        self._selection_changed()
        self.update()
        if old is not None and self._anchor is None:
            self.selectionCleared.emit()

    def selected_range(self) -> tuple[dt.date, dt.date] | None:
        span = self._selected_indexes()
        if span is None:
            return None
        buckets = self._buckets()
        return buckets[span[0]].start, buckets[span[1]].end

    def select_buckets(self, first: int, last: int | None = None) -> None:
        """Select buckets first..last (indexes) as a click or drag would, emitting periodSelected."""
        n = len(self._buckets())
        if not n:
            return
        last = first if last is None else last
        self._anchor, self._cursor = max(0, min(first, n - 1)), max(0, min(last, n - 1))
        self._emit_selection()

    def clear_selection(self) -> None:
        """Drop the selection; emits selectionCleared if there was one."""
        had = self._anchor is not None
        self.drop_selection()
        if had:
            self.selectionCleared.emit()

    def drop_selection(self) -> None:
        """Drop the selection without a signal: the filter it made is someone else's now."""
        self._anchor = self._cursor = None
        self._dragging = False
        self._selection_changed()
        self.update()

    def forget(self) -> None:
        """No timeline and no selection, without a signal (there is no query to filter)."""
        self.drop_selection()
        self.set_timeline(None)

    def summary_text(self) -> str:
        """The caption: 'by month · 12 undated' (and the selection, if any)."""
        t = self._timeline
        if t is None or not t.buckets:
            text = self._placeholder
            if t is not None and t.undated:
                text += f" · {t.undated:,} undated"
            return text
        dated = (plural(t.dated, "dated story", "dated stories") if self._stories
                 else plural(t.dated, "dated match", "dated matches"))
        parts = [f"{dated} by {t.unit}"]
        if t.undated:
            parts.append(f"{t.undated:,} undated")
        return " · ".join(parts)

    def set_typed_range(self, text: str) -> None:
        """The dates typed in the fields and how many matches they list ("": none
        typed): the caption counts every dated match, the list only those."""
        self._typed_range = text
        self._update_description()
        self.update()

    def selection_text(self) -> str:
        """The period selected and its matches, else the dates typed and theirs."""
        span = self._selected_indexes()
        if span is None:
            return self._typed_range
        buckets = self._buckets()
        count = sum(b.count for b in buckets[span[0]:span[1] + 1])
        return f"{range_text(buckets[span[0]], buckets[span[1]], self._unit())}: {self._counted(count)}"

    def tooltip_for_bar(self, index: int) -> str:
        bucket = self._buckets()[index]
        return f"{period_text(bucket, self._unit())}: {self._counted(bucket.count)}"

    def bar_count(self) -> int:
        return len(self._buckets())

    def bar_cursor(self) -> int | None:
        """The bar the keyboard is on (None: none yet)."""
        return self._cursor

    def bar_is_selected(self, index: int) -> bool:
        span = self._selected_indexes()
        return span is not None and span[0] <= index <= span[1]

    def bar_slot_rect(self, index: int) -> QRectF:
        """Bar index's column: the bar and the space above it."""
        return self._slot_rect(index)

    def bar_rect(self, index: int) -> QRectF:
        """The drawn bar of bucket index (at least 2 px high, a stub for a count of 0)."""
        slot = self._slot_rect(index)
        plot = self._plot_rect()
        top_count = max((b.count for b in self._buckets()), default=0) or 1
        width = min(self.MAX_BAR, slot.width() * (0.8 if slot.width() >= 4 else 1.0))
        height = max(2.0, plot.height() * self._buckets()[index].count / top_count)
        return QRectF(slot.center().x() - width / 2, plot.bottom() - height, width, height)

    def bar_at(self, pos: QPointF) -> int | None:
        """The bucket whose column (the bar, the space above it and its label) holds pos."""
        n = len(self._buckets())
        area = self._bars_area()
        if not n or not (area.left() <= pos.x() < area.right()) or pos.y() < self._plot_rect().top():
            return None
        return min(n - 1, int((pos.x() - area.left()) / area.width() * n))

    def labels(self) -> list[tuple[int, str, QRectF]]:
        """Axis labels as (bucket index, text, rect): the finest level that fits."""
        buckets = self._buckets()
        if not buckets:
            return []
        fm = QFontMetricsF(self.font())
        gap = fm.horizontalAdvance("  ")
        top = self._plot_rect().bottom() + 4.0
        for level in label_levels(self._unit()):
            placed: list[tuple[int, str, QRectF]] = []
            fits = True
            for i, bucket in enumerate(buckets):
                text = level(bucket, buckets[i - 1] if i else None)
                if text is None:
                    continue
                width = fm.horizontalAdvance(text)
                x = self._slot_rect(i).center().x() - width / 2
                x = max(1.0, min(x, self.width() - 1.0 - width))
                rect = QRectF(x, top, width, fm.height())
                if placed and placed[-1][2].right() + gap > rect.left() or width > self.width() - 2:
                    fits = False
                    break
                placed.append((i, text, rect))
            if fits and placed:
                return placed
        return []

    def label_rects(self) -> list[QRectF]:
        return [rect for _, _, rect in self.labels()]

    # ------------------------------------------------------------- geometry

    def _buckets(self) -> tuple[Bucket, ...]:
        return self._timeline.buckets if self._timeline else ()

    def _unit(self) -> Unit:
        return self._timeline.unit if self._timeline else "year"

    TOP = 2.0          #: space above the caption, px

    def _header_height(self) -> float:
        """The caption row, including the space above it."""
        return self.TOP + max(QFontMetricsF(self.font()).height(), 16.0) + 2.0

    def _plot_rect(self) -> QRectF:
        """Where bars stand: under the caption, above the axis labels."""
        fm = QFontMetricsF(self.font())
        top = self._header_height() + 2.0
        bottom = self.height() - fm.height() - 5.0
        return QRectF(self.PAD, top, max(1.0, self.width() - 2 * self.PAD), max(1.0, bottom - top))

    def _bars_area(self) -> QRectF:
        return self._plot_rect()

    def _slot_rect(self, index: int) -> QRectF:
        area = self._bars_area()
        n = max(1, len(self._buckets()))
        width = area.width() / n
        return QRectF(area.left() + index * width, area.top(), width, area.height())

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(480, int(self._header_height() + 2 + 44 + fm.height() + 5 + 0.5))

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(120, int(self._header_height() + 2 + self.PLOT_MIN + fm.height() + 5 + 0.5))

    # --------------------------------------------------------------- colours

    def _colours(self) -> dict[str, QColor]:
        pal = self.palette()
        window, text = pal.color(QPalette.Window), pal.color(QPalette.WindowText)
        highlight = pal.color(QPalette.Highlight)
        return {
            "text": text,
            "quiet": _mix(text, window, 0.35),     # caption, placeholder: still > 4.5:1
            "bar": _mix(text, window, 0.45),       # bars: > 3:1 against the window
            "hover": _mix(text, window, 0.2),
            "axis": _mix(text, window, 0.6),
            "selected": highlight,
            "band": QColor(highlight.red(), highlight.green(), highlight.blue(), 48),
        }

    # --------------------------------------------------------------- painting

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, False)
        colours = self._colours()
        fm = QFontMetricsF(self.font())
        buckets = self._buckets()
        if not buckets:
            painter.setPen(colours["quiet"])
            painter.drawText(QRectF(self.rect()), Qt.AlignCenter,
                             fm.elidedText(self.summary_text(), Qt.ElideRight, self.width() - 8))
            return

        # Caption (left) and selection (right, before the clear button).
        header = QRectF(self.PAD, self.TOP, self.width() - 2 * self.PAD, self._header_height() - self.TOP)
        right = header.right()
        if self._clear_button.isVisible():
            right = self._clear_button.geometry().left() - 4
        selection = self.selection_text()
        caption = self.summary_text()
        caption_width = fm.horizontalAdvance(caption)
        painter.setPen(colours["quiet"])
        painter.drawText(QRectF(header.left(), header.top(), min(caption_width + 1, header.width()), header.height()),
                         Qt.AlignLeft | Qt.AlignVCenter,
                         fm.elidedText(caption, Qt.ElideRight, header.width()))
        if selection:
            space = right - (header.left() + caption_width + 16)
            if space > 20:
                painter.setPen(colours["text"])
                painter.drawText(QRectF(right - space, header.top(), space, header.height()),
                                 Qt.AlignRight | Qt.AlignVCenter,
                                 fm.elidedText(selection, Qt.ElideLeft, space))

        plot = self._plot_rect()
        span = self._selected_indexes()
        if span is not None:
            band = self._slot_rect(span[0]).united(self._slot_rect(span[1]))
            painter.fillRect(band, colours["band"])

        # Bars and ticks are drawn in one call per colour, not one per bar:
        # fewer calls into the bindings (each void call into PySide6 6.12.0
        # on Python 3.11 drops a reference to None, see the commit message).
        groups: dict[str, list[QRectF]] = {"bar": [], "hover": [], "selected": []}
        for i, bucket in enumerate(buckets):
            if bucket.count == 0:
                continue
            selected = span is not None and span[0] <= i <= span[1]
            groups["selected" if selected else "hover" if i == self._hover else "bar"].append(self.bar_rect(i))
        labels = self.labels()
        groups["axis"] = [QRectF(plot.left(), plot.bottom(), plot.width(), 1.0)] + [
            QRectF(self._slot_rect(i).center().x() - 0.5, plot.bottom() + 1.0, 1.0, 3.0) for i, _, _ in labels]
        painter.setPen(Qt.NoPen)
        for name, rects in groups.items():
            if rects:
                painter.setBrush(colours[name])
                painter.drawRects(rects)

        painter.setPen(colours["text"])
        for i, text, rect in labels:
            painter.drawText(rect, Qt.AlignCenter, text)

        if self.hasFocus():
            focus = self._slot_rect(self._cursor) if self._cursor is not None else plot
            pen = QPen(colours["text"], 1.0, Qt.DotLine)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(focus.adjusted(0.5, 0.5, -0.5, -0.5))

    def resizeEvent(self, event) -> None:
        self._place_clear_button()
        super().resizeEvent(event)

    def _place_clear_button(self) -> None:
        h = int(self._header_height() - self.TOP)
        self._clear_button.setGeometry(self.width() - h - int(self.PAD) + 2, int(self.TOP), h, h)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange, QEvent.StyleChange):
            self.update()
        elif event.type() in (QEvent.FontChange, QEvent.ApplicationFontChange):
            self._place_clear_button()
            self.updateGeometry()
            self.update()
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip:
            index = self.bar_at(QPointF(event.pos()))
            if index is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for_bar(index), self,
                                  self._slot_rect(index).toAlignedRect())
            return True
        return super().event(event)

    # ------------------------------------------------------------ interaction

    def mousePressEvent(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return super().mousePressEvent(event)
        index = self.bar_at(event.position())
        if index is None:
            self.clear_selection()
            return
        self._dragging = True
        self._anchor = self._cursor = index
        self._selection_changed()
        self.update()

    def mouseMoveEvent(self, event) -> None:
        pos = event.position()
        index = self.bar_at(pos)
        if self._dragging:
            n = len(self._buckets())
            area = self._bars_area()
            # Past either end the drag holds at the first or last bar.
            index = min(n - 1, max(0, int((pos.x() - area.left()) / area.width() * n)))
            if index != self._cursor:
                self._cursor = index
                self._selection_changed()
                self.update()
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.PointingHandCursor if index is not None else Qt.ArrowCursor)
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.LeftButton and self._dragging:
            self._dragging = False
            self._emit_selection()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:
        n = len(self._buckets())
        key = event.key()
        if key == Qt.Key_Escape and self._anchor is not None:
            self.clear_selection()
            return
        steps = {Qt.Key_Left: -1, Qt.Key_Right: 1}
        if n and (key in steps or key in (Qt.Key_Home, Qt.Key_End)):
            if self._cursor is None:
                target = n - 1 if key in (Qt.Key_Left, Qt.Key_End) else 0
            elif key == Qt.Key_Home:
                target = 0
            elif key == Qt.Key_End:
                target = n - 1
            else:
                target = max(0, min(n - 1, self._cursor + steps[key]))
            extend = bool(event.modifiers() & Qt.ShiftModifier) and self._anchor is not None
            self._anchor = self._anchor if extend else target
            self._cursor = target
            self._emit_selection()
            bar_focused(self, target)
            self._announce(self.selection_text() if extend else self.tooltip_for_bar(target))
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)

    # ---------------------------------------------------------------- helpers

    def _selected_indexes(self) -> tuple[int, int] | None:
        if self._anchor is None or self._cursor is None:
            return None
        return min(self._anchor, self._cursor), max(self._anchor, self._cursor)

    def _selection_changed(self) -> None:
        self._clear_button.setVisible(self._anchor is not None)
        if self._anchor is not None:
            self._place_clear_button()
        self._update_description()

    def _update_description(self) -> None:
        """The caption, the bar the keyboard is on, the selection, and the keys, for screen readers."""
        parts = [self.summary_text()]
        if self._cursor is not None and self._cursor < len(self._buckets()):
            parts.append(f"at {self.tooltip_for_bar(self._cursor)}")
        selection = self.selection_text()
        if selection:
            parts.append(f"selected {selection}")
        self.setAccessibleDescription("; ".join(parts) + ". " + KEYS_HELP)

    def _announce(self, text: str) -> None:
        announce(self, text)
        self.announced.emit(text)

    def _emit_selection(self) -> None:
        self._selection_changed()
        self.update()
        selected = self.selected_range()
        if selected is not None:
            self.periodSelected.emit(*selected)
