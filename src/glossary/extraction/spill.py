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

import os
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any

from glossary.extraction import Reading, _agree_one, _reference, _vote, _Votes, settle
from glossary.model import Occurrence, Term

if TYPE_CHECKING:
    import tempfile

__all__ = ["SPILL_AFTER", "Entry", "ReadingStore", "SpilledTerms"]

#: Readings kept in memory before the store moves them to disk (a run this small is
#: settled in memory, as fast as before; about 1.4 KB each).
SPILL_AFTER = 50_000

#: Rows written to the database at a time.
_ROWS = 2000

#: The order :func:`~glossary.extraction.settle` gives: source and position, then the
#: key's first arrival and the reading's own.
_ORDER = "source, start, stop, keyrank, seq"


def _dump(obj: Any) -> bytes:
    return pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)


@dataclass(slots=True)
class _Key:
    """What stays in memory of a key's readings: its rank of arrival and its votes."""

    rank: int
    votes: _Votes = field(default_factory=dict)


@dataclass(slots=True)
class _Skeleton:
    """One distinct term (occurrences and confidence left out) of the settled readings."""

    id: int
    count: int = 0
    confidence: float | None = None
    #: The smallest (source, line) it was found at (the source order of an entry).
    first: tuple[str, int] = ("\uffff", 0)


class ReadingStore:
    """The readings of a run, in memory up to ``spill_after`` of them, on disk past it.

    Use it as a context manager (or call :meth:`close`): the temporary folder is removed
    when it ends.  Readings may be added in any order; the result is the same.
    """

    def __init__(self, spill_after: int | None = None) -> None:
        self.spill_after = SPILL_AFTER if spill_after is None else spill_after
        self._memory: list[Reading] = []
        self._keys: dict[str, _Key] = {}
        self._count = 0
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[int, int, bytes]] = []

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

    def add(self, readings: Iterable[Reading]) -> None:
        """Keep ``readings`` (moving everything to disk once there are too many)."""
        keys = self._keys
        for r in readings:
            key = keys.get(r.key)
            if key is None:
                key = keys[r.key] = _Key(len(keys))
            _vote(key.votes, r)
            if self._db is None:
                self._memory.append(r)
            else:
                self._pending.append((self._count, key.rank, _dump(r)))
            self._count += 1
        if self._db is None and len(self._memory) > self.spill_after:
            self._spill()
        if len(self._pending) >= _ROWS:
            self._flush()

    def _spill(self) -> None:
        import tempfile

        self._folder = tempfile.TemporaryDirectory(prefix="glossary-")
        db = sqlite3.connect(os.path.join(self._folder.name, "readings.sqlite3"))
        # A scratch file: nothing to recover after a crash, so no journal and no syncs;
        # sorts go to temporary files, not to memory.
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "temp_store=FILE"):
            db.execute(f"PRAGMA {pragma}")
        db.execute("CREATE TABLE readings (seq INTEGER PRIMARY KEY, keyrank INTEGER, data BLOB)")
        self._db = db
        self._pending = [(n, self._keys[r.key].rank, _dump(r)) for n, r in enumerate(self._memory)]
        self._memory = []
        self._flush()

    def _flush(self) -> None:
        if self._db is not None and self._pending:
            self._db.executemany("INSERT INTO readings VALUES (?, ?, ?)", self._pending)
            self._pending = []

    def settle(self, keep: Callable[[Term], bool] | None = None) -> list[Term] | SpilledTerms:
        """The terms of every reading, settled (:func:`~glossary.extraction.settle`) and
        those ``keep`` accepts: a list when they were kept in memory, else
        :class:`SpilledTerms` (valid while the store is open)."""
        if self._db is None:
            terms = settle(self._memory)
            return terms if keep is None else [t for t in terms if keep(t)]
        self._flush()
        db = self._db
        agreed = {key.rank: _reference(key.votes) for key in self._keys.values()}
        db.execute(
            "CREATE TABLE settled (source TEXT, start INTEGER, stop INTEGER, keyrank INTEGER,"
            " seq INTEGER, skeleton INTEGER, data BLOB)"
        )
        skeletons: dict[Term, _Skeleton] = {}
        rows: list[tuple[str, int, int, int, int, int, bytes]] = []
        for seq, rank, data in db.execute("SELECT seq, keyrank, data FROM readings ORDER BY seq"):
            term = _agree_one(pickle.loads(data), agreed[rank]).term
            if keep is not None and not keep(term):
                continue
            occ = term.occurrences[0]
            skeleton = term.replace(occurrences=(), confidence=None)
            s = skeletons.get(skeleton)
            if s is None:
                s = skeletons[skeleton] = _Skeleton(len(skeletons))
            s.count += 1
            if term.confidence is not None:
                c = term.confidence
                s.confidence = c if s.confidence is None else max(s.confidence, c)
            s.first = min(s.first, (occ.source or "", occ.line))
            rows.append((occ.source or "", occ.start, occ.end, rank, seq, s.id, _dump(term)))
            if len(rows) >= _ROWS:
                db.executemany("INSERT INTO settled VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                rows = []
        db.executemany("INSERT INTO settled VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        db.execute("DROP TABLE readings")
        db.execute(f"CREATE INDEX settled_order ON settled ({_ORDER}, skeleton)")
        db.execute(f"CREATE INDEX settled_skeleton ON settled (skeleton, {_ORDER})")
        return SpilledTerms(db, skeletons)


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

    def __init__(self, db: sqlite3.Connection, skeletons: dict[Term, _Skeleton]) -> None:
        self._db = db
        self._skeletons = skeletons
        self._count = sum(s.count for s in skeletons.values())

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Term]:
        for (data,) in self._db.execute(f"SELECT data FROM settled ORDER BY {_ORDER}"):
            yield pickle.loads(data)

    def distinct(self) -> list[Term]:
        """The distinct terms (occurrences and confidence left out), in order of first
        appearance: what is normalised."""
        by_id = {s.id: t for t, s in self._skeletons.items()}
        seen: dict[int, None] = {}
        for (skeleton,) in self._db.execute(f"SELECT skeleton FROM settled ORDER BY {_ORDER}"):
            seen.setdefault(skeleton, None)
        return [by_id[i] for i in seen]

    def entries(self, finish: Callable[[list[Term]], list[Term]]) -> list[Entry]:
        """The glossary entries, in order of first appearance: the distinct terms finished
        by ``finish`` (normalised and completed, one result per term, in order), then
        merged as :func:`glossary.glossary.merge_entries` merges them."""
        from glossary.glossary import entry_key, merge_terms

        distinct = self.distinct()
        finished = finish(distinct)
        groups: dict[tuple[str, str, str], list[tuple[Term, _Skeleton]]] = {}
        for raw, done in zip(distinct, finished, strict=True):
            s = self._skeletons[raw]
            groups.setdefault(entry_key(done), []).append(
                (done.replace(confidence=s.confidence), s)
            )
        out = []
        for group in groups.values():
            count = sum(s.count for _, s in group)
            terms = [t for t, _ in group]
            # merge_terms leaves a single term as it is, but joins the notes of several
            term = terms[0] if count == 1 else merge_terms(terms * 2 if len(terms) == 1 else terms)
            out.append(
                Entry(
                    term,
                    tuple(s.id for _, s in group),
                    count,
                    min(s.first for _, s in group),
                )
            )
        return out

    def occurrences(self, entry: Entry) -> Iterator[Occurrence]:
        """The occurrences of ``entry``, in order, each once."""
        marks = ", ".join("?" * len(entry.skeletons))
        rows = self._db.execute(
            f"SELECT data FROM settled WHERE skeleton IN ({marks}) ORDER BY {_ORDER}",
            entry.skeletons,
        )
        place: tuple[str | None, int, int] | None = None
        seen: set[Occurrence] = set()
        for (data,) in rows:
            occ: Occurrence = pickle.loads(data).occurrences[0]
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
