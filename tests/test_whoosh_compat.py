"""Canary for newsfind.whoosh_compat: each private Whoosh internal it relies on
still behaves as in the release it was read from. A failure here after an
upgrade of Whoosh names the internal to read again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import whoosh
from hypothesis import given, settings, strategies as st
from whoosh import fields
from whoosh.filedb.filestore import FileStorage

from newsfind import whoosh_compat as compat


def make_index(folder: Path):
    folder.mkdir()
    schema = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT(stored=True))
    return FileStorage(str(folder)).create_index(schema, indexname="articles")


def add(writer, *ids: str) -> None:
    for doc_id in ids:
        writer.add_document(id=doc_id, text=f"word {doc_id}")


def index_of_segments(folder: Path, ids: str):
    """An index with one segment per document (no merging)."""
    ix = make_index(folder)
    for doc_id in ids:
        writer = ix.writer()
        add(writer, doc_id)
        writer.commit(merge=False)
    return ix, FileStorage(str(folder))


def index_with_a_deletion(folder: Path, texts: list[str], deleted: str):
    """One document per text (ids "0", "1", …), then the one with id `deleted` deleted."""
    ix = make_index(folder)
    writer = ix.writer()
    for number, text in enumerate(texts):
        writer.add_document(id=str(number), text=text)
    writer.commit()
    writer = ix.writer()
    writer.delete_by_term("id", deleted)
    writer.commit(merge=False)
    return ix


def stored_ids(ix) -> list[str]:
    with ix.searcher() as searcher:
        return sorted(fields["id"] for fields in searcher.all_stored_fields())


def test_the_installed_whoosh_is_the_release_the_internals_were_read_from() -> None:
    assert whoosh.__version__[:3] == compat.WHOOSH_RELEASE


def test_unlocked_writers_add_segments_that_one_locked_commit_publishes(tmp_path: Path) -> None:
    ix = make_index(tmp_path / "index")
    folder = str(tmp_path / "index")
    first = compat.unlocked_segment_writer(compat.index_for_unlocked_writers(folder, "articles", "articles.1.tmp"), 32)
    second = compat.unlocked_segment_writer(compat.index_for_unlocked_writers(folder, "articles", "articles.2.tmp"), 32)
    lock = ix.lock("WRITELOCK")
    assert lock.acquire()  # they took no lock
    lock.release()
    add(first, "a", "b")
    add(second, "c")
    segments = [compat.finish_segment(first), compat.finish_segment(second)]
    assert [compat.segment_doc_count(s) for s in segments] == [2, 1]
    assert not any(p.name.endswith(".tmp") for p in (tmp_path / "index").iterdir())  # folders of their own, gone
    committer = ix.writer()
    add(committer, "d")
    compat.commit_with_segments(committer, segments)
    assert stored_ids(ix) == ["a", "b", "c", "d"]
    assert committer.is_closed and ix.lock("WRITELOCK").acquire()


def test_an_empty_unlocked_writer_gives_no_segment_and_a_discarded_one_leaves_no_file(tmp_path: Path) -> None:
    make_index(tmp_path / "index")
    ix = compat.index_for_unlocked_writers(str(tmp_path / "index"), "articles", "articles.worker.tmp")
    assert compat.finish_segment(compat.unlocked_segment_writer(ix, 32)) is None
    writer = compat.unlocked_segment_writer(ix, 32)
    add(writer, "x")
    compat.discard_segment(writer)
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == ["_articles_0.toc"]


def test_a_writer_whose_commit_failed_still_gives_back_the_lock(tmp_path: Path) -> None:
    ix = make_index(tmp_path / "index")
    writer = ix.writer()
    add(writer, "a")
    writer._finalize_segment()  # as a commit that failed after writing its segment
    compat.cancel_writer(writer)
    assert writer.is_closed and ix.lock("WRITELOCK").acquire()


def segment_sizes(ix) -> list[int]:
    return sorted(segment.doc_count() for segment in ix._segments())


def test_small_segments_are_merged_and_large_ones_left_alone(tmp_path: Path, monkeypatch) -> None:
    ix, _ = index_of_segments(tmp_path / "few", "abc")
    compat.commit_with_segments(ix.writer(), [])
    assert segment_sizes(ix) == [1, 1, 1]  # too few to be worth a merge (Whoosh's rule)
    ix, _ = index_of_segments(tmp_path / "many", "abcdef")
    compat.commit_with_segments(ix.writer(), [])
    assert segment_sizes(ix) == [1, 5]  # Whoosh's rule: the five smallest
    assert stored_ids(ix) == list("abcdef")
    ix = make_index(tmp_path / "capped")
    writer = ix.writer()
    add(writer, *[f"big{number}" for number in range(10)])
    writer.commit(merge=False)
    for doc_id in "abcd":
        writer = ix.writer()
        add(writer, doc_id)
        writer.commit(merge=False)
    monkeypatch.setattr(compat, "MERGE_CAP_DOCS", 10)
    compat.commit_with_segments(ix.writer(), [])
    assert segment_sizes(ix) == [1, 1, 1, 1, 10]  # Whoosh's own rule would merge all five: [14]


def test_a_merge_never_takes_more_articles_than_the_cap(tmp_path: Path, monkeypatch) -> None:
    """Seven segments of ten: Whoosh's rule merges five of them (50 articles)."""
    ix = make_index(tmp_path / "ix")
    for segment in range(7):
        writer = ix.writer()
        add(writer, *[f"s{segment}-{number}" for number in range(10)])
        writer.commit(merge=False)
    monkeypatch.setattr(compat, "MERGE_CAP_DOCS", 30)
    compat.commit_with_segments(ix.writer(), [])
    assert segment_sizes(ix) == [10] * 7  # three of ten are too few for Whoosh's rule
    monkeypatch.setattr(compat, "MERGE_CAP_DOCS", 100)
    compat.commit_with_segments(ix.writer(), [])
    assert segment_sizes(ix) == [10, 10, 50]


def test_a_segment_of_deleted_articles_only_is_dropped(tmp_path: Path) -> None:
    ix, _ = index_of_segments(tmp_path / "ix", "abc")
    writer = ix.writer()
    writer.delete_by_term("id", "b")
    compat.commit_with_segments(writer, [])
    assert segment_sizes(ix) == [1, 1] and stored_ids(ix) == ["a", "c"]


def test_tables_of_contents_are_read_and_written_by_generation(tmp_path: Path) -> None:
    ix, storage = index_of_segments(tmp_path / "index", "abc")
    assert compat.latest_generation(storage, "articles") == 3
    assert (tmp_path / "index" / compat.toc_filename("articles", 3)).exists()
    toc = compat.read_toc(storage, "articles")
    assert len(toc.segments) == 3 and toc.generation == 3
    kept = toc.segments[1:]
    compat.write_toc(storage, "articles", toc.schema, kept, 4)
    compat.clean_unlisted_files(storage, "articles", 4, kept)
    assert stored_ids(ix) == ["b", "c"]
    names = {compat.segment_name(s) for s in kept}
    assert all(any(f.startswith(name) for name in names) for f in storage.list() if f.endswith(".seg"))
    assert [compat.segment_files(storage, s) for s in kept] == [[f"{compat.segment_name(s)}.seg"] for s in kept]


def test_a_reader_over_some_segments_sees_only_their_documents(tmp_path: Path) -> None:
    _, storage = index_of_segments(tmp_path / "index", "ab")
    toc = compat.read_toc(storage, "articles")
    reader = compat.reader_over(storage, toc.schema, toc.segments[1:], toc.generation)
    assert [fields["id"] for fields in reader.all_stored_fields()] == ["b"]
    reader.close()


def test_a_leaf_reader_names_its_segment(tmp_path: Path) -> None:
    ix, storage = index_of_segments(tmp_path / "ix", "abc")
    toc = compat.read_toc(storage, "articles")
    with ix.searcher() as searcher:
        names = [compat.reader_segment_name(leaf) for leaf, _ in searcher.reader().leaf_readers()]
    assert sorted(names) == sorted(compat.segment_name(segment) for segment in toc.segments)


@pytest.mark.parametrize("run_bytes", [16, 200, 1 << 18])
def test_a_fields_words_read_a_run_at_a_time_are_whooshs_lexicon(tmp_path: Path, monkeypatch, run_bytes: int) -> None:
    """Whole entries a run at a time, an entry longer than a run (a word of
    500 letters) included."""
    ix = make_index(tmp_path / "ix")
    writer = ix.writer()
    for number in range(300):
        writer.add_document(id=str(number), text=f"ab{number} abc{number % 7} b{number} zz{number % 3}")
    writer.add_document(id="long", text="h" * 500)
    writer.commit()
    monkeypatch.setattr(compat, "_RUN_BYTES", run_bytes)
    with ix.searcher() as searcher:
        (leaf, _), = searcher.reader().leaf_readers()
        for field in ("id", "text"):
            assert compat.field_terms(leaf, field) == list(leaf.lexicon(field))
        for start in (b"ab", b"abc", b"h", b"hhh", b"zz2", b"q"):
            assert compat.field_terms(leaf, "text", starting=start) == \
                [term for term in leaf.lexicon("text") if term.startswith(start)]


def test_posting_ids_come_a_block_at_a_time_and_all_of_them(tmp_path: Path) -> None:
    ix = make_index(tmp_path / "ix")
    writer = ix.writer()
    for number in range(600):  # more than one block of postings (128 a block in 2.7.5)
        writer.add_document(id=str(number), text="common" + (" rare" if number % 7 == 0 else ""))
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for word in (b"common", b"rare"):
            blocks = list(compat.posting_doc_ids(reader, "text", word))
            assert [docnum for block in blocks for docnum in block] == list(reader.postings("text", word).all_ids())
        assert len(list(compat.posting_doc_ids(reader, "text", b"common"))) > 1


def test_positions_decode_as_the_formats_decode_them(tmp_path: Path) -> None:
    from whoosh import formats

    for fmt in (formats.Positions(), formats.Characters()):
        for positions in ([0], [3, 4, 9, 200, 70000], list(range(0, 3000, 7))):
            value = fmt.encode([(p, p * 5, p * 5 + 4) for p in positions]
                               if isinstance(fmt, formats.Characters) else positions)
            for stored in (value, value.rstrip(b".")):
                assert compat.positions_decoder(fmt)(stored) == fmt.decode_positions(stored) == positions


def test_posting_positions_give_each_documents_value_and_leave_out_deleted_ones(tmp_path: Path) -> None:
    ix = index_with_a_deletion(tmp_path / "ix", [" ".join(["word"] * (1 + number % 3)) for number in range(300)], "5")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        decode = compat.positions_decoder(reader.schema["text"].format)
        found = {docnum: decode(value) for ids, _, values in compat.posting_positions(reader, "text", b"word")
                 for docnum, value in zip(ids, values)}
        expected = reader.postings("text", b"word")
        wanted = {}
        while expected.is_active():
            wanted[expected.id()] = reader.schema["text"].format.decode_positions(expected.value())
            expected.next()
    assert found == wanted and len(found) == 299


@pytest.fixture(scope="module")
def thousand_postings(tmp_path_factory: pytest.TempPathFactory):
    """A word in 1,199 documents (one of 1,200 deleted): ten blocks of postings."""
    texts = [" ".join(["word"] * (1 + number % 4) + ["other"] * (number % 3)) for number in range(1200)]
    ix = index_with_a_deletion(tmp_path_factory.mktemp("postings") / "ix", texts, "500")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        matcher = reader.postings("text", b"word")
        every = {}
        while matcher.is_active():
            every[matcher.id()] = (matcher.weight(), matcher.value())
            matcher.next()
        yield reader, every


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sets(st.integers(0, 1250), max_size=200))
def test_postings_of_wanted_documents_are_exactly_theirs(thousand_postings, docnums: set[int]) -> None:
    """Few wanted documents: the blocks holding none are passed over; many: every
    block is read. Either way just the wanted documents' postings come back."""
    reader, every = thousand_postings
    wanted = compat.Wanted(docnums)
    found = {docnum: (weight, value) for ids, weights, values in compat.posting_positions(reader, "text", b"word", wanted)
             for docnum, weight, value in zip(ids, weights, values)}
    assert found == {docnum: posting for docnum, posting in every.items() if docnum in docnums}
    weights = {docnum: weight for ids, weights in compat.posting_weights(reader, "text", b"word", wanted)
               for docnum, weight in zip(ids, weights)}
    assert weights == {docnum: weight for docnum, (weight, _) in found.items()}


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.sets(st.integers(0, 1250), max_size=40))
def test_a_pages_values_are_read_with_or_without_the_blocks_directory(thousand_postings, docnums: set[int]) -> None:
    """A page's snippets read the values of its documents: before the term was
    read through (headers walked) and after (its blocks' directory kept), the same."""
    reader, every = thousand_postings
    expected = {docnum: every[docnum][1] for docnum in docnums if docnum in every}
    reader.__dict__.pop("_newsfind_block_directories", None)
    assert compat.values_at(reader, "text", b"word", sorted(docnums)) == expected
    for _ in compat.posting_weights(reader, "text", b"word"):
        pass
    assert reader.__dict__["_newsfind_block_directories"]  # kept for the next page
    assert compat.values_at(reader, "text", b"word", sorted(docnums)) == expected


def test_posting_weights_and_field_lengths_are_what_whoosh_scores_with(tmp_path: Path) -> None:
    from whoosh.util.numeric import byte_to_length

    texts = [" ".join(["word"] * (1 + number % 5) + ["other"] * (number % 11)) for number in range(400)]
    ix = index_with_a_deletion(tmp_path / "ix", texts, "7")
    with ix.searcher() as searcher:
        reader = searcher.reader()
        found = {docnum: weight for ids, weights in compat.posting_weights(reader, "text", b"word")
                 for docnum, weight in zip(ids, weights)}
        expected = reader.postings("text", b"word")
        wanted = {}
        while expected.is_active():
            wanted[expected.id()] = expected.weight()
            expected.next()
        lengths = compat.field_length_bytes(reader, "text")
        assert [byte_to_length(b) for b in lengths] == [reader.doc_field_length(d, "text") for d in range(400)]
    assert found == wanted and len(found) == 399


def test_every_patch_replaces_a_method_the_installed_whoosh_has() -> None:
    compat.install_patches()
    for patch in compat.PATCHES:
        assert patch.name in patch.owner.__dict__, f"{patch.owner.__name__}.{patch.name} is gone: read {patch.why!r} again"
        assert getattr(patch.owner, patch.name) is patch.replacement and patch.original is not None


def test_and_not_leaves_out_the_first_document_when_the_second_part_starts_before_it(tmp_path: Path) -> None:
    """The AndNotMatcher patch: Whoosh's own kept that document."""
    from whoosh import query as wq

    ix = make_index(tmp_path / "ix")
    writer = ix.writer()
    for text in ("state", "police state", "police"):
        writer.add_document(id=text, text=text)
    writer.commit()
    query = wq.AndNot(wq.Term("text", "police"), wq.Term("text", "state"))
    patch = next(patch for patch in compat.PATCHES if patch.owner.__name__ == "AndNotMatcher")
    with ix.searcher() as searcher:
        compat.install_patches()
        assert [hit["id"] for hit in searcher.search(query)] == ["police"]
        patch.remove()
        try:
            assert sorted(hit["id"] for hit in searcher.search(query)) == ["police", "police state"]
        finally:
            compat.install_patches()


def test_segments_written_with_the_lengths_patch_are_the_ones_whoosh_writes(tmp_path: Path) -> None:
    """The add_postings patch changes how lengths are looked up, not what is written."""
    from newsfind.archive import scan_archive
    from newsfind.documents import make_schema, prepare_document
    from tests.corpora import NEWSARTICLES

    archive = tmp_path / "archive"
    archive.mkdir()
    for path in sorted(NEWSARTICLES.glob("*.txt"))[:60]:
        (archive / path.name).write_bytes(path.read_bytes())
    entries = scan_archive(str(archive)).files
    patch = next(patch for patch in compat.PATCHES if patch.name == "add_postings")
    written = []
    for name in ("patched", "whoosh"):
        (tmp_path / name).mkdir()
        ix = FileStorage(str(tmp_path / name)).create_index(make_schema(), indexname="articles")
        writer = ix.writer()
        for entry in entries:
            writer.add_document(**prepare_document(entry, ix.schema))
        compat.install_patches()
        if name == "whoosh":
            patch.remove()
        try:
            writer.commit()
        finally:
            compat.install_patches()
        with ix.searcher() as searcher:
            reader = searcher.reader()
            written.append(sorted(
                (fieldname, text, searcher.stored_fields(docnum)["path"], weight, reader.doc_field_length(docnum, fieldname))
                for fieldname, text in reader.all_terms() if fieldname in ("title", "body")
                for docnum, weight in reader.postings(fieldname, text).items_as("weight")))
    assert written[0] == written[1] and len(written[0]) > 10_000


def test_segments_read_in_place_give_what_whoosh_reads_through_its_copy(newsarticles_index: Path) -> None:
    """The BufferFile patch reads the memory-mapped segment without a copy; every
    stored article and every posting of a few words reads the same."""
    from newsfind.index import open_index

    patch = next(patch for patch in compat.PATCHES if patch.owner.__name__ == "BufferFile")
    read = []
    for installed in (True, False):
        compat.install_patches()
        if not installed:
            patch.remove()
        try:
            with open_index(newsarticles_index).searcher() as searcher:
                reader = searcher.reader()
                stored = list(reader.all_stored_fields())
                postings = {word: list(reader.postings("body", word).items_as("weight"))
                            for word in (b"polic", b"state", b"trump", b"germani")}
                read.append((stored, postings, sorted(searcher.lexicon("title"))))
        finally:
            compat.install_patches()
    assert read[0] == read[1] and len(read[0][0]) == 3784


def test_column_values_are_what_whoosh_reads_value_by_value(tmp_path: Path) -> None:
    from whoosh import columns

    folder = tmp_path / "ix"
    folder.mkdir()
    schema = fields.Schema(id=fields.ID(stored=True), key=fields.COLUMN(columns.VarBytesColumn()),
                           size=fields.NUMERIC(sortable=True))
    ix = FileStorage(str(folder)).create_index(schema, indexname="articles")
    writer = ix.writer()
    for number in range(300):
        writer.add_document(id=str(number), key=b"k\x00\xff" * (number % 4), size=number * 7)
    writer.commit()
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for name in ("key", "size"):  # a VarBytesColumn read at once; a numeric column as Whoosh reads it
            assert compat.column_values(reader, name) == list(reader.column_reader(name, translate=False))
        assert compat.column_values(reader, "key")[:4] == [b"", b"k\x00\xff", b"k\x00\xffk\x00\xff", b"k\x00\xff" * 3]


def test_whoosh_imports_without_urllib_request_and_asyncio_which_stay_importable() -> None:
    """whoosh.compat still takes urlretrieve from urllib.request, and whoosh.reading
    cached_property from its package (2.7.5): stand-ins serve while Whoosh loads."""
    probe = ("import sys\n"
             "import newsfind.search, whoosh.compat, whoosh.reading\n"
             "print('urllib.request' in sys.modules, 'asyncio' in sys.modules, 'cached_property' in sys.modules)\n"
             "try:\n"
             "    whoosh.compat.urlretrieve('http://example.invalid/')\n"
             "except RuntimeError as error:\n"
             "    print(error)\n"
             "import urllib.request, cached_property\n"
             "print(callable(urllib.request.urlopen), cached_property.cached_property is not whoosh.reading.cached_property)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines() == ["False False False", "newsfind never downloads anything", "True True"], \
        result.stderr


def test_deleted_documents_are_cached_once_per_reader(tmp_path: Path) -> None:
    ix = index_with_a_deletion(tmp_path / "ix", ["a b", "b c", "c d"], deleted="1")
    with ix.reader() as reader:
        assert reader.deleted_docs_set == frozenset({1})
        assert reader.deleted_docs_set is reader.deleted_docs_set


def test_positions_written_as_one_string_a_block_read_back_as_whoosh_writes_them(tmp_path: Path) -> None:
    """The joined-values patches change how a block's positions are stored, not
    what is read: every posting's value (positions and character offsets) of an
    index written with them equals that of one Whoosh writes, block after block."""
    from newsfind.archive import scan_archive
    from newsfind.documents import make_schema, prepare_document
    from tests.corpora import NEWSARTICLES

    archive = tmp_path / "archive"
    archive.mkdir()
    for path in sorted(NEWSARTICLES.glob("*.txt"))[:200]:
        (archive / path.name).write_bytes(path.read_bytes())
    entries = scan_archive(str(archive)).files
    joined = [patch for patch in compat.PATCHES if patch.name in ("_mini_values", "_read_values")]
    written = []
    for name in ("patched", "whoosh"):
        (tmp_path / name).mkdir()
        ix = FileStorage(str(tmp_path / name)).create_index(make_schema(), indexname="articles")
        compat.install_patches()
        if name == "whoosh":
            for patch in joined:
                patch.remove()
        try:
            writer = ix.writer()
            for entry in entries:
                writer.add_document(**prepare_document(entry, ix.schema))
            writer.commit()
            with ix.searcher() as searcher:
                reader = searcher.reader()
                written.append([(fieldname, text, _values(reader.postings(fieldname, text)))
                                for fieldname, text in reader.all_terms() if fieldname in ("title", "body")])
        finally:
            compat.install_patches()
    assert written[0] == written[1]
    assert sum(len(postings) for _, _, postings in written[0]) > 10_000
    assert any(len(postings) > 128 for _, _, postings in written[0])  # terms of several blocks


def _values(matcher) -> list[tuple[int, bytes]]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.value()))
        matcher.next()
    return found
