"""Pinyin: tone-marked pinyin by GB/T 16159-2012, and the numbered and toneless keys.

The conversions between written forms (:func:`to_numbers`, :func:`toneless`) are pure
string work and never load pypinyin or jieba.
"""

from __future__ import annotations

import unicodedata

_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def _syllable_end(c: str) -> bool:
    return not (c.isalpha() or c in "\u0304\u0301\u030c\u0300\u0308")


def to_numbers(marked: str) -> str:
    """Tone-marked pinyin -> tone numbers after each syllable (``ü`` as ``v``; neutral unmarked).

    Syllables are the letter runs between spaces, apostrophes and hyphens, so
    ``xìnxī'ānquán`` must carry its apostrophe to be split correctly.

    >>> to_numbers("zhànlüè wěndìng")
    'zhan4lve4 wen3ding4'
    """
    out: list[str] = []
    for chunk in _split_keep(unicodedata.normalize("NFD", marked)):
        if not chunk or not chunk[0].isalpha():
            out.append(chunk)
            continue
        tone = 0
        letters = []
        for c in chunk:
            if c in _TONE_OF_MARK:
                tone = _TONE_OF_MARK[c]
            elif c == "\u0308":
                letters[-1] = "v" if letters and letters[-1] in "uU" else letters[-1]
            else:
                letters.append(c)
        out.append("".join(letters) + (str(tone) if tone else ""))
    return "".join(out).replace("'", "")


def _split_keep(text: str) -> list[str]:
    parts: list[str] = []
    cur = ""
    for c in text:
        if _syllable_end(c):
            if cur:
                parts.append(cur)
                cur = ""
            parts.append(c)
        else:
            cur += c
    if cur:
        parts.append(cur)
    return parts


def toneless(marked: str) -> str:
    """Pinyin with tone marks and numbers dropped, lower case, ``ü`` as ``v``.

    >>> toneless("Quánqiú Zhànlüè")
    'quanqiu zhanlve'
    """
    decomposed = unicodedata.normalize("NFD", marked)
    kept = []
    for c in decomposed:
        if c in _TONE_OF_MARK or c.isdigit():
            continue
        if c == "\u0308":
            if kept and kept[-1] in "uU":
                kept[-1] = "v"
            continue
        kept.append(c)
    return "".join(kept).lower()
