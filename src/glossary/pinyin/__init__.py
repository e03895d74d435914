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
"""

from __future__ import annotations

import enum
import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from glossary import _data, _tables
from glossary.cache import cache_dir
from glossary.syllables import SYLLABLES, best_split

__all__ = [
    "Style",
    "Syllable",
    "compare_given",
    "syllables",
    "to_numbers",
    "to_pinyin",
    "toneless",
]


class Style(enum.Enum):
    """How :func:`to_pinyin` writes tones."""

    #: Tone marks: ``quánqiú zhànlüè wěndìng``.
    MARKS = "marks"
    #: Tone numbers after each syllable, ``ü`` as ``v``: ``quan2qiu2 zhan4lve4 wen3ding4``.
    NUMBERS = "numbers"
    #: No tones (apostrophes kept): ``quanqiu zhanlüe wending``.
    NONE = "none"


# --------------------------------------------------------------------------------------
# Pure syllable work: parsing, marking, numbering.

_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_MARK_OF_TONE = {v: k for k, v in _TONE_OF_MARK.items()}
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
        elif c == "ü":  # pragma: no cover - NFD always splits it
            out.append(("v", 0))
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


def toneless(marked: str) -> str:
    """Pinyin with tone marks and numbers dropped, lower case, ``ü`` as ``v``.

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


# --------------------------------------------------------------------------------------
# Data: word tables, loaded on first use.


def _data_rows(name: str) -> Iterator[list[str]]:
    for line in _data.read_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] in {"word", "surname"}:  # header
            continue
        yield cells


@dataclass(frozen=True)
class _Reading:
    syls: tuple[Syllable, ...]
    #: A proper noun (CC-CEDICT capitalises it, or a name table gave it).
    proper: bool = False
    #: Word-internal hyphen before syllable k (中俄 Zhōng-É).
    hyphen: frozenset[int] = frozenset()


def _parse_reading(text: str) -> _Reading:
    """A reading from ``"xue2 sheng5"``, ``"Zhong1-E2"`` or tone marks ``"xuésheng"``."""
    proper = text[:1].isupper()
    hyphen = set()
    syls: list[Syllable] = []
    for part in re.split(r"(-)", text.strip()):
        if part == "-":
            hyphen.add(len(syls))
        else:
            syls.extend(syllables(part))
    return _Reading(tuple(syls), proper, frozenset(hyphen))


@functools.cache
def _package_words() -> dict[str, _Reading]:
    table: dict[str, _Reading] = {}
    for name in ("neutral_tone.tsv", "pinyin_overrides.tsv"):
        for cells in _data_rows(name):
            table[cells[0]] = _parse_reading(cells[1])
    return table


@functools.cache
def _surnames() -> dict[str, _Reading]:
    """Surname -> its reading as a surname (乐 Yuè, 单 Shàn); common surnames included."""
    return {cells[0]: _parse_reading(cells[1]) for cells in _data_rows("surnames.tsv")}


@functools.cache
def _cedict() -> Mapping[str, list[Any]]:
    from glossary import cedict

    return cedict.load()


# The dictionaries of jieba and pypinyin are read from the compact tables of
# glossary._tables (built on first use into the user's cache folder, keyed by the data
# file's content): parsing them from the packages' own files costs ~1.5 s per run.


def _pypinyin_items(data: str) -> Iterator[tuple[str, bytes]]:
    import json

    with open(_tables.package_file("pypinyin", data), encoding="utf-8") as fh:
        table = json.load(fh)
    for key, value in table.items():
        if data.startswith("phrases"):  # "中国": [["zhōng"], ["guó"]] -> "zhōng\tguó"
            yield key, "\t".join(",".join(s) for s in value).encode("utf-8")
        else:  # "20013": "zhōng,zhòng" (code point -> readings)
            yield chr(int(key)), value.encode("utf-8")


def _phrase(data: bytes) -> list[list[str]]:
    return [s.split(",") for s in data.decode("utf-8").split("\t")]


class _CharReadings:
    """pypinyin's character table: code point -> readings joined by commas."""

    __slots__ = ("_table",)

    def __init__(self, table: Mapping[str, str]) -> None:
        self._table = table

    def get(self, code: int, default: str = "") -> str:
        """The readings of the character with code point ``code``."""
        value: str = self._table.get(chr(code), default)
        return value


@functools.cache
def _pypinyin_tables() -> tuple[Mapping[str, list[list[str]]], _CharReadings]:
    """pypinyin's phrase and character tables, read (never written)."""
    tables = []
    for data in ("phrases_dict.json", "pinyin_dict.json"):
        path = _tables.package_file("pypinyin", data)
        trie = _tables.bytes_table(
            data.removesuffix(".json"), [path], functools.partial(_pypinyin_items, data)
        )
        tables.append(trie)
    phrases: Mapping[str, list[list[str]]] = _tables.TableMap(tables[0], _phrase)
    return phrases, _CharReadings(_tables.TableMap(tables[1], bytes.decode))


# jieba's dictionary: one table holds each word's frequency and part-of-speech tag (read
# once for both), the prefixes of words with frequency 0 (jieba's DAG walks them), and
# the total under a key no word can have.
_TOTAL = "\ufffftotal"  # a noncharacter: no word has it (marisa keys cannot hold NUL)


def _jieba_items() -> Iterator[tuple[str, bytes]]:
    import jieba

    path = _tables.package_file("jieba", "dict.txt")
    with open(path, "rb") as fh:
        freq, total = jieba.Tokenizer.gen_pfdict(fh)
    tags: dict[str, str] = {}
    with open(path, "rb") as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    yield _TOTAL, str(total).encode()
    for word, n in freq.items():
        yield word, f"{n}\t{tags.get(word, '')}".encode()


@functools.cache
def _jieba_table() -> Mapping[str, tuple[int, str]]:
    def decode(data: bytes) -> tuple[int, str]:
        n, _, tag = data.decode("utf-8").partition("\t")
        return int(n), tag

    path = _tables.package_file("jieba", "dict.txt")
    return _tables.TableMap(_tables.bytes_table("jieba", [path], _jieba_items), decode)


class _Frequencies:
    """jieba's ``FREQ`` (word or prefix -> frequency) over the compact table."""

    __slots__ = ("_table",)

    def __init__(self, table: Mapping[str, tuple[int, str]]) -> None:
        self._table = table

    def __contains__(self, word: object) -> bool:
        return word in self._table

    def __getitem__(self, word: str) -> int:
        return self._table[word][0]

    def get(self, word: str, default: int | None = None) -> int | None:
        """The frequency of ``word``, or ``default``."""
        found = self._table.get(word)
        return default if found is None else found[0]


@functools.cache
def _segmenter() -> Any:
    """A private jieba tokenizer (jieba's global one is left untouched), over our table.

    It never reads or writes jieba's own cache (``/tmp/jieba.cache``, shared by every user
    of the machine): its dictionary is set up from the compact table in our cache folder.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    table = _jieba_table()
    tokenizer.FREQ = _Frequencies(table)
    tokenizer.total = table[_TOTAL][0]
    tokenizer.initialized = True
    # Should anything make jieba initialise itself after all, its cache goes to ours.
    tokenizer.tmp_dir = cache_dir(create=False)
    return tokenizer


class _Tags:
    """jieba's part-of-speech tag per dictionary word (the table ``jieba.posseg`` builds,
    without importing posseg's HMM models: we segment with ``HMM=False``, where posseg
    looks tags up in this table only)."""

    __slots__ = ("_table",)

    def __init__(self, table: Mapping[str, tuple[int, str]]) -> None:
        self._table = table

    def get(self, word: str, default: str) -> str:
        """The tag of ``word``, or ``default``."""
        found = self._table.get(word)
        return found[1] if found is not None and found[1] else default


@functools.cache
def _tags() -> _Tags:
    """jieba's part-of-speech tag per dictionary word."""
    return _Tags(_jieba_table())


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or c == "〇"


# --------------------------------------------------------------------------------------
# Readings of words and characters.

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
    return {cells[0]: _parse_reading(cells[1]).syls for cells in _data_rows("neutral_tone.tsv")}


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


# --------------------------------------------------------------------------------------
# Tokens.


@dataclass
class _Token:
    text: str  # simplified
    orig: str  # as found
    pos: str  # jieba tag, or "x" for punctuation and "eng" for other text
    syls: list[Syllable] = field(default_factory=list)
    proper: bool = False
    #: Words as written: syllable index where each written word starts (first is 0).
    breaks: list[int] = field(default_factory=lambda: [0])
    hyphen: set[int] = field(default_factory=set)
    person: int = 0  # >0: a personal name whose surname has this many syllables
    title: bool = False

    @property
    def han(self) -> bool:
        return bool(self.text) and _is_han(self.text[0])


_NAME_POS = frozenset({"nr", "nrfg", "nrt"})
_ORG_SUFFIX_WORDS = (
    "联合会 联谊会 同乡会 总商会 商会 总会 委员会 代表大会 大会 协会 学会 基金会 联盟 社团 "
    "中心 机场 倡议 会议 论坛 讲坛 研究院 研究所 大学 学院 公司 集团 银行 政府 工作部"
).split()
_ORG_SUFFIX_CHARS = frozenset("会部局站院所盟党厅署委办社团队军厂馆校台组处协联司行")


def _segment(simp: str, orig: str, overrides: Mapping[str, _Reading]) -> list[tuple[str, str, str]]:
    """(simplified, original, tag) words of a Han run; override keys are kept whole."""
    forced = [k for k in overrides if len(k) > 1] + [k for k in _package_words() if len(k) > 3]
    out: list[tuple[str, str, str]] = []
    i = start = 0
    longest = max(map(len, forced), default=0)

    def free(a: int, b: int) -> None:
        k = a
        tags = _tags()
        for w in _segmenter().cut(simp[a:b], HMM=False):
            out.append((w, orig[k : k + len(w)], tags.get(w, "x")))
            k += len(w)

    while i < len(simp):
        for n in range(min(longest, len(simp) - i), 1, -1):
            key = simp[i : i + n]
            if key in forced or orig[i : i + n] in forced:
                if start < i:
                    free(start, i)
                out.append((key, orig[i : i + n], "x_forced"))
                i = start = i + n
                break
        else:
            i += 1
    if start < len(simp):
        free(start, len(simp))
    return out


# jieba tags of content words (nouns, verbs, adjectives, unknown): only these are rejoined
_CONTENT_TAGS = frozenset("nvax")


def _merge_abbreviations(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Rejoin single characters jieba split that CC-CEDICT knows as one word.

    jieba (without its HMM) cuts words it lacks into characters: 中 + 俄, 高 + 雄, 佛 + 系.
    Runs of two or three such characters that CC-CEDICT lists only as a proper noun
    (中俄 Zhong1 E2, 高雄 Gao1 xiong2) become one word again, and so do two content
    characters (nouns, verbs, adjectives) that make a CC-CEDICT word (佛系 fóxì); function
    words (为, 所, 以, 不) are never pulled into a word this way.
    """
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            run = words[i : i + n]
            if len(run) == n and all(len(w) == 1 for w, _, _ in run):
                text = "".join(w for w, _, _ in run)
                content = all(tag[:1] in _CONTENT_TAGS for _, _, tag in run)
                if _proper_word(text) or (n == 2 and content and _lower_word(text)):
                    tag = "nz" if _proper_word(text) else "n"
                    out.append((text, "".join(o for _, o, _ in run), tag))
                    i += n
                    break
        else:
            out.append(words[i])
            i += 1
    return out


def _merge_ordinals(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """第 + numeral as one word (dì-sān), the rest of a jieba token (方, 次) split off."""
    out: list[tuple[str, str, str]] = []
    for w, o, tag in words:
        if w.startswith("第") and len(w) > 1 and w[1] in _NUMERALS:
            n = 1
            while n < len(w) and w[n] in _NUMERALS:
                n += 1
            out.append((w[:n], o[:n], "m_ordinal"))
            if n < len(w):
                out.append((w[n:], o[n:], "q"))
            continue
        if out and out[-1][0] == "第" and w and all(c in _NUMERALS for c in w):
            pw, po, _ = out.pop()
            out.append((pw + w, po + o, "m_ordinal"))
            continue
        out.append((w, o, tag))
    return out


def _read_token(tok: _Token, traditional: bool, overrides: Mapping[str, _Reading]) -> None:
    """Fill ``tok.syls`` (and word breaks) from the tables."""
    proper = tok.pos in {"nr", "ns", "nt", "nz"}
    if tok.pos == "m_ordinal":
        pairs = zip(tok.text, tok.orig, strict=True)
        tok.syls = [_char_reading(c, o, traditional) for c, o in pairs]
        tok.hyphen = {1}
        return
    found = _word_reading(tok.text, tok.orig, traditional, proper, overrides)
    if found is not None:
        tok.syls = list(found.syls)
        # an idiom CC-CEDICT happens to capitalise (长风破浪) is still an idiom
        tok.proper = found.proper and not _idiom_text(tok)
        tok.hyphen = set(found.hyphen)
        tok.breaks = _display_breaks(tok, overrides)
        return
    tok.syls, tok.breaks = [], []
    pieces = _pieces(tok.text, tok.orig, overrides)
    for n, (w, o) in enumerate(pieces):
        r = _word_reading(w, o, traditional, proper, overrides) or _Reading(
            tuple(_char_reading(c, oc, traditional) for c, oc in zip(w, o, strict=False))
        )
        if w == "得" and 0 < n < len(pieces) - 1:
            r = _Reading((("de", 5),))  # 说得对: the complement marker inside a word
        elif w == "长" and len(pieces) > 1:
            # a modifier before a noun is cháng 'long' (长臂); a head after one is zhǎng
            # 'chief' (X长); the dictionaries hold the common words of both kinds
            r = _Reading((("chang", 2),) if n < len(pieces) - 1 else (("zhang", 3),))
        k = len(tok.syls)
        if len(r.syls) == len(w):
            for piece in _display_pieces(w, o, overrides):
                tok.breaks.append(k)
                k += len(piece)
        else:
            tok.breaks.append(k)
        tok.syls.extend(r.syls)
        tok.proper = tok.proper or (r.proper and len(w) == len(tok.text))
    if len(pieces) > 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS - _GENERICS:
        tok.breaks.pop()  # 工作 + 部 written as one word: Gōngzuòbù
    if len(tok.breaks) == len(tok.syls):
        tok.breaks = [0]  # an unknown word read char by char: still one word


_GENERICS = frozenset("市省县区路街镇乡村")


def _display_breaks(tok: _Token, overrides: Mapping[str, _Reading]) -> list[int]:
    """Where a long dictionary word is written apart (统一战线 tǒngyī zhànxiàn).

    GB/T 16159 writes compounds of four or more characters by their component words,
    and a place name's generic apart from its specific (Shànghǎi Shì).  The reading of
    the whole word is kept; only the spaces change.
    """
    text = tok.text
    if tok.pos == "x_forced" or len(tok.syls) != len(text):
        return [0]
    if _idiom_text(tok):
        return [0]
    pieces = _display_pieces(text, tok.orig, overrides)
    generic = len(pieces) == 1 and len(text) >= 3 and text[-1] in _GENERICS
    place = tok.pos in {"ns", "nz"} or (
        tok.pos in {"nt", "n"} and _known(text[:-1], tok.orig[:-1], overrides)
    )
    if generic and place:
        return [0, len(text) - 1]  # Shànghǎi Shì
    out, k = [], 0
    for w in pieces:
        out.append(k)
        k += len(w)
    return out


def _display_pieces(text: str, orig: str, overrides: Mapping[str, _Reading]) -> list[str]:
    """A word of four or more characters as its component words, recursively."""
    if len(text) < 4:
        return [text]
    pieces = _pieces(text, orig, overrides, whole=False, cost=_cost)
    if len(pieces) == 2 and len(pieces[-1][0]) == 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS:
        # 国家安全 + 部: the suffix joins the last word of the head (Guójiā Ānquánbù)
        head = _display_pieces(pieces[0][0], pieces[0][1], overrides)
        return [*head[:-1], head[-1] + pieces[-1][0]] if len(head) > 1 else [text]
    if len(pieces) > 2 and len(pieces[-1][0]) == 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS:
        (a, ao), (b, bo) = pieces[-2], pieces[-1]
        pieces[-2:] = [(a + b, ao + bo)]
    if len(pieces) > 1 and all(len(w) > 1 for w, _ in pieces):
        return [p for w, o in pieces for p in _display_pieces(w, o, overrides)]
    return [text]


def _cost(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Fewest single characters first, then fewest pieces."""
    return sum(1 for i, j in spans if j - i == 1), len(spans)


def _clauses(tokens: list[_Token]) -> Iterator[list[_Token]]:
    clause: list[_Token] = []
    for t in tokens:
        if not t.han and t.pos == "x" and t.text.strip():
            yield clause
            clause = []
        else:
            clause.append(t)
    yield clause


def _is_verbal(t: _Token) -> bool:
    return t.pos[:1] in {"v", "a"}


_ORIGINAL_TONE = {("一", "yi"): 1, ("不", "bu"): 4}


def _no_sandhi(tokens: list[_Token]) -> None:
    """一 and 不 in their original tones (yī, bù): some tables print the sandhi (yígè)."""
    for t in tokens:
        if len(t.syls) != len(t.text):
            continue
        for k, c in enumerate(t.text):
            s, tone = t.syls[k]
            if (c, s) in _ORIGINAL_TONE and tone != 5:
                t.syls[k] = (s, _ORIGINAL_TONE[c, s])


def _measure_after_numeral(
    t: _Token, prev: _Token | None, char: str, old: Syllable, new: Syllable
) -> None:
    """``char`` right after a numeral is a measure word read ``new`` (万重山 chóng, 万卷 juàn)."""
    if len(t.syls) != len(t.text):
        return
    for k, c in enumerate(t.text):
        if c != char or t.syls[k] != old:
            continue
        before = t.text[k - 1] if k else (prev.text[-1:] if prev is not None else "")
        if before and (before in _NUMERALS or (char == "重" and before in "双多")):
            t.syls[k] = new


def _adjective_chang(prev: _Token | None, nxt: _Token | None) -> bool:
    """长 on its own is the adjective cháng 'long' after a noun or an adverb (很长, 头发长)
    or leading a phrase (长租公寓); before an aspect particle or a result it is the verb
    zhǎng 'grow' (长了, 长出)."""
    if nxt is not None and nxt.text[:1] in set("了着过出成起大高"):
        return False
    adverbs = set("很太更最好挺真多")
    if prev is None:
        return nxt is not None  # a modifier leading a phrase: 长租公寓
    return prev.pos[:1] in {"n", "d", "r"} or prev.text in adverbs


def _context_rules(tokens: list[_Token]) -> None:
    """Readings that depend on the neighbours: 为…所, 以…为, particles, locatives."""
    _no_sandhi(tokens)
    for clause in _clauses(tokens):
        han = [t for t in clause if t.han]
        for k, t in enumerate(han):
            prev = han[k - 1] if k else None
            _measure_after_numeral(t, prev, "重", ("zhong", 4), ("chong", 2))
            _measure_after_numeral(t, prev, "卷", ("juan", 3), ("juan", 4))
            nxt = han[k + 1] if k + 1 < len(han) else None
            later = {u.text for u in han[k + 1 :]}
            earlier = {u.text for u in han[:k]}
            if t.text == "为":
                if (
                    "所" in later
                    or "以" in earlier
                    or (prev and prev.text in {"其", "之", "乃", "实", "皆"})
                ):
                    t.syls = [("wei", 2)]
            elif t.text in {"着", "了", "得", "地", "的", "过"} and prev is not None:
                particle = {
                    "uz": "zhe",
                    "ul": "le",
                    "ud": "de",
                    "uv": "de",
                    "uj": "de",
                    "ug": "guo",
                }
                # 过 is a particle only straight after a verb (看过), not in 已过 'passed'
                after_verb = _is_verbal(prev) or t.text != "过"
                if t.pos in particle and after_verb:
                    t.syls = [(particle[t.pos], 5)]
                elif t.text == "得" and _is_verbal(prev) and nxt is not None:
                    t.syls = [("de", 5)]
            elif t.text == "上" and prev is not None and prev.pos[:1] == "n" and "在" in earlier:
                t.syls = [("shang", 5)]  # locative 在纸上: light
            elif t.text == "长" and _adjective_chang(prev, nxt):
                t.syls = [("chang", 2)]


# --------------------------------------------------------------------------------------
# Names and capitals.


def _name_parts(text: str) -> int:
    """Length of the surname at the start of ``text`` (0 if it does not start with one)."""
    names = _surnames()
    if text[:2] in names:
        return 2
    return 1 if text[:1] in names else 0


def _apply_person(tok: _Token, surname: int, traditional: bool) -> None:
    """Read and write ``tok`` as a personal name: Xí Jìnpíng, surname readings (乐 Yuè)."""
    names = _surnames()
    text = tok.text
    hyphen: set[int] = set()
    if surname == 1 and len(text) == 4 and text[1] in names:
        # a married woman's double surname, husband's first: Luó-Fàn Jiāofēn
        head = names[text[0]].syls + names[text[1]].syls
        surname, hyphen = 2, {1}
    else:
        head = names[text[:surname]].syls
    syls = list(head) + tok.syls[surname:]
    given = tok.text[surname:]
    given_fix = {"兴": ("xing", 1)}
    for k, c in enumerate(given):
        if c in given_fix:
            syls[surname + k] = given_fix[c]
    tok.syls = syls
    tok.breaks = [0, surname] if len(tok.text) > surname else [0]
    tok.hyphen = hyphen
    tok.proper = True
    tok.person = surname


def _detect_names(tokens: list[_Token], simp: str, traditional: bool) -> list[_Token]:
    """Mark personal names; a whole term of 2-4 characters led by a surname is one."""
    han = [t for t in tokens if t.han]
    whole = "".join(t.text for t in han)
    if (
        len(han) == len(tokens)
        and _whole_name_shape(whole)
        and not _is_word(whole)
        and not (len(han) == 1 and han[0].pos not in _NAME_POS and _is_word(han[0].text))
        # 解散警队: a verb or adjective word running past the surname is no name
        and not (len(han[0].text) > _name_parts(whole) and han[0].pos[:1] in {"v", "a"})
    ):
        merged = _Token(whole, "".join(t.orig for t in han), "nr")
        merged.syls = [s for t in han for s in t.syls]
        _apply_person(merged, _name_parts(whole), traditional)
        return [merged]
    for t in tokens:
        if (
            t.han
            and t.pos in _NAME_POS
            and 2 <= len(t.text) <= 4
            and _name_parts(t.text)
            and len(t.text) > _name_parts(t.text)
            and not _lower_word(t.text)
            and not _cedict_one_word_name(t.text, _name_parts(t.text))
        ):
            _apply_person(t, _name_parts(t.text), traditional)
    return tokens


def _whole_name_shape(text: str) -> bool:
    """Could ``text`` be a personal name on its own: surname + one or two characters?

    Four characters only with a two-character surname (欧阳 …) or a double surname
    (林郑月娥); never ending in an organisation or place generic (龙阳路站); and never
    a proper noun CC-CEDICT writes as one word (高雄 Gao1 xiong2, a place).
    """
    surname = _name_parts(text)
    if not surname or not 2 <= len(text) <= 4 or len(text) <= surname:
        return False
    if len(text) == 4 and surname == 1 and text[1] not in _surnames():
        return False
    if text[-1] in _GENERICS or text[-1] in _ORG_SUFFIX_CHARS:
        return False
    return not _cedict_one_word_name(text, surname)


def _cedict_one_word_name(text: str, surname: int) -> bool:
    """CC-CEDICT writes ``text`` as one proper noun (高雄 Gao1 xiong2): a place, not a person."""
    for e in _cedict().get(text, []):
        parts = e.pinyin_numbered.split()
        if len(parts) > surname and parts[0][:1].isupper() and not parts[surname][:1].isupper():
            return True
    return False


def _is_word(text: str) -> bool:
    """A dictionary word (CC-CEDICT lower case, pypinyin phrases, or jieba's dictionary)."""
    phrases, _ = _pypinyin_tables()
    if _lower_word(text) or text in phrases:
        return True
    freq = _segmenter().FREQ
    return bool(freq.get(text))


def _lower_word(text: str) -> bool:
    return any(not e.pinyin_numbered[:1].isupper() for e in _cedict().get(text, []))


def _title_case_english(english: str) -> bool:
    words = list(re.findall(r"[A-Za-z][\w'-]*", english))
    small = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "at", "by", "with"}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and all(w[0].isupper() for w in content)


def _named_body(tokens: list[_Token]) -> bool:
    """An organisation, meeting, place or initiative name: title-case every word."""
    han = [t for t in tokens if t.han]
    if not han or any(t.pos == "x" and t.text in "，。,；;！？!?、" for t in tokens):
        return False
    if len(han) == 1 and han[0].pos == "nt":
        if _lower_word(han[0].text):
            return False  # jieba tags 音乐会 nt
        return han[0].text[-1] in _ORG_SUFFIX_CHARS or any(
            han[0].text.endswith(w) for w in _ORG_SUFFIX_WORDS
        )
    last = han[-1]
    if han[0].pos[:1] in {"v", "p", "d", "c", "r"} or len("".join(t.text for t in han)) > 20:
        return False
    if any(last.text.endswith(s) for s in _ORG_SUFFIX_WORDS):
        return len(han) > 1 or not _lower_word(last.text)
    return (
        last.text[-1] in _ORG_SUFFIX_CHARS
        and (len(last.text) == 1 or not _lower_word(last.text))
        and (len(han) > 1 or len(last.text) > 1)
        and any(t.proper or t.pos in {"ns", "nt"} for t in han)
    )


_SENTENCE_END = frozenset("。！？!?")


def _sentence(text: str) -> bool:
    """A full sentence, a multi-clause quotation or a line of verse: an initial capital.

    Sentence-final punctuation; a couplet of five- or seven-character lines
    (读书破万卷，下笔如有神); or three or more clauses of four characters or more joined by
    full-width commas.  Lists joined by 、 and two-part slogans are not sentences.
    """
    body = text.strip()
    if any(c in _SENTENCE_END for c in body):
        return True
    clauses = [sum(map(_is_han, c)) for c in re.split(r"[，；]", body)]
    if len(clauses) >= 2 and len(set(clauses)) == 1 and clauses[0] in {5, 7}:
        return True  # a couplet of five- or seven-character verse lines
    # a longer quotation; a two-part slogan (光复香港，时代革命) is not a sentence
    return len(clauses) >= 3 and all(n >= 4 for n in clauses)


# --------------------------------------------------------------------------------------
# Punctuation and assembly.

_PUNCT = {
    "，": ",", "、": ",", "。": ".", "．": ".", "；": ";", "：": ":", "！": "!", "？": "?",
    "…": "…", "—": "—", "─": "—", "～": "~", "·": "·", "・": "·",
}  # fmt: skip
_OPEN = {
    "“": '"',
    "‘": '"',
    "《": '"',
    "〈": '"',
    "「": '"',
    "『": '"',
    "（": "(",
    "(": "(",
    "【": "[",
    "[": "[",
}
_CLOSE = {
    "”": '"',
    "’": '"',
    "》": '"',
    "〉": '"',
    "」": '"',
    "』": '"',
    "）": ")",
    ")": ")",
    "】": "]",
    "]": "]",
}


# A Han run, a run of Latin letters and digits (COVID-19, Xi'an), or any one character.
_RUNS = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff〇]+"
    r"|[A-Za-z0-9](?:[\w.+/'’-]*[A-Za-z0-9])?"
    r"|.",
    re.S | re.ASCII,
)


def _tokens(
    text: str, overrides: Mapping[str, _Reading], cuts: frozenset[int] | None = None
) -> tuple[list[_Token], bool]:
    """Tokens of ``text`` with readings; ``cuts`` are the caller's word boundaries, if any."""
    from glossary import script

    simp = script.to_simplified(text)
    if len(simp) != len(text):
        simp = text
    # A lone character that is written the same in both scripts (斗) takes the reading
    # valid in both: traditional 斗 is only dǒu, and dǒu is a reading of simplified 斗 too.
    # Longer ambiguous text is read as simplified (the far commoner case: 什么, 干).
    kind = script.detect_script(text)
    lone = sum(1 for c in text if _is_han(c)) == 1
    traditional = kind in {script.Script.TRADITIONAL, script.Script.MIXED} or (
        kind is script.Script.AMBIGUOUS and lone
    )
    tokens: list[_Token] = []
    for m in _RUNS.finditer(text):
        a, b = m.span()
        if not _is_han(text[a]):
            tokens.append(_Token(text[a:b], text[a:b], "x"))
            continue
        if cuts is None:
            words = _merge_abbreviations(_segment(simp[a:b], text[a:b], overrides))
        else:
            edges = [a, *sorted(c for c in cuts if a < c < b), b]
            tags = _tags()
            words = [
                (simp[i:j], text[i:j], tags.get(simp[i:j], "x"))
                for i, j in itertools.pairwise(edges)
            ]
        for w, o, tag in _merge_ordinals(words):
            tok = _Token(w, o, tag)
            _read_token(tok, traditional, overrides)
            tokens.append(tok)
    return tokens, traditional


def _idiom(tok: _Token) -> bool:
    """Four-character idioms are written 2+2 with a hyphen (fēnggāo-làngjí)."""
    return len(tok.syls) == 4 and _idiom_text(tok)


def _idiom_text(tok: _Token) -> bool:
    t = tok.text
    if len(t) != 4:
        return False
    entries = _cedict().get(t, [])
    if any(d.startswith(("(idiom)", "lit. ")) for e in entries for d in e.definitions):
        return True
    if tok.pos == "l" and t[0] == t[2] and t[1] != t[3]:
        return True  # 一时一事: the ABAC pattern
    # jieba tags some free phrases "i" (美好生活): trust it when CC-CEDICT has the word
    # or its halves are not words of their own
    halves = _lower_word(t[:2]) and _lower_word(t[2:])
    return tok.pos == "i" and (bool(entries) or not halves)


def _render(tokens: list[_Token], style: Style, title: bool, sentence: bool) -> str:
    out: list[str] = []
    glue = True  # no space before the next word
    quote_open = False
    first_word = True
    in_title = False  # inside 《》: a title of a work, every word capitalised
    for t in tokens:
        if t.text in {"《", "〈"}:
            in_title = True
        elif t.text in {"》", "〉"}:
            in_title = False
        if t.han:
            words = _split_words(t)
            for w_syls, hyphens, piece in words:
                proper_piece = piece is not None and len(words) > 1 and _proper_word(piece)
                if proper_piece and piece is not None and not hyphens:
                    reading = _cedict_reading(piece, piece, False, True)
                    hyphens = set(reading.hyphen) if reading else set()
                cap = title or in_title or t.proper or proper_piece or (sentence and first_word)
                cuts = [0, *sorted(hyphens), len(w_syls)]
                text = "-".join(_word(w_syls[i:j], style) for i, j in itertools.pairwise(cuts))
                if cap:
                    named = t.person or title or in_title or t.proper or proper_piece
                    if t.pos != "m_ordinal" and named and hyphens:
                        text = "-".join(p[:1].upper() + p[1:] for p in text.split("-"))
                    else:
                        text = text[:1].upper() + text[1:]
                out.append(("" if glue else " ") + text)
                glue = False
                first_word = False
            continue
        c = t.text
        if c.isspace() or c in "\u200b\u200c\u200d\ufeff":
            continue
        if c == '"':
            c = "”" if quote_open else "“"
        if c in _OPEN:
            if c == "“":
                quote_open = True
            out.append(("" if glue else " ") + _OPEN[c])
            glue = True
        elif c in _CLOSE:
            if c == "”":
                quote_open = False
            out.append(_CLOSE[c])
            glue = False
        elif c in "…⋯":
            if not (out and out[-1].endswith("…")):
                out.append(("" if glue else " ") + "…")
            glue = False
        elif c in _PUNCT or c in ",.;:!?":
            out.append(_PUNCT.get(c, c))
            glue = False
            if c in _SENTENCE_END:
                first_word = True  # the next sentence starts with a capital too
        else:
            same_run = bool(out) and out[-1].endswith(c) and not c.isalnum()
            out.append(("" if glue or same_run else " ") + c)
            glue = False
    return "".join(out).strip()


def _split_words(t: _Token) -> list[tuple[list[Syllable], set[int], str | None]]:
    """The written words of a token: syllables, internal hyphens, text (if aligned)."""
    syls = t.syls
    if _idiom(t):
        return [(syls, {2}, t.text)]
    aligned = len(syls) == len(t.text)
    bounds = [*t.breaks, len(syls)]
    out = []
    for i, j in itertools.pairwise(bounds):
        if i < j:
            hyphens = {h - i for h in t.hyphen if i < h < j}
            out.append((syls[i:j], hyphens, t.text[i:j] if aligned else None))
    return out


def _proper_word(text: str) -> bool:
    """CC-CEDICT knows ``text`` only as a proper noun (中美 Zhōng-Měi, 北京 Běijīng)."""
    entries = _cedict().get(text, [])
    return bool(entries) and all(e.pinyin_numbered[:1].isupper() for e in entries)


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
        title = _title_case_english(english)
        if not title:
            for t in tokens:
                t.proper = t.proper and (t.person > 0 or t.pos in {"ns", "nr", "nt"} or t.proper)
    else:
        title = _named_body(tokens)
    if cuts is None:  # the caller's own segmentation is kept as given
        _join_short(tokens)
    return _render(tokens, style, title, _sentence(text))


def _join_short(tokens: list[_Token]) -> None:
    """A term of two or three characters that jieba cut into pieces is one word (nèijuǎn).

    jieba splits words it does not know into characters; a short term is almost always
    one word, unless it is a name or contains a verb with its object (烧数簿).
    """
    han = [t for t in tokens if t.han]
    if len(han) < 2 or len(han) != len(tokens):
        return
    if any(t.person or t.proper or t.pos in {"m_ordinal", "r", "ul", "uz"} for t in han):
        return
    size = len("".join(t.text for t in han))
    if size > 3 or (size == 3 and any(t.pos[:1] == "v" for t in han)):
        return
    head = han[0]
    for t in han[1:]:
        head.text += t.text
        head.orig += t.orig
        head.syls += t.syls
    head.breaks = [0]
    tokens[:] = [head]
