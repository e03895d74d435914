"""Pinyin: tone-marked pinyin by GB/T 16159-2012, and the numbered and toneless keys.

:func:`to_pinyin` writes Hanyu Pinyin the way a publication prints it: by words, with an
apostrophe before an ``a``/``o``/``e`` syllable inside a word, names capitalised, idioms
and ordinals hyphenated, 一 and 不 in their original tones, neutral tones unmarked, and
Chinese punctuation rendered as Western.  Readings come, in this order, from the
caller's overrides, the package's word tables (``data/pinyin_overrides.tsv``,
``data/neutral_tone.tsv``, ``data/surnames.tsv``), CC-CEDICT word readings, pypinyin's
phrase table, and lastly single characters, with a few context rules (为…所 wéi, …)
on top.  Text is segmented with jieba.  jieba, pypinyin and CC-CEDICT load on first use.

The conversions between written forms (:func:`to_numbers`, :func:`toneless`) are pure
string work and never load pypinyin or jieba.

The rooms of the package, in the order the text flows through them:

* ``spelling``: syllables parsed from tone marks or numbers, marked, numbered (pure);
* ``tables``: the word tables, CC-CEDICT, pypinyin's and jieba's dictionaries (lazy);
* ``readings``: which table a word's or a character's reading comes from;
* ``tokens``: text segmented into words, each with its reading and written breaks;
* ``context``: readings that depend on the neighbours (为…所 wéi, particles, 一 and 不);
* ``names``: personal names, names written in title case, sentences;
* ``render``: the tokens written out, with hyphens, capitals and punctuation.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from glossary.pinyin.context import _context_rules
from glossary.pinyin.names import (
    _detect_names,
    _named_body,
    _sentence,
    _title_case_english,
    _transliterated_name,
)
from glossary.pinyin.render import _render
from glossary.pinyin.spelling import (
    Style,
    Syllable,
    compare_given,
    syllables,
    to_numbers,
    toneless,
)

# The loaders other modules and the tests reach through glossary.pinyin (one private jieba,
# the surname table; cache_clear in tests): re-exported by name, as mypy asks.
from glossary.pinyin.tables import _cedict as _cedict
from glossary.pinyin.tables import _jieba_table as _jieba_table
from glossary.pinyin.tables import _parse_reading
from glossary.pinyin.tables import _pypinyin_tables as _pypinyin_tables
from glossary.pinyin.tables import _segmenter as _segmenter
from glossary.pinyin.tables import _surnames as _surnames
from glossary.pinyin.tables import _tags as _tags
from glossary.pinyin.tokens import _join_short, _tokens

__all__ = [
    "Style",
    "Syllable",
    "compare_given",
    "syllables",
    "to_numbers",
    "to_pinyin",
    "toneless",
]


def _freeze(overrides: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(overrides.items())) if overrides else ()


def to_pinyin(
    text: str | Sequence[str],
    style: Style = Style.MARKS,
    *,
    english: str | None = None,
    overrides: Mapping[str, str] | None = None,
) -> str:
    """Pinyin for Chinese ``text``, written by GB/T 16159-2012.

    Args:
        text: Chinese in either script; punctuation and other text are carried over.
            A sequence of strings is taken as already segmented into words (from any
            segmenter) and written by those words.
        style: tone marks (default), tone numbers, or no tones.
        english: the English rendering; a Title-Case English (``Global Civilization
            Initiative``) marks the term as a name, so every word is capitalised.
            Without it only recognisable names, places and organisations are.
        overrides: ``word -> reading`` for this call (numbers ``"yin2 hang2"`` or marks
            ``"yínháng"``); they win over every built-in table.

    >>> to_pinyin("全球战略稳定")
    'quánqiú zhànlüè wěndìng'
    >>> to_pinyin("不为一时一事所惑")
    'bù wéi yīshí-yīshì suǒ huò'
    >>> to_pinyin("全球文明倡议", english="Global Civilization Initiative")
    'Quánqiú Wénmíng Chàngyì'
    >>> to_pinyin("信息安全", Style.NUMBERS), to_pinyin("中俄")
    ('xin4xi1 an1quan2', 'Zhōng-É')
    >>> to_pinyin(["信息安全", "未来"])
    'xìnxī ānquán wèilái'

    """
    if isinstance(text, str):
        return _to_pinyin(text, style, english, _freeze(overrides), None)
    words = tuple(text)
    cuts, k = set(), 0
    for w in words:
        k += len(w)
        cuts.add(k)
    return _to_pinyin("".join(words), style, english, _freeze(overrides), frozenset(cuts))


@functools.lru_cache(maxsize=1 << 16)
def _to_pinyin(
    text: str,
    style: Style,
    english: str | None,
    frozen: tuple[tuple[str, str], ...],
    cuts: frozenset[int] | None,
) -> str:
    overrides = {k: _parse_reading(v) for k, v in frozen}
    tokens, traditional = _tokens(text, overrides, cuts)
    _context_rules(tokens)
    tokens = _detect_names(tokens, text, traditional)
    if english is not None:
        tokens = _transliterated_name(tokens, english) or tokens
        title = _title_case_english(english)
        if not title:
            for t in tokens:
                t.proper = t.proper and (t.person > 0 or t.pos in {"ns", "nr", "nt"} or t.proper)
    else:
        title = _named_body(tokens)
    if cuts is None:  # the caller's own segmentation is kept as given
        _join_short(tokens)
    return _render(tokens, style, title, _sentence(text))
