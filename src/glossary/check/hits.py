"""What a matcher reports: :class:`Hit`, and the rule that the longest of overlapping terms wins."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

#: A raw match: start, end, the entries it names, whether it is an abbreviation, and whether
#: it may hold sentence punctuation.
Raw = tuple[int, int, tuple[int, ...], bool, bool]


class Hit(NamedTuple):
    """A glossary term found in a text: its span, the entries it names and the text there.

    ``abbreviation`` is true when the text has the entry's abbreviation (``SCO``).

    >>> Hit(4, 6, (0,), "颠覆").text
    '颠覆'
    """

    start: int
    end: int
    entries: tuple[int, ...]
    text: str
    abbreviation: bool = False


def longest(hits: Iterable[Raw]) -> list[Raw]:
    """Non-overlapping hits, left to right: of two that overlap, the longer wins (the earlier
    on a tie).  One pass over the sorted hits.

    >>> longest([(0, 6, (0,), False, False), (4, 15, (1,), False, False)])
    [(4, 15, (1,), False, False)]
    """
    kept: list[Raw] = []
    for h in sorted(hits):
        if kept and h[0] < kept[-1][1]:  # overlaps the last one kept
            last = kept[-1]
            if h[1] - h[0] > last[1] - last[0]:
                kept[-1] = h
            continue
        kept.append(h)
    return kept


def automaton(words: Iterable[tuple[str, Any]]) -> Any:
    """A pyahocorasick automaton of the ``(key, value)`` words, ready to search (an empty
    one finds nothing).

    >>> [value for _, value in automaton([(" east ", 0)]).iter(" the east wind ")]
    [0]
    """
    import ahocorasick

    built: Any = ahocorasick.Automaton()
    for key, value in words:
        built.add_word(key, value)
    if len(built):
        built.make_automaton()
    return built
