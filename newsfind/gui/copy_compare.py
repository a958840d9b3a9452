"""Two copies of a story compared, as the reading pane shows them: the earlier
copy's text with what the later one added (green, underlined) and cut (red,
struck through). Written as plain text runs with formats, never as HTML: the
articles' text is text."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor

from newsfind.archive import Article
from newsfind.copy_diff import CopyDiff, Kind

#: (text, background) per change, on a light page and on a dark one: each pair
#: reads at a contrast of 4.5:1 or more (WCAG AA), and is not told by colour alone.
LIGHT = {"added": ("#0a5c23", "#d3f5dc"), "cut": ("#a40e26", "#ffe0e3")}
DARK = {"added": ("#9ff0b0", "#0f3d1e"), "cut": ("#ffb3ba", "#4d1419")}

LEGEND = "What the later copy added: green, underlined; what it cut: red, struck through. Esc goes back."


def _place(article: Article) -> str:
    date = f"{article.date.day} {article.date:%B %Y}" if article.date else "undated"
    return f"{date} · {article.path} — “{article.title or article.path}”"


def comparison_heading(first: Article, second: Article, diff: CopyDiff) -> tuple[str, str]:
    """(title, lines below it): which two articles, their dates, and what changed."""
    return (f"Two copies compared: {diff.summary}",
            f"Earlier: {_place(first)}\nLater: {_place(second)}\n{LEGEND}")


def change_formats(palette: QPalette) -> dict[Kind, QTextCharFormat]:
    """The formats of the added and cut text, for the page's lightness (light or dark theme)."""
    colours = DARK if palette.color(QPalette.Base).lightness() < 128 else LIGHT
    formats: dict[Kind, QTextCharFormat] = {"same": QTextCharFormat()}
    for kind, (text, background) in colours.items():
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(text))
        fmt.setBackground(QColor(background))
        fmt.setFontUnderline(kind == "added")
        fmt.setFontStrikeOut(kind == "cut")
        formats[kind] = fmt
    return formats


def write_comparison(cursor: QTextCursor, diff: CopyDiff, palette: QPalette) -> None:
    """The earlier copy's text with the later one's changes marked in it. Whitespace
    alone that changed is laid out as the earlier copy has it."""
    formats = change_formats(palette)
    for piece in diff.pieces:
        if piece.text.isspace():
            if piece.kind != "added":
                cursor.insertText(piece.text, formats["same"])
            continue
        cursor.insertText(piece.text, formats[piece.kind])
