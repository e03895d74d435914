"""Which way a bracket glosses: English prose with Chinese in brackets, or the reverse.

The decision is made per bracket on the sentence around it (the text outside brackets,
back to the last sentence end and on to the next, at most :data:`REACH` characters either
way) and, with half the weight, its paragraph, so that one document may mix both
directions, and an English endnote whose line is dominated by a long Chinese title in
brackets stays English.  The work per bracket is
bounded: the whole text is never scanned again.
"""

from __future__ import annotations

import regex

from glossary.model import Direction

#: How far the sentence window reaches on either side of a bracket.
REACH = 300
#: Han characters and the full-width punctuation of Chinese prose.
HAN = regex.compile(r"[\p{Han}\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]")
LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]")
#: A bracket with no bracket inside: other glosses in the sentence do not count.
BRACKETED = regex.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
#: Chinese sentence ends, and the English ones followed by a space or line break.
ZH_END = frozenset("。！？")
EN_END = frozenset(".!?")


def _sentence_end(text: str, i: int) -> bool:
    """True if ``text[i]`` ends a sentence (Chinese, English, or a blank line)."""
    c = text[i]
    if c in ZH_END:
        return True
    if c == "\n":
        return text.startswith("\n\n", i)
    if c in EN_END:
        after = text[i + 1 : i + 2]
        if after and not after.isspace():
            return False  # U.S., www.site, 3.5
        before = text[max(0, i - 2) : i]
        # An initial ("Walker D. Mills") does not end a sentence.
        return not (len(before) == 2 and before[1].isupper() and not before[0].isalpha())
    return False


def _end(text: str, i: int, sentences: bool) -> bool:
    if sentences:
        return _sentence_end(text, i)
    return text.startswith("\n\n", i)


def _window(text: str, open_pos: int, close_pos: int, reach: int, sentences: bool) -> str:
    lo = open_pos
    stop = max(0, open_pos - reach)
    while lo > stop and not _end(text, lo - 1, sentences):
        lo -= 1
    hi = close_pos + 1
    stop = min(len(text), close_pos + 1 + reach)
    while hi < stop and not _end(text, hi, sentences):
        hi += 1
    hi = min(len(text), hi + 1)  # the sentence end itself: 。 is Chinese, . English
    return BRACKETED.sub(" ", text[lo:open_pos] + " " + text[close_pos + 1 : hi])


def _weights(around: str) -> tuple[int, int]:
    return len(HAN.findall(around)), len(LATIN.findall(around))


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
    p_han, p_latin = _weights(_window(text, open_pos, close_pos, REACH, sentences=False))
    margin = (3 * han - latin) + (3 * p_han - p_latin) / 2
    return Direction.ZH_EN if margin > 0 else Direction.EN_ZH
