"""Annotating English with the Chinese originals: the inverse of extraction.

The first occurrence of each glossary term in the document gets the house-style gloss
``term (中文)``, or ``term (中文, pīnyīn)`` with pinyin; a term already followed by a
bracket keeps what it has, and a term in quotes gets its gloss after the closing quote:
``“subversion” (颠覆)``.  Extraction reads every gloss written here back as the same pair.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.check.verify import Checker

_CLOSING_QUOTES = "”’\"'»›"
#: A bracket already after the term (spaces, a closing quote and a comma may come first).
_GLOSSED = re.compile(r"[”’\"'»›]?,?\s{0,2}[(（\[]")


def annotate(text: str, checker: Checker, *, pinyin: bool = False) -> str:
    """``text`` with ``(中文)`` after the first occurrence of each glossary term.

    Args:
        text: an English document.
        checker: the glossary's :class:`~glossary.check.verify.Checker`.
        pinyin: write the pinyin too: ``(颠覆, diānfù)``.

    >>> from glossary.check.verify import Checker
    >>> from glossary.model import Term
    >>> c = Checker([Term("subversion", "颠覆", "顛覆", "diānfù")])
    >>> annotate("what both sides call “subversion”; subversion again", c)
    'what both sides call “subversion” (颠覆); subversion again'
    >>> annotate("Subversion (颠覆) and subversion", c, pinyin=True)
    'Subversion (颠覆) and subversion'
    >>> annotate("the order (and its subversion) held", c)
    'the order (and its subversion) held'
    """
    done: set[str] = set()
    inserts: list[tuple[int, str]] = []
    terms = checker.terms
    for hit in checker.english.find(text):
        if hit.abbreviation:
            continue
        term = next((terms[e] for e in hit.entries if terms[e].chinese), None)
        if term is None or term.chinese in done:
            continue
        done.add(term.chinese)
        if _GLOSSED.match(text, hit.end) or _inside_brackets(text, hit.start):
            continue  # it carries a gloss already, or is itself one
        end = hit.end
        if end < len(text) and text[end] in _CLOSING_QUOTES:
            end += 1
        gloss = f"{term.chinese}, {term.pinyin}" if pinyin and term.pinyin else term.chinese
        inserts.append((end, f" ({gloss})"))
    pieces: list[str] = []
    last = 0
    for at, gloss in inserts:
        pieces += [text[last:at], gloss]
        last = at
    pieces.append(text[last:])
    return "".join(pieces)


def _inside_brackets(text: str, position: int) -> bool:
    """Whether ``position`` is inside a bracket opened earlier on its line."""
    line = text[text.rfind("\n", 0, position) + 1 : position]
    opened = line.count("(") + line.count("（") - line.count(")") - line.count("）")
    return opened > 0
