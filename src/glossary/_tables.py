"""Compact read-only tables kept in the user's cache: built once, then loaded in milliseconds.

The dictionaries every pipeline run needs (CC-CEDICT, jieba's word frequencies and tags,
pypinyin's phrase and character readings) cost about 2 s to parse from the files their
packages ship, and parsed Python dicts of them take as long again to unmarshal.  Here each
is built once, on first use, into a `marisa-trie <https://github.com/pytries/marisa-trie>`_
``BytesTrie`` (a few MB, loaded without creating an object per entry, looked up in ~2 µs)
and stored through :mod:`glossary.cache`: keyed by the content of the data file it was
built from, digest-checked on every read, written atomically.  A file the library cannot
load is rebuilt; nothing is trusted blindly.

Caching on first use rather than shipping prebuilt tables in the wheel keeps the wheel
pure Python and the tables always in step with the installed jieba, pypinyin and
CC-CEDICT, whatever versions a user has.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from glossary.cache import content_key, read_cached, write_cached

#: Bump when the layout of any table changes: old cache files are then rebuilt.
SCHEMA = "tables-1"

_V = TypeVar("_V")


def package_file(package: str, *parts: str) -> str:
    """The path of a data file inside an installed package, without importing the package.

    (Importing jieba or pypinyin to find their data would cost what the cache saves.)

    >>> os.path.basename(package_file("glossary", "data", "terms.tsv"))
    'terms.tsv'
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"package {package!r} is not installed")
    return os.path.join(next(iter(spec.submodule_search_locations)), *parts)


def file_digest(path: str) -> str:
    """The SHA-256 of a file's bytes: the part of a table's key that follows its data.

    >>> len(file_digest(package_file("glossary", "data", "terms.tsv")))
    64
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def bytes_table(
    name: str, sources: Iterable[str], build: Callable[[], Iterable[tuple[str, bytes]]]
) -> Any:
    """The cached ``marisa_trie.BytesTrie`` ``name``, built from ``build()`` when missing.

    ``sources`` are the data files the table is built from: their content is its key, so
    a new version of the data builds a new table.  A cached file that passes the digest
    check but that marisa-trie cannot load (another library version) is rebuilt.

    >>> t = bytes_table("doctest-demo", [], lambda: [("颠覆", b"subversion")])
    >>> t.get("颠覆")
    [b'subversion']
    """
    import marisa_trie

    key = content_key(SCHEMA, name, *(file_digest(p) for p in sources))

    def make() -> bytes:
        data: bytes = marisa_trie.BytesTrie(build()).tobytes()
        return data

    payload = read_cached(name, key)
    if payload is not None:
        try:
            return marisa_trie.BytesTrie().frombytes(payload)
        except RuntimeError:  # marisa's error for a format it cannot read
            pass
    payload = make()
    # An unwritable cache folder is not an error: the table is built and used anyway.
    with contextlib.suppress(OSError):
        write_cached(name, key, payload)
    return marisa_trie.BytesTrie().frombytes(payload)


_MISSING = object()


class TableMap(Mapping[str, _V]):
    """A read-only mapping over a ``BytesTrie`` with one value per key, decoded on access.

    ``decode`` turns the stored bytes into the value; decoded values are memoised, so a
    key looked up again costs a dict lookup.

    >>> import marisa_trie
    >>> m = TableMap(marisa_trie.BytesTrie([("国", b"guo2")]), lambda b: b.decode())
    >>> m["国"], m.get("中"), "国" in m, len(m)
    ('guo2', None, True, 1)
    """

    __slots__ = ("_decode", "_memo", "_trie")

    def __init__(self, trie: Any, decode: Callable[[bytes], _V]) -> None:
        self._trie = trie
        self._decode = decode
        self._memo: dict[str, _V] = {}

    def __getitem__(self, key: str) -> _V:
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        try:
            return self._memo[key]
        except KeyError:
            pass
        found = self._trie.get(key)
        if not found:
            return default
        value = self._memo[key] = self._decode(found[0])
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._memo or (isinstance(key, str) and key in self._trie)

    def prefixes(self, text: str) -> list[str]:
        """The keys that ``text`` starts with, shortest first (one lookup in the trie,
        where asking for every prefix in turn costs one each).

        >>> import marisa_trie
        >>> m = TableMap(marisa_trie.BytesTrie([("国", b""), ("国家", b"")]), bytes)
        >>> m.prefixes("国家安全")
        ['国', '国家']
        """
        found: list[str] = self._trie.prefixes(text)
        return found

    def __len__(self) -> int:
        return len(self._trie)

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())
