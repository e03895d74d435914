"""The glossary: an in-memory store of merged entries, their conflicts and a lookup.

Merging is explicit and explainable.  Two terms are one entry when their Chinese agrees
after folding (script normalisation happens earlier, in :mod:`glossary.normalise`; here
punctuation, spaces and width are folded), their English agrees after case, quote mark,
leading article, hyphen and whitespace folding, and their abbreviations agree ignoring
case.  The same Chinese with different English stays two entries, reported by
:meth:`Glossary.conflicts` as variants of one concept.  Curated fields (note, status,
domain) of every side survive a merge.

Loading is fast and lazy: a TSV file is split into rows, checked, and kept as rows; terms
are built, merged and indexed only when first asked for, and the search index
(:mod:`glossary.lookup`) is built part by part on the first query that needs it, from the
search keys the file stores (computed only for rows that lack them).
"""

from __future__ import annotations

import enum
import functools
import os
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from glossary.errors import GlossaryError, InputError
from glossary.formats.records import KEY_FIELDS
from glossary.formats.tsv import COLUMNS, REQUIRED, parse_sources
from glossary.lookup import (
    Fields,
    Index,
    Match,
    fold_chinese,
    fold_english,
    format_table,
    is_han,
)
from glossary.model import Kind, Status, Term

#: Shown when a term lacks pinyin or traditional Chinese and nothing can compute them.
NORMALISE_MISSING_TEXT = (
    "{n} entries lack pinyin or traditional Chinese and glossary.normalise is not available "
    "to compute them; add the columns to the file or install glossary completely"
)

_KINDS = {k.value: k for k in Kind} | {"": Kind.TRANSLATION}
_STATUSES: dict[str, Status | None] = {s.value: s for s in Status} | {"": None}
_PRIORITY = {"preferred": 0, "": 1, "admitted": 1, "deprecated": 2}
_STATUS_PRIORITY = {None: 1, Status.PREFERRED: 0, Status.ADMITTED: 1, Status.DEPRECATED: 2}
_ENGLISH, _CHINESE = 0, 1
_KIND, _STATUS, _SOURCES = COLUMNS.index("kind"), COLUMNS.index("status"), COLUMNS.index("sources")
_FOLDED, _ENGLISH_KEY, _PINYIN_KEY = (COLUMNS.index(c) for c in KEY_FIELDS)


#: A record: a term, or a TSV row kept as one line (cells in :data:`COLUMNS` order).
_Record = Term | str


def _row_term(row: str) -> Term:
    """The term of a row, as :func:`glossary.formats.tsv.read` would build it."""
    c = row.split("\t", _SOURCES + 1)
    occurrences = parse_sources(c[_SOURCES], c[_ENGLISH], c[_CHINESE]) if c[_SOURCES] else ()
    return Term(
        c[0], c[1], c[2], c[3], c[4], _KINDS[c[5]], c[6], c[9], _STATUSES[c[7]], c[8], occurrences
    )


def _read_tsv(text: str, name: str) -> tuple[list[_Record], list[int]]:
    """Split and check a TSV glossary: its rows, kept as lines, and the positions of rows
    lacking pinyin or traditional Chinese (see :mod:`glossary.formats.tsv`).

    Errors are the TSV reader's own, for the offending row, on its real line.
    """
    lines = text.split("\n")
    header = lines[0].split("\t")
    if any(c not in header for c in REQUIRED):
        raise _tsv_error(lines[0], name, 1)
    width = len(header)
    ncols = len(COLUMNS)
    canonical = tuple(header) == COLUMNS
    # the first columns in order (a file without search keys): rows are padded
    pad = "\t" * (ncols - width) if tuple(header) == COLUMNS[:width] else None
    blanks = [""] * (ncols - width)
    rows: list[_Record] = []
    incomplete: list[int] = []
    append = rows.append
    for number, line in enumerate(lines[1:], start=2):
        if not line or line[0] == "#" or line.isspace():
            continue
        cells = line.split("\t")
        n = len(cells)
        if n == width and pad is not None:
            if pad:
                line += pad
                cells += blanks
        elif n != ncols or not canonical:
            if n > width:
                raise _tsv_error(lines[0] + "\n" + line, name, number)
            record = dict(zip(header, cells, strict=False))
            cells = [record.get(c, "") for c in COLUMNS]
            line = "\t".join(cells)
        if not cells[1].strip() and not cells[0].strip():
            raise _tsv_error(lines[0] + "\n" + line, name, number)
        if cells[_KIND] not in _KINDS or cells[_STATUS] not in _STATUSES:
            raise _tsv_error(lines[0] + "\n" + line, name, number)
        if not (cells[2] and cells[3]) and cells[1]:
            incomplete.append(len(rows))
        append(line)
    return rows, incomplete


def _tsv_error(text: str, name: str, number: int) -> InputError:
    """The TSV reader's own error for one row, placed on the row's real line."""
    from glossary.formats import tsv

    try:
        tsv.read(text, name)
    except InputError as exc:
        return InputError(name, exc.what, exc.todo, line=number)
    return InputError(name, "row cannot be read", "check the row", line=number)  # pragma: no cover


def _needs_completion(rec: _Record) -> bool:
    if isinstance(rec, Term):
        chinese, traditional, pinyin = rec.chinese, rec.traditional, rec.pinyin
    else:
        chinese, traditional, pinyin = rec.split("\t")[1:4]
    return bool(chinese) and not (traditional and pinyin) and any(is_han(c) for c in chinese)


def _complete(records: list[_Record], candidates: Iterable[int] | None = None) -> list[_Record]:
    """Fill in missing pinyin and traditional Chinese (only then is the normaliser loaded).

    Args:
        records: terms and rows.
        candidates: the positions that may lack them, if known (else every record).
    """
    positions = range(len(records)) if candidates is None else candidates
    todo = [i for i in positions if _needs_completion(records[i])]
    if not todo:
        return records
    try:
        from glossary.normalise import normalise_term
    except ImportError as exc:
        raise GlossaryError(NORMALISE_MISSING_TEXT.format(n=len(todo))) from exc
    out = list(records)
    for i in todo:
        rec = out[i]
        out[i] = normalise_term(rec if isinstance(rec, Term) else _row_term(rec))
    return out


def _join_distinct(values: Iterable[str]) -> str:
    parts: dict[str, None] = {}
    for v in values:
        for part in v.split(";"):
            if part.strip():
                parts.setdefault(part.strip(), None)
    return "; ".join(parts)


def merge_terms(terms: Sequence[Term]) -> Term:
    """One entry from terms that are the same entry: the first term's forms, every field the
    first lacks from the next one that has it, all occurrences (each once), and every
    curated note and domain; the first status given wins.

    >>> from glossary.model import Occurrence
    >>> found = Occurrence("a.txt", 3, 0, 0, "subversion", "颠覆")
    >>> a = Term("subversion", "颠覆", occurrences=(found,))
    >>> b = Term("Subversion", "颠覆", "顛覆", "diānfù", note="legal term",
    ...          occurrences=(Occurrence("b.txt", 9, 0, 0, "Subversion", "颠覆"),))
    >>> m = merge_terms([a, b])
    >>> m.english, m.pinyin, m.note, m.sources
    ('subversion', 'diānfù', 'legal term', ('a.txt', 'b.txt'))
    """
    first = terms[0]
    if len(terms) == 1:
        return first

    def pick(name: str) -> str:
        return next((v for t in terms if (v := getattr(t, name))), "")

    return first.replace(
        english=pick("english"),
        chinese=pick("chinese"),
        traditional=pick("traditional"),
        pinyin=pick("pinyin"),
        abbreviation=pick("abbreviation"),
        given_pinyin=pick("given_pinyin"),
        status=next((t.status for t in terms if t.status is not None), None),
        note=_join_distinct(t.note for t in terms),
        domain=_join_distinct(t.domain for t in terms),
        occurrences=tuple(dict.fromkeys(o for t in terms for o in t.occurrences)),
    )


class ConflictKind(enum.Enum):
    """What a conflict is about."""

    #: 颠覆 rendered both "subversion" and "overthrow".
    ENGLISH = "one Chinese, several English"
    #: "united front" written both 统一战线 and 统战.
    CHINESE = "one English, several Chinese"


@dataclass(frozen=True, slots=True)
class Rendering:
    """One rendering in a conflict: its text, how often and where it was found, its entry.

    >>> Rendering("subversion", 2, ("a.txt", "b.txt"), Term("subversion", "颠覆")).count
    2
    """

    text: str
    count: int
    sources: tuple[str, ...]
    term: Term


@dataclass(frozen=True, slots=True)
class Conflict:
    """One Chinese with several English renderings, or one English with several Chinese.

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),
    ...     Rendering("overthrow", 1, ("b.txt",), Term("overthrow", "颠覆"))))
    >>> c.total, [r.text for r in c.renderings]
    (3, ['subversion', 'overthrow'])
    """

    kind: ConflictKind
    #: The shared form: the Chinese (for ENGLISH) or the English (for CHINESE).
    form: str
    renderings: tuple[Rendering, ...]

    @property
    def total(self) -> int:
        """Occurrences of every rendering together."""
        return sum(r.count for r in self.renderings)


class Glossary:
    """Merged glossary entries with their provenance, conflicts and a lookup.

    Build one from terms (:meth:`from_terms`), files (:meth:`load`) or the shipped default
    (:meth:`default`).  A glossary does not change: :meth:`merge` returns a new one.

    >>> g = Glossary.from_terms([
    ...     Term("subversion", "颠覆", "顛覆", "diānfù"),
    ...     Term("Subversion", "颠覆", "顛覆", "diānfù"),
    ...     Term("overthrow", "颠覆", "顛覆", "diānfù")])
    >>> len(g), [m.term.english for m in g.lookup("顛覆")]
    (2, ['subversion', 'overthrow'])
    """

    __slots__ = (
        "_chinese",
        "_english",
        "_entries",
        "_index",
        "_keys",
        "_merged",
        "_priorities",
        "_records",
        "_terms",
    )

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        self._records: list[_Record] = _complete(list(terms))
        self._entries: list[int] | None = None
        self._merged: dict[int, list[int]] = {}
        self._english: list[str] = []
        self._chinese: list[str] = []
        self._keys: tuple[list[str], list[str], list[str]] | None = None
        self._terms: list[Term | None] = []
        self._priorities = array("b")
        self._index: Index | None = None

    @classmethod
    def _of_records(cls, records: list[_Record]) -> Glossary:
        g = cls()
        g._records = records
        return g

    @classmethod
    def from_terms(cls, terms: Iterable[Term]) -> Glossary:
        """A glossary of ``terms``, merged; missing pinyin and traditional are computed.

        >>> g = Glossary.from_terms([Term("nuclear sharing", "核共享", "核共享", "hé gòngxiǎng"),
        ...                          Term("Nuclear-Sharing", "核共享", "核共享", "hé gòngxiǎng")])
        >>> len(g)
        1
        """
        return cls(terms)

    @classmethod
    def load(cls, *paths: str | os.PathLike[str], fmt: str | None = None) -> Glossary:
        """Read and merge glossary files (TSV or JSON; the format from each suffix).

        TSV rows are kept as rows until needed, so loading a large file is quick.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "mine.tsv"
        ...     _ = path.write_text("english\\tchinese\\tpinyin\\ttraditional\\n"
        ...                         "subversion\\t颠覆\\tdiānfù\\t顛覆\\n", encoding="utf-8")
        ...     Glossary.load(path).lookup("dianfu")[0].term.english
        'subversion'
        """
        from glossary import formats
        from glossary.formats._io import read_text

        records: list[_Record] = []
        candidates: list[int] = []
        for path in paths:
            if formats.format_for(path, fmt) == "tsv":
                rows, incomplete = _read_tsv(read_text(path), os.fspath(path))
                candidates.extend(len(records) + i for i in incomplete)
                records.extend(rows)
            else:
                terms = formats.load(path, fmt)
                candidates.extend(range(len(records), len(records) + len(terms)))
                records.extend(terms)
        return cls._of_records(_complete(records, candidates))

    @classmethod
    def default(cls) -> Glossary:
        """The glossary shipped with the package (``glossary/data/terms.tsv``), read once.

        >>> len(Glossary.default()) > 0
        True
        """
        return _default()

    # -- the entries ------------------------------------------------------------------

    def _ensure(self) -> list[int]:
        """Group records into entries by merge key (done once, on first use)."""
        if self._entries is not None:
            return self._entries
        seen: dict[tuple[str, str, str], int] = {}
        entries: list[int] = []
        english: list[str] = []
        chinese: list[str] = []
        # the stored search keys of each entry ("": compute it), for the index
        english_keys: list[str] = []
        pinyin_keys: list[str] = []
        abbreviations: list[str] = []
        merged: dict[int, list[int]] = {}
        priority = array("b")
        for i, rec in enumerate(self._records):
            if isinstance(rec, Term):
                e, z, a = rec.english, rec.chinese, rec.abbreviation
                p = _STATUS_PRIORITY[rec.status]
                fe, ke, kp = fold_english(e), "", ""
            else:
                cells = rec.split("\t")
                e, z, a = cells[0], cells[1], cells[4]
                p = _PRIORITY.get(cells[_STATUS], 1)
                fe = cells[_FOLDED] or fold_english(e)
                ke, kp = cells[_ENGLISH_KEY], cells[_PINYIN_KEY]
            fz = fold_chinese(z)
            fa = a.casefold() if a else a
            key = (fz, fe, fa)
            entry = seen.setdefault(key, len(entries))
            if entry == len(entries):
                entries.append(i)
                english.append(fe)
                chinese.append(fz)
                english_keys.append(ke)
                pinyin_keys.append(kp)
                abbreviations.append(fa)
                priority.append(p)
            else:
                merged.setdefault(entry, [entries[entry]]).append(i)
                pinyin_keys[entry] = ""  # the merged entry's pinyin may come from another row
        self._english, self._chinese, self._merged = english, chinese, merged
        self._keys = (english_keys, pinyin_keys, abbreviations)
        self._terms = [None] * len(entries)
        self._entries = entries
        for entry in merged:
            priority[entry] = _STATUS_PRIORITY[self._term(entry).status]
        self._priorities = priority
        return entries

    def _term(self, entry: int) -> Term:
        entries = self._entries if self._entries is not None else self._ensure()
        term = self._terms[entry]
        if term is None:
            group = self._merged.get(entry)
            if group is None:
                rec = self._records[entries[entry]]
                term = rec if isinstance(rec, Term) else _row_term(rec)
            else:
                records = [self._records[r] for r in group]
                term = merge_terms([r if isinstance(r, Term) else _row_term(r) for r in records])
            self._terms[entry] = term
        return term

    def _fields(self, entry: int) -> Fields:
        rec = self._records[self._ensure()[entry]]
        if isinstance(rec, Term) or entry in self._merged:
            t = self._term(entry)
            return Fields(t.english, t.chinese, t.traditional, t.pinyin, t.abbreviation)
        return Fields._make(rec.split("\t", 5)[:5])

    def _column(self, field: int) -> list[str]:
        entries, records, merged = self._ensure(), self._records, self._merged
        out = []
        for i, j in enumerate(entries):
            rec = records[j]
            if isinstance(rec, str) and i not in merged:
                out.append(rec.split("\t", field + 1)[field])
            else:
                out.append(self._fields(i)[field])
        return out

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every entry, merged, in order of first appearance."""
        return tuple(self._term(i) for i in range(len(self._ensure())))

    def __iter__(self) -> Iterator[Term]:
        return (self._term(i) for i in range(len(self._ensure())))

    def __len__(self) -> int:
        return len(self._ensure())

    def __getitem__(self, entry: int) -> Term:
        """The entry at position ``entry`` (built on demand from its rows)."""
        n = len(self._ensure())
        if not -n <= entry < n:
            raise IndexError(entry)
        return self._term(entry % n)

    def __repr__(self) -> str:
        return f"<Glossary of {len(self)} entries>"

    def merge(self, other: Glossary) -> Glossary:
        """A glossary of both: entries with the same key merge; this glossary's forms and
        status come first, notes and domains of both are kept.

        >>> mine = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù", note="law")])
        >>> fresh = Glossary.from_terms([Term("Subversion", "颠覆", "顛覆", "diānfù")])
        >>> [t.note for t in fresh.merge(mine)]
        ['law']
        """
        return Glossary._of_records(self._records + other._records)

    def save(self, path: str | os.PathLike[str], fmt: str | None = None) -> None:
        """Write the merged entries to ``path`` (format from the suffix unless ``fmt``)."""
        from glossary import formats

        formats.save(self.terms, path, fmt)

    def variants(self, term: Term) -> list[Term]:
        """Other entries sharing ``term``'s Chinese or its English (its variants).

        >>> g = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù"),
        ...                          Term("overthrow", "颠覆", "顛覆", "diānfù")])
        >>> [t.english for t in g.variants(g.terms[0])]
        ['overthrow']
        """
        self._ensure()
        e, z = fold_english(term.english), fold_chinese(term.chinese)
        out = []
        for i, (fe, fz) in enumerate(zip(self._english, self._chinese, strict=True)):
            same_chinese = bool(z) and fz == z
            same_english = bool(e) and fe == e
            if same_chinese != same_english:  # one shared, the other different
                out.append(self._term(i))
        return out

    # -- conflicts --------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        """One Chinese with several English renderings and one English with several
        Chinese, each rendering with its count of occurrences and its sources; the
        largest conflicts first.

        >>> g = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù"),
        ...                          Term("overthrow", "颠覆", "顛覆", "diānfù")])
        >>> [(c.form, c.kind.value) for c in g.conflicts()]
        [('颠覆', 'one Chinese, several English')]
        """
        self._ensure()
        by_chinese: dict[str, dict[str, list[int]]] = {}
        by_english: dict[str, dict[str, list[int]]] = {}
        for i, (fe, fz) in enumerate(zip(self._english, self._chinese, strict=True)):
            if fz and fe:
                by_chinese.setdefault(fz, {}).setdefault(fe, []).append(i)
                by_english.setdefault(fe, {}).setdefault(fz, []).append(i)
        out = [
            *self._conflicts(ConflictKind.ENGLISH, by_chinese),
            *self._conflicts(ConflictKind.CHINESE, by_english),
        ]
        out.sort(key=lambda c: (-c.total, -len(c.renderings), c.kind.name, c.form))
        return out

    def _conflicts(
        self, kind: ConflictKind, groups: dict[str, dict[str, list[int]]]
    ) -> Iterator[Conflict]:
        for variants in groups.values():
            if len(variants) < 2:
                continue
            renderings = []
            for entries in variants.values():
                terms = [self._term(i) for i in entries]
                term = terms[0]
                text = term.english if kind is ConflictKind.ENGLISH else term.chinese
                occurrences = [o for t in terms for o in t.occurrences]
                sources = tuple(dict.fromkeys(o.source or "-" for o in occurrences))
                renderings.append(Rendering(text, len(occurrences), sources, term))
            renderings.sort(key=lambda r: (-r.count, r.text))
            first = renderings[0].term
            form = first.chinese if kind is ConflictKind.ENGLISH else first.english
            yield Conflict(kind, form, tuple(renderings))

    # -- lookup -----------------------------------------------------------------------

    @property
    def index(self) -> Index:
        """The search index over the entries (its parts are built on first use)."""
        if self._index is None:
            self._ensure()
            assert self._keys is not None  # set by _ensure()
            english_keys, pinyin_keys, abbreviations = self._keys
            self._keys = None  # the index keeps them until it has used them
            self._index = Index(
                _GlossarySource(self),
                self._priorities,
                english=self._english,
                chinese=self._chinese,
                english_keys=english_keys,
                pinyin_keys=pinyin_keys,
                abbreviations=abbreviations,
            )
        return self._index

    def lookup(self, query: str, limit: int = 10) -> list[Match]:
        """Entries matching ``query`` (English, Chinese in either script, or pinyin), best
        first: exact, then prefix, then fragment, then suggestions for a typo.

        >>> g = Glossary.from_terms([Term("global strategic stability", "全球战略稳定",
        ...                               "全球戰略穩定", "quánqiú zhànlüè wěndìng")])
        >>> [(m.term.english, m.reason) for m in g.lookup("zhan4lve4")]
        [('global strategic stability', 'pinyin fragment')]
        """
        hits = (self._index or self.index).search(query, limit)
        term, new = self._term, tuple.__new__  # Match(...) less its Python-level __new__
        return [new(Match, (term(e), tier, score, reason)) for e, tier, score, reason in hits]


class _GlossarySource:
    """The index's view of a glossary: fields and columns made on demand, none stored."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = glossary

    def __len__(self) -> int:
        return len(self._glossary)

    def fields(self, entry: int) -> Fields:
        return self._glossary._fields(entry)

    def column(self, field: int) -> Sequence[str]:
        return self._glossary._column(field)


@functools.cache
def _default() -> Glossary:
    from glossary import _data
    from glossary.formats._io import decode

    name = _data.data_path("terms.tsv")
    try:
        data = _data.read_bytes("terms.tsv")
    except OSError:
        raise InputError(
            name, "the shipped glossary is missing", "reinstall glossary or pass --glossary FILE"
        ) from None
    rows, incomplete = _read_tsv(decode(data, name), name)
    return Glossary._of_records(_complete(rows, incomplete))


# -- rendering --------------------------------------------------------------------------


def format_conflicts(conflicts: Sequence[Conflict]) -> str:
    """Conflicts for a consistency review: the shared form, then each rendering with its
    count and sources.

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),
    ...     Rendering("overthrow", 1, ("b.txt",), Term("overthrow", "颠覆"))))
    >>> print(format_conflicts([c]))
    颠覆: one Chinese, several English
      subversion  2  a.txt
      overthrow   1  b.txt
    """
    if not conflicts:
        return "no conflicts"
    blocks = []
    for c in conflicts:
        rows = [
            [r.text, str(r.count), ", ".join(s.rsplit("/", 1)[-1] for s in r.sources)]
            for r in c.renderings
        ]
        table = format_table(["", "", ""], rows).split("\n")[2:]
        blocks.append("\n".join([f"{c.form}: {c.kind.value}", *("  " + line for line in table)]))
    return "\n\n".join(blocks)


def conflicts_to_json(conflicts: Sequence[Conflict]) -> str:
    """Conflicts as a JSON array: kind, form and renderings with counts and sources.

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),))
    >>> print(conflicts_to_json([c]).splitlines()[2])
        "kind": "english",
    """
    import json

    return json.dumps(
        [
            {
                "kind": c.kind.name.lower(),
                "description": c.kind.value,
                "form": c.form,
                "total": c.total,
                "renderings": [
                    {"text": r.text, "count": r.count, "sources": list(r.sources)}
                    for r in c.renderings
                ],
            }
            for c in conflicts
        ],
        ensure_ascii=False,
        indent=2,
    )
