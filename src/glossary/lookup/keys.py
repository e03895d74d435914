"""Search keys: how English, Chinese and pinyin are folded before they are compared.

Every key the index stores and every reading of a query goes through these functions, so
a glossary entry and a query meet on the same form.  Pure string work: nothing here loads
jieba, pypinyin or OpenCC.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

_QUOTES = "'\"`´‘’‚‛“”„‟«»‹›「」『』＂＇"
_SPACERS = "-‐‑‒–—―_/\\·•.,;:!?()[]{}<>…|"
_ENGLISH_TABLE = str.maketrans({**dict.fromkeys(_QUOTES), **dict.fromkeys(_SPACERS, " ")})
_ARTICLES = frozenset({"the", "a", "an"})
_ASCII_QUOTES = bytes(c for c in _QUOTES.encode("latin-1", "ignore") if c < 128)
_ASCII_SPACES = bytes.maketrans(
    bytes(c for c in _SPACERS.encode("latin-1", "ignore") if c < 128),
    b" " * sum(1 for c in _SPACERS.encode("latin-1", "ignore") if c < 128),
)
_ASCII_ARTICLES = frozenset({b"the", b"a", b"an"})
_ASCII_NOT_LOWER = bytes(c for c in range(128) if not 97 <= c <= 122)
# Tone marks, other combining marks, spaces and the punctuation pinyin carries.
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
_PINYIN_STRIP = dict.fromkeys(
    [*range(0x300, 0x370), *(ord(c) for c in " '’‘`-‐‑–—·,.;:!?/()…\"“”0123456789")]
)


def fold_english(text: str) -> str:
    """English as compared: NFKC, case folded, quotes dropped, punctuation and hyphens as
    spaces, one leading article dropped, single spaces.

    >>> fold_english("The “Nuclear-Sharing” (核共享)")
    'nuclear sharing 核共享'
    """
    if text.isascii():  # the common case, done on bytes at C speed
        raw = text.encode().lower().translate(_ASCII_SPACES, _ASCII_QUOTES).split()
        if len(raw) > 1 and raw[0] in _ASCII_ARTICLES:
            del raw[0]
        return b" ".join(raw).decode()
    words = unicodedata.normalize("NFKC", text).casefold().translate(_ENGLISH_TABLE).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        del words[0]
    return " ".join(words)


def _stem(word: str) -> str:
    # Light and symmetric: the same stem on both sides is all that matters, so collisions
    # such as "unit"/"united" only add candidates that rank below the surface-exact ones.
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word.replace("isation", "ization") if "isation" in word else word
    last = w[-1]
    if last == "s":
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith(("sses", "xes", "zes", "ches", "shes")):
            w = w[:-2]
        elif not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        last = w[-1]
    if last == "g" and w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif last == "d" and w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w[-1] == "e" and len(w) > 3:
        w = w[:-1]
    last = w[-1]
    if last == "s" and w.endswith(("is", "ys")):  # British -ise/-yse as American -ize/-yze
        w = w[:-1] + "z"
    elif last == "r" and w.endswith("our") and len(w) > 4:
        w = w[:-2] + "r"
    elif last == "r" and w.endswith("tr"):  # centre/center once the final e went
        w = w[:-1] + "er"
    return w


#: (a glossary of a million entries has a few hundred thousand distinct words)
_cached_stem = functools.lru_cache(maxsize=1 << 18)(_stem)


def stem_key(folded: str) -> str:
    """The stemmed, space-free key of already folded English (see :func:`english_key`).

    >>> stem_key("united fronts")
    'unitfront'
    """
    return stem_words(folded.split())


def stem_words(words: Iterable[str]) -> str:
    """:func:`stem_key` of folded English already split into words.

    >>> stem_words(["united", "fronts"])
    'unitfront'
    """
    return "".join(map(_cached_stem, words))


def english_key(text: str) -> str:
    """The exact-match key of English: folded, each word stemmed, spaces and hyphens gone.

    Plurals, ``-ing``/``-ed`` and British/American ``-ise``/``-ize`` fold together.

    >>> english_key("Global Civilisation Initiatives")
    'globalcivilizationinitiativ'
    >>> english_key("the global civilization initiative")
    'globalcivilizationinitiativ'
    """
    return stem_key(fold_english(text))


def search_keys(english: str, pinyin: str) -> tuple[str, str, str]:
    """The search keys a glossary file stores for an entry: its folded English
    (:func:`fold_english`), its exact-match key (:func:`english_key`) and its toneless
    pinyin key (:func:`pinyin_key`).  Pure string work: no jieba, pypinyin or OpenCC.

    >>> search_keys("The Global Civilisation Initiatives", "Quánqiú Wénmíng Chàngyì")
    ('global civilisation initiatives', 'globalcivilizationinitiativ', 'quanqiuwenmingchangyi')
    """
    folded = fold_english(english)
    return folded, stem_key(folded), pinyin_key(pinyin) if pinyin else ""


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (CJK unified or compatibility ideograph).

    >>> is_han("战"), is_han("z")
    (True, False)
    """
    o = ord(char)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3134F
        or 0xF900 <= o <= 0xFAFF
        or o == 0x3007
    )


def fold_chinese(text: str) -> str:
    """Chinese as compared: NFKC, case folded, only letters and digits (no punctuation,
    spaces or ellipses).

    >>> fold_chinese("密切 … 协调和配合")
    '密切协调和配合'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isalnum() or not folded:
        return folded
    return "".join([c for c in folded if c.isalnum()])


def pinyin_key(text: str) -> str:
    """The pinyin search key: toneless letters, ``ü`` as ``v``, no spaces or apostrophes.

    >>> pinyin_key("Quánqiú Zhànlüè")
    'quanqiuzhanlve'
    """
    if text.isascii():
        return text.encode().lower().replace(b"u:", b"v").translate(None, _ASCII_NOT_LOWER).decode()
    s = unicodedata.normalize("NFD", text).lower().replace("u\u0308", "v").replace("u:", "v")
    stripped = s.translate(_PINYIN_STRIP)
    if stripped.isascii() and stripped.isalpha():
        return stripped
    return "".join([c for c in stripped if c in _LOWER])


def script_map(pairs: Iterable[tuple[str, str]]) -> dict[int, str]:
    """Traditional -> simplified characters, learnt from same-length (simplified,
    traditional) pairs, the first pairing of a character winning.

    >>> "".join(script_map([("颠覆", "顛覆"), ("战略", "戰略")]).values())
    '颠战'
    """
    table: dict[int, str] = {}
    for simplified, traditional in pairs:
        if simplified != traditional and len(simplified) == len(traditional):
            for s, t in zip(simplified, traditional, strict=True):
                if s != t:
                    table.setdefault(ord(t), s)
    return table
