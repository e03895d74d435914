"""Paragraphs: a document read one paragraph at a time, and a paragraph read before not
read again.

A bracket's reading looks no further than its own paragraph (the text between blank
lines): the English it glosses, the sentence around it and the language of the prose all
stand there.  So a paragraph's pairs depend on its text alone, and a paragraph that
comes back (a byline, a disclaimer, a page's boilerplate, an article syndicated or
crawled twice: so much of a web crawl repeats that pipelines such as CCNet, Wenzek et al.
2019, deduplicate it by paragraph hash first) is kept in :data:`MEMO` when it is read a
second time, and from then on not read again: its pairs are replayed, with the new
document's name, offsets and lines.  The replay is exact: the same pairs as a fresh
reading there.  The memo is bounded (:class:`_Memo`), so memory does not grow with the
corpus.

>>> text = "the “nuclear sharing” (核共享)\\n\\nthe “nuclear sharing” (核共享)"
>>> [(t.occurrences[0].line, t.occurrences[0].start) for t, _ in read_paragraphs(text)]
[(1, 5), (3, 34)]
"""

from __future__ import annotations

import pickle
import re
import threading
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, pairwise

from glossary.extraction.text import OPEN
from glossary.model import Term

__all__ = ["memo_off", "moved", "paragraph_starts", "read_paragraphs"]

#: A run of blank lines (lines of nothing but spaces), and the indent after it: where a
#: paragraph ends and the next begins; not before a bracket, which glosses what stands
#: before it.  (The blanks are taken whole, as ``\s*+`` would take them in Python 3.11:
#: a lookahead's group, matched again, gives none back.)
PARAGRAPH_BREAK = re.compile(rf"\n[^\S\n]*\n(?=(\s*))\1(?![{OPEN}])")

#: A paragraph is looked at as page furniture only if it is this short (a page number
#: or a running head: FURNITURE_LINE takes 66 characters, with a few blanks around).
FURNITURE_CHARS = 80

#: The pairs of one paragraph, each with the spans settling may move it to.
Pairs = tuple[tuple[Term, tuple[tuple[str, int], ...]], ...]
#: A paragraph's pairs as the memo keeps them: pickled (one bytes object, which the
#: cyclic garbage collector never walks; kept as objects, a full memo's hundred thousand
#: of them made every collection of a run on new text slower), empty when there are none;
#: then where they were read: the source, the offset and the line the paragraph stood at
#: (what a replay moves them from).
_Kept = tuple[bytes, str | None, int, int]


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of ``text`` begins (0 first; a paragraph runs to the next).

    A blank line ends a paragraph, except before a bracket (which glosses what stands
    before it: a headword, "Red Spear Society", then "(红枪会) was a militia…") and
    around page furniture: a page number or a running head on a line of its own between
    blank lines, where a PDF's text breaks a paragraph (or a quotation) at the foot of a
    page, is read as part of it (:data:`~glossary.extraction.english.FURNITURE_LINE`).

    >>> paragraph_starts("one\\n\\n  two\\nstill two\\n \\nthree")
    [0, 7, 23]
    >>> paragraph_starts("Red Spear Society\\n\\n(红枪会) was a militia\\n\\nNext")
    [0, 40]
    >>> paragraph_starts("the “integrated\\n\\n12 CNA REPORT\\n\\njoint operations”\\n\\nNext")
    [0, 51]
    """
    from glossary.extraction.english import FURNITURE_LINE

    n = len(text)
    starts = [0, *[m.end() for m in PARAGRAPH_BREAK.finditer(text)]]
    if len(starts) > 1 and starts[-1] == n:
        starts.pop()  # (blank lines at the end begin no paragraph)
    # page furniture: a paragraph of one short line with paragraphs either side
    merged: set[int] = set()
    short = [k for k, (a, b) in enumerate(pairwise(starts[1:]), 1) if b - a <= FURNITURE_CHARS]
    for k in short:
        line = text[starts[k] : starts[k + 1]].rstrip()
        # (furniture has no lower-case letter: most short paragraphs are told by upper())
        if "\n" not in line and line.upper() == line and FURNITURE_LINE.fullmatch(line):
            merged.update((k, k + 1))
    return [s for k, s in enumerate(starts) if k not in merged] if merged else starts


class _Memo:
    """The pairs of the paragraphs read last, least recently used forgotten first.

    Bounded by what it keeps, the characters of the paragraphs and the bytes of their
    pickled pairs (``budget``, at most about 8 MB as it is), so memory does not grow with
    the corpus; a paragraph longer than ``longest`` is never kept.

    A paragraph is kept the second time it is read, not the first: most paragraphs of new
    text never come back, and keeping them would cost a pickling each and push out the
    ones that do.  ``seen`` marks the paragraphs read once, by their hash, in a fixed
    table of ``SEEN_SLOTS`` bytes (two paragraphs sharing a slot only make the second
    kept early), cleared when half of it is marked.
    """

    SEEN_SLOTS = 1 << 20

    def __init__(self, budget: int = 4_000_000, longest: int = 20_000) -> None:
        self.budget, self.longest = budget, longest
        self.kept: dict[str, _Kept] = {}
        self.size = 0
        self.seen = bytearray(self.SEEN_SLOTS)
        self.marked = 0
        self.lock = threading.Lock()

    def get(self, paragraph: str) -> _Kept | None:
        with self.lock:
            kept = self.kept.pop(paragraph, None)
            if kept is not None:
                self.kept[paragraph] = kept  # (now the most recently used)
            return kept

    def put(self, paragraph: str, pairs: Pairs, source: str | None, offset: int, line: int) -> None:
        if len(paragraph) > self.longest:
            return
        slot = hash(paragraph) & (self.SEEN_SLOTS - 1)
        if not self.seen[slot]:  # (the first reading: marked, not kept)
            self.seen[slot] = 1
            self.marked += 1
            if self.marked > self.SEEN_SLOTS // 2:
                self.seen[:] = bytes(self.SEEN_SLOTS)
                self.marked = 0
            return
        data = pickle.dumps(pairs, protocol=pickle.HIGHEST_PROTOCOL) if pairs else b""
        kept = (data, source, offset, line)
        with self.lock:
            if paragraph in self.kept:
                return
            self.kept[paragraph] = kept
            self.size += len(paragraph) + len(kept[0])
            while self.size > self.budget:
                oldest, (old_data, *_) = next(iter(self.kept.items()))
                del self.kept[oldest]
                self.size -= len(oldest) + len(old_data)

    def clear(self) -> None:
        with self.lock:
            self.kept.clear()
            self.size = 0
            self.seen[:] = bytes(self.SEEN_SLOTS)
            self.marked = 0


MEMO = _Memo()


@contextmanager
def memo_off() -> Iterator[None]:
    """Every paragraph read afresh while inside, none kept (what a benchmark of reading
    itself, or a test of the replay, compares with).

    >>> text = "“subversion” (颠覆)"
    >>> with memo_off():
    ...     fresh = list(read_paragraphs(text))
    >>> fresh == list(read_paragraphs(text))
    True
    """
    global MEMO
    kept, MEMO = MEMO, _Memo(budget=0, longest=-1)
    try:
        yield
    finally:
        MEMO = kept


def _read(paragraph: str, source: str | None, offset: int, line: int) -> Pairs:
    """The pairs of one paragraph standing at ``offset`` and ``line`` of ``source``: read
    (and kept in :data:`MEMO`), or replayed from it, moved to where the paragraph stands."""
    kept = MEMO.get(paragraph)
    if kept is None:
        from glossary.extraction.engine import read_terms

        pairs = tuple(read_terms(paragraph, source, offset, line))
        MEMO.put(paragraph, pairs, source, offset, line)
        return pairs
    data, was_source, was_offset, was_line = kept
    if not data:
        return ()
    pairs = pickle.loads(data)
    if source == was_source and offset == was_offset and line == was_line:
        return pairs  # type: ignore[no-any-return]
    chars, lines = offset - was_offset, line - was_line
    return tuple(
        [
            (moved(term, chars, lines, source), tuple([(e, s + chars) for e, s in spans]))
            for term, spans in pairs
        ]
    )


def moved(term: Term, chars: int, lines: int, source: str | None) -> Term:
    """``term`` (as the extractor gives it, with one occurrence) read ``chars``
    characters and ``lines`` lines further on, in ``source``.

    >>> t = next(read_paragraphs("“subversion” (颠覆)", "a.txt"))[0]
    >>> o = moved(t, 100, 2, "b.txt").occurrences[0]
    >>> o.source, o.line, o.start
    ('b.txt', 3, 101)
    """
    occ = term.occurrences[0]
    occ = occ.replace(
        source=source, line=occ.line + lines, start=occ.start + chars, end=occ.end + chars
    )
    return term.replace(occurrences=(occ,))


def read_paragraphs(
    text: str, source: str | None = None, offset: int = 0, line: int = 1
) -> Iterator[tuple[Term, tuple[tuple[str, int], ...]]]:
    """The pairs of ``text`` as :func:`~glossary.extraction.engine.read_terms` gives them,
    read a paragraph at a time; occurrences carry ``source``, offsets are moved by
    ``offset`` and lines counted from ``line`` (where ``text`` stands in a larger one).

    Only the paragraphs holding a bracket are visited, found from the brackets (each kind
    of opener looked for by ``str.find``, once over the text).
    """
    from glossary.extraction.brackets import _openers

    openers = _openers(text)
    first = next(openers, None)
    if first is None:
        return  # no bracket, no pair
    starts = paragraph_starts(text)
    before = end = 0
    for i in chain((first,), openers):
        if i < end:
            continue  # in the paragraph just read
        k = bisect_right(starts, i)
        start, end = starts[k - 1], starts[k] if k < len(starts) else len(text)
        line += text.count("\n", before, start)
        before = start
        yield from _read(text[start:end], source, offset + start, line)
