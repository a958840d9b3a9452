"""What one indexing run did, as checked against the committed index."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfind.archive import Problem
from newsfind.wording import plural

#: How many paths a summary names before "…".
NAMED_PATHS = 5


@dataclass
class IndexCheck:
    """The committed index held against what the run reports.

    Read from the index itself after the last commit: every file reported
    indexed must be there once, with the version (size and time) that was read.
    """

    documents: int = 0  #: articles the committed index holds for this archive
    missing: list[str] = field(default_factory=list)  #: reported indexed, not there (or an older version)
    unexpected: list[str] = field(default_factory=list)  #: there, though gone or skipped
    duplicates: list[str] = field(default_factory=list)  #: there more than once

    @property
    def ok(self) -> bool:
        return not (self.missing or self.unexpected or self.duplicates)

    def summary(self) -> str:
        parts = []
        for paths, what in ((self.missing, "reported indexed but not in the index"),
                            (self.unexpected, "in the index but no longer in the archive"),
                            (self.duplicates, "in the index more than once")):
            if paths:
                named = ", ".join(paths[:NAMED_PATHS]) + (", …" if len(paths) > NAMED_PATHS else "")
                parts.append(f"{plural(len(paths), 'article')} {what} ({named})")
        return "; ".join(parts)


@dataclass
class IndexReport:
    """What one indexing run did; problems include skipped and degraded files."""

    archive_root: str
    index_dir: str
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total_files: int = 0
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    #: Why the run stopped before its end ("" when it did not): nothing reported
    #: here as added or updated was lost, the rest is indexed by the next run.
    failure: str = ""
    #: Damage found in the index and what was done about it.
    repairs: list[str] = field(default_factory=list)
    #: Files of the archive this run did not get to (cancelled or failed).
    not_indexed: int = 0
    check: IndexCheck | None = None

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def degraded(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    @property
    def indexed(self) -> int:
        """Articles searchable after this run."""
        return self.added + self.updated + self.unchanged

    @property
    def ok(self) -> bool:
        """The run finished and the index holds what it says."""
        return not self.failure and (self.check is None or self.check.ok)

    def summary(self) -> str:
        if self.failure and not (self.indexed or self.removed or self.problems):
            return f"Indexing stopped: {self.failure}"
        text = (f"{plural(self.indexed, 'article')} indexed: {self.added:,} added, {self.updated:,} updated, "
                f"{self.removed:,} removed, {self.unchanged:,} unchanged; {plural(len(self.skipped), 'file')} skipped")
        if self.degraded:
            text += f", {len(self.degraded):,} read with warnings"
        if self.cancelled:
            text += " (cancelled: the index holds what was done so far)"
        if self.not_indexed and not self.cancelled:
            text += f"; {plural(self.not_indexed, 'file')} not indexed yet"
        if self.failure:
            text += f". Indexing stopped: {self.failure}"
        if self.check is not None and not self.check.ok:
            text += f". The index check FAILED: {self.check.summary()}; index again to repair it"
        return text
