"""CSL-JSON and RIS: the articles as Zotero, Mendeley, EndNote and pandoc import them.

A reference manager formats a reference in any of the 10,000 CSL styles, so
newsfind hands it the data rather than one more style of its own:

* CSL-JSON (the citation-style-language schema, csl-data.json) is what pandoc's
  --citeproc, citeproc-js and Zotero read. Each article is an
  "article-newspaper" with its newspaper as "container-title", its date as
  "issued" date-parts, the file's URL as "URL" and its path in the archive as
  "archive_location" (Zotero's "Loc. in Archive"). Names keep a particle as
  "non-dropping-particle" ("de Blasio"); the style decides where it goes.
  A title is left as it is: the few HTML-like tags CSL processors read in
  it (<i>, <b>, <sup>...) are theirs to read, and they decode no entities.
* RIS is what every reference manager imports. The tags are those Zotero's RIS
  translator maps for a NEWS record: T2 is the newspaper (its
  publicationTitle; JO would be taken for a journal abbreviation), DA the full
  date and PY the year, UR the URL, AV the path ("archiveLocation"; AN, which
  Zotero also reads so, is an accession number to EndNote), ID the key.

Ids are the BibTeX keys, made unique within one export (bibtex.unique_keys), so
a document citing [@key] finds the same article in a .bib and a .json. Text is
put on one line: a line break inside a RIS value would start a tag of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsfind.bibtex import join_particle, single_line, unique_keys
from newsfind.reference import PersonName, Reference


def csl_json(refs: Sequence[Reference], notes: Sequence[str | None] = ()) -> str:
    """The articles as a CSL-JSON array (UTF-8 text, not \\u escapes), for citeproc and Zotero;
    notes[i] (a passage quoted from refs[i], say) goes in its "note" (Zotero's Extra)."""
    items = [_csl_item(ref, key) for ref, key in zip(refs, unique_keys(refs))]
    for item, note in zip(items, notes):
        if note and single_line(note):
            item["note"] = single_line(note)
    return json.dumps(items, ensure_ascii=False, indent=2)


def ris(refs: Sequence[Reference], notes: Sequence[str | None] = ()) -> str:
    """The articles as RIS records ("TY  - NEWS" ... "ER  - "), a blank line between two;
    notes[i] goes in refs[i]'s N1 (notes)."""
    padded = [*notes, *[None] * (len(refs) - len(notes))]
    return "\n".join(_ris_record(ref, key, note) for ref, key, note in zip(refs, unique_keys(refs), padded))


def _csl_item(ref: Reference, key: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": "article-newspaper", "title": single_line(ref.title)}
    if ref.publication and single_line(ref.publication):
        item["container-title"] = single_line(ref.publication)
    authors = [name for name in map(_csl_name, ref.authors) if name]
    if authors:
        item["author"] = authors
    if ref.date:
        item["issued"] = {"date-parts": [[ref.date.year, ref.date.month, ref.date.day]]}
    if ref.uri:
        item["URL"] = ref.uri
    item["archive_location"] = ref.path
    return item


def _csl_name(person: PersonName) -> dict[str, str]:
    """A CSL name: the particle kept with the family name ("de Blasio"), as in most modern names."""
    if not person.family:  # only one name known, and given as the given one
        return {"literal": single_line(person.given)} if single_line(person.given) else {}
    parts = {"family": person.family, "given": person.given,
             "non-dropping-particle": person.particle, "suffix": person.suffix}
    return {field: single_line(text) for field, text in parts.items() if single_line(text)}


def _ris_record(ref: Reference, key: str, note: str | None = None) -> str:
    tags = [("TY", "NEWS"), ("ID", key), *(("AU", _ris_name(person)) for person in ref.authors),
            ("TI", ref.title), ("T2", ref.publication)]
    if ref.date:
        year, month, day = ref.date.year, ref.date.month, ref.date.day
        tags += [("PY", f"{year:04d}"), ("DA", f"{year:04d}/{month:02d}/{day:02d}/")]
    tags += [("UR", ref.uri), ("AV", ref.path), ("N1", note)]
    lines = [f"{tag}  - {single_line(value)}\n" for tag, value in tags if value and single_line(value)]
    return "".join(lines) + "ER  - \n"


def _ris_name(person: PersonName) -> str:
    """ "Family, Given" or "Family, Given, Suffix", as the RIS specification writes a name."""
    family = join_particle(person.particle, person.family)
    parts = [family, person.given, person.suffix] if person.suffix else [family, person.given]
    return ", ".join(single_line(part) for part in parts if single_line(part))

