"""The glossary: merged entries and a lookup through the index.

Merging is explicit and explainable.  Two terms are one entry when their Chinese agrees
after folding (script normalisation happens earlier, in :mod:`glossary.normalise`; here
punctuation, spaces and width are folded), their English agrees after case, quote mark,
leading article, hyphen and whitespace folding, and their abbreviations agree ignoring
case.  The same Chinese with different English stays two entries, reported by
:meth:`Glossary.conflicts` as variants of one concept (:mod:`glossary.conflicts`).
Curated fields (note, status, domain) of every side survive a merge.

A glossary read from files (:meth:`Glossary.load`, :meth:`Glossary.default`) lives in its
index (:mod:`glossary.store`): built once per file content in the user's cache folder, it
serves lookups and conflicts without loading the glossary into memory, and entries are
read from it as they are asked for.  A glossary built from terms in Python
(:meth:`Glossary.from_terms`, :meth:`Glossary.merge`) keeps its entries in memory and makes
an index in memory on its first lookup.  Both answer every question the same way.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence

from glossary.errors import GlossaryError, InputError
from glossary.lookup.keys import fold_chinese, fold_english, is_han
from glossary.lookup.search import Match, search
from glossary.model import Term

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.conflicts import Conflict
    from glossary.store import Store

#: Shown when a term lacks pinyin or traditional Chinese and nothing can compute them.
NORMALISE_MISSING_TEXT = (
    "{n} entries lack pinyin or traditional Chinese and glossary.normalise is not available "
    "to compute them; add the columns to the file or install glossary completely"
)
#: Terms to normalise per worker process, at least, before the work is spread over cores.
PARALLEL_MIN = 500
#: How worker processes start: spawned, so a caller's threads cannot deadlock them (each
#: worker then loads jieba and OpenCC once for its share).
START_METHOD = "spawn"


def _needs_completion(term: Term) -> bool:
    chinese = term.chinese
    return bool(chinese) and not (term.traditional and term.pinyin) and any(map(is_han, chinese))


def complete_terms(terms: Sequence[Term]) -> list[Term]:
    """``terms`` with missing pinyin and traditional Chinese filled in by
    :func:`glossary.normalise.normalise_term` (only then is the normaliser loaded), spread
    over every core when there are many.

    >>> [t.pinyin for t in complete_terms([Term("subversion", "颠覆")])]
    ['diānfù']
    """
    out = list(terms)
    todo = [i for i, t in enumerate(out) if _needs_completion(t)]
    if not todo:
        return out
    try:
        from glossary import normalise  # noqa: F401  (here: its absence is one clear line)
    except ImportError as exc:
        raise GlossaryError(NORMALISE_MISSING_TEXT.format(n=len(todo))) from exc
    pending = [out[i] for i in todo]
    workers = min(os.cpu_count() or 1, len(pending) // PARALLEL_MIN)
    done = _normalise_on_cores(pending, workers) if workers >= 2 else None
    if done is None:
        done = [_complete_one(t) for t in pending]
    for i, term in zip(todo, done, strict=True):
        out[i] = term
    return out


def _complete_one(term: Term) -> Term:
    """:func:`glossary.normalise.normalise_term`, its failure one line naming the term."""
    from glossary.normalise import normalise_term

    try:
        return normalise_term(term)
    except Exception as exc:  # a reading the normaliser cannot make: say which term
        raise GlossaryError(
            f"cannot compute the pinyin and traditional form of {term.chinese!r} "
            f"({type(exc).__name__}: {exc}); give them in the file's pinyin and "
            "traditional columns"
        ) from exc


def _normalise_on_cores(terms: list[Term], workers: int) -> list[Term] | None:
    """:func:`glossary.normalise.normalise_term` of each term, over ``workers`` processes;
    None if processes cannot be started here (a script without a ``__main__`` guard, a
    sandbox without ``fork``/``exec``), so the caller does the work itself."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(START_METHOD)
    chunk = max(1, min(2000, len(terms) // (workers * 8)))
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(_complete_one, terms, chunksize=chunk))
    except (BrokenProcessPool, OSError, RuntimeError):
        return None


def entry_key(term: Term) -> tuple[str, str, str]:
    """What makes two terms one entry: folded Chinese, folded English, abbreviation.

    >>> entry_key(Term("The Nuclear-Sharing", "核共享", abbreviation="NS"))
    ('核共享', 'nuclear sharing', 'ns')
    """
    abbreviation = term.abbreviation
    return (
        fold_chinese(term.chinese),
        fold_english(term.english),
        abbreviation.casefold() if abbreviation else abbreviation,
    )


def merge_entries(terms: Iterable[Term]) -> list[Term]:
    """Terms merged into entries (:func:`entry_key`, :func:`merge_terms`), in order of
    first appearance.

    >>> [t.english for t in merge_entries([Term("subversion", "颠覆"), Term("Subversion", "颠覆"),
    ...                                    Term("overthrow", "颠覆")])]
    ['subversion', 'overthrow']
    """
    return merge_keyed(terms)[0]


def merge_keyed(terms: Iterable[Term]) -> tuple[list[Term], list[tuple[str, str, str]]]:
    """:func:`merge_entries`, and the :func:`entry_key` of each entry (the index reuses
    the folded forms)."""
    groups: dict[tuple[str, str, str], list[Term]] = {}
    for term in terms:
        key = entry_key(term)
        group = groups.get(key)
        if group is None:
            groups[key] = [term]
        else:
            group.append(term)
    entries = [group[0] if len(group) == 1 else merge_terms(group) for group in groups.values()]
    return entries, list(groups)


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
        # an entry is as sure as its best occurrence (Term.confidence's meaning)
        confidence=max((t.confidence for t in terms if t.confidence is not None), default=None),
    )


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

    __slots__ = ("_entries", "_store")

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        #: The merged entries, when they are held in memory.
        self._entries: list[Term] | None = merge_entries(complete_terms(list(terms)))
        self._store: Store | None = None

    @classmethod
    def _of(cls, entries: list[Term] | None = None, store: Store | None = None) -> Glossary:
        g = cls.__new__(cls)
        g._entries = entries
        g._store = store
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
        """Read and merge glossary files (any format :mod:`glossary.formats` reads; the
        format from each suffix unless ``fmt``), through their index.

        The first load of a file's content builds its index in the user's cache folder
        (reading the file, completing missing pinyin and traditional Chinese on every
        core, merging); later loads of the same content open it at once.

        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "mine.tsv"
        ...     _ = path.write_text("english\\tchinese\\tpinyin\\ttraditional\\n"
        ...                         "subversion\\t颠覆\\tdiānfù\\t顛覆\\n", encoding="utf-8")
        ...     Glossary.load(path).lookup("dianfu")[0].term.english
        'subversion'
        """
        from glossary import formats
        from glossary.store.files import open_files

        if not paths:
            return cls()
        names = [os.fspath(p) for p in paths]
        kinds = [formats.format_for(n, fmt) for n in names]
        return cls._of(store=open_files(names, kinds, _entries_of_files))

    @classmethod
    def default(cls) -> Glossary:
        """The glossary shipped with the package (``glossary/data/terms.tsv``), read once.

        >>> len(Glossary.default()) > 0
        True
        """
        return _default()

    # -- the entries ------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The index of the entries (for a glossary built from terms, made on first use)."""
        if self._store is None:
            from glossary.store import Store

            assert self._entries is not None  # a glossary has entries or a store
            self._store = Store.build(self._entries)
        return self._store

    #: The search index (an alias of :attr:`store`).
    index = store

    @property
    def indexed(self) -> bool:
        """Whether the entries live only in an index (a glossary read from files), not in
        memory: a large one is then read entry by entry, as a task needs them.

        >>> Glossary.from_terms([Term("subversion", "颠覆")]).indexed, Glossary.default().indexed
        (False, True)
        """
        return self._entries is None

    def _terms_at(self, positions: Sequence[int]) -> list[Term]:
        if self._entries is not None:
            return [self._entries[i] for i in positions]
        return self.store.terms(positions)

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every entry, merged, in order of first appearance."""
        return tuple(self)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._entries) if self._entries is not None else iter(self.store)

    def __len__(self) -> int:
        return len(self._entries) if self._entries is not None else len(self.store)

    def __getitem__(self, entry: int) -> Term:
        """The entry at position ``entry``."""
        n = len(self)
        if not -n <= entry < n:
            raise IndexError(entry)
        return self._terms_at([entry % n])[0]

    def __repr__(self) -> str:
        return f"<Glossary of {len(self)} entries>"

    def __reduce__(self) -> tuple[object, ...]:
        return (Glossary._of, (list(self),))

    def merge(self, other: Glossary) -> Glossary:
        """A glossary of both: entries with the same key merge; this glossary's forms and
        status come first, notes and domains of both are kept.

        >>> mine = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù", note="law")])
        >>> fresh = Glossary.from_terms([Term("Subversion", "颠覆", "顛覆", "diānfù")])
        >>> [t.note for t in fresh.merge(mine)]
        ['law']
        """
        return Glossary._of(merge_entries([*self, *other]))

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
        e, z = fold_english(term.english), fold_chinese(term.chinese)
        rows = self.store.folded("WHERE chinese_folded = ? OR english_folded = ?", z, e)
        found = [i for i, fe, fz in rows if (bool(z) and fz == z) != (bool(e) and fe == e)]
        return self._terms_at(found)

    # -- conflicts --------------------------------------------------------------------

    def conflicts(self) -> list[Conflict]:
        """One Chinese with several English renderings and one English with several
        Chinese, each rendering with its count of occurrences and its sources; the
        largest conflicts first (see :mod:`glossary.conflicts`).

        >>> g = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù"),
        ...                          Term("overthrow", "颠覆", "顛覆", "diānfù")])
        >>> [(c.form, c.kind.value) for c in g.conflicts()]
        [('颠覆', 'one Chinese, several English')]
        """
        from glossary.conflicts import find_conflicts

        return find_conflicts(self.store, self._terms_at)

    # -- lookup -----------------------------------------------------------------------

    def lookup(self, query: str, limit: int = 10) -> list[Match]:
        """Entries matching ``query`` (English, Chinese in either script, or pinyin), best
        first: exact, then prefix, then fragment, then suggestions for a typo.

        >>> g = Glossary.from_terms([Term("global strategic stability", "全球战略稳定",
        ...                               "全球戰略穩定", "quánqiú zhànlüè wěndìng")])
        >>> [(m.term.english, m.reason) for m in g.lookup("zhan4lve4")]
        [('global strategic stability', 'pinyin fragment')]
        """
        hits = search(self.store, query, limit)
        terms = self._terms_at([h.entry for h in hits])
        return [Match(t, h.tier, h.score, h.reason) for t, h in zip(terms, hits, strict=True)]


def _entries_of_files(
    names: Sequence[str], kinds: Sequence[str]
) -> tuple[list[Term], list[tuple[str, str, str]]]:
    """The merged, complete entries of glossary files (what their index is built from),
    and their keys."""
    from glossary import formats

    terms: list[Term] = []
    for name, kind in zip(names, kinds, strict=True):
        terms.extend(formats.load(name, kind))
    return merge_keyed(complete_terms(terms))


@functools.cache
def _default() -> Glossary:
    from glossary import _data

    name = _data.data_path("terms.tsv")
    if os.path.isfile(name):
        return Glossary.load(name, fmt="tsv")
    try:  # inside a zip or a frozen application: read it whole, keep it in memory
        data = _data.read_bytes("terms.tsv")
    except OSError:
        raise InputError(
            name, "the shipped glossary is missing", "reinstall glossary or pass --glossary FILE"
        ) from None
    from glossary.formats import FORMATS
    from glossary.formats._io import decode

    reader = FORMATS["tsv"].read
    assert reader is not None  # TSV reads back
    return Glossary.from_terms(reader(decode(data, name), name))
