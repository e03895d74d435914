"""Readings of words and characters: which table a word's reading comes from.

The caller's overrides, the package's word tables, CC-CEDICT (its "usually light"
syllables given back their tones), pypinyin's phrases, and single characters; a word no
table knows is split into words they do.  Also what the dictionaries say of a word: a
common word, a proper noun only, any word at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from glossary.pinyin.spelling import Syllable, syllables
from glossary.pinyin.tables import (
    _cedict,
    _package_words,
    _pypinyin_tables,
    _Reading,
    _segmenter,
    _word_table,
)
from glossary.syllables import best_split

_LIGHT_CHARS = frozenset("子们么的了着过吗呢吧啊呀哪嘛头不一得巴上里")
_NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")


def _char_reading(char: str, orig: str, traditional: bool) -> Syllable:
    """The usual reading of one character; a traditional source narrows the choice (斗 dǒu)."""
    _, chars = _pypinyin_tables()
    # a reading outside the syllable letters (呣 ḿ, 唔 ń) gives no syllable: skipped
    listed = [
        found[0] for p in chars.get(ord(char), "").split(",") if p and (found := syllables(p))
    ]
    allowed: list[Syllable] = []
    if traditional:
        for e in _cedict().get(orig, []):
            single = e.traditional == orig and len(e.pinyin_numbered.split()) == 1
            if single and not e.pinyin_numbered[:1].isupper():
                allowed += syllables(e.pinyin_numbered)
    for s in listed:
        if not allowed or s in allowed:
            return s
    if allowed:
        return allowed[0]
    if listed:
        return listed[0]
    for e in _cedict().get(char, []):
        if len(e.pinyin_numbered.split()) == 1:
            return syllables(e.pinyin_numbered)[0]
    return (char, 5)


def _full_tone(word: str, k: int, letters: str) -> int | None:
    """A non-neutral tone for syllable ``k`` of ``word`` with the same letters, if any."""
    phrases, chars = _pypinyin_tables()
    phrase = phrases.get(word)
    if phrase and len(phrase) == len(word):
        s, t = syllables(phrase[k][0])[0]
        if s == letters and t != 5:
            return t
    for p in chars.get(ord(word[k]), "").split(","):
        if p:
            s, t = syllables(p)[0]
            if s == letters and t != 5:
                return t
    return None


@functools.cache
def _light_words() -> dict[str, tuple[Syllable, ...]]:
    """The always-light words of ``data/neutral_tone.tsv`` with their readings."""
    return {word: reading.syls for word, reading in _word_table("neutral_tone.tsv").items()}


def _light_inside(word: str, k: int) -> bool:
    """Syllable ``k`` of ``word`` is the light syllable of an always-light word inside it.

    知识分子 (zhi1 shi5 fen4 zi3 in CC-CEDICT) keeps zhīshi because 知识 is always light.
    """
    for w, syls in _light_words().items():
        start = word.find(w, max(0, k - len(w) + 1))
        while 0 <= start <= k:
            if start + len(w) > k and syls[k - start][1] == 5:
                return True
            start = word.find(w, start + 1)
    return False


def _cedict_reading(word: str, orig: str, traditional: bool, proper: bool) -> _Reading | None:
    entries = [
        e
        for e in _cedict().get(orig if traditional else word, [])
        if (e.traditional if traditional else e.simplified) == (orig if traditional else word)
    ] or [e for e in _cedict().get(word, []) if e.simplified == word]
    entries = [
        e
        for e in entries
        if len(e.pinyin_numbered.split()) == len(word)
        and not any("(brand)" in d for d in e.definitions)
    ]
    if not entries:
        return None
    lower = [e for e in entries if not e.pinyin_numbered[:1].isupper()]
    upper = [e for e in entries if e.pinyin_numbered[:1].isupper()]
    # jieba's name tags are noisy (和平 ns): a tagged word takes its proper-noun reading
    # only where that reading differs from the common word's (朝阳 Cháoyáng, zhāoyáng)
    lower_readings = {_syl_key(e.pinyin_numbered) for e in lower}
    distinct = [e for e in upper if _syl_key(e.pinyin_numbered) not in lower_readings]
    pool = (distinct or lower or upper) if proper else (lower or upper)
    phrases, _ = _pypinyin_tables()
    phrase = phrases.get(word)
    ref = [syllables(p[0])[0] for p in phrase] if phrase and len(phrase) == len(word) else None

    def score(e: Any) -> int:
        syls = syllables(e.pinyin_numbered)
        full = sum(1 for _, t in syls if t != 5)
        agree = sum(1 for a, b in zip(syls, ref, strict=False) if a == b) if ref else 0
        return agree * 10 + full

    best = max(pool, key=score)
    syls = syllables(best.pinyin_numbered)
    fixed: list[Syllable] = []
    for k, (s, t) in enumerate(syls):
        # CC-CEDICT marks "usually light" syllables neutral too (关系 guan1 xi5); the
        # orthography keeps their tone, so only particles, suffixes and reduplications
        # stay light here; always-light words are listed in data/neutral_tone.tsv.
        light = word[k] in _LIGHT_CHARS or word[k] == word[k - 1] or _light_inside(word, k)
        if t == 5 and k and not light:
            t = _full_tone(word, k, s) or 5
        fixed.append((s, t))
    is_proper = best.pinyin_numbered[:1].isupper()
    hyphen: frozenset[int] = frozenset()
    if (
        is_proper
        and len(word) == 2
        and all(p[:1].isupper() for p in best.pinyin_numbered.split())
        and any(re.match(r"^[A-Z][A-Za-z]+-[A-Z][A-Za-z]+", d) for d in best.definitions)
    ):
        hyphen = frozenset({1})  # 中俄 China-Russia: Zhōng-É
    return _Reading(tuple(fixed), is_proper, hyphen)


def _syl_key(numbered: str) -> tuple[Syllable, ...]:
    """A reading as comparable syllables, case ignored.

    >>> _syl_key("Zhao1 yang2") == _syl_key("zhao1 yang2")
    True
    """
    return tuple(syllables(numbered))


def _known(word: str, orig: str, overrides: Mapping[str, _Reading]) -> bool:
    phrases, _ = _pypinyin_tables()
    return (
        word in overrides
        or orig in overrides
        or word in _package_words()
        or bool(_cedict().get(word))
        or bool(_cedict().get(orig))
        or word in phrases
    )


def _word_reading(
    word: str, orig: str, traditional: bool, proper: bool, overrides: Mapping[str, _Reading]
) -> _Reading | None:
    """The reading of a dictionary word, or None if no table knows it."""
    for key in (orig, word):
        if key in overrides:
            return overrides[key]
    if word in _package_words():
        return _package_words()[word]
    if len(word) > 1:
        found = _cedict_reading(word, orig, traditional, proper)
        if found is not None:
            return found
        phrases, _ = _pypinyin_tables()
        if word in phrases and len(phrases[word]) == len(word):
            return _Reading(tuple(syllables(p[0])[0] for p in phrases[word]))
        return None
    return _Reading((_char_reading(word, orig, traditional),))


def _pieces(
    word: str,
    orig: str,
    overrides: Mapping[str, _Reading],
    *,
    whole: bool = True,
    cost: Callable[[list[tuple[int, int]]], Any] = len,
) -> list[tuple[str, str]]:
    """Split a word into known words by dynamic programming, the cheapest split by ``cost``
    (default: fewest pieces); with ``whole=False`` the word itself is not a piece."""
    n = len(word)

    def fits(i: int, j: int) -> bool:
        if not whole and (i, j) == (0, n):
            return False
        return j - i == 1 or _known(word[i:j], orig[i:j], overrides)

    spans = best_split(n, fits, 8, cost)
    return [(word[i:j], orig[i:j]) for i, j in spans or [(0, n)]]


def _is_word(text: str) -> bool:
    """A dictionary word (CC-CEDICT lower case, pypinyin phrases, or jieba's dictionary)."""
    phrases, _ = _pypinyin_tables()
    if _lower_word(text) or text in phrases:
        return True
    freq = _segmenter().FREQ
    return bool(freq.get(text))


def _lower_word(text: str) -> bool:
    return any(not e.pinyin_numbered[:1].isupper() for e in _cedict().get(text, []))


def _proper_word(text: str) -> bool:
    """CC-CEDICT knows ``text`` only as a proper noun (中美 Zhōng-Měi, 北京 Běijīng)."""
    entries = _cedict().get(text, [])
    return bool(entries) and all(e.pinyin_numbered[:1].isupper() for e in entries)
