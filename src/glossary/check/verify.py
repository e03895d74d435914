"""The checks: terms found in a document, and a translation checked segment by segment.

A :class:`Checker` holds a glossary's matchers (built on first use).  For a document it
reports every glossary term found (``found``), deprecated renderings used and near misses.
For a translation it takes each glossary term of a source segment and looks for one of
its approved renderings in the target: none is ``missing`` (or ``near_miss`` when a
rendering with one word changed is there), a deprecated one is ``deprecated``; a term
rendered one way in some segments and another way in others is ``inconsistent`` (the
minority is reported, against the rendering most segments use).
"""

from __future__ import annotations

import bisect
import enum
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, overload

from glossary.check.chinese import HAN
from glossary.check.hits import Hit
from glossary.check.tables import cached_table
from glossary.lookup import is_han
from glossary.model import Status, Term

if TYPE_CHECKING:
    from glossary.check.chinese import ChineseMatcher
    from glossary.check.english import EnglishMatcher, NearMatcher
    from glossary.check.segments import Segment
    from glossary.glossary import Glossary
    from glossary.store import Store


_LATIN = re.compile("[A-Za-z]")


class FindingKind(enum.Enum):
    """What a finding reports."""

    #: A source term whose approved renderings are all absent from the target.
    MISSING = "missing"
    #: A deprecated rendering used.
    DEPRECATED = "deprecated"
    #: A term rendered differently in different segments of one document.
    INCONSISTENT = "inconsistent"
    #: A term written with one word changed: ``equal and indivisible safety``.
    NEAR_MISS = "near_miss"
    #: A glossary term found in a document (not a problem).
    FOUND = "found"


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: its kind, where (file and segment), the glossary term, what was
    expected and what was found there, and the segment's text for context.

    >>> f = Finding(FindingKind.MISSING, "a.txt", 3, "subversion", "颠覆", ("subversion",), "")
    >>> f.kind.value, f.segment
    ('missing', 3)
    """

    kind: FindingKind
    source: str
    segment: int | str
    english: str
    chinese: str
    expected: tuple[str, ...]
    found: str
    context: str = ""
    #: Where ``found`` starts in ``context`` (None when it is not there).
    column: int | None = None

    @property
    def problem(self) -> bool:
        """Whether this finding reports something wrong (all but ``found``)."""
        return self.kind is not FindingKind.FOUND

    def to_json(self) -> dict[str, object]:
        """The finding as the JSON report writes it."""
        return {
            "kind": self.kind.value,
            "source": self.source,
            "segment": self.segment,
            "english": self.english,
            "chinese": self.chinese,
            "expected": list(self.expected),
            "found": self.found,
            "context": self.context,
            "column": self.column,
        }


def _han_share(texts: Iterable[str]) -> float:
    han = total = 0
    for text in texts:
        for c in text:
            if not c.isspace():
                total += 1
                han += is_han(c)
    return han / total if total else 0.0


class Checker:
    """A glossary's terms, ready to find in text and check translations against.

    >>> from glossary.glossary import Glossary
    >>> c = Checker(Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù")]))
    >>> [(f.kind.value, f.found) for f in c.check_document("no “Subversion” (顛覆).", "a.txt")]
    [('found', 'Subversion'), ('found', '顛覆')]
    """

    def __init__(self, glossary: Glossary | Sequence[Term]) -> None:
        #: The glossary's entries (of a glossary read from files: read from its index as
        #: they are asked for, so checking needs only the matchers' keys in memory).
        self.terms: Sequence[Term]
        self._store = _index_of(glossary)
        if self._store is not None:
            self.terms = _IndexedTerms(self._store)
        else:
            self.terms = list(glossary)
        self._english: EnglishMatcher | None = None
        self._chinese: ChineseMatcher | None = None
        self._near: NearMatcher | None = None

    # -- matchers, built on first use ---------------------------------------------------

    @property
    def english(self) -> EnglishMatcher:
        """The English matcher (English forms and abbreviations of every entry)."""
        if self._english is None:
            from glossary.check.english import EnglishMatcher

            abbreviations = [a for (a,) in self._columns("abbreviation")]
            table = cached_table(
                self._store,
                "english",
                lambda: EnglishMatcher.table(
                    ([e] for (e,) in self._columns("english")), abbreviations
                ),
            )
            self._english = EnglishMatcher.from_table(table, abbreviations)
        return self._english

    @property
    def chinese(self) -> ChineseMatcher:
        """The Chinese matcher (the simplified form of every entry)."""
        if self._chinese is None:
            from glossary.check.chinese import ChineseMatcher

            # text is compared in simplified: the simplified forms are the keys
            table = cached_table(
                self._store,
                "chinese",
                lambda: ChineseMatcher.table(
                    [z or t] for z, t in self._columns("chinese", "traditional")
                ),
            )
            self._chinese = ChineseMatcher.from_table(table)
        return self._chinese

    @property
    def near(self) -> NearMatcher:
        """The near-miss matcher (English terms of three words or more)."""
        if self._near is None:
            from glossary.check.english import NearMatcher

            table = cached_table(
                self._store,
                "near",
                lambda: NearMatcher.table([e] for (e,) in self._columns("english")),
            )
            self._near = NearMatcher.from_table(table)
        return self._near

    def _columns(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """The fields ``names`` of every entry, in order (from the index without making
        the terms, when there is one)."""
        if self._store is not None:
            return self._store.columns(*names)
        return (tuple(getattr(t, n) for n in names) for t in self.terms)

    def _same_chinese(self, chinese: set[str]) -> list[Term]:
        """The entries whose Chinese is one of ``chinese``, in order."""
        if self._store is None:
            return [t for t in self.terms if t.chinese in chinese]
        entries = sorted({e for c in chinese for e in self._store.with_chinese(c)})
        return [self.terms[e] for e in entries]

    # -- finding terms ------------------------------------------------------------------

    def find(self, text: str) -> list[Hit]:
        """Every glossary term in ``text`` (English and Chinese), in order.

        >>> from glossary.glossary import Glossary
        >>> c = Checker(Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù")]))
        >>> [h.text for h in c.find("颠覆 and subversions")]
        ['颠覆', 'subversions']
        """
        hits = self.english.find(text) if _LATIN.search(text) else []
        if HAN.search(text):
            hits += self.chinese.find(text)
            hits.sort(key=lambda h: (h.start, h.end))
        return hits

    def _alternatives(self, entries: tuple[int, ...]) -> tuple[str, ...]:
        """The approved English of the concepts of ``entries`` (their Chinese shared)."""
        chinese = {self.terms[e].chinese for e in entries if self.terms[e].chinese}
        return tuple(
            dict.fromkeys(
                t.english or t.abbreviation
                for t in self._same_chinese(chinese)
                if t.status is not Status.DEPRECATED
            )
        )

    def check_document(self, text: str, source: str) -> list[Finding]:
        """Terms found in a document (``found``), deprecated renderings and near misses, in
        order; the segment is the line number."""
        lines = _LineIndex(text)
        starts = lines.starts
        out: list[tuple[int, Finding]] = []
        exact = self.find(text)
        for hit in exact:
            line, context = lines.at(hit.start)
            column = hit.start - starts[line - 1]
            term = self.terms[hit.entries[0]]
            deprecated = all(self.terms[e].status is Status.DEPRECATED for e in hit.entries)
            kind = FindingKind.DEPRECATED if deprecated else FindingKind.FOUND
            expected = self._alternatives(hit.entries) if deprecated else (term.english,)
            out.append(
                (
                    hit.start,
                    Finding(
                        kind,
                        source,
                        line,
                        term.english,
                        term.chinese,
                        expected,
                        hit.text,
                        context,
                        column,
                    ),
                )
            )
        if _LATIN.search(text):
            # exact hits do not overlap: their ends are in order, as their starts are
            ends = sorted(h.end for h in exact)
            begins = sorted(h.start for h in exact)
            for hit in self.near.find(text):
                i = bisect.bisect_right(ends, hit.start)  # the first exact hit ending after
                if i < len(ends) and begins[i] < hit.end:
                    continue  # an exact term is there
                line, context = lines.at(hit.start)
                column = hit.start - starts[line - 1]
                for e in hit.entries:
                    t = self.terms[e]
                    out.append(
                        (
                            hit.start,
                            Finding(
                                FindingKind.NEAR_MISS,
                                source,
                                line,
                                t.english,
                                t.chinese,
                                (t.english,),
                                hit.text,
                                context,
                                column,
                            ),
                        )
                    )
        out.sort(key=lambda p: p[0])
        return [f for _, f in out]

    # -- checking a translation ---------------------------------------------------------

    def check_segments(self, segments: Sequence[Segment]) -> list[Finding]:
        """Check a translation segment by segment (the direction is told from the text:
        the side with more Han characters is the Chinese one)."""
        if not segments:
            return []
        zh_source = _han_share(s.source_text for s in segments) >= _han_share(
            s.target_text for s in segments
        )
        findings: list[Finding] = []
        # concept -> [(segment index, rendering)] for the consistency check
        used: dict[tuple[int, ...], list[tuple[int, str, str]]] = {}
        for i, seg in enumerate(segments):
            findings += self._check_segment(i, seg, zh_source, used)
        findings += self._inconsistent(segments, used)
        return _ordered(findings, segments)

    def _check_segment(
        self,
        index: int,
        seg: Segment,
        zh_source: bool,
        used: dict[tuple[int, ...], list[tuple[int, str, str]]],
    ) -> list[Finding]:
        src_hits = (self.chinese if zh_source else self.english).find(seg.source_text)
        if not src_hits:
            return []
        tgt_hits = (self.english if zh_source else self.chinese).find(seg.target_text)
        in_target: dict[int, str] = {}
        for h in tgt_hits:
            for e in h.entries:
                in_target.setdefault(e, h.text)
        out = []
        seen: set[tuple[int, ...]] = set()
        for hit in src_hits:
            # the entries sharing the source form found: the matcher keeps them together
            group = concept = hit.entries
            if concept in seen:
                continue
            seen.add(concept)
            approved = [e for e in group if self.terms[e].status is not Status.DEPRECATED]
            deprecated = [e for e in group if self.terms[e].status is Status.DEPRECATED]
            renderings = tuple(
                dict.fromkeys(r for e in approved if (r := self._rendering(e, zh_source)))
            )
            if not renderings:
                continue  # nothing to expect: an English-only entry, in a Chinese target
            term = self.terms[(approved or group)[0]]
            good = [e for e in approved if e in in_target]
            bad = [e for e in deprecated if e in in_target]
            if good:
                rendering = self._rendering(good[0], zh_source)
                used.setdefault(concept, []).append((index, rendering, in_target[good[0]]))
                continue
            if bad:
                kind, found = FindingKind.DEPRECATED, in_target[bad[0]]
            else:
                near = self._near_in(seg.target_text, approved) if zh_source else ""
                kind = FindingKind.NEAR_MISS if near else FindingKind.MISSING
                found = near
            out.append(
                Finding(
                    kind,
                    seg.source,
                    seg.segment,
                    term.english,
                    term.chinese,
                    renderings,
                    found,
                    seg.target_text,
                    _column(seg.target_text, found),
                )
            )
        return out

    def _rendering(self, entry: int, zh_source: bool) -> str:
        t = self.terms[entry]
        return (t.english or t.abbreviation) if zh_source else t.chinese

    def _near_in(self, text: str, entries: list[int]) -> str:
        wanted = set(entries)
        for hit in self.near.find(text):
            if wanted.intersection(hit.entries):
                return hit.text
        return ""

    def _inconsistent(
        self, segments: Sequence[Segment], used: dict[tuple[int, ...], list[tuple[int, str, str]]]
    ) -> list[Finding]:
        out = []
        for concept, uses in used.items():
            by_file: dict[str, list[tuple[int, str, str]]] = {}
            for use in uses:
                by_file.setdefault(segments[use[0]].source, []).append(use)
            for file_uses in by_file.values():
                counts = Counter(r for _, r, _ in file_uses)
                if len(counts) < 2:
                    continue
                first = {r: n for n, (_, r, _) in reversed(list(enumerate(file_uses)))}
                main = max(counts, key=lambda r: (counts[r], -first[r]))
                for i, rendering, surface in file_uses:
                    if rendering == main:
                        continue
                    seg = segments[i]
                    term = self._term_of(concept, main)
                    out.append(
                        Finding(
                            FindingKind.INCONSISTENT,
                            seg.source,
                            seg.segment,
                            term.english,
                            term.chinese,
                            (main,),
                            surface,
                            seg.target_text,
                            _column(seg.target_text, surface),
                        )
                    )
        return out

    def _term_of(self, group: tuple[int, ...], rendering: str) -> Term:
        """The entry of ``group`` with ``rendering`` (English or Chinese), or the first."""
        return next(
            (
                self.terms[e]
                for e in group
                if rendering in (self.terms[e].english, self.terms[e].chinese)
            ),
            self.terms[group[0]],
        )


def _index_of(glossary: Glossary | Sequence[Term]) -> Store | None:
    """The index of a glossary read from files (None for terms held in memory)."""
    from glossary.glossary import Glossary

    if isinstance(glossary, Glossary) and glossary.indexed:
        return glossary.store
    return None


class _IndexedTerms(Sequence[Term]):
    """The entries of an index as a sequence, each read when it is asked for and kept
    (up to :data:`KEPT` of them)."""

    #: Entries kept read at most.
    KEPT = 100_000

    def __init__(self, store: Store) -> None:
        self._store = store
        self._kept: dict[int, Term] = {}

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, i: int) -> Term: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Term]: ...

    def __getitem__(self, i: int | slice) -> Term | Sequence[Term]:
        if isinstance(i, slice):
            return self._store.terms(range(len(self))[i])
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        i %= n
        term = self._kept.get(i)
        if term is None:
            if len(self._kept) >= self.KEPT:
                self._kept.clear()
            term = self._kept[i] = self._store.term(i)
        return term

    def __iter__(self) -> Iterator[Term]:
        return iter(self._store)


def _column(text: str, found: str) -> int | None:
    at = text.find(found) if found else -1
    return at if at >= 0 else None


def _ordered(findings: list[Finding], segments: Sequence[Segment]) -> list[Finding]:
    position = {(s.source, s.segment): i for i, s in enumerate(segments)}
    return sorted(findings, key=lambda f: position.get((f.source, f.segment), 0))


class _LineIndex:
    """Line numbers and line text of offsets in a text."""

    def __init__(self, text: str) -> None:
        self._text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts

    def at(self, offset: int) -> tuple[int, str]:
        n = bisect.bisect_right(self.starts, offset)
        start = self.starts[n - 1]
        end = self._text.find("\n", start)
        return n, self._text[start : end if end >= 0 else len(self._text)]
