"""Re-mining into a curated glossary: new terms and sources in, nothing curated lost.

A translator curates a glossary by hand (notes, statuses, domains, a better English)
and keeps mining new documents into it (``glossary extract NEW.txt --into terms.tsv``).
:func:`remine` decides, for each term found, which curated entry it is:

1. the same entry (same English, Chinese and abbreviation after folding): its new
   sources are added; every curated field stays as it is;
2. an entry the curator edited: one found at the same ``file:line`` that still shares
   its Chinese or its English (the curator changed the other): the curated forms win,
   the new sources are added;
3. otherwise a new entry, added.  When a curated entry has the same Chinese with other
   English (or the same English with other Chinese), that is a conflict: both are
   kept and the conflict is reported, never resolved silently.  Finding a rendering the
   curator marked deprecated is reported too.

A wrong reading is kept out by marking it deprecated, not by deleting its row: a deleted
entry is simply new again the next time its document is mined.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from glossary.glossary import Glossary
from glossary.model import Occurrence, Status, Term


@dataclass(frozen=True, slots=True)
class Clash:
    """A new reading that disagrees with a curated entry.

    >>> Clash(Term("subversion", "颠覆"), Term("overthrow", "颠覆")).describe()
    '颠覆: curated "subversion", found "overthrow": both kept; mark one deprecated'
    """

    curated: Term
    found: Term

    def describe(self) -> str:
        """One line for the report."""
        c, f = self.curated, self.found
        where = f" ({f.occurrences[0].sources_label})" if f.occurrences else ""
        if c.status is Status.DEPRECATED and (c.english, c.chinese) == (f.english, f.chinese):
            return f'{c.chinese or c.english}: found "{c.english}"{where}, which is deprecated'
        if c.chinese and _fold_chinese(c.chinese) == _fold_chinese(f.chinese):
            shared, mine, theirs = c.chinese, c.english, f.english
        else:
            shared, mine, theirs = c.english, c.chinese, f.chinese
        return (
            f'{shared}: curated "{mine}", found "{theirs}"{where}: both kept; mark one deprecated'
        )


@dataclass(frozen=True, slots=True)
class Remined:
    """What :func:`remine` made: the glossary and what changed."""

    glossary: Glossary
    #: Entries that were not in the curated glossary.
    added: int
    #: Curated entries that gained sources.
    updated: int
    #: Readings that disagree with a curated entry, to be resolved by a person.
    clashes: tuple[Clash, ...]

    def summary(self) -> str:
        """One line: how many entries were added and updated, and how many conflicts.

        >>> Remined(Glossary(), 2, 1, ()).summary()
        '2 new entries, 1 curated entry gained sources, no conflicts'
        """

        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        clashes = n(len(self.clashes), "conflict", "conflicts") if self.clashes else "no conflicts"
        return (
            f"{n(self.added, 'new entry', 'new entries')}, "
            f"{n(self.updated, 'curated entry', 'curated entries')} gained sources, {clashes}"
        )


def _fold_english(text: str) -> str:
    from glossary.lookup import fold_english

    return fold_english(text)


def _fold_chinese(text: str) -> str:
    from glossary.lookup import fold_chinese

    return fold_chinese(text)


def _key(t: Term) -> tuple[str, str, str]:
    return _fold_chinese(t.chinese), _fold_english(t.english), t.abbreviation.casefold()


def _place(o: Occurrence) -> tuple[str, int]:
    return o.source or "-", o.line


def remine(curated: Glossary, found: Iterable[Term]) -> Remined:
    """Merge newly found terms into a curated glossary, keeping every curated field.

    >>> from glossary.model import Occurrence
    >>> mine = Glossary.from_terms([Term("Ministry of State Security (PRC)", "国家安全部",
    ...     "國家安全部", "Guójiā Ānquánbù", note="MSS", status=Status.PREFERRED,
    ...     occurrences=(Occurrence("a.txt", 3, 0, 0, "Ministry of State Security"),))])
    >>> found = Term("Ministry of State Security", "国家安全部", "國家安全部", "Guójiā Ānquánbù",
    ...     occurrences=(Occurrence("a.txt", 3, 0, 0, "Ministry of State Security"),
    ...                  Occurrence("b.txt", 7, 0, 0, "Ministry of State Security")))
    >>> result = remine(mine, [found])
    >>> [(t.english, t.note, t.status.value, t.sources) for t in result.glossary]
    [('Ministry of State Security (PRC)', 'MSS', 'preferred', ('a.txt', 'b.txt'))]
    >>> result.summary()
    '0 new entries, 1 curated entry gained sources, no conflicts'
    """
    entries = list(curated.terms)
    by_key = {_key(t): i for i, t in enumerate(entries)}
    by_place: dict[tuple[str, int], list[int]] = {}
    by_chinese: dict[str, list[int]] = {}
    by_english: dict[str, list[int]] = {}
    for i, t in enumerate(entries):
        for o in t.occurrences:
            by_place.setdefault(_place(o), []).append(i)
        if t.chinese:
            by_chinese.setdefault(_fold_chinese(t.chinese), []).append(i)
        if t.english:
            by_english.setdefault(_fold_english(t.english), []).append(i)

    adjusted: list[Term] = []
    updated: set[int] = set()
    clashes: list[Clash] = []
    added = 0
    for t in Glossary.from_terms(found).terms:
        key = _key(t)
        match = by_key.get(key)
        if match is None:
            match = _edited(t, entries, by_place, key)
        if match is not None:
            c = entries[match]
            known = {_place(o) for o in c.occurrences}
            fresh = [o for o in t.occurrences if _place(o) not in known]
            if fresh:
                updated.add(match)
                # the curated forms and fields win: only the new sources are merged in
                adjusted.append(c.replace(note="", domain="", status=None).with_occurrences(fresh))
            if c.status is Status.DEPRECATED and fresh:
                clashes.append(Clash(c, t.with_occurrences(fresh)))
            continue
        added += 1
        adjusted.append(t)
        rivals = by_chinese.get(key[0], []) if key[0] else []
        rivals += by_english.get(key[1], []) if key[1] else []
        clashes.extend(Clash(entries[i], t) for i in dict.fromkeys(rivals))
    glossary = curated.merge(Glossary.from_terms(adjusted)) if adjusted else curated
    return Remined(glossary, added, len(updated), tuple(clashes))


def _edited(
    t: Term,
    entries: list[Term],
    by_place: dict[tuple[str, int], list[int]],
    key: tuple[str, str, str],
) -> int | None:
    """The curated entry found at one of ``t``'s places sharing its Chinese or English."""
    for o in t.occurrences:
        for i in by_place.get(_place(o), ()):
            c = _key(entries[i])
            if (key[0] and c[0] == key[0]) or (key[1] and c[1] == key[1]):
                return i
    return None
