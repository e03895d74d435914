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

import json
import os
import queue
import sqlite3
import threading
from array import array
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from glossary.lookup.keys import fold_chinese, fold_english, pinyin_key, script_map, stem_key
from glossary.model import Direction, Status, Term
from glossary.store.schema import (
    ABBREVIATION,
    CHINESE,
    FRAGMENT_FIELDS,
    FTS,
    INDEXES,
    NEAR,
    SCHEMA,
    STEM,
    VERSION,
)

#: Rows sent to SQLite per ``executemany``.
BATCH = 20_000
#: Lower ranks first: preferred entries, then unmarked and admitted, deprecated last.
PRIORITY = {None: 1, Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}

_SAME = None  # an occurrence's surface form equal to its entry's
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
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


def encode_occurrences(term: Term) -> str | None:
    """The term's occurrences as compact JSON: one list each, trailing defaults dropped.

    >>> from glossary.model import Occurrence
    >>> o = Occurrence("a.txt", 3, 0, 0, "subversion", "颠覆")
    >>> encode_occurrences(Term("subversion", "颠覆", occurrences=(o,)))
    '[["a.txt",3]]'
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
            out.append([o.source, o.line] if o.source is not None or o.line else [])
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
    return _ENCODE(out)


def learn_script(entries: Sequence[Term]) -> dict[int, str]:
    """The traditional -> simplified character table of the entries' own pairs."""
    return script_map(
        (fold_chinese(t.chinese), fold_chinese(t.traditional))
        for t in entries
        if t.traditional and t.traditional != t.chinese
    )


def _rows(
    entries: Sequence[Term],
    folds: Sequence[tuple[str, str, str]] | None,
    pinyin_keys: Sequence[str],
    table: dict[int, str],
    keys: list[tuple[int, str, int]],
    words: set[str],
    texts: list[tuple[int, str, str, str]],
) -> Iterator[tuple[object, ...]]:
    """Entry rows in order; on the way, their ``key`` rows are appended to ``keys``, their
    fragment texts to ``texts``, and the words of their English added to ``words``."""
    for i, t in enumerate(entries):
        if folds is None:
            chinese, english = fold_chinese(t.chinese), fold_english(t.english)
        else:
            chinese, english, _ = folds[i]
        canonical = chinese.translate(table) if table else chinese
        if english:
            keys.append((STEM, stem_key(english), i))
            words.update(english.split())
        if t.abbreviation:
            keys.append((ABBREVIATION, t.abbreviation.casefold(), i))
        if t.traditional and t.traditional != t.chinese:
            traditional = fold_chinese(t.traditional)
            if len(traditional) != len(chinese):  # no character pairing: the form itself
                keys.append((CHINESE, traditional.translate(table), i))
        pinyin = pinyin_keys[i]
        texts.append((i, english, pinyin, " ".join(canonical)))
        yield (
            i,
            t.english,
            t.chinese,
            t.traditional,
            t.pinyin,
            t.abbreviation,
            t.kind.value,
            t.given_pinyin,
            t.status.value if t.status else None,
            t.domain,
            t.note,
            t.confidence,
            encode_occurrences(t),
            PRIORITY[t.status],
            english,
            chinese,
            canonical,
            pinyin,
        )


def _ranks(lengths: Sequence[int], priority: Sequence[int]) -> array[int]:
    """Each entry's rank (from 1) by key length, then priority, then position."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], priority[i]))
    ranks = array("q", bytes(8 * len(order)))
    for rank, entry in enumerate(order, start=1):
        ranks[entry] = rank
    return ranks


class _Fragments:
    """Fills the FTS5 tables, batch by batch: inline, or on a thread of its own when they
    are in a database of their own (SQLite works without Python's lock, so the two
    databases are written on two cores)."""

    def __init__(self, con: sqlite3.Connection, ranks: list[array[int]], threaded: bool) -> None:
        self.con = con
        self.ranks = ranks
        self.error: BaseException | None = None
        self.queue: queue.Queue[list[tuple[int, str, str, str]] | None] | None = None
        self.thread: threading.Thread | None = None
        if threaded:
            self.queue = queue.Queue(maxsize=4)
            self.thread = threading.Thread(target=self._run, name="glossary-fts", daemon=True)
            self.thread.start()

    def _write(self, batch: list[tuple[int, str, str, str]]) -> None:
        for k, (field, ranks) in enumerate(zip(FRAGMENT_FIELDS, self.ranks, strict=True), 1):
            self.con.executemany(
                f"INSERT INTO {field}_fts(rowid, text) VALUES (?, ?)",
                [(ranks[b[0]], b[k]) for b in batch if b[k]],
            )

    def _maps(self) -> None:
        for field, ranks in zip(FRAGMENT_FIELDS, self.ranks, strict=True):
            by_rank = sorted(range(len(ranks)), key=ranks.__getitem__)
            self.con.executemany(
                f"INSERT INTO {field}_rank VALUES (?, ?)",
                ((rank, entry) for rank, entry in enumerate(by_rank, start=1)),
            )

    def _run(self) -> None:
        assert self.queue is not None
        while (batch := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self._write(batch)
                except BaseException as exc:  # handed to the building thread by finish()
                    self.error = exc
        if self.error is None:
            try:
                self._maps()
            except BaseException as exc:
                self.error = exc

    def add(self, batch: list[tuple[int, str, str, str]]) -> None:
        """Index ``batch`` of (entry, folded English, pinyin key, spaced Chinese)."""
        if self.queue is None:
            self._write(batch)
        else:
            self.queue.put(batch)

    def finish(self, meta: dict[str, str]) -> None:
        """Wait for every batch, record ``meta`` beside them and commit."""
        if self.queue is not None and self.thread is not None:
            self.queue.put(None)
            self.thread.join()
        else:
            self._maps()
        if self.error is not None:
            raise self.error
        self.con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        self.con.commit()


def _prepare(con: sqlite3.Connection) -> None:
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
    table = learn_script(entries)
    pinyin_keys = [pinyin_key(t.pinyin) if t.pinyin else "" for t in entries]
    try:
        fts_con.executescript(FTS)
    except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (SQLite < 3.34)
        fts = None
    else:
        if folds is None:
            folds = [(fold_chinese(t.chinese), fold_english(t.english), "") for t in entries]
        priority = [PRIORITY[t.status] for t in entries]
        ranks = [
            _ranks([len(f[1]) for f in folds], priority),
            _ranks([len(k) for k in pinyin_keys], priority),
            _ranks([len(f[0]) for f in folds], priority),
        ]
        fts = _Fragments(fts_con, ranks, threaded=fragments is not None)
    keys: list[tuple[int, str, int]] = []
    words: set[str] = set()
    texts: list[tuple[int, str, str, str]] = []
    rows = _rows(entries, folds, pinyin_keys, table, keys, words, texts)
    insert = "INSERT INTO entry VALUES (" + ", ".join("?" * 18) + ")"
    while batch := list(islice(rows, BATCH)):
        if fts is not None:
            fts.add(texts.copy())
        texts.clear()
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
    meta = {
        "version": str(VERSION),
        "key": key,
        "script": "".join(chr(t) + s for t, s in table.items()),
        "fts": "none" if fts is None else "attached" if fragments is not None else "fts5",
        "entries": str(len(entries)),
    }
    if fts is not None:
        fts.finish({"version": meta["version"], "key": key})
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
    con.commit()
