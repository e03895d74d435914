"""Writing an index: merged entries in, an SQLite database of entries and search keys out.

Every key is computed here from the entry's own fields (folded and stemmed English, the
abbreviation, Chinese folded and mapped to one script, toneless pinyin), never read from a
file, so a hand edit of a glossary is searched by its new forms as soon as the index is
rebuilt.  Rows are streamed into the database in batches and the secondary indexes made
once they are in.  Fragments go into three FTS5 tables: trigram tokenizer for the folded
English and the pinyin keys, one token per character for the Chinese (so a phrase query
is a substring match of any length, two-character words included); their rows are
numbered by rank (see :data:`glossary.store.schema.FTS`).  An SQLite without FTS5 or
its trigram tokenizer gets an index without them, and fragments are found by a scan.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import operator
import os
import sqlite3
import threading
from array import array
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from glossary.lookup.keys import fold_chinese, fold_english, pinyin_key, script_map, stem_words
from glossary.model import Direction, Status, Term
from glossary.store.schema import (
    ABBREVIATION,
    CHINESE,
    FRAGMENT_FIELDS,
    FTS,
    INDEXES,
    LENGTHS,
    NEAR,
    SCHEMA,
    STEM,
    TRIGRAM_FIELDS,
    VERSION,
)

#: Rows sent to SQLite per ``executemany``.
BATCH = 20_000
#: Bytes of new fragment rows FTS5 gathers in memory before it writes a segment (its
#: default, 1 MiB, makes hundreds of segments to merge at a million entries).
HASH_SIZE = 16 << 20
#: Lower ranks first: preferred entries, then unmarked and admitted, deprecated last.
PRIORITY = {None: 1, Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}

_SAME = None  # an occurrence's surface form equal to its entry's
_OCCURRENCE_DEFAULTS: tuple[object, ...] = (
    None,
    0,
    0,
    0,
    _SAME,
    _SAME,
    "",
    "",
    "",
    "en-zh",
    None,
    [],
)


def encode_occurrences(term: Term) -> bytes | None:
    """The term's occurrences packed with :mod:`marshal` (built in: reading them back
    imports nothing; the index's version names the marshal format): one list each,
    trailing defaults dropped.

    >>> import marshal
    >>> from glossary.model import Occurrence
    >>> o = Occurrence("a.txt", 3, 0, 0, "subversion", "颠覆")
    >>> marshal.loads(encode_occurrences(Term("subversion", "颠覆", occurrences=(o,))))
    [['a.txt', 3]]
    """
    if not term.occurrences:
        return None
    out: list[list[Any]] = []
    english, chinese = term.english, term.chinese
    for o in term.occurrences:
        if (
            not o.start
            and not o.end
            and o.english == english
            and o.chinese == chinese
            and not (o.abbreviation or o.pinyin or o.context or o.candidates)
            and o.direction is Direction.EN_ZH
            and o.confidence is None
        ):  # as a TSV sources cell gives them: the quick way
            out.append([o.source, int(o.line)] if o.source is not None or o.line else [])
            continue
        row: list[Any] = [
            o.source,
            o.line,
            o.start,
            o.end,
            _SAME if o.english == term.english else o.english,
            _SAME if o.chinese == term.chinese else o.chinese,
            o.abbreviation,
            o.pinyin,
            o.context,
            o.direction.value,
            o.confidence,
            [[c.text, c.score, list(c.signals)] for c in o.candidates],
        ]
        while row and row[-1] == _OCCURRENCE_DEFAULTS[len(row) - 1]:
            row.pop()
        out.append(row)
    return marshal.dumps(out)


def learn_script(entries: Sequence[Term], folded: Sequence[str] | None = None) -> dict[int, str]:
    """The traditional -> simplified character table of the entries' own pairs
    (``folded``: their folded Chinese, if known)."""
    return script_map(
        (fold_chinese(t.chinese) if folded is None else folded[i], fold_chinese(t.traditional))
        for i, t in enumerate(entries)
        if t.traditional and t.traditional != t.chinese
    )


def _rows(
    entries: Sequence[Term],
    folds: Sequence[tuple[str, str, str]],
    canonical: Sequence[str],
    pinyin_keys: Sequence[str],
    priority: Sequence[int],
    table: dict[int, str],
    keys: list[tuple[int, str, int]],
    words: set[str],
) -> Iterator[tuple[object, ...]]:
    """Entry rows in order; on the way, their ``key`` rows are appended to ``keys`` and
    the words of their English added to ``words``."""
    fields = operator.attrgetter(
        "english", "chinese", "traditional", "pinyin", "abbreviation", "kind", "given_pinyin"
    )
    curated = operator.attrgetter("domain", "note", "confidence")
    for i, t in enumerate(entries):
        chinese, english, _ = folds[i]
        if english:
            split = english.split()
            keys.append((STEM, stem_words(split), i))
            words.update(split)
        e, z, traditional, pinyin, abbreviation, kind, given = fields(t)
        if abbreviation:
            keys.append((ABBREVIATION, abbreviation.casefold(), i))
        if traditional and traditional != z:
            folded = fold_chinese(traditional)
            if len(folded) != len(chinese):  # no character pairing: the form itself
                keys.append((CHINESE, folded.translate(table), i))
        status = t.status
        yield (
            i,
            e,
            z,
            traditional,
            pinyin,
            abbreviation,
            kind.value,
            given,
            status.value if status else None,
            *curated(t),
            encode_occurrences(t) if t.occurrences else None,
            priority[i],
            english,
            chinese,
            canonical[i],
            pinyin_keys[i],
        )


def _length_bounds(lengths: Sequence[Sequence[int]]) -> dict[str, str]:
    """The :data:`glossary.store.schema.LENGTHS` meta rows of the fragment fields, from
    the lengths of their keys."""
    out = {}
    for field, field_lengths in zip(FRAGMENT_FIELDS, lengths, strict=True):
        counts = [0] * (max(field_lengths, default=0) + 1)
        for n in field_lengths:
            counts[n] += 1
        out[LENGTHS.format(field=field)] = ",".join(map(str, itertools.accumulate(counts)))
    return out


def _order(lengths: Sequence[int], priority: Sequence[int]) -> array[int]:
    """The entries by key length, then priority, then position: rank ``r`` (from 1) is
    entry ``order[r - 1]`` (packed: a million entries' orders are 8 MB, not 36)."""
    weight = [length * 4 + p for length, p in zip(lengths, priority, strict=True)]
    return array("q", sorted(range(len(weight)), key=weight.__getitem__))  # (stable)


def _fragments(
    con: sqlite3.Connection, orders: Sequence[Sequence[int]], texts: Sequence[Sequence[str]]
) -> None:
    """Fill the FTS5 tables and their rank maps, each in rank order.

    FTS5 buffers new rows in memory and writes them out as one segment only while rowids
    keep rising; a smaller rowid flushes the buffer, so rows given out of order make
    thousands of tiny segments to merge (six times the work, and slower queries).
    """
    for field, order, text in zip(FRAGMENT_FIELDS, orders, texts, strict=True):
        with contextlib.suppress(sqlite3.OperationalError):  # (an SQLite without the option)
            con.execute(
                f"INSERT INTO {field}_fts({field}_fts, rank) VALUES ('hashsize', {HASH_SIZE})"
            )
        con.executemany(
            f"INSERT INTO {field}_fts(rowid, text) VALUES (?, ?)",
            ((rank, t) for rank, e in enumerate(order, start=1) if (t := text[e])),
        )
        con.executemany(f"INSERT INTO {field}_rank VALUES (?, ?)", enumerate(order, start=1))
        if field in TRIGRAM_FIELDS:
            _trigram_counts(con, field)


def _trigram_counts(con: sqlite3.Connection, field: str) -> None:
    """Fill ``{field}_df`` from the FTS5 index itself (fts5vocab reads it in term order)."""
    try:
        con.execute(
            f"CREATE VIRTUAL TABLE temp.{field}_vocab USING fts5vocab(main, {field}_fts, 'row')"
        )
    except sqlite3.OperationalError:  # no fts5vocab: fragments are found without counts
        return
    con.execute(f"INSERT INTO {field}_df SELECT term, doc FROM temp.{field}_vocab")
    con.execute(f"DROP TABLE temp.{field}_vocab")


class _Chinese(Sequence[str]):
    """The canonical Chinese of each entry, one token per character (made as asked for)."""

    def __init__(self, canonical: Sequence[str]) -> None:
        self._canonical = canonical

    def __len__(self) -> int:
        return len(self._canonical)

    def __getitem__(self, i: Any) -> Any:
        return " ".join(self._canonical[i])


class _Thread(threading.Thread):
    """Runs a function on a thread of its own, keeping its exception for :meth:`result`
    (SQLite works without Python's lock, so two databases are written on two cores)."""

    def __init__(self, target: Any, *args: Any) -> None:
        super().__init__(name="glossary-fts", daemon=True)
        self._work = (target, args)
        self.error: BaseException | None = None

    def run(self) -> None:
        target, args = self._work
        try:
            target(*args)
        except BaseException as exc:  # handed to the building thread by result()
            self.error = exc

    def result(self) -> None:
        self.join()
        if self.error is not None:
            raise self.error


def _prepare(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA page_size = 8192")  # (fewer, fuller pages: a little less work)
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -131072")  # 128 MiB while building
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # index sorts on every core


def write(
    con: sqlite3.Connection,
    entries: Sequence[Term],
    key: str = "",
    folds: Sequence[tuple[str, str, str]] | None = None,
    fragments: sqlite3.Connection | None = None,
) -> None:
    """Fill the empty database ``con`` with ``entries`` (merged, complete) and their keys.

    ``key`` names the content the index is built from (a reader checks it); ``folds`` are
    the entries' :func:`glossary.glossary.entry_key` if the caller has them already.
    ``fragments``, an empty database opened with ``check_same_thread=False``, receives the
    FTS5 tables on a second thread; without it they go into ``con``.

    >>> con = sqlite3.connect(":memory:")
    >>> write(con, [Term("subversion", "颠覆", "顛覆", "diānfù")])
    >>> con.execute("SELECT english_folded, chinese_key, pinyin_key FROM entry").fetchall()
    [('subversion', '颠覆', 'dianfu')]
    """
    _prepare(con)
    con.executescript(SCHEMA)
    fts_con = fragments if fragments is not None else con
    if fragments is not None:
        _prepare(fragments)
    if folds is None:
        folds = [(fold_chinese(t.chinese), fold_english(t.english), "") for t in entries]
    table = learn_script(entries, [f[0] for f in folds])
    canonical = [f[0].translate(table) for f in folds] if table else [f[0] for f in folds]
    pinyin_keys = [pinyin_key(t.pinyin) if t.pinyin else "" for t in entries]
    priority = [PRIORITY[t.status] for t in entries]
    try:
        fts_con.executescript(FTS)
    except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (SQLite < 3.34)
        fts = None
    else:
        english = [f[1] for f in folds]
        lengths = [list(map(len, texts)) for texts in (english, pinyin_keys, canonical)]
        bounds = _length_bounds(lengths)
        orders = [_order(n, priority) for n in lengths]
        fts = (orders, [english, pinyin_keys, _Chinese(canonical)])
    thread = None
    if fts is not None and fragments is not None:  # the fragments beside, on a second core
        thread = _Thread(_fragments, fragments, *fts)
        thread.start()
    try:
        keys: list[tuple[int, str, int]] = []
        words: set[str] = set()
        rows = _rows(entries, folds, canonical, pinyin_keys, priority, table, keys, words)
        insert = "INSERT INTO entry VALUES (" + ", ".join("?" * 18) + ")"
        while batch := list(islice(rows, BATCH)):
            con.executemany(insert, batch)
            con.executemany("INSERT INTO key VALUES (?, ?, ?)", keys)
            keys.clear()
        con.executescript(INDEXES)
        con.executemany(
            NEAR,
            sorted(
                (f"{len(w)}{mark}{end}", w)
                for w in words
                for mark, end in (("<", w[:2]), (">", w[-2:]))
            ),
        )
        if fts is not None and thread is None:
            _fragments(con, *fts)
    finally:
        if thread is not None:
            thread.result()
    meta = {
        **({} if fts is None else bounds),
        "version": str(VERSION),
        "key": key,
        "script": "".join(chr(t) + s for t, s in table.items()),
        "fts": "none" if fts is None else "attached" if fragments is not None else "fts5",
        "entries": str(len(entries)),
    }
    if fragments is not None and fts is not None:
        fragments.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            {"version": meta["version"], "key": key}.items(),
        )
        fragments.commit()
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
    con.commit()
