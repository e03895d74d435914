"""Query understanding: pinyin in any spelling, and a query read every way it can be."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence

from glossary._tuples import NamedTuple
from glossary.lookup.keys import fold_chinese, fold_english, is_han, pinyin_key
from glossary.syllables import SYLLABLES

#: Tone marks, a breve typed for the caron too (ĭ for ǐ); as glossary.pinyin.spelling reads
#: them (not imported: a lookup loads no pinyin machinery).
_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4, "\u0306": 3}
_PINYIN_SEPARATORS = frozenset(" \t'’‘`-‐‑–—·,.;:!?/()")
_VOWEL_START = frozenset("aoe")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


class Syllable(NamedTuple):
    """A pinyin syllable: toneless letters (``ü`` as ``v``) and a tone.

    ``tone`` is 1-4, 0 for the neutral tone, or ``None`` when the query left it open.

    >>> Syllable("lve", 4)
    Syllable(letters='lve', tone=4)
    """

    letters: str
    tone: int | None


@functools.cache
def _syllable_prefixes() -> frozenset[str]:
    """Every beginning of a syllable (made on first use: it costs a start-up otherwise)."""
    return frozenset(s[:i] for s in SYLLABLES for i in range(1, len(s) + 1))


def _segment(run: str, marks: dict[int, int], partial: bool) -> list[tuple[int, int]] | None:
    """Split a letter run into syllable spans, fewest syllables first, one mark per syllable."""
    n = len(run)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, -1)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, min(n, i + 7) + 1):
            piece = run[i:j]
            cost = here[0] + 1.0
            if piece in SYLLABLES:
                pass
            elif len(piece) > 1 and piece[-1] == "r" and piece[:-1] in SYLLABLES:
                cost += 0.3
            elif partial and j == n and piece in _syllable_prefixes():
                cost += 2.0
            else:
                continue
            if i and piece[0] in _VOWEL_START:
                cost += 0.5  # a vowel-initial syllable inside a word wants an apostrophe
            if sum(1 for k in range(i, j) if k in marks) > 1:
                continue
            old = best[j]
            if old is None or cost < old[0]:
                best[j] = (cost, i)
    if best[n] is None:
        return None
    spans = []
    j = n
    while j > 0:
        entry = best[j]
        assert entry is not None
        spans.append((entry[1], j))
        j = entry[1]
    spans.reverse()
    return spans


def parse_pinyin(
    text: str, *, unmarked: int | None = None, partial: bool = False, strict: bool = True
) -> tuple[Syllable, ...] | None:
    """Read pinyin written with tone marks, tone numbers, both or neither.

    Syllables are split at spaces, apostrophes, hyphens and tone numbers, and inside a run
    of letters into the fewest valid syllables.  ``v``, ``u:`` and ``ü`` are the same
    letter; ``5`` or ``0`` is the neutral tone.

    Args:
        text: the pinyin.
        unmarked: the tone of a syllable with no mark or number (``None``: any tone, as
            in a query; ``0``: neutral, as in a glossary's tone-marked pinyin).
        partial: let the last syllable be unfinished (``zhanl``), for prefix search.
        strict: return ``None`` for text that is not pinyin; if false, an unreadable
            run becomes one syllable with tone ``None``.

    Returns:
        The syllables, or ``None`` if ``text`` is not pinyin.

    >>> [tuple(s) for s in parse_pinyin("zhànlüè wen3ding")]
    [('zhan', 4), ('lve', 4), ('wen', 3), ('ding', None)]
    """
    s = unicodedata.normalize("NFD", text).lower().replace("u:", "v")
    out: list[Syllable] = []
    letters: list[str] = []
    marks: dict[int, int] = {}

    def flush(final_tone: int | None, last: bool) -> bool:
        if not letters:
            return True
        run = "".join(letters)
        spans = _segment(run, marks, partial and last)
        if spans is None:
            if strict:
                return False
            spans = [(0, len(run))]
            tones: list[int | None] = [None]
        else:
            tones = []
            for i, j in spans:
                tone = next((marks[k] for k in range(i, j) if k in marks), unmarked)
                tones.append(tone)
            if final_tone is not None:
                tones[-1] = final_tone
        out.extend(Syllable(run[i:j], t) for (i, j), t in zip(spans, tones, strict=True))
        letters.clear()
        marks.clear()
        return True

    for c in s:
        if c in _LOWER:
            letters.append(c)
        elif c == "\u0308":
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif c in _TONE_OF_MARK:
            if not letters:
                return None
            marks[len(letters) - 1] = _TONE_OF_MARK[c]
        elif c in "012345":
            if not letters and strict:
                return None
            if not flush(int(c) % 5, last=False):
                return None
        elif c in _PINYIN_SEPARATORS or c.isspace() or not strict:
            if not flush(None, last=False):
                return None
        elif not unicodedata.combining(c):
            return None
    if not flush(None, last=True):
        return None
    return tuple(out) if out else None


@functools.lru_cache(maxsize=1 << 16)
def _entry_word(word: str) -> tuple[Syllable, ...] | None:
    """One space-separated word of an entry's tone-marked pinyin (unmarked = neutral)."""
    return parse_pinyin(word, unmarked=0, strict=False) or ()


def has_tones(syllables: Iterable[Syllable]) -> bool:
    """Whether any syllable fixes a tone (so matches must agree with it).

    >>> has_tones(parse_pinyin("dian fu")), has_tones(parse_pinyin("dian1fu4"))
    (False, True)
    """
    return any(s.tone is not None for s in syllables)


def _tones_agree(
    query: Sequence[Syllable], entry: Sequence[Syllable] | None, offset: int
) -> bool | None:
    """Whether every toned query syllable lines up with an entry syllable of that tone."""
    if entry is None:
        return None
    spans: dict[int, tuple[int, int | None]] = {}
    pos = 0
    for s in entry:
        spans[pos] = (pos + len(s.letters), s.tone)
        pos += len(s.letters)
    pos = offset
    for s in query:
        end = pos + len(s.letters)
        if s.tone is not None:
            found = spans.get(pos)
            if found is None:
                return None if all(t is None for _, t in spans.values()) else False
            if found[0] != end or (found[1] is not None and found[1] != s.tone):
                return False
        pos = end
    return True


# -- query understanding ------------------------------------------------------------------


class Query:
    """A query read every way it can be: Chinese, English, abbreviation, pinyin.

    >>> q = Query("Zhàn4lve")
    >>> q.chinese, q.english, q.pinyin_key, [tuple(s) for s in q.syllables or ()]
    ('', 'zhàn4lve', 'zhanlve', [('zhan', 4), ('lve', None)])
    """

    __slots__ = (
        "_parsed",
        "_syllables",
        "abbreviation",
        "chinese",
        "english",
        "pinyin_key",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text = text.strip()
        self._syllables: tuple[Syllable, ...] | None = None
        self._parsed = False
        if text.isascii():  # the common case: no Chinese, every other reading
            self.chinese = ""
            self.english = fold_english(text)
            self.abbreviation = text.lower()
            self.pinyin_key = pinyin_key(text)
            return
        han = any(is_han(c) for c in text if c >= "\u3007")
        # English with Chinese in it ("variant of 什麼") is searched both ways
        latin = not han or any("a" <= c <= "z" for c in text.lower())
        #: Folded Chinese when the query holds Han characters, else empty.
        self.chinese = fold_chinese(text) if han else ""
        #: Folded English (empty for a query of Chinese only).
        self.english = fold_english(text) if latin else ""
        self.abbreviation = text.casefold() if latin else ""
        #: Toneless pinyin letters when the query could be pinyin.
        self.pinyin_key = "" if han else pinyin_key(text)

    @property
    def syllables(self) -> tuple[Syllable, ...] | None:
        """The query as pinyin syllables (the last may be unfinished), or ``None``."""
        if not self._parsed:
            self._syllables = parse_pinyin(self.text, partial=True) if self.pinyin_key else None
            self._parsed = True
        return self._syllables

    @property
    def has_tones(self) -> bool:
        """Whether the query writes tones (marks or numbers)."""
        if self.text.isascii() and not any(c.isdigit() for c in self.text):
            return False
        syllables = self.syllables
        return syllables is not None and has_tones(syllables)
