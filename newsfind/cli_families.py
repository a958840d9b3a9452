"""`newsfind families`: the archive's wire-copy families, largest first, earliest copy first within each."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from newsfind.search import ArchiveSearcher
from newsfind.wording import plural


def families_as_json(searcher: ArchiveSearcher, min_size: int) -> dict:
    """{"families": [{"size", "articles": [{"id", "path", "date"}…]}…]}: largest family first, then earliest."""
    families = []
    for members in searcher.family_articles(min_size):
        families.append({"size": len(members), "articles": [
            {"id": article.id, "path": article.path, "date": article.date.isoformat() if article.date else None}
            for article in members]})
    return {"families": families}


def format_families(found: dict) -> str:
    families = found["families"]
    if not families:
        return "No wire-copy families: no two articles are copies of one story."
    copies = sum(family["size"] for family in families)
    lines = [f"{plural(len(families), 'family', 'families')} of copies ({plural(copies, 'article')}), largest first:"]
    for number, family in enumerate(families, start=1):
        lines.append(f"\n{number}. {family['size']} copies")
        lines.extend(f"   {article['date'] or 'undated'}  {article['path']}  [id {article['id']}]"
                     for article in family["articles"])
    return "\n".join(lines)


def run_families(options: argparse.Namespace, out: TextIO, with_searcher) -> int:
    found = with_searcher(options, lambda searcher: families_as_json(searcher, options.min_size))
    if options.json:
        json.dump(found, out, ensure_ascii=False)
        out.write("\n")
    else:
        print(format_families(found), file=out)
    return 0
