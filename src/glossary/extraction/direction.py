"""Which way a bracket glosses: English prose with Chinese in brackets, or the reverse.

The decision is made per bracket on the sentence around it (the text outside brackets,
back to the last sentence end and on to the next, at most :data:`REACH` characters either
way); a close call asks the paragraph too, at half weight.  So one document may mix both
directions, and an English endnote whose line is dominated by a long Chinese title in
brackets stays English.  The work per bracket is bounded (regex scans of at most
:data:`REACH` characters either way): the whole text is never scanned again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import regex

from glossary.extraction.text import CLOSE, CLOSERS, LATIN_RANGES, OPEN, OPENERS
from glossary.extraction.words import WEB_ADDRESS
from glossary.model import Direction

#: How far the sentence window reaches on either side of a bracket.
REACH = 300
#: A sentence whose margin (Chinese weight less English weight) is this clear decides
#: alone; a closer one asks the paragraph.
CLEAR = 150
#: A sentence with no Chinese outside its brackets and this many Latin letters is
#: English, whatever the paragraph around it (a few words: not a name alone).
ENGLISH_ALONE = 12
#: Han characters and the full-width punctuation of Chinese prose.
HAN = regex.compile(r"[\p{Han}\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]+")
#: Latin letters.  Patterns without ``\p{…}`` are ``re`` patterns: plain classes scan
#: faster there than in ``regex``.
LATIN = re.compile(f"[{LATIN_RANGES}]+")
#: A bracket with no bracket inside: other glosses in the sentence do not count.
BRACKETED = re.compile(f"[{OPEN}][^{OPEN}{CLOSE}]*[{CLOSE}]")
#: Where a sentence ends: Chinese full stops, a blank line, an English full stop followed
#: by a space (an initial such as the D. of "Walker D. Mills" excepted).
SENTENCE_END = regex.compile(r"[。！？]|\n\n|(?<![^\p{L}]\p{Lu})[.!?](?=\s)")
PARAGRAPH_END = regex.compile(r"\n\n")


def _window(text: str, open_pos: int, close_pos: int, reach: int, sentences: bool) -> str:
    """The text around the bracket, back to the last end and on to the next (the ends
    are sentence ends, or blank lines), ``reach`` characters at most either way, with the
    bracket and every other simple bracket left out.  Regex scans keep it fast."""
    end = SENTENCE_END if sentences else PARAGRAPH_END
    lo = _after_last_end(text, max(0, open_pos - reach), open_pos, sentences)
    stop = min(len(text), close_pos + 1 + reach)
    on = end.search(text, close_pos + 1, stop)
    hi = on.end() if on else stop  # the sentence end itself: 。 is Chinese, . English
    around = text[lo:open_pos] + " " + text[close_pos + 1 : hi]
    if "://" in around or "www." in around:  # a web address is in no language
        around = WEB_ADDRESS.sub(" ", around)
    return BRACKETED.sub(" ", around)


#: The same ends, searched backwards from a point.
SENTENCE_END_BEFORE = regex.compile("(?r)" + SENTENCE_END.pattern)
PARAGRAPH_END_BEFORE = regex.compile(r"(?r)\n\n")


def _after_last_end(text: str, lo: int, hi: int, sentences: bool) -> int:
    """Where the last of the ends that ``finditer`` finds in ``text[lo:hi]`` ends (``lo``
    if none): by one backward search instead of a forward walk over them all.  A blank
    line is two line breaks, and a forward walk pairs a run of them from its start, so
    in a run of an odd number the last pair ends one break before the run does."""
    m = (SENTENCE_END_BEFORE if sentences else PARAGRAPH_END_BEFORE).search(text, lo, hi)
    if m is None:
        return lo
    at = m.end()
    if m.group() == "\n\n":
        run = m.start()
        while run > lo and text[run - 1] == "\n":
            run -= 1
        at -= (at - run) % 2
    return at


def _weights(around: str) -> tuple[int, int]:
    """(Han characters and Chinese punctuation, Latin letters) in ``around``: the
    characters of :data:`HAN` and :data:`LATIN`, counted without a match per word.

    :data:`HAN` is looked for only in the runs of :data:`CJK` (where all of it lies);
    ASCII letters are what is left of the ASCII bytes when everything else is deleted,
    and the accented letters are counted apart, in the rare window that has any."""
    cjk = CJK.findall(around)
    han = sum(map(len, HAN.findall("".join(cjk)))) if cjk else 0
    latin = len(around.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    if not around.isascii():
        latin += len(_LATIN_ACCENTED.findall(around))
    return han, latin


def direction_of(text: str, open_pos: int, close_pos: int) -> Direction:
    """The direction of the bracket from ``open_pos`` to ``close_pos`` (its closer's index).

    The prose is Chinese when, outside every bracket, Han characters and Chinese
    punctuation outweigh Latin letters (a Han character carries about two thirds of an
    English word, so it weighs as three letters) in the
    sentence around the bracket, with the paragraph around it (as far as :data:`REACH`
    either way) counting half: the sentence decides, the paragraph breaks a near tie,
    such as a Chinese sentence listing English names; but a sentence of English words
    with no Chinese outside its brackets is English (:data:`ENGLISH_ALONE`).

    >>> text = "国家安全部（Ministry of State Security）"
    >>> direction_of(text, text.index("（"), text.index("）")).value
    'zh-en'
    >>> text = "the Ministry of State Security (国家安全部)"
    >>> direction_of(text, text.index("("), text.index(")")).value
    'en-zh'
    """
    han, latin = _weights(_window(text, open_pos, close_pos, REACH, sentences=True))
    margin = float(3 * han - latin)
    if han == 0 and latin >= ENGLISH_ALONE:
        return Direction.EN_ZH  # an English sentence among Chinese ones is English
    if abs(margin) < CLEAR:  # not clear from the sentence alone: ask the paragraph
        p_han, p_latin = _weights(_window(text, open_pos, close_pos, REACH, sentences=False))
        margin += (3 * p_han - p_latin) / 2
    return Direction.ZH_EN if margin > 0 else Direction.EN_ZH


#: Every character :data:`HAN` counts lies at or above U+2E80 (a test checks it): prose
#: with nothing there weighs no Chinese.
CJK = regex.compile("[\u2e80-\U0010ffff]+")
#: Every ASCII byte but the letters (deleted to count the letters); the letters of
#: :data:`LATIN` beyond ASCII (``regex`` scans a plain range faster than ``re`` here).
_NOT_ASCII_LETTER = bytes(
    c for c in range(128) if not ("A" <= chr(c) <= "Z" or "a" <= chr(c) <= "z")
)
_LATIN_ACCENTED = regex.compile(f"[{LATIN_RANGES.removeprefix('A-Za-z')}]")
#: Bracket characters, and what may end a sentence or a paragraph inside a bracket.
_FULL_WIDTH_BRACKET = regex.compile(f"[{''.join(c for c in OPENERS + CLOSERS if not c.isascii())}]")
_BRACKET_AFTER = regex.compile(f"[{OPEN}{CLOSE}]")
_BRACKET_BEFORE = regex.compile(f"(?r)[{OPEN}{CLOSE}]")
_ENDS = re.compile(r"[。！？.!?\n]")


class ChineseNearby:
    """Where Chinese may weigh in :func:`direction_of`, found once per text.

    :func:`direction_of` reads at most :data:`REACH` characters either side of a bracket,
    and drops every simple bracket from them.  So Chinese can count only if it stands
    there outside a simple bracket, or inside one that a window may cut (one holding a
    sentence or line end, or crossing the reach).  When none does, the prose is English
    without a look: :meth:`maybe` is False, and :func:`direction_of` would say EN_ZH.
    The runs are found by one regex scan (CJK is rare in English prose), each run's
    bracket by bounded ``str`` scans, and a query is two bisections: linear in all.

    >>> text = "the “nuclear sharing” (核共享), she said (in 2019)."
    >>> nearby = ChineseNearby(text)
    >>> nearby.maybe(text.index("(in"), text.index(")."))
    False
    >>> text = "他说（in 2019）。"
    >>> ChineseNearby(text).maybe(text.index("（"), text.index("）"))
    True
    """

    def __init__(self, text: str) -> None:
        self.run_starts: list[int] = []  # CJK runs that may count, in order
        self.run_ends: list[int] = []
        self.box_starts: list[int] = []  # simple brackets holding CJK that windows drop
        self.box_ends: list[int] = []  # ... their closers
        if text.isascii():
            return  # no CJK (a flag Python keeps, not a scan)
        for a, b in _cjk_runs(text):
            if self.box_ends and a < self.box_ends[-1]:
                continue  # another run in the bracket just found
            box = _box_around(text, a, b)
            if box is None:
                self.run_starts.append(a)
                self.run_ends.append(b)
            else:
                self.box_starts.append(box[0])
                self.box_ends.append(box[1])

    def maybe(self, open_pos: int, close_pos: int) -> bool:
        """False if no Chinese can weigh in the direction of this bracket."""
        # The window, unclamped: a run or a box lies inside the text, so no answer below
        # changes if an end lies beyond it (and no min or max is asked of every bracket).
        lo = open_pos - REACH
        hi = close_pos + 1 + REACH
        # (what _run_in and _box_across ask, inline)
        starts, ends = self.run_starts, self.run_ends
        k = bisect.bisect_right(ends, lo)  # the first run ending after lo
        if k < len(starts) and starts[k] < open_pos:
            return True  # a run in the window before the bracket
        k = bisect.bisect_right(ends, close_pos + 1, k)
        if k < len(starts) and starts[k] < hi:
            return True  # a run in the window after it
        return self._box_across(lo) or self._box_across(hi)

    def _run_in(self, a: int, b: int) -> bool:
        k = bisect.bisect_right(self.run_ends, a)
        return k < len(self.run_starts) and self.run_starts[k] < b

    def _box_across(self, p: int) -> bool:
        k = bisect.bisect_left(self.box_starts, p) - 1
        return k >= 0 and self.box_ends[k] >= p


def _cjk_runs(text: str) -> Iterator[tuple[int, int]]:
    """The runs of CJK in ``text``, cut at full-width brackets (CJK themselves): one scan
    over a single range, the fastest regex there is; the cutting is rare in English."""
    for m in CJK.finditer(text):
        a, b = m.span()
        run = m.group()
        if _FULL_WIDTH_BRACKET.search(run):
            for cut in _FULL_WIDTH_BRACKET.finditer(text, a, b):
                if cut.start() > a:
                    yield a, cut.start()
                a = cut.end()
        if b > a:
            yield a, b


def _box_around(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The simple bracket (opener, closer) around the CJK run ``text[a:b]`` if every
    window drops it whole when it lies inside: no sentence or line end in it, and short
    enough to lie inside one (:data:`REACH`); else None."""
    if a > 0 and b < len(text) and text[a - 1] in OPENERS and text[b] in CLOSERS:
        s, e = a - 1, b  # the run fills its bracket, "(颠覆)": the nearest brackets
    else:
        before = _BRACKET_BEFORE.search(text, max(0, a - REACH), a)
        if before is None or before.group() not in OPENERS:
            return None
        after = _BRACKET_AFTER.search(text, b, min(len(text), b + REACH))
        if after is None or after.group() in OPENERS:
            return None
        s, e = before.start(), after.start()
    if _ENDS.search(text, s, e):
        return None
    return s, e
