"""Finding glossary Chinese terms in Chinese text, in either script.

Keys are the terms' simplified forms; text is converted to simplified first (only the
lines that hold Han characters, and only where conversion keeps the length, so offsets
stay the original's), then searched with one Aho–Corasick automaton.  A match must start
and end where jieba's segmentation of the line has a word boundary, so 颠覆 is not found
inside 颠覆性, which jieba keeps as one word.  A term written with an ellipsis
(``提升……水平``) matches its parts in order, a few characters apart, on one line.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.check.hits import Hit, Raw, automaton, longest
from glossary.lookup import is_han

#: Full-width ASCII as ASCII, one character for one (offsets unchanged).
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
#: A Han character (the ranges of :func:`glossary.lookup.is_han`), for a search at C speed.
HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_GAP = re.compile(r"\s*(?:…+|\.{3,}|⋯+)\s*")
HAN_RUN = re.compile(HAN.pattern + "+")
#: A Chinese matcher's first parts of terms -> (length, ((the parts after it, entries), …)).
ChineseTable = dict[str, tuple[int, tuple[tuple[tuple[str, ...], tuple[int, ...]], ...]]]
#: Characters beside Han ones that a key may hold (ＡＩ治理).
MARGIN = 16
#: How many characters an ellipsis in a term may stand for.
MAX_GAP = 12


def fold(text: str) -> str:
    """Chinese as the matcher compares it: simplified, ASCII width, lower case.

    >>> fold("全球戰略穩定（ＡＩ）")
    '全球战略稳定(ai)'
    """
    return _simplified(text.translate(_WIDTH).lower())


def _simplified(text: str) -> str:
    """Simplified Chinese with the offsets of ``text``: each line with traditional
    characters converted (one whose conversion changes its length is kept as it was)."""
    if not HAN.search(text):
        return text
    from glossary.script import Script, detect_script, to_simplified

    out = []
    for line in text.split("\n"):
        if HAN.search(line) and detect_script(line) in (Script.TRADITIONAL, Script.MIXED):
            converted = to_simplified(line)
            out.append(converted if len(converted) == len(line) else line)
        else:
            out.append(line)
    return "\n".join(out)


def term_parts(chinese: str) -> tuple[str, ...]:
    """The folded parts of a term: one, or several where the term has an ellipsis.

    >>> term_parts("提升……水平")
    ('提升', '水平')
    """
    return tuple(p for p in _GAP.split(fold(chinese).strip()) if p)


class ChineseMatcher:
    """The Chinese forms of a list of terms, in one automaton.

    Args:
        forms: per entry, its Chinese forms (simplified or traditional).

    >>> m = ChineseMatcher([["颠覆"], ["全球战略稳定"]])
    >>> [(h.text, h.entries) for h in m.find("維護全球戰略穩定，反對颠覆性活動")]
    [('全球戰略穩定', (1,))]
    """

    def __init__(self, forms: Iterable[Iterable[str]]) -> None:
        self._load(self.table(forms))

    @staticmethod
    def table(forms: Iterable[Iterable[str]]) -> ChineseTable:
        """What the automaton holds: each term's first part (its folded simplified form,
        or the part before an ellipsis) with its length and, per term starting so, the
        parts after it and the entries.  Plain data, so a glossary's table is computed
        once and cached beside its index.

        >>> ChineseMatcher.table([["全球戰略穩定"], ["提升……水平"]])["提升"]
        (2, ((('水平',), (1,)),))
        """
        found: dict[tuple[str, ...], list[int]] = {}
        for entry, entry_forms in enumerate(forms):
            for chinese in entry_forms:
                parts = term_parts(chinese) if chinese else ()
                if parts and HAN.search(parts[0]):  # a Chinese term starts with Chinese
                    found.setdefault(parts, []).append(entry)
        by_first: dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]] = {}
        for parts, entries in found.items():
            by_first.setdefault(parts[0], []).append((parts[1:], tuple(dict.fromkeys(entries))))
        return {key: (len(key), tuple(values)) for key, values in by_first.items()}

    @classmethod
    def from_table(cls, table: ChineseTable) -> ChineseMatcher:
        """The matcher of a :meth:`table`."""
        matcher = cls.__new__(cls)
        matcher._load(table)
        return matcher

    def _load(self, table: ChineseTable) -> None:
        self._automaton = automaton(table.items())
        self._empty = not table

    def _iter(self, folded: str) -> Iterator[tuple[int, Any]]:
        """The automaton's matches, run only over the stretches around Han characters (the
        rest of an English text costs nothing)."""
        for a, b in _windows(folded):
            yield from self._automaton.iter(folded, a, b)

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str) -> list[Hit]:
        """Terms in ``text``, in order, longest first where they overlap."""
        if self._empty:
            return []
        folded = fold(text)
        boundaries = _Boundaries(folded)
        raw = (
            h for h in self._raw(folded) if boundaries.word_at(h[0]) and boundaries.word_at(h[1])
        )
        return [Hit(a, b, entries, text[a:b]) for a, b, entries, _, _ in longest(raw)]

    def _raw(self, folded: str) -> Iterator[Raw]:
        for last, (length, values) in self._iter(folded):
            end = last + 1
            start = end - length
            for rest, entries in values:
                if not rest:
                    yield start, end, entries, False, True
                    continue
                stop = _follow(folded, end, rest)
                if stop is not None:
                    yield start, stop, entries, False, True


def _windows(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of ``text`` around its Han characters (with :data:`MARGIN` characters on each
    side), merged: every key holds a Han character, so nothing is found outside them."""
    start = end = -1
    for m in HAN_RUN.finditer(text):
        a, b = max(0, m.start() - MARGIN), min(len(text), m.end() + MARGIN)
        if a > end:
            if end > start:
                yield start, end
            start = a
        end = b
    if end > start:
        yield start, end


def _follow(text: str, position: int, parts: tuple[str, ...]) -> int | None:
    """Where the ``parts`` of a term end when each follows the last within :data:`MAX_GAP`
    characters on the same line, or None."""
    for part in parts:
        window = text[position : position + MAX_GAP + len(part)]
        cut = window.find("\n")
        i = (window if cut < 0 else window[:cut]).find(part)
        if i < 0:
            return None
        position += i + len(part)
    return position


#: What jieba segments as one block (its ``re_han_default``): it cuts each block on its
#: own, so a block is all that needs cutting to know the words around a position.
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")


class _Boundaries:
    """Word boundaries of a text by jieba, one block (a clause) at a time, cut on first need."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._spans: list[tuple[int, int]] | None = None
        self._cuts: dict[int, frozenset[int]] = {}

    def word_at(self, position: int) -> bool:
        """Whether a word starts or ends at ``position`` (always so beside a non-Han char)."""
        text = self._text
        if position <= 0 or position >= len(text):
            return True
        if not (is_han(text[position - 1]) and is_han(text[position])):
            return True
        if self._spans is None:
            self._spans = [m.span() for m in _BLOCK.finditer(text)]
        i = bisect.bisect_right(self._spans, (position, len(text))) - 1
        start, end = self._spans[i]
        cuts = self._cuts.get(start)
        if cuts is None:
            cuts = self._cuts[start] = _cuts(text[start:end], start)
        return position in cuts


def _cuts(block: str, offset: int) -> frozenset[int]:
    cuts = {offset}
    position = offset
    for word in _segmenter().cut(block, HMM=False):
        position += len(word)
        cuts.add(position)
    return frozenset(cuts)


@functools.cache
def _segmenter() -> Any:
    from glossary.pinyin import _segmenter as shared  # one private jieba for the package

    return shared()
