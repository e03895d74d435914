"""Characters and positions: the character classes the extractor reads, cleaning the text
of invisible characters (with offsets mapped back), line numbers and the context line."""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterator

import regex

from glossary.pinyin import toneless
from glossary.syllables import split_syllables

# --------------------------------------------------------------------------- characters

#: Invisible characters dropped before parsing (offsets are mapped back to the original).
#: NUL and bidirectional controls are never part of a term either.  ZWJ is kept: it
#: belongs to the character sequence it joins.
INVISIBLE = regex.compile(
    r"[\x00\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)
INVISIBLE_RUN = regex.compile(INVISIBLE.pattern + "+")
#: The same characters, one by one (``str`` scans for them are faster than a regex).
INVISIBLE_CHARS = (
    "\x00\u200b\u200c\u2060\ufeff\u00ad\u200e\u200f\u061c"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: The brackets read, every kind in one place: a pattern that looks for brackets is built
#: from these, so that a new kind is added here alone.
OPENERS = "(（[【〔［〖"
#: Those of them in ASCII: all an ASCII text can hold.
ASCII_OPENERS = "".join(c for c in OPENERS if c.isascii())
CLOSERS = ")）]】〕］〗"
#: The same, escaped for a character class (``[{OPEN}]``), in ``re`` and ``regex`` alike.
OPEN = re.escape(OPENERS)
CLOSE = re.escape(CLOSERS)
#: A bracket with no bracket inside.
SIMPLE_BRACKET = regex.compile(rf"[{OPEN}][^{OPEN}{CLOSE}]*[{CLOSE}]")
OPENER = regex.compile(rf"[{OPEN}]")
#: Longest bracket content considered (a whole quoted quatrain fits).
MAX_BRACKET = 700
HAN = regex.compile(r"\p{Han}")
# Opening quotation mark -> the closing mark that ends it.
QUOTE_OPENERS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "「": "」", "『": "』"}
#: Latin letters, for a character class: ASCII, accented (Latin-1 to Extended-B, and
#: Extended Additional: ṭ, ạ) and full-width (Ａ, ａ).
LATIN_RANGES = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a"
LATIN_LETTER = regex.compile(f"[{LATIN_RANGES}]")

# A run of Chinese: Han characters joined by CJK punctuation, quotes, spaces, ASCII
# punctuation between Han, ellipses and nested brackets holding no Latin letters.
# Combining marks, variation selectors and ZWJ belong to the character before them
# (颠\ufe00覆); numbers and codes glued to Han belong to the Chinese (建党100周年, G20峰会).
# Capitals glued to Han are a code too (AI战略); any letters between two Han characters
# belong to the Chinese (卡拉OK厅), but lower-case letters glued on one side are pinyin
# (ruxue儒学) and stay out.  A date written with a middle dot names an event (7·20暴雨,
# 9·11事件).
_GLUED = (
    r"(?:[0-9０-９]{1,2}[·・‧][0-9０-９]{1,2}|[0-9０-９]+(?:[.．][0-9]+)?%?|[A-Z]{1,4}[0-9]{1,3}|[0-9]{1,3}[A-Z]{1,3}"
    r"|[A-ZＡ-Ｚ]{2,5}|[０-９Ａ-Ｚａ-ｚ]+)"
)
_HAN_UNIT = (
    r"(?:\p{Han}[\p{M}\u200d]*"
    rf"|[{OPEN}][^{OPEN}{CLOSE}A-Za-z]*\p{{Han}}[^{OPEN}{CLOSE}A-Za-z]*[{CLOSE}]"
    r"|(?<=\p{Han}[\p{M}\u200d]*)[A-Za-z]{1,8}(?=\p{Han})"
    r"|(?<=\p{Han}[\p{M}\u200d]* ?)[A-Z0-9][A-Z0-9.]{0,5}(?= ?\p{Han})"
    rf"|{_GLUED}(?=\p{{Han}})|(?<=\p{{Han}}[\p{{M}}\u200d]*){_GLUED})"
)

#: A run of letters.
LETTERS = regex.compile(r"[\p{L}\p{M}]+")
#: Whitespace, collapsed to one space in spans and contexts.
SPACES = regex.compile(r"\s+")
#: What ``str.split`` takes for whitespace and :data:`SPACES` does not.
_SEPARATORS = re.compile("[\x1c-\x1f]")

_HAN_SEP = r"[\s,;:!?.、，。；：！？…·・．‧｜「」『』《》〈〉“”‘’\"'\-—～〜(（)）]"
HAN_RUN = regex.compile(rf"[“‘「『《〈\"']*{_HAN_UNIT}(?:{_HAN_SEP}*{_HAN_UNIT})*[”’」』》〉\"']*")
LINE_BREAK_IN_HAN = regex.compile(r"(?<=\p{Han})[ \t]*\n\s*(?=\p{Han})")
TRAILING_NOTE = regex.compile(rf"\s*{SIMPLE_BRACKET.pattern}\s*$")
# --------------------------------------------------------------------------- helpers

#: Entries each per-string cache keeps (bounded: a large corpus does not grow them).
CACHE_SIZE = 1 << 14


@functools.lru_cache(maxsize=CACHE_SIZE)
def han_only(text: str) -> str:
    """The Han characters of ``text``, in order.

    >>> han_only("密切 … 协调和配合")
    '密切协调和配合'
    """
    return "".join(HAN.findall(text))


def one_line(text: str) -> str:
    r"""``text`` with every run of whitespace one space, and none at the ends.

    >>> one_line(" the  Ministry of\n State Security ")
    'the Ministry of State Security'
    """
    # One line once its ends are stripped: single spaces only and no other whitespace
    # (every whitespace character but the space is unprintable), told without a split.
    stripped = text.strip()
    if stripped.isprintable() and "  " not in stripped:
        return stripped
    if _SEPARATORS.search(text):  # str.split would split there too
        return str(SPACES.sub(" ", text)).strip()
    return " ".join(text.split())


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_pinyin(text: str) -> bool:
    """True if every word of ``text`` is written in pinyin syllables (tones optional).

    >>> is_pinyin("qingxu jiazhi"), is_pinyin("Zhōng-É"), is_pinyin("James Yen")
    (True, True, False)
    """
    words = LETTERS.findall(text)
    if not words:
        return False
    for w in words:
        letters = toneless(w).replace("'", "").replace("’", "")
        if not letters.isascii() or split_syllables(letters) is None:
            return False
    return True


# --------------------------------------------------------------------------- driver


class _Lines:
    """Offset -> 1-based line number.

    Newlines are counted by ``str.count`` from the nearest offset asked before (the driver
    asks in text order, so each stretch of text is counted once); a text whose brackets
    yield nothing costs nothing here.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = [0]  # offsets asked so far, in increasing order ...
        self.lines = [1]  # ... and their line numbers

    def line(self, offset: int) -> int:
        asked, lines = self.asked, self.lines
        if offset >= asked[-1]:
            line = lines[-1] + self.text.count("\n", asked[-1], offset)
            asked.append(offset)
            lines.append(line)
            return line
        k = bisect.bisect_right(asked, offset) - 1
        return lines[k] + self.text.count("\n", asked[k], offset)


def _context(text: str, start: int, end: int, reach: int = 400) -> str:
    """The sentence (or line) around ``text[start:end]``, at most ``reach`` characters
    searched either side, on one line."""
    # The last of the ends before the match: each end is looked for only after those
    # found so far (an earlier one could not be the last), so the text is read once.
    # (an end found lies at lo or after it, so just after it is past lo: 0 is not found)
    lo = max(0, start - reach)
    lo = text.rfind("\n", lo, start) + 1 or lo
    lo = text.rfind(". ", lo, start) + 1 or lo
    lo = text.rfind("? ", lo, start) + 1 or lo
    lo = text.rfind("! ", lo, start) + 1 or lo
    b = min(len(text), end + reach)
    line_end = text.find("\n", end, b)
    # a full stop after the line's end does not count: it is looked for up to there
    stop = text.find(". ", end, b if line_end < 0 else line_end)
    if line_end >= 0 or stop >= 0:
        hi = (min(line_end, stop) if line_end >= 0 and stop >= 0 else max(line_end, stop)) + 1
    else:
        hi = b
    if hi - lo > 400:
        lo, hi = max(lo, start - 150), min(hi, end + 150)
    return one_line(text[lo:hi])


#: An opening double quote after a word and before a space, a bracket or punctuation
#: closes a quotation (a slip of the keyboard, or German „…“ quotes).
MISTYPED_CLOSING_QUOTE = regex.compile(r"(?<=[\p{L}\p{N}.,!?])“(?=[\s(（\[,.;:!?]|$)")


#: Apostrophes typed for one quotation mark: the italics and bold of wiki markup
#: (two or three apostrophes), or two single quotes typed for a double one.
DOUBLED_APOSTROPHE = regex.compile(r"'{2,}")


def _merged(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two lists of disjoint (start, end) spans as one sorted list, touching spans
    joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if out and out[-1][1] >= start:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _clean(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Drop invisible characters and all but the first of doubled apostrophes
    (:data:`DOUBLED_APOSTROPHE`), and read an opening double quote that closes a
    quotation as a closing one (:data:`MISTYPED_CLOSING_QUOTE`).

    Returns the clean text and, for each run of dropped characters, the clean offset it
    stood at and how many characters were dropped up to and including it, so that
    :func:`_original_offset` can map clean offsets back to ``text``.  Runs, not single
    characters, keep a text of a million NULs cheap.
    """
    runs: list[tuple[int, int]] = []
    if "“" in text:  # "Lying Flat“: a closing quote typed as an opening one, one for one
        text = MISTYPED_CLOSING_QUOTE.sub("”", text)
    present = [c for c in INVISIBLE_CHARS if c in text]  # a few fast scans
    doubled = "''" in text
    if not present and not doubled:
        return text, runs
    spans: list[tuple[int, int]] = []
    if present and sum(map(text.count, present)) > _FEW_INVISIBLE:
        spans = [m.span() for m in INVISIBLE_RUN.finditer(text)]
    elif present:  # a few zero-width spaces: found by str.find, not by a regex over the text
        for i in sorted(_positions(text, present)):
            if spans and spans[-1][1] == i:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))
    if doubled:  # ''xingchu'' (wiki markup, or two single quotes typed for a double one)
        extra = [(m.start() + 1, m.end()) for m in DOUBLED_APOSTROPHE.finditer(text)]
        spans = _merged(spans, extra)
    dropped = 0
    pieces = []
    kept_from = 0
    for a, b in spans:
        pieces.append(text[kept_from:a])
        kept_from = b
        dropped += b - a
        runs.append((b - dropped, dropped))
    pieces.append(text[kept_from:])
    return "".join(pieces), runs


#: Up to this many invisible characters are found one by one; more, by one regex scan.
_FEW_INVISIBLE = 256


def _positions(text: str, chars: list[str]) -> Iterator[int]:
    for c in chars:
        i = text.find(c)
        while i >= 0:
            yield i
            i = text.find(c, i + 1)


def _original_offset(runs: list[tuple[int, int]], i: int) -> int:
    """The offset in the original text of clean offset ``i``."""
    k = bisect.bisect_right(runs, (i, sys.maxsize))  # runs standing at or before i
    return i + (runs[k - 1][1] if k else 0)
