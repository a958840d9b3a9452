"""Archive text shown as text: Qt never reads a name or a title as markup (issue #10).

Qt guesses whether a tooltip (or a label in AutoText, or a message box) is rich
text: a file named ``<img src=/x.png>.txt`` would be drawn as an image. Labels
get ``Qt.PlainText``; tooltips, which have no such switch, go through
``tooltip_text``. Menus and window titles have their own small markup ("&" and
"[*]"), undone by ``menu_text`` and ``window_title_text``.
"""

from __future__ import annotations

import html

# pre-wrap keeps runs of spaces and tabs; <br> keeps every line break, a last one too.
_TIP = '<p style="white-space:pre-wrap">{}</p>'


def tooltip_text(text: str) -> str:
    """A tooltip showing text exactly: escaped, inside an explicit rich-text paragraph.

    Explicit rich text, because plain text that merely looks like HTML would be
    rendered as HTML by Qt's guess. An empty text stays empty (no tooltip).
    """
    if not text:
        return ""
    return _TIP.format(html.escape(text, quote=False).replace("\n", "<br>"))


def menu_text(text: str) -> str:
    """A menu item's text: every "&" doubled, so none is taken as a keyboard mnemonic."""
    return text.replace("&", "&&")


def window_title_text(text: str) -> str:
    """A window title: Qt drops "[*]" (the unsaved-changes placeholder); "[*][*]" shows it."""
    return text.replace("[*]", "[*][*]")
