"""What one article file becomes in the index.

A document is prepared whole (file read, decoded, analysed) before it is
given to a Whoosh writer: Whoosh adds a document's postings one field at a
time, and a failure halfway would leave half a document in the writer. So a
file that cannot be read or analysed is a problem of that file only, and an
exception from the writer itself means the writer (not the file) is broken.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import columns, fields

from newsfind.analysis import AnalysedText, ArticleText
from newsfind.archive import Article, FileEntry, UnreadableArticle, read_article
from newsfind.near_copies import sketch

#: Bump when the schema or the analysis changes: older indexes are rebuilt.
#: 2: paths kept as exact bytes (key) and as readable text (path); ids from the bytes.
#: 3: a block's positions stored as one string (whoosh_compat's _JOINED_WRITE).
#: 4: each article's near-copy sketch (newsfind.near_copies), for wire-copy families.
SCHEMA_VERSION = 4


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        path=fields.ID(stored=True, sortable=True),  # readable: archive.display_path
        fspath=fields.STORED(),  # exact, when it differs from path
        key=fields.COLUMN(columns.VarBytesColumn()),  # the path's exact bytes
        signature=fields.COLUMN(columns.VarBytesColumn()),
        notes=fields.COLUMN(columns.VarBytesColumn()),
        sketch=fields.COLUMN(columns.VarBytesColumn()),  # near_copies.sketch of the body
        date=fields.ID(stored=True, sortable=True),
        undated=fields.COLUMN(columns.RefBytesColumn()),
        title=ArticleText(stored=True, phrase=True, field_boost=2.0, multitoken_query="phrase"),
        body=ArticleText(stored=True, chars=True, multitoken_query="phrase"),
        size=fields.STORED(),
    )


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file: indexed (perhaps with warnings), or skipped and why."""

    path: str  #: as FileEntry.path (exact)
    indexed: bool
    notes: tuple[str, ...] = ()  #: warnings when indexed, the reason when skipped

    @property
    def reason(self) -> str:
        return "; ".join(self.notes)


class WriterFailed(Exception):
    """Adding a prepared document failed inside the writer (a full disk, say):
    the writer's uncommitted work is lost, the file itself may be fine."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.path = path
        self.error = error


def prepare_document(entry: FileEntry, schema: fields.Schema) -> dict[str, object]:
    """Read one file and compute everything the writer needs; raises
    UnreadableArticle for a file that is not an article."""
    article = read_article(entry)
    document = document_fields(article, entry)
    for name in ("title", "body"):
        document[f"_stored_{name}"] = document[name]
        document[name] = AnalysedText(list(schema[name].index(document[name])))
    return document


def index_file(writer, schema: fields.Schema, entry: FileEntry) -> FileOutcome:
    """Add one file to a writer; a file that cannot be read or analysed is
    reported, and raises WriterFailed only when the writer itself fails."""
    try:
        document = prepare_document(entry, schema)
    except UnreadableArticle as error:
        return FileOutcome(entry.path, False, (str(error),))
    except Exception as error:  # noqa: BLE001 - one odd file must not stop the others
        return FileOutcome(entry.path, False, (f"could not be indexed ({type(error).__name__}: {error})",))
    try:
        writer.add_document(**document)
    except Exception as error:
        raise WriterFailed(entry.path, error) from error
    return FileOutcome(entry.path, True, tuple(document["notes"].decode("utf-8").split("\n"))
                       if document["notes"] else ())


def document_fields(article: Article, entry: FileEntry) -> dict[str, object]:
    """The document Whoosh stores for one article."""
    return {
        "id": article.id,
        "path": article.path,
        "fspath": article.fspath,
        "key": entry.key,
        "signature": entry.signature,
        "notes": "\n".join(article.notes).encode("utf-8"),
        "date": article.date.isoformat() if article.date else "",
        "undated": b"1" if article.date is None else b"0",
        "title": article.title,
        "body": article.body,
        "size": article.size,
        "sketch": sketch(article.body),
    }
