"""What the status bar and the empty results list say about the search shown (no Qt)."""

from __future__ import annotations

from newsfind.multi import MergedPage
from newsfind.gui.search_messages import SearchAnswer
from newsfind.wording import archive_label, plural

NO_ARCHIVE = ("No archive is open.\n\nOpen a folder of articles with File → Open Archive… (Ctrl+O), "
              "or drop a folder here.")


def results_text(answer: SearchAnswer | None, similar_to: str | None, archives: list[str], indexing: bool,
                 waited: float | None = None, reviewed: int | None = None) -> str:
    """The status bar's line: how many results, how long the user waited for
    them (asking to painted, once known), how many are reviewed, and what to know about them."""
    if similar_to is not None and answer is not None:
        text = f"{plural(answer.page.total, 'article')} like “{similar_to}”"
    elif answer is None or answer.page is None:
        text = "" if archives else "No archive open"
    elif counts_stories(answer.page):  # "120 articles in 74 stories"
        text = (f"{plural(answer.page.total, 'article')} in {plural(answer.page.stories, 'story', 'stories')}"
                + (f" ({waited * 1000:.0f} ms)" if waited is not None else ""))
    else:
        text = plural(answer.page.total, "result") + (f" in {waited * 1000:.0f} ms" if waited is not None else "")
    if answer is not None and answer.page is not None and similar_to is None:
        if reviewed:
            text += f" · {reviewed:,} of {answer.page.total:,} reviewed"
    notes = list(answer.page.notes) if answer is not None and answer.page is not None else []
    if indexing:
        notes.append("indexing: results may be incomplete")
    elif answer is not None:
        notes.extend(f"{archive_label(root)}: {notice} (F5 indexes again)" for root, notice in answer.notices)
        if answer.missing_archives:
            notes.append("not yet indexed: " + ", ".join(archive_label(r) for r in answer.missing_archives))
    if notes:
        text = (text + " — " if text else "") + "; ".join(notes)
    return text


def counts_stories(page: MergedPage | None) -> bool:
    """The list is collapsed and some of its articles are copies of one story: its counts
    say stories too (a list of articles each its own story says articles only, as before)."""
    return page is not None and page.stories is not None and page.stories != page.total


def results_placeholder(answer: SearchAnswer | None, archives: list[str], indexing: bool) -> str:
    """What the empty results list says to do."""
    if not archives:
        return NO_ARCHIVE
    if answer is None:
        names = ", ".join(archive_label(r) for r in archives)
        text = f"Type words above to search {names}."
        if indexing:
            text += "\n\nIndexing is under way: results appear as articles are indexed."
        return text
    if answer.page is not None and answer.page.total == 0:
        text = "No articles match."
        if indexing:
            text += "\n\nIndexing is not finished: more articles may match soon."
        return text
    return ""


def shows_welcome(answer: SearchAnswer | None, archives: list[str]) -> bool:
    """No query yet (or it was cleared) with an archive to search: the welcome, not the list."""
    return answer is None and bool(archives)
