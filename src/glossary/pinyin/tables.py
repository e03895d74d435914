"""The tables behind the readings, each loaded on first use.

The package's word tables (``data/pinyin_overrides.tsv``, ``data/neutral_tone.tsv``,
``data/surnames.tsv``), CC-CEDICT, pypinyin's phrase and character tables, and jieba's
dictionary with a private jieba tokenizer over it.  Nothing is read at import.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from glossary import _data, _tables
from glossary.cache import cache_dir
from glossary.pinyin.spelling import Syllable, syllables


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


#: The first cell of each word table's header row.
_HEADERS = {"neutral_tone.tsv": "word", "pinyin_overrides.tsv": "word", "surnames.tsv": "surname"}


@functools.cache
def _word_table(name: str) -> dict[str, _Reading]:
    """``word -> reading`` from one of the package's tables (``data/NAME``), read once."""
    return {cells[0]: _parse_reading(cells[1]) for cells in _data.rows(name, header=_HEADERS[name])}


@functools.cache
def _package_words() -> dict[str, _Reading]:
    """The package's word readings: the always-light words, then the overrides (which win)."""
    return {**_word_table("neutral_tone.tsv"), **_word_table("pinyin_overrides.tsv")}


def _surnames() -> dict[str, _Reading]:
    """Surname -> its reading as a surname (乐 Yuè, 单 Shàn); common surnames included."""
    return _word_table("surnames.tsv")


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
    import logging  # here, not at the top: only jieba logs, and logging costs ~5 ms to import

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
