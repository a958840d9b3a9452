"""The trends as a line chart, painted with QPainter (one line per term).

``paint_trends`` draws on any paint device, so the widget, the PNG and the SVG
export are the same drawing. Colours are chosen for the palette's background
(darker lines on a light window, lighter ones on a dark window, each at least
3:1 against it); past ten terms the colours come round again, dashed. Axis
labels use the timeline's label levels: the finest that fits without overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from newsfind.trends import Trends, format_value
from newsfind.wording import plural
from newsfind.gui.timeline_view import _mix, label_levels

#: Hues of the lines, told apart by most colour-blind readers too (blue, orange, green, red, purple, …).
HUES = (212, 28, 135, 352, 275, 48, 185, 318, 95, 0)
DASHES = (Qt.SolidLine, Qt.DashLine, Qt.DotLine, Qt.DashDotLine)
LEGEND_CHARS = 32  #: a longer query is elided in the legend (the table and tooltips have it whole)


def line_colour(index: int, background: QColor) -> QColor:
    """The index-th line's colour, dark enough on a light background and light enough on a dark one."""
    hue = HUES[index % len(HUES)]
    dark_background = background.lightnessF() < 0.5
    saturation = 0.0 if hue == 0 else 0.75
    lightness = (0.68 if dark_background else 0.36) if hue else (0.75 if dark_background else 0.3)
    return QColor.fromHslF(hue / 360.0, saturation, lightness)


def line_pen(index: int, background: QColor) -> QPen:
    pen = QPen(line_colour(index, background), 2.0, DASHES[index // len(HUES) % len(DASHES)])
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    return pen


@dataclass(frozen=True)
class ChartLayout:
    """Where the parts of the chart are, for painting and for finding the period under the mouse."""

    legend: list[tuple[int, QRectF]]  #: (term index, rect of swatch and text)
    plot: QRectF
    top_value: float
    step: float
    bounds: QRectF  #: the whole chart (axis labels stay inside it)

    def x_of(self, period: int, periods: int) -> float:
        if periods <= 1:
            return self.plot.center().x()
        return self.plot.left() + self.plot.width() * period / (periods - 1)

    def y_of(self, value: float) -> float:
        return self.plot.bottom() - self.plot.height() * (value / self.top_value if self.top_value else 0.0)

    def period_at(self, x: float, periods: int) -> int | None:
        if periods == 0 or not (self.plot.left() - 8 <= x <= self.plot.right() + 8):
            return None
        if periods == 1:
            return 0
        return max(0, min(periods - 1, round((x - self.plot.left()) / self.plot.width() * (periods - 1))))


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 × 10^k) giving about `ticks` steps up to top."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def value_label(value: float, step: float, normalised: bool) -> str:
    if not normalised:
        return f"{int(round(value)):,}"
    decimals = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    return f"{value:.{decimals}f} %"


def chart_layout(trends: Trends, normalised: bool, rect: QRectF, font: QFont) -> ChartLayout:
    fm = QFontMetricsF(font)
    legend = _legend(trends, rect, fm)
    legend_bottom = max((r.bottom() for _, r in legend), default=rect.top())
    highest = max((v for term in trends.counted for v in trends.values(term, normalised) if v is not None), default=0.0)
    step = nice_step(highest) if highest else (1.0 if not normalised else 0.5)
    top_value = step * max(1, math.ceil(highest / step - 1e-9))
    widest = max(fm.horizontalAdvance(value_label(step * n, step, normalised))
                 for n in range(int(round(top_value / step)) + 1))
    top = legend_bottom + fm.height() * 1.6 + 4  # (the axis caption's row above the plot)
    bottom = rect.bottom() - fm.height() - 8
    left = rect.left() + widest + 8
    right = rect.right() - fm.horizontalAdvance(trends.label(len(trends.periods) - 1)) / 2 - 2  # (the last label fits)
    plot = QRectF(left, top, max(1.0, right - left), max(1.0, bottom - top))
    return ChartLayout(legend, plot, top_value, step, rect)


def _legend(trends: Trends, rect: QRectF, fm: QFontMetricsF) -> list[tuple[int, QRectF]]:
    """Swatch and query per counted term, in rows that wrap at the chart's width."""
    placed, x, y = [], rect.left(), rect.top() + 2
    for index, term in enumerate(trends.counted):
        width = 24 + fm.horizontalAdvance(_legend_text(term.query))
        if x > rect.left() and x + width > rect.right():
            x, y = rect.left(), y + fm.height() + 4
        placed.append((index, QRectF(x, y, min(width, rect.width()), fm.height())))
        x += width + 16
    return placed


def _legend_text(query: str) -> str:
    return query if len(query) <= LEGEND_CHARS else query[:LEGEND_CHARS - 1] + "…"


def paint_trends(painter: QPainter, rect: QRectF, trends: Trends | None, normalised: bool,
                 palette: QPalette, font: QFont, empty_text: str = "") -> None:
    """The whole chart into rect: legend, axes with labels, a line per counted term."""
    window, text = palette.color(QPalette.Window), palette.color(QPalette.WindowText)
    painter.save()
    painter.setFont(font)
    painter.setRenderHint(QPainter.Antialiasing, True)
    if trends is None or not trends.periods or not trends.counted:
        painter.setPen(_mix(text, window, 0.35))
        painter.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap, empty_text)
        painter.restore()
        return
    layout = chart_layout(trends, normalised, rect, font)
    _paint_legend(painter, trends, layout, window, text)
    _paint_axes(painter, trends, normalised, layout, window, text)
    for index, term in enumerate(trends.counted):
        _paint_line(painter, trends.values(term, normalised), layout, line_pen(index, window))
    painter.restore()


def _paint_legend(painter: QPainter, trends: Trends, layout: ChartLayout, window: QColor, text: QColor) -> None:
    fm = QFontMetricsF(painter.font())
    for index, box in layout.legend:
        y = box.center().y()
        painter.setPen(line_pen(index, window))
        painter.drawLine(QPointF(box.left(), y), QPointF(box.left() + 18, y))
        painter.setPen(text)
        label = fm.elidedText(_legend_text(trends.counted[index].query), Qt.ElideRight, box.width() - 24)
        painter.drawText(QRectF(box.left() + 24, box.top(), box.width() - 24, box.height()),
                         Qt.AlignLeft | Qt.AlignVCenter, label)


def _paint_axes(painter: QPainter, trends: Trends, normalised: bool, layout: ChartLayout,
                window: QColor, text: QColor) -> None:
    fm, plot = QFontMetricsF(painter.font()), layout.plot
    quiet, grid = _mix(text, window, 0.35), _mix(text, window, 0.85)
    caption = "% of the period's articles that match" if normalised else "articles that match"
    painter.setPen(quiet)
    caption_left = plot.left() - 4 - fm.horizontalAdvance("0")
    caption_box = QRectF(caption_left, plot.top() - fm.height() * 1.5, layout.bounds.right() - caption_left,
                         fm.height())  # (to the chart's edge: at a large scale it is wider than the plot)
    painter.drawText(caption_box, Qt.AlignLeft | Qt.AlignVCenter,
                     fm.elidedText(f"{caption}, by {trends.unit}", Qt.ElideRight, caption_box.width()))
    ticks = int(round(layout.top_value / layout.step))
    for n in range(ticks + 1):
        value = layout.step * n
        y = layout.y_of(value)
        painter.setPen(QPen(text if n == 0 else grid, 1.0))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(quiet)
        painter.drawText(QRectF(0, y - fm.height() / 2, plot.left() - 6, fm.height()),
                         Qt.AlignRight | Qt.AlignVCenter, value_label(value, layout.step, normalised))
    painter.setPen(text)
    for period, label, box in period_labels(trends, layout, fm):
        x = layout.x_of(period, len(trends.periods))
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
        painter.drawText(box, Qt.AlignCenter, label)


def period_labels(trends: Trends, layout: ChartLayout, fm: QFontMetricsF) -> list[tuple[int, str, QRectF]]:
    """(period, label, rect) along the x axis: the finest of the timeline's label levels that fits."""
    periods, plot = trends.periods, layout.plot
    gap, top = fm.horizontalAdvance("  "), plot.bottom() + 5
    for level in label_levels(trends.unit):
        placed: list[tuple[int, str, QRectF]] = []
        for n, bucket in enumerate(periods):
            label = level(bucket, periods[n - 1] if n else None)
            if label is None:
                continue
            width = fm.horizontalAdvance(label)
            x = layout.x_of(n, len(periods)) - width / 2
            box = QRectF(max(layout.bounds.left(), min(x, layout.bounds.right() - width)), top, width, fm.height())
            if placed and placed[-1][2].right() + gap > box.left():
                break
            placed.append((n, label, box))
        else:
            if placed:
                return placed
    return []


def _paint_line(painter: QPainter, values: list[float | None], layout: ChartLayout, pen: QPen) -> None:
    """The term's line, broken where a period has no value (no articles at all)."""
    path, drawing, count = QPainterPath(), False, len(values)
    for n, value in enumerate(values):
        if value is None:
            drawing = False
            continue
        point = QPointF(layout.x_of(n, count), layout.y_of(value))
        if drawing:
            path.lineTo(point)
        else:
            path.moveTo(point)
        drawing = True
    painter.setPen(pen)
    painter.setBrush(Qt.NoBrush)
    painter.drawPath(path)
    if count <= 40:  # a dot at each value while they are far enough apart to see
        painter.setBrush(pen.color())
        painter.setPen(Qt.NoPen)
        for n, value in enumerate(values):
            if value is not None:
                painter.drawEllipse(QPointF(layout.x_of(n, count), layout.y_of(value)), 2.5, 2.5)


class TrendsChart(QWidget):
    """The chart of the trends counted last; a tooltip gives every term's value in the period under the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trends: Trends | None = None
        self.normalised = False
        self.empty_text = "Write one query per line, then Count (Ctrl+Enter)."
        self.setMouseTracking(True)
        self.setAccessibleName("Trends chart")
        self.setAccessibleDescription("A line per term over the periods; the table beside it has the same numbers")
        self.setMinimumSize(320, 200)

    def set_trends(self, trends: Trends | None, normalised: bool) -> None:
        self.trends, self.normalised = trends, normalised
        self.update()

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def chart_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 6, -8, -4)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        paint_trends(painter, self.chart_rect(), self.trends, self.normalised, self.palette(), self.font(),
                     self.empty_text)
        painter.end()

    def tooltip_at(self, x: float) -> str:
        """Every term's value in the period at x, e.g. "Mar 2017 (2,140 articles): Trump 661 (30.89 %), …"."""
        trends = self.trends
        if trends is None or not trends.periods or not trends.counted:
            return ""
        layout = chart_layout(trends, self.normalised, self.chart_rect(), self.font())
        period = layout.period_at(x, len(trends.periods))
        if period is None:
            return ""
        lines = [f"{trends.label(period)} ({plural(trends.periods[period].count, 'article')})"]
        for term in trends.counted:
            share = format_value(trends.share(term.counts[period], period), True)
            lines.append(f"{term.query}: {term.counts[period]:,} ({share})")
        return "\n".join(lines)

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip:
            text = self.tooltip_at(event.pos().x())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
