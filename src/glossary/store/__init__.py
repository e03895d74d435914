"""The glossary index: merged entries and their search keys in an SQLite database.

A :class:`Store` answers the questions lookup asks (which entries have this exact key,
which contain this fragment, which known words are near this one) with indexed queries,
so a lookup touches a few pages of the database instead of loading the glossary.  The
index of a glossary file lives in the user's cache folder, keyed by the file's content
(:func:`glossary.store.files.open_files`); a glossary built from terms in Python gets one
in memory.  :mod:`glossary.store.build` writes it; only the standard library's
:mod:`sqlite3` is needed.

>>> store = Store.build([Term("subversion", "颠覆", "顛覆", "diānfù")])
>>> len(store), store.exact("english", "subversion"), store.term(0).pinyin
(1, [0], 'diānfù')
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from glossary._tuples import NamedTuple
from glossary.model import Candidate, Direction, Kind, Occurrence, Status, Term
from glossary.store.schema import (
    CHINESE,
    ENGLISH_WORDS,
    LENGTHS,
    TERM_COLUMNS,
    VERSION,
    fragments_path,
)

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import Any

    from glossary.lookup.search import Hit

#: Field name -> its ``entry`` column (its fragments are in ``{field}_fts``).
FIELDS = {"english": "english_folded", "chinese": "chinese_key", "pinyin": "pinyin_key"}
_TOP = "\U0010ffff"  # sorts after every character: key < needle + _TOP holds every prefix
_INFO_CACHE = 10_000  # entries whose search fields are kept between queries
#: Texts of this many trigrams or more are found by a few of them, then checked.
SPARSE_FROM = 4
#: The rarest trigrams a long fragment is looked for by.
RAREST = 3


def _phrase(text: str) -> str:
    """``text`` as an FTS5 string (a phrase of its tokens)."""
    return '"' + text.replace('"', '""') + '"'


class Info(NamedTuple):
    """What ranking reads of an entry: its folded forms, raw pinyin and priority."""

    english: str
    chinese: str
    canonical: str
    traditional: str
    pinyin: str
    pinyin_key: str
    priority: int


class Store:
    """An index of merged entries (see the module docstring); entries are numbered from 0
    in order of first appearance."""

    def __init__(self, con: sqlite3.Connection, path: str = ":memory:") -> None:
        self._con = con
        self.path = path
        meta = dict(con.execute("SELECT name, value FROM meta"))
        if meta.get("version") != str(VERSION):
            raise sqlite3.DatabaseError(f"index version {meta.get('version')} is not {VERSION}")
        #: The key of the content this index was built from.
        self.key = meta["key"]
        #: Whether fragments are found through FTS5 (else by a scan).
        self.fts = meta["fts"] != "none"
        if meta["fts"] == "attached":  # the FTS5 tables are in a file of their own
            uri = f"file:{fragments_path(path)}?mode=ro&immutable=1"
            con.execute("ATTACH DATABASE ? AS fragments", (uri,))
            found = con.execute("SELECT value FROM fragments.meta WHERE name = 'key'").fetchone()
            if found is None or found[0] != meta["key"]:
                raise sqlite3.DatabaseError("the fragment index belongs to another index")
        self._length = int(meta["entries"])
        self._bounds_text = {f: meta.get(LENGTHS.format(field=f), "") for f in FIELDS}
        self._bounds: dict[str, list[int]] = {}
        self._script_text = meta["script"]
        self._script: dict[int, str] | None = None
        self._info: dict[int, Info] = {}

    @classmethod
    def build(
        cls, entries: Sequence[Term], folds: Sequence[tuple[str, str, str]] | None = None
    ) -> Store:
        """An index in memory of ``entries`` (merged and complete; ``folds``, their
        :func:`glossary.glossary.entry_key` if known)."""
        from glossary.store.build import write

        con = sqlite3.connect(":memory:", check_same_thread=False)
        write(con, entries, folds=folds)
        return cls(con)

    @classmethod
    def open(cls, path: str, key: str) -> Store | None:
        """The index at ``path`` if it exists and was built for ``key``, else None."""
        try:
            con = sqlite3.connect(
                f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False
            )
        except sqlite3.Error:
            return None
        try:
            store = cls(con, path)
        except (sqlite3.Error, KeyError, ValueError):  # missing, damaged, or another version
            con.close()
            return None
        if store.key != key:
            con.close()
            return None
        return store

    def close(self) -> None:
        """Close the database (the store cannot be used afterwards)."""
        self._con.close()

    def __len__(self) -> int:
        return self._length

    def __repr__(self) -> str:
        return f"<Store of {self._length} entries at {self.path}>"

    # -- exact keys ---------------------------------------------------------------------

    def script_table(self) -> dict[int, str]:
        """Traditional -> simplified characters learnt from the glossary's own pairs."""
        if self._script is None:
            text = self._script_text
            self._script = {ord(text[i]): text[i + 1] for i in range(0, len(text), 2)}
        return self._script

    def exact(self, field: str, key: str) -> list[int]:
        """Entries whose folded ``english``, canonical ``chinese`` or ``pinyin`` key is ``key``."""
        if not key:
            return []
        column = FIELDS[field]
        sql = f"SELECT id FROM entry WHERE {column} = ?"
        if field == "chinese":
            sql += f" UNION SELECT entry FROM key WHERE kind = {CHINESE} AND key = ?"
            return [r for (r,) in self._con.execute(sql, (key, key))]
        return [r for (r,) in self._con.execute(sql, (key,))]

    def keyed(self, kind: int, key: str) -> list[int]:
        """Entries with ``key`` of ``kind`` (a kind of :mod:`glossary.store.schema`)."""
        sql = "SELECT entry FROM key WHERE kind = ? AND key = ?"
        return [r for (r,) in self._con.execute(sql, (kind, key))]

    # -- fragments ----------------------------------------------------------------------

    def _after(self, field: str, length: int) -> int:
        """The rank after which ``field`` keys are longer than ``length`` (0 if unknown)."""
        bounds = self._bounds.get(field)
        if bounds is None:
            text = self._bounds_text[field]
            bounds = self._bounds[field] = [int(n) for n in text.split(",")] if text else []
        if not bounds:
            return 0
        return bounds[min(length, len(bounds) - 1)]

    def _fragment(
        self, field: str, text: str, best: int, longer: bool = False
    ) -> list[tuple[int, str]]:
        """(entry, key) of the ``best`` entries whose ``field`` key contains ``text`` (and,
        if ``longer``, is longer than it), best first (see :data:`glossary.store.schema.FTS`)."""
        column = FIELDS[field]
        text = text.replace("\x00", "")  # (an FTS5 query string ends at NUL)
        if not text:
            return []
        if self.fts and (field == "chinese" or len(text) >= 3):
            join = (
                f" CROSS JOIN {field}_rank AS k ON k.rank = m.r CROSS JOIN entry AS e"
                " ON e.id = k.entry"
            )
            # ranks follow key length: a longer key is past every key of this length
            after = self._after(field, len(text)) if longer else 0
            if field == "chinese" or len(text) - 2 < SPARSE_FROM:
                words = " ".join(text) if field == "chinese" else text
                sql = (
                    f"SELECT e.id, e.{column} FROM (SELECT rowid AS r FROM {field}_fts"
                    f" WHERE {field}_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?) AS m{join}"
                )
                return list(self._con.execute(sql, (_phrase(words), after, best)))
            # A long text as a phrase makes FTS5 step every one of its trigrams in step
            # (the common ones have a row for most entries): its rarest few trigrams pick
            # out nearly the same entries at a fraction of the work (else every third
            # trigram), and the key itself is checked.  Rows still come in rank order, so
            # LIMIT stops early.
            sql = (
                f"SELECT e.id, e.{column} FROM (SELECT rowid AS r FROM {field}_fts"
                f" WHERE {field}_fts MATCH ? AND rowid > ? ORDER BY rowid) AS m{join}"
                f" WHERE instr(e.{column}, ?) > 0 LIMIT ?"
            )
            query = " AND ".join(_phrase(t) for t in self._selective(field, text))
            return list(self._con.execute(sql, (query, after, text, best)))
        # too short for trigrams, or no FTS5: read the column (up to MAX_SCAN_HITS matches)
        from glossary.lookup.search import MAX_SCAN_HITS

        sql = (
            f"SELECT e.id, e.{column} FROM (SELECT id AS r FROM entry WHERE instr({column}, ?)"
            f" > 0 LIMIT {MAX_SCAN_HITS}) AS m CROSS JOIN entry AS e ON e.id = m.r"
            f" ORDER BY length(e.{column}), e.priority, e.id LIMIT ?"
        )
        return list(self._con.execute(sql, (text, best)))

    def _selective(self, field: str, text: str) -> list[str]:
        """Trigrams of ``text`` that every key holding it has and few keys do: the
        :data:`RAREST` rarest by ``{field}_df``, or (without counts for all of them)
        every third."""
        trigrams = list(dict.fromkeys(text[i : i + 3] for i in range(len(text) - 2)))
        marks = ", ".join("?" * len(trigrams))
        sql = f"SELECT term, doc FROM {field}_df WHERE term IN ({marks})"
        counts = dict(self._con.execute(sql, trigrams))
        if len(counts) == len(trigrams):
            return sorted(trigrams, key=counts.__getitem__)[:RAREST]
        sparse = [text[i : i + 3] for i in range(0, len(text) - 2, 3)]
        if len(text) % 3:
            sparse.append(text[-3:])
        return list(dict.fromkeys(sparse))

    def prefixed(self, field: str, needle: str, best: int) -> list[tuple[int, str]]:
        """(entry, key) of the ``best`` entries whose ``field`` key starts with ``needle``
        (an indexed range: ``key >= needle AND key < needle + U+10FFFF``), best first.

        Best means shortest key, then lowest priority, then first entry: the order a
        search ranks a tier in, so the first ``best`` hold every result of the tier a
        search for ``best`` results can show.
        """
        column = FIELDS[field]
        return list(
            self._con.execute(
                f"SELECT id, {column} FROM entry WHERE {column} >= ? AND {column} < ?"
                f" ORDER BY length({column}), priority, id LIMIT ?",
                (needle, needle + _TOP, best),
            )
        )

    def containing(self, field: str, needle: str, best: int) -> list[tuple[int, str]]:
        """(entry, key) of the ``best`` (see :meth:`prefixed`) entries whose ``field`` key
        contains ``needle`` and is longer than it and, for English, the ``best`` that
        contain it at the start of a word."""
        found = dict(self._fragment(field, needle, best, longer=True))
        if field == "english" and len(found) >= best:  # (fewer: that was every match)
            found.update(self._fragment(field, " " + needle, best, longer=True))
        return list(found.items())

    def scan(self, field: str, needle: str, best: int) -> list[tuple[int, str]]:
        """(entry, key) of entries whose ``field`` key contains ``needle``: the ``best``
        whose key starts with it (:meth:`prefixed`) and those :meth:`containing` it."""
        found = dict(self.prefixed(field, needle, best))
        found.update(self.containing(field, needle, best))
        return list(found.items())

    def containing_any(
        self, characters: str, lengths: tuple[int, int], cap: int
    ) -> list[tuple[int, str]]:
        """(entry, canonical Chinese) of up to ``cap`` entries of a length in ``lengths``
        (inclusive) holding any of ``characters``, shortest first: the candidates of a
        Chinese typo."""
        low, high = lengths
        found: dict[int, str] = {}
        for c in dict.fromkeys(characters):
            found.update(
                (e, key) for e, key in self._fragment("chinese", c, cap) if low <= len(key) <= high
            )
        return list(found.items())

    def with_word(self, word: str, cap: int) -> list[int]:
        """Entries whose folded English has ``word`` as a whole word (among the ``cap``
        shortest holding it)."""
        return [i for i, english in self._fragment("english", word, cap) if word in english.split()]

    # -- known words, for typo suggestions -----------------------------------------------

    def near_candidates(self, kind: int, word: str, limit: int) -> set[str]:
        """Known words of ``kind`` (English words, or pinyin keys) at most ``limit``
        letters longer or shorter than ``word`` that share its first two or its last two
        letters: the candidates of a typo."""
        low, high = len(word) - limit, len(word) + limit
        if kind == ENGLISH_WORDS:
            sql = "SELECT word FROM near WHERE bucket = ?"
            return {
                w
                for n in range(low, high + 1)
                for b in (f"{n}<{word[:2]}", f"{n}>{word[-2:]}")
                for (w,) in self._con.execute(sql, (b,))
            }
        head = (
            "SELECT DISTINCT pinyin_key FROM entry WHERE pinyin_key >= ? AND pinyin_key < ?"
            " AND length(pinyin_key) BETWEEN ? AND ?"
        )
        tail = (
            "SELECT DISTINCT pinyin_key FROM entry WHERE substr(pinyin_key, -2) = ?"
            " AND length(pinyin_key) BETWEEN ? AND ?"
        )
        con = self._con
        found = {w for (w,) in con.execute(head, (word[:2], word[:2] + _TOP, low, high))}
        found.update(w for (w,) in con.execute(tail, (word[-2:], low, high)))
        return found

    def has_word(self, kind: int, word: str) -> bool:
        """Whether ``word`` is a known word of ``kind`` (English words, or pinyin keys)."""
        if kind == ENGLISH_WORDS:
            sql = "SELECT 1 FROM near WHERE bucket = ? AND word = ?"
            args: tuple[str, ...] = (f"{len(word)}<{word[:2]}", word)
        else:
            sql, args = "SELECT 1 FROM entry WHERE pinyin_key = ?", (word,)
        return self._con.execute(sql, args).fetchone() is not None

    # -- entries ------------------------------------------------------------------------

    def info(self, entries: Iterable[int]) -> dict[int, Info]:
        """The search fields of ``entries`` (cached)."""
        cache = self._info
        wanted = [e for e in dict.fromkeys(entries) if e not in cache]
        if len(cache) + len(wanted) > _INFO_CACHE:
            cache.clear()
            wanted = list(dict.fromkeys(entries))
        for i in range(0, len(wanted), 10_000):
            chunk = wanted[i : i + 10_000]
            sql = (
                "SELECT id, english_folded, chinese_folded, chinese_key, traditional, pinyin,"
                f" pinyin_key, priority FROM entry WHERE id IN ({', '.join('?' * len(chunk))})"
            )
            for row in self._con.execute(sql, chunk):
                cache[row[0]] = Info._make(row[1:])
        return cache

    def term(self, entry: int) -> Term:
        """The entry at position ``entry``."""
        [term] = self.terms([entry])
        return term

    def terms(self, entries: Sequence[int]) -> list[Term]:
        """The entries at these positions, in the order given."""
        out: dict[int, Term] = {}
        for i in range(0, len(entries), 10_000):
            chunk = entries[i : i + 10_000]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT id, {', '.join(TERM_COLUMNS)} FROM entry WHERE id IN ({marks})"
            out.update((row[0], _term(row[1:])) for row in self._con.execute(sql, chunk))
        return [out[e] for e in entries]

    def __iter__(self) -> Iterator[Term]:
        sql = f"SELECT {', '.join(TERM_COLUMNS)} FROM entry ORDER BY id"
        return (_term(row) for row in self._con.execute(sql))

    def columns(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """The term fields ``names`` (of :data:`glossary.store.schema.TERM_COLUMNS`) of
        every entry, in order, without making the terms.

        >>> list(Store.build([Term("subversion", "颠覆")]).columns("english", "chinese"))
        [('subversion', '颠覆')]
        """
        unknown = set(names) - set(TERM_COLUMNS)
        if unknown or not names:
            raise ValueError(f"not term columns: {sorted(unknown) or names}")
        return iter(self._con.execute(f"SELECT {', '.join(names)} FROM entry ORDER BY id"))

    def with_chinese(self, chinese: str) -> list[int]:
        """Entries whose Chinese is ``chinese`` as written, in order (by the indexed key).

        >>> store = Store.build([Term("subversion", "颠覆"), Term("overthrow", "颠覆")])
        >>> store.with_chinese("颠覆")
        [0, 1]
        """
        from glossary.lookup.keys import fold_chinese

        key = fold_chinese(chinese).translate(self.script_table())
        sql = "SELECT id FROM entry WHERE chinese_key = ? AND chinese = ? ORDER BY id"
        return [r for (r,) in self._con.execute(sql, (key, chinese))]

    def folded(self, where: str = "", *args: object) -> list[tuple[int, str, str]]:
        """(entry, folded English, folded Chinese) of entries matching the SQL ``where``."""
        sql = f"SELECT id, english_folded, chinese_folded FROM entry {where} ORDER BY id"
        return list(self._con.execute(sql, args))

    def conflicting(self, by: str, other: str) -> list[tuple[int, str, str]]:
        """(entry, folded English, folded Chinese) of entries whose folded ``by`` form
        ("english" or "chinese") is shared with a different folded ``other`` form."""
        b, o = f"{by}_folded", f"{other}_folded"
        return self.folded(
            f"WHERE {o} != '' AND {b} IN (SELECT {b} FROM entry WHERE {b} != '' AND {o} != ''"
            f" GROUP BY {b} HAVING count(DISTINCT {o}) > 1)"
        )

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for ``query`` (see :func:`glossary.lookup.search.search`)."""
        from glossary.lookup.search import search

        return search(self, query, limit)


def _occurrence(row: list[Any], english: str, chinese: str) -> Occurrence:
    source, line, start, end, e, z, abbreviation, pinyin, context, direction, confidence, cands = (
        row + [None, 0, 0, 0, None, None, "", "", "", "en-zh", None, []][len(row) :]
    )
    return Occurrence(
        source,
        line,
        start,
        end,
        english if e is None else e,
        chinese if z is None else z,
        abbreviation,
        pinyin,
        context,
        Direction(direction),
        confidence,
        tuple(Candidate(t, s, tuple(g)) for t, s, g in cands),
    )


def _term(row: Sequence[Any]) -> Term:
    english, chinese, traditional, pinyin, abbr, kind, given, status, domain, note, conf, occs = row
    occurrences: tuple[Occurrence, ...] = ()
    if occs is not None:
        occurrences = tuple(_occurrence(o, english, chinese) for o in marshal.loads(occs))
    return Term(
        english=english,
        chinese=chinese,
        traditional=traditional,
        pinyin=pinyin,
        abbreviation=abbr,
        kind=Kind(kind),
        given_pinyin=given,
        note=note,
        status=Status(status) if status else None,
        domain=domain,
        occurrences=occurrences,
        confidence=conf,
    )
