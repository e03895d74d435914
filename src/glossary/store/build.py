"""Writing an index: merged entries in, an SQLite database of entries and search keys out.

Every key is computed here from the entry's own fields (folded and stemmed English, the
abbreviation, Chinese folded and mapped to one script, toneless pinyin), never read from a
file, so a hand edit of a glossary is searched by its new forms as soon as the index is
rebuilt.  Rows are streamed into the database in batches and the secondary indexes made
once they are in.  Fragments go into two FTS5 tables: ``latin`` (trigram tokenizer: folded
English and pinyin keys) and ``han`` (one token per character, so a phrase query is a
substring match of any length, two-character words included).  An SQLite without FTS5 or
its trigram tokenizer gets an index without them, and fragments are found by a scan.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from glossary.lookup.keys import fold_chinese, fold_english, pinyin_key, script_map, stem_key
from glossary.model import Direction, Status, Term
from glossary.store.schema import (
    ABBREVIATION,
    CHINESE,
    ENGLISH_WORDS,
    FTS,
    INDEXES,
    NEAR,
    NEAR_INDEX,
    PINYIN_WORDS,
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
    table: dict[int, str],
    keys: list[tuple[int, str, int]],
    words: set[str],
) -> Iterator[tuple[object, ...]]:
    """Entry rows in order; their ``key`` rows are appended to ``keys`` on the way, and the
    words of their English added to ``words``."""
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
            pinyin_key(t.pinyin) if t.pinyin else "",
        )


def write(
    con: sqlite3.Connection,
    entries: Sequence[Term],
    key: str = "",
    folds: Sequence[tuple[str, str, str]] | None = None,
) -> None:
    """Fill the empty database ``con`` with ``entries`` (merged, complete) and their keys.

    ``key`` names the content the index is built from (a reader checks it); ``folds`` are
    the entries' :func:`glossary.glossary.entry_key` if the caller has them already.

    >>> con = sqlite3.connect(":memory:")
    >>> write(con, [Term("subversion", "颠覆", "顛覆", "diānfù")])
    >>> con.execute("SELECT english_folded, chinese_key, pinyin_key FROM entry").fetchall()
    [('subversion', '颠覆', 'dianfu')]
    """
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -65536")  # 64 MiB while building
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # index sorts on every core
    con.executescript(SCHEMA)
    table = learn_script(entries)
    keys: list[tuple[int, str, int]] = []
    words: set[str] = set()
    rows = _rows(entries, folds, table, keys, words)
    insert = "INSERT INTO entry VALUES (" + ", ".join("?" * 18) + ")"
    while batch := list(islice(rows, BATCH)):
        con.executemany(insert, batch)
        con.executemany("INSERT INTO key VALUES (?, ?, ?)", keys)
        keys.clear()
    con.executescript(INDEXES)
    con.executemany(
        "INSERT INTO near VALUES (?, ?, ?)",
        (
            (ENGLISH_WORDS, f"{len(w)}{mark}{end}", w)
            for w in words
            for mark, end in (("<", w[:2]), (">", w[-2:]))
        ),
    )
    pinyin = "SELECT DISTINCT pinyin_key AS w FROM entry WHERE pinyin_key != ''"
    con.executescript(NEAR.format(kind=PINYIN_WORDS, words=pinyin))
    con.execute(NEAR_INDEX)
    meta = {
        "version": str(VERSION),
        "key": key,
        "script": "".join(chr(t) + s for t, s in table.items()),
        "fts": _fragments(con),
        "entries": str(len(entries)),
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
    con.commit()


def _fragments(con: sqlite3.Connection) -> str:
    """Fill the FTS5 tables; the tokenizers used, or ``none`` when this SQLite lacks them."""
    try:
        con.executescript(FTS)
    except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (SQLite < 3.34)
        return "none"
    con.create_function("spaced", 1, " ".join, deterministic=True)
    con.execute(
        "INSERT INTO latin(rowid, english, pinyin) SELECT id, english_folded, pinyin_key FROM entry"
    )
    con.execute("INSERT INTO han(rowid, chinese) SELECT id, spaced(chinese_key) FROM entry")
    con.execute("INSERT INTO latin(latin) VALUES ('optimize')")
    con.execute("INSERT INTO han(han) VALUES ('optimize')")
    return "fts5"
