"""Extraction on hostile input: offsets that always slice the text, invisible and control
characters, stray brackets, and time that grows linearly with the input."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import extract
from glossary.extraction.paragraphs import memo_off
from glossary.extraction.text import INVISIBLE
from glossary.model import Direction

_PIECES = [
    *"ab XYZ()（）[]【】“”\"'.,;:-\n",
    "\u200b",
    "\u200d",
    "\ufe00",
    "\u0301",
    "\x00",
    "\u202e",
    "\u2066",
    "颠覆",
    "国家安全部",
    "建党100周年",
    "Ministry of State Security ",
    "(MSS)",
    "Wang Yi ",
    "the ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_offsets_slice_the_text_to_the_surface(text: str) -> None:
    """The slice start:end holds the English (spaces aside) from its first character (or,
    for English given inside the bracket, within it), the Chinese, and ends on the closing
    bracket; no control character is part of a term."""
    for term in extract(text):
        occ = term.occurrences[0]
        surface = text[occ.start : occ.end]
        assert surface[-1] in ")）]】"
        assert not INVISIBLE.search(occ.chinese + occ.english)
        visible = regex.sub(r"\s+", "", INVISIBLE.sub("", surface))
        english = regex.sub(r"\s+", "", occ.english)
        if occ.direction is Direction.ZH_EN or (
            occ.candidates and occ.candidates[0].signals == ("gloss",)
        ):
            assert english[:3] in visible  # English given inside the bracket
        else:
            assert visible.startswith(english[:1])
        assert regex.sub(r"\s+", "", occ.chinese) in visible


def test_an_invisible_character_after_the_closer_is_not_counted() -> None:
    """``end`` stops at the closing bracket, not after a zero-width space that follows it."""
    text = "the word “subversion” (颠覆)\u200b is"
    occ = next(iter(extract(text))).occurrences[0]
    assert text[occ.end - 1] == ")"


def test_a_stray_opener_does_not_swallow_a_later_gloss() -> None:
    """An unclosed bracket closes at the end of its sentence."""
    text = "A stray ( here. The Ministry of State Security (国家安全部) warned."
    assert [(t.english, t.chinese) for t in extract(text)] == [
        ("Ministry of State Security", "国家安全部")
    ]


def _cpu(make: Callable[[int], str], n: int) -> float:
    """The best of three readings of ``make(n)``, every paragraph read afresh (a replay
    from the paragraph memo would time a dictionary lookup, not the reading)."""
    text = make(n)
    best = float("inf")
    with memo_off():
        for _ in range(3):
            t0 = time.process_time()
            for _ in extract(text):
                pass
            best = min(best, time.process_time() - t0)
    return best


_SHAPES: dict[str, Callable[[int], str]] = {
    "no sentence punctuation": lambda n: "the term “subversion” (颠覆) and more words " * n,
    "no newlines": lambda n: "The term “subversion” (颠覆) is used. Words follow here. " * n,
    "a bracket every few characters": lambda n: "x (颠覆) y (SCO) " * n,
    "unbalanced brackets": lambda n: "(" * (250 * n),
    "unclosed brackets before glosses": lambda n: "a ( b “term” (颠覆) " * n,
    "NULs and openers": lambda n: "(\x00\u200b" * (100 * n),
}


@pytest.mark.parametrize("shape", list(_SHAPES))
def test_time_grows_linearly(shape: str) -> None:
    """Input 8x longer takes at most about 10x longer (generous: the machine is shared).

    The largest input of the unbalanced shape is 100,000 brackets.
    """
    make = _SHAPES[shape]
    extract(make(10))  # warm the dictionaries
    small = max(_cpu(make, 50), 1e-3)
    large = _cpu(make, 400)
    assert large / small < 16, f"{shape}: {large:.3f}s for 8x the input of {small:.3f}s"
