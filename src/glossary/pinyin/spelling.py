"""How pinyin is written: syllables parsed from tone marks or numbers, marked, numbered.

Pure string work: nothing here loads pypinyin, jieba or CC-CEDICT, so lookup and
extraction can compare romanisations without the conversion machinery.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Sequence

from glossary.syllables import SYLLABLES, best_split


class Style(enum.Enum):
    """How :func:`to_pinyin` writes tones."""

    #: Tone marks: ``quánqiú zhànlüè wěndìng``.
    MARKS = "marks"
    #: Tone numbers after each syllable, ``ü`` as ``v``: ``quan2qiu2 zhan4lve4 wen3ding4``.
    NUMBERS = "numbers"
    #: No tones (apostrophes kept): ``quanqiu zhanlüe wending``.
    NONE = "none"


_MARK_OF_TONE = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}
#: The marks read as tones: a breve for the caron too (ĭ for ǐ, a common slip).
_TONE_OF_MARK = {**{k: v for v, k in _MARK_OF_TONE.items()}, "\u0306": 3}
# Parsing written pinyin also admits the erhua r as a syllable of its own.
_SYLLABLES = SYLLABLES | {"r"}


#: A syllable: letters in lower case with ``v`` for ``ü``, and a tone 1-4 or 5 (neutral).
Syllable = tuple[str, int]


def _letters_and_tones(chunk: str) -> list[tuple[str, int]]:
    """Letters of a pinyin chunk (any case) with the tone mark each carries (0 if none)."""
    out: list[tuple[str, int]] = []
    for c in unicodedata.normalize("NFD", chunk):
        if c in _TONE_OF_MARK:
            if out:
                out[-1] = (out[-1][0], _TONE_OF_MARK[c])
        elif c == "\u0308":
            if out and out[-1][0] in "uU":
                out[-1] = ("V" if out[-1][0] == "U" else "v", out[-1][1])
        else:
            out.append((c, 0))
    return out


def _split_syllables(letters: Sequence[tuple[str, int]]) -> list[tuple[str, int]] | None:
    """Split a letter run into syllables, fewest pieces, at most one tone mark each.

    Returns (letters as written, tone 0-4) per syllable, or None if no split exists.
    """

    def fits(i: int, j: int) -> bool:
        piece = letters[i:j]
        return sum(1 for _, t in piece if t) <= 1 and (
            "".join(c for c, _ in piece).lower() in _SYLLABLES
        )

    spans = best_split(len(letters), fits, 6)
    if spans is None:
        return None
    return [
        ("".join(c for c, _ in letters[i:j]), next((t for _, t in letters[i:j] if t), 0))
        for i, j in spans
    ]


_CHUNK = re.compile(r"[A-Za-züÜ\u0300-\u036f\u00c0-\u024f]+|[^A-Za-züÜ\u0300-\u036f\u00c0-\u024f]+")


def to_numbers(marked: str) -> str:
    """Tone-marked pinyin -> tone numbers after each syllable (``ü`` as ``v``; neutral unmarked).

    Syllables inside a word are found by parsing (fewest valid syllables, one tone mark
    each); apostrophes are dropped, since numbers already show where syllables end.

    >>> to_numbers("zhànlüè wěndìng")
    'zhan4lve4 wen3ding4'
    >>> to_numbers("xìnxī'ānquán"), to_numbers("Xuésheng")
    ('xin4xi1an1quan2', 'Xue2sheng')
    """
    out: list[str] = []
    for m in _CHUNK.finditer(unicodedata.normalize("NFC", marked)):
        chunk = m.group(0)
        if not chunk[0].isalpha():
            out.append(chunk.replace("'", "").replace("’", ""))
            continue
        letters = _letters_and_tones(chunk)
        pieces = _split_syllables(letters)
        if pieces is None:
            out.append("".join(c for c, _ in letters))
            continue
        out.extend(s + (str(t) if t else "") for s, t in pieces)
    return "".join(out)


@functools.lru_cache(maxsize=1 << 16)
def toneless(marked: str) -> str:
    """Pinyin with tone marks and numbers dropped, lower case, ``ü`` as ``v`` (remembered:
    the extractor and the index ask it of the same words again and again).

    >>> toneless("Quánqiú Zhànlüè")
    'quanqiu zhanlve'
    """
    decomposed = unicodedata.normalize("NFD", marked)
    kept: list[str] = []
    for c in decomposed:
        if c in _TONE_OF_MARK or c.isdigit():
            continue
        if c == "\u0308":
            if kept and kept[-1] in "uU":
                kept[-1] = "v"
            continue
        kept.append(c)
    return "".join(kept).lower()


def syllables(pinyin: str) -> list[Syllable]:
    """The (letters, tone) syllables of pinyin in marks or numbers; tone 5 = neutral/unknown.

    >>> syllables("huàyǔquán"), syllables("Zhong1 E2")
    ([('hua', 4), ('yu', 3), ('quan', 2)], [('zhong', 1), ('e', 2)])
    """
    text = unicodedata.normalize("NFC", pinyin).replace("u:", "ü").replace("U:", "Ü")
    out: list[Syllable] = []
    for m in re.finditer(r"[A-Za-züÜ\u0300-\u036f\u00c0-\u024f]+[1-5]?", text):
        chunk = m.group(0)
        digit = int(chunk[-1]) if chunk[-1].isdigit() else 0
        letters = _letters_and_tones(chunk.rstrip("12345"))
        pieces = _split_syllables(letters) or [("".join(c for c, _ in letters), 0)]
        for k, (s, t) in enumerate(pieces):
            tone = t or (digit if digit and k == len(pieces) - 1 else 0) or 5
            out.append((s.lower(), tone))
    return out


def _mark(letters: str, tone: int) -> str:
    """One syllable in tone-mark form: ``_mark("lve", 4)`` is ``lüè``."""
    s = letters.replace("v", "ü").replace("V", "Ü")
    if tone not in _MARK_OF_TONE:
        return s
    low = s.lower()
    if "a" in low:
        i = low.index("a")
    elif "e" in low:
        i = low.index("e")
    elif "ou" in low:
        i = low.index("o")
    else:
        i = max((k for k, c in enumerate(low) if c in "iouü"), default=-1)
        if i < 0:  # m, n, ng: mark the first letter
            i = 0
    return unicodedata.normalize("NFC", s[: i + 1] + _MARK_OF_TONE[tone] + s[i + 1 :])


def _word(syls: Sequence[Syllable], style: Style) -> str:
    """Syllables written as one word, apostrophes before a/o/e syllables inside it."""
    parts = []
    for k, (s, t) in enumerate(syls):
        if style is Style.NUMBERS:
            parts.append(s + (str(t) if t != 5 else ""))
            continue
        sep = "'" if k and s[:1] in "aoe" else ""
        parts.append(sep + (_mark(s, t) if style is Style.MARKS else s.replace("v", "ü")))
    return "".join(parts)


def compare_given(given: str, ours: str) -> bool:
    """Whether romanisation an author gave agrees with our pinyin.

    Letters are always compared; tones only where the given form has them (tone marks
    or numbers), since authors often write ``huayuquan`` without any.

    >>> compare_given("huayuquan", "huàyǔquán"), compare_given("huàyǔ quán", "huàyǔquán")
    (True, True)
    >>> compare_given("xiaokang", "xiǎokāng shèhuì"), compare_given("huàyù", "huàyǔ")
    (False, False)
    """
    g, o = syllables(given), syllables(ours)
    if [s for s, _ in g] != [s for s, _ in o]:
        return False
    toned = any(t != 5 for _, t in g)
    return not toned or all(a == b for (_, a), (_, b) in zip(g, o, strict=False))
