"""Where an archive's index lives: a light module, so that commands that only
search (`newsfind search`, `show`, `cite`, `timeline`) need not import the indexer."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from newsfind.index_store import read_info


def data_dir() -> Path:
    """Where indexes live; NEWSFIND_DATA_DIR overrides it (tests, self-test)."""
    override = os.environ.get("NEWSFIND_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # here: 10 ms at start-up, and the tests and the self-test never need it

    return Path(platformdirs.user_data_dir("newsfind", appauthor=False))


def default_index_dir(archive_root: str | os.PathLike[str]) -> Path:
    """One index folder per archive, named so a person can tell which is which."""
    root = os.path.abspath(os.fspath(archive_root))
    digest = hashlib.sha1(root.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^\w.-]+", "_", Path(root).name, flags=re.ASCII)[:40] or "archive"
    return data_dir() / "indexes" / f"{slug}-{digest}"


def archive_root_of(index_dir: str | os.PathLike[str]) -> str | None:
    """The archive folder an index was built from, as recorded at build time."""
    return read_info(index_dir).get("archive_root")
