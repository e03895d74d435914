"""Readings past a threshold kept in a temporary SQLite file: memory grows with the
distinct terms a corpus holds, not with its size.

A :class:`ReadingStore` collects the readings of a run.  Up to :data:`SPILL_AFTER` of them
stay in memory and :meth:`ReadingStore.settle` is :func:`~glossary.extraction.settle`.
Past it, every reading goes to a SQLite database in a temporary folder (removed when the
store closes, on an error too), and only a summary per key stays in memory: the votes of
its confident readings (all that corpus-level agreement needs) and its rank among the
keys.  Agreement is applied as the readings are read back, and the result,
:class:`SpilledTerms`, gives the terms in :func:`~glossary.extraction.settle`'s order one
at a time, or grouped into glossary entries (:meth:`SpilledTerms.entries`) whose
occurrences are read from the file as each entry is written.

>>> from glossary.extraction import read, settle
>>> readings = read("“subversion” (颠覆) and the “nuclear sharing” (核共享)", "a.txt")
>>> with ReadingStore(spill_after=1) as store:
...     store.add(readings)
...     spilled = store.settle()
...     [t.english for t in spilled] == [t.english for t in settle(readings)]
True
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any

from glossary.extraction import (
    SETTLING_CONFIDENCE,
    Reading,
    _agree_one,
    _reference,
    _vote,
    _Votes,
    settle,
)
from glossary.model import Candidate, Occurrence, Term

if TYPE_CHECKING:
    import tempfile

__all__ = ["SPILL_AFTER", "Entry", "ReadingStore", "SpilledTerms"]

#: Readings kept in memory before the store moves them to disk (about 40 MB of memory,
#: the pairs of some 40 MB of dense prose).  A run this small is settled in memory;
#: past it, the spill costs about 5 % of the run's time and memory stops growing.
SPILL_AFTER = 20_000

#: A scratch file: nothing to recover after a crash, so no journal and no syncs; sorts
#: go to temporary files, not to memory.
_PRAGMAS = ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE")

#: Rows written to the database at a time.
_ROWS = 2000

#: The order :func:`~glossary.extraction.settle` gives: source and position, then the
#: key's first arrival and the reading's own.
_ORDER = "source, start, stop, keyrank, seq"


_OCCURRENCE = Occurrence.__match_args__
_CANDIDATE = Candidate.__match_args__
_CANDIDATES = _OCCURRENCE.index("candidates")


def _tempfile_folder() -> str:
    """The folder temporary files go to (``TMPDIR``, else the system's)."""
    import tempfile

    return tempfile.gettempdir()


def _pack(occ: Occurrence) -> bytes:
    """An occurrence as the pickle of plain tuples (twice as fast to write as the
    classes themselves)."""
    values: list[Any] = [getattr(occ, name) for name in _OCCURRENCE]
    values[_CANDIDATES] = tuple(
        tuple(getattr(c, name) for name in _CANDIDATE) for c in occ.candidates
    )
    return pickle.dumps(tuple(values), pickle.HIGHEST_PROTOCOL)


def _unpack(data: bytes) -> Occurrence:
    values = list(pickle.loads(data))
    values[_CANDIDATES] = tuple(Candidate(*c) for c in values[_CANDIDATES])
    return Occurrence(*values)


@dataclass(slots=True)
class _Key:
    """What stays in memory of a key's readings: its rank of arrival and its votes."""

    rank: int
    name: str
    votes: _Votes = field(default_factory=dict)


@dataclass(slots=True)
class _Skeleton:
    """How often a distinct term (its occurrences and confidence left out) was kept."""

    count: int = 0
    confidence: float | None = None
    #: The smallest (source, line) it was found at (the source order of an entry).
    first: tuple[str, int] = ("\uffff", 0)


#: A row of the readings table: seq, keyrank, source, start, stop, line, confidence,
#: skeleton, the occurrence, the spans (only where agreement may need them).
_Row = tuple[int, int, str, int, int, int, float | None, int, bytes, bytes | None]


class ReadingStore:
    """The readings of a run, in memory up to ``spill_after`` of them, on disk past it.

    Use it as a context manager (or call :meth:`close`): the temporary folder is removed
    when it ends.  Readings may be added in any order; the result is the same.
    """

    def __init__(self, spill_after: int | None = None) -> None:
        self.spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._memory: list[Reading] = []
        self._keys: dict[str, _Key] = {}
        #: Distinct terms of the spilled readings (a term without occurrences and
        #: confidence; Term's equality ignores both) -> their number.
        self._skeletons: dict[Term, int] = {}
        self._count = 0
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None
        self._pending: list[_Row] = []

    def __enter__(self) -> ReadingStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database and remove the temporary folder (safe to call twice)."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._memory = []

    def __len__(self) -> int:
        return self._count

    @property
    def spilled(self) -> bool:
        """Whether the readings went to disk."""
        return self._db is not None

    @contextlib.contextmanager
    def _disk(self) -> Iterator[None]:
        """A full disk (or any failure of the database) is one line naming the folder."""
        try:
            yield
        except sqlite3.Error as exc:
            from glossary.errors import InputError

            folder = os.path.dirname(self._folder.name) if self._folder else _tempfile_folder()
            raise InputError(
                folder,
                f"cannot keep the readings of a large corpus here ({exc})",
                "free some space, or set TMPDIR to a folder with more",
            ) from None

    def add(self, readings: Iterable[Reading]) -> None:
        """Keep ``readings`` (moving everything to disk once there are too many)."""
        with self._disk():
            self._add(readings)

    def _add(self, readings: Iterable[Reading]) -> None:
        keys = self._keys
        for r in readings:
            key = keys.get(r.key)
            if key is None:
                key = keys[r.key] = _Key(len(keys), r.key)
            _vote(key.votes, r)
            if self._db is not None:
                self._pending.append(self._row(self._count, key, r))
            else:
                # Kept smaller: the key's one string, and no spans for a reading confident
                # enough that agreement never moves it (its spans are never looked at).
                confident = (r.term.confidence or 0.0) >= SETTLING_CONFIDENCE
                self._memory.append(Reading(key.name, r.term, () if confident else r.spans))
            self._count += 1
        if self._db is None and len(self._memory) > self.spill_after:
            self._spill()
        if len(self._pending) >= _ROWS:
            self._flush()

    def _skeleton(self, term: Term) -> int:
        number = self._skeletons.get(term)
        if number is None:
            number = len(self._skeletons)
            self._skeletons[term.replace(occurrences=(), confidence=None)] = number
        return number

    def _row(self, seq: int, key: _Key, r: Reading) -> _Row:
        term = r.term
        occ = term.occurrences[0]
        unsure = r.spans and (term.confidence or 0.0) < SETTLING_CONFIDENCE
        spans = pickle.dumps(r.spans, pickle.HIGHEST_PROTOCOL) if unsure else None
        source = occ.source or ""
        return (seq, key.rank, source, occ.start, occ.end, occ.line, term.confidence,
                self._skeleton(term), _pack(occ), spans)  # fmt: skip

    def _spill(self) -> None:
        import tempfile

        self._folder = tempfile.TemporaryDirectory(prefix="glossary-")
        db = sqlite3.connect(os.path.join(self._folder.name, "readings.sqlite3"))
        for pragma in _PRAGMAS:
            db.execute(f"PRAGMA {pragma}")
        db.execute(
            "CREATE TABLE readings (seq INTEGER PRIMARY KEY, keyrank INTEGER, source TEXT,"
            " start INTEGER, stop INTEGER, line INTEGER, confidence REAL, skeleton INTEGER,"
            " occurrence BLOB, spans BLOB)"
        )
        self._db = db
        memory, self._memory = self._memory, []
        for n, r in enumerate(memory):
            self._pending.append(self._row(n, self._keys[r.key], r))
            if len(self._pending) >= _ROWS:
                self._flush()
        self._flush()

    def _flush(self) -> None:
        if self._db is not None and self._pending:
            self._db.executemany(
                "INSERT INTO readings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self._pending
            )
            self._pending = []

    def settle(self, min_confidence: float = 0.0) -> list[Term] | SpilledTerms:
        """The terms of every reading, settled (:func:`~glossary.extraction.settle`), of
        at least ``min_confidence``: a list when they were kept in memory, else
        :class:`SpilledTerms` (valid while the store is open)."""

        def kept(term: Term) -> bool:
            return (term.confidence or 0.0) >= min_confidence

        if self._db is None:
            terms = settle(self._memory)
            return [t for t in terms if kept(t)] if min_confidence else terms
        with self._disk():
            return self._settle(self._db, min_confidence)

    def _settle(self, db: sqlite3.Connection, min_confidence: float) -> SpilledTerms:
        self._flush()
        self._agree(db)
        if min_confidence:
            db.execute("DELETE FROM readings WHERE COALESCE(confidence, 0) < ?", (min_confidence,))
        stats: dict[int, _Skeleton] = {}
        for number, conf, source, line in db.execute(
            "SELECT skeleton, confidence, source, line FROM readings"
        ):
            s = stats.get(number)
            if s is None:
                s = stats[number] = _Skeleton()
            s.count += 1
            if conf is not None:
                s.confidence = conf if s.confidence is None else max(s.confidence, conf)
            s.first = min(s.first, (source, line))
        db.execute(f"CREATE INDEX readings_order ON readings ({_ORDER}, skeleton)")
        db.execute(f"CREATE INDEX readings_skeleton ON readings (skeleton, {_ORDER})")
        skeletons = {number: term for term, number in self._skeletons.items()}
        return SpilledTerms(db, skeletons, stats)

    def _agree(self, db: sqlite3.Connection) -> None:
        """Corpus-level agreement on disk: only readings with spans (the unsure ones) of
        keys with a reference are read back, and those that move are rewritten."""
        agreed = {key.rank: _reference(key.votes) for key in self._keys.values()}
        names = {key.rank: key.name for key in self._keys.values()}
        skeletons = {number: term for term, number in self._skeletons.items()}
        last = -1
        while True:  # a chunk at a time, so no cursor is open while rows are rewritten
            rows = db.execute(
                "SELECT seq, keyrank, skeleton, confidence, occurrence, spans FROM readings"
                " WHERE spans IS NOT NULL AND seq > ? ORDER BY seq LIMIT ?",
                (last, _ROWS),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            updates = []
            for seq, rank, number, conf, data, spans in rows:
                if agreed[rank] is None:
                    continue
                term = skeletons[number].replace(occurrences=(_unpack(data),), confidence=conf)
                before = Reading(names[rank], term, pickle.loads(spans))
                after = _agree_one(before, agreed[rank])
                if after is before:
                    continue
                occ = after.occurrence
                moved = self._skeleton(after.term)
                updates.append((occ.start, after.term.confidence, moved, _pack(occ), seq))
            db.executemany(
                "UPDATE readings SET start = ?, confidence = ?, skeleton = ?, occurrence = ?"
                " WHERE seq = ?",
                updates,
            )


@dataclass(frozen=True, slots=True)
class Entry:
    """A glossary entry of spilled terms: its fields, and what its occurrences are read by.

    ``term`` has no occurrences; ``first`` is the smallest (source, line) it was found at.
    """

    term: Term
    skeletons: tuple[int, ...]
    count: int
    first: tuple[str, int]

    def sort_proxy(self) -> Term:
        """The term with one occurrence at :attr:`first` (what the sort keys look at)."""
        source, line = self.first
        return self.term.with_occurrences((Occurrence(source or None, line, 0, 0, ""),))


class SpilledTerms:
    """Settled terms on disk: iterate them in order, or group them into entries."""

    def __init__(
        self, db: sqlite3.Connection, skeletons: dict[int, Term], stats: dict[int, _Skeleton]
    ) -> None:
        self._db = db
        self._skeletons = skeletons
        self._stats = stats
        self._count = sum(s.count for s in stats.values())

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Term]:
        rows = self._db.execute(
            f"SELECT skeleton, confidence, occurrence FROM readings ORDER BY {_ORDER}"
        )
        for number, conf, data in rows:
            yield self._skeletons[number].replace(occurrences=(_unpack(data),), confidence=conf)

    def distinct(self) -> list[Term]:
        """The distinct terms (occurrences and confidence left out), in order of first
        appearance: what is normalised."""
        seen: dict[int, None] = {}
        for (number,) in self._db.execute(f"SELECT skeleton FROM readings ORDER BY {_ORDER}"):
            seen.setdefault(number, None)
        return [self._skeletons[n] for n in seen]

    def entries(self, finish: Callable[[list[Term]], list[Term]]) -> list[Entry]:
        """The glossary entries, in order of first appearance: the distinct terms finished
        by ``finish`` (normalised and completed, one result per term, in order), then
        merged as :func:`glossary.glossary.merge_entries` merges them."""
        from glossary.glossary import entry_key, merge_terms

        numbers = {term: n for n, term in self._skeletons.items()}
        distinct = self.distinct()
        finished = finish(distinct)
        groups: dict[tuple[str, str, str], list[tuple[Term, int]]] = {}
        for raw, done in zip(distinct, finished, strict=True):
            n = numbers[raw]
            groups.setdefault(entry_key(done), []).append(
                (done.replace(confidence=self._stats[n].confidence), n)
            )
        out = []
        for group in groups.values():
            count = sum(self._stats[n].count for _, n in group)
            terms = [t for t, _ in group]
            # merge_terms leaves a single term as it is, but joins the notes of several
            term = terms[0] if count == 1 else merge_terms(terms * 2 if len(terms) == 1 else terms)
            first = min(self._stats[n].first for _, n in group)
            out.append(Entry(term, tuple(n for _, n in group), count, first))
        return out

    def occurrences(self, entry: Entry) -> Iterator[Occurrence]:
        """The occurrences of ``entry``, in order, each once."""
        marks = ", ".join("?" * len(entry.skeletons))
        rows = self._db.execute(
            f"SELECT occurrence FROM readings WHERE skeleton IN ({marks}) ORDER BY {_ORDER}",
            entry.skeletons,
        )
        place: tuple[str | None, int, int] | None = None
        seen: set[Occurrence] = set()
        for (data,) in rows:
            occ = _unpack(data)
            if entry.count == 1:
                yield occ
                continue
            # merging keeps each occurrence once; equal ones stand at the same place
            if (occ.source, occ.start, occ.end) != place:
                place, seen = (occ.source, occ.start, occ.end), set()
            if occ not in seen:
                seen.add(occ)
                yield occ

    def terms(self, entries: Iterable[Entry]) -> Iterator[Term]:
        """Each entry with its occurrences, one at a time."""
        for entry in entries:
            yield entry.term.with_occurrences(self.occurrences(entry))
