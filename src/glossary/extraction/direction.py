"""Which way a bracket glosses: English prose with Chinese in brackets, or the reverse.

The decision is made per bracket on the sentence around it (the text outside brackets,
back to the last sentence end and on to the next, at most :data:`REACH` characters either
way); a close call asks the paragraph too, at half weight.  So one document may mix both
directions, and an English endnote whose line is dominated by a long Chinese title in
brackets stays English.  The work per bracket is bounded (regex scans of at most
:data:`REACH` characters either way): the whole text is never scanned again.
"""

from __future__ import annotations

import regex

from glossary.model import Direction

#: How far the sentence window reaches on either side of a bracket.
REACH = 300
#: A sentence whose margin (Chinese weight less English weight) is this clear decides
#: alone; a closer one asks the paragraph.
CLEAR = 150
#: Han characters and the full-width punctuation of Chinese prose.
HAN = regex.compile(r"[\p{Han}\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]+")
LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]+")
#: A bracket with no bracket inside: other glosses in the sentence do not count.
BRACKETED = regex.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
#: Where a sentence ends: Chinese full stops, a blank line, an English full stop followed
#: by a space (an initial such as the D. of "Walker D. Mills" excepted).
SENTENCE_END = regex.compile(r"[。！？]|\n\n|(?<![^\p{L}]\p{Lu})[.!?](?=\s)")
PARAGRAPH_END = regex.compile(r"\n\n")


def _window(text: str, open_pos: int, close_pos: int, reach: int, sentences: bool) -> str:
    """The text around the bracket, back to the last end and on to the next (the ends
    are sentence ends, or blank lines), ``reach`` characters at most either way, with the
    bracket and every other simple bracket left out.  Regex scans keep it fast."""
    end = SENTENCE_END if sentences else PARAGRAPH_END
    lo = max(0, open_pos - reach)
    for back in end.finditer(text, lo, open_pos):
        lo = back.end()
    stop = min(len(text), close_pos + 1 + reach)
    on = end.search(text, close_pos + 1, stop)
    hi = on.end() if on else stop  # the sentence end itself: 。 is Chinese, . English
    return BRACKETED.sub(" ", text[lo:open_pos] + " " + text[close_pos + 1 : hi])


def _weights(around: str) -> tuple[int, int]:
    """(Han characters and Chinese punctuation, Latin letters) in ``around``, counted by runs."""
    return sum(map(len, HAN.findall(around))), sum(map(len, LATIN.findall(around)))


def direction_of(text: str, open_pos: int, close_pos: int) -> Direction:
    """The direction of the bracket from ``open_pos`` to ``close_pos`` (its closer's index).

    The prose is Chinese when, outside every bracket, Han characters and Chinese
    punctuation outweigh Latin letters (a Han character carries about two thirds of an
    English word, so it weighs as three letters) in the
    sentence around the bracket, with the paragraph around it (as far as :data:`REACH`
    either way) counting half: the sentence decides, the paragraph breaks a near tie,
    such as a Chinese sentence listing English names.

    >>> text = "国家安全部（Ministry of State Security）"
    >>> direction_of(text, text.index("（"), text.index("）")).value
    'zh-en'
    >>> text = "the Ministry of State Security (国家安全部)"
    >>> direction_of(text, text.index("("), text.index(")")).value
    'en-zh'
    """
    han, latin = _weights(_window(text, open_pos, close_pos, REACH, sentences=True))
    margin = float(3 * han - latin)
    if abs(margin) < CLEAR:  # not clear from the sentence alone: ask the paragraph
        p_han, p_latin = _weights(_window(text, open_pos, close_pos, REACH, sentences=False))
        margin += (3 * p_han - p_latin) / 2
    return Direction.ZH_EN if margin > 0 else Direction.EN_ZH
