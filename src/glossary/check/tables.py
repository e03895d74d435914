"""The matchers' tables of a glossary file, computed once and kept beside its index.

Building a matcher is mostly Python: every English form of every entry folded and
inflected, every Chinese form folded to simplified (3 s for 100,000 entries, 80 s for a
million).  What that work produces is plain data (:meth:`EnglishMatcher.table
<glossary.check.english.EnglishMatcher.table>` and its kin), so for a glossary read from
files it is stored with ``marshal`` beside the glossary's index in the cache folder
(``index-….sqlite.check-english``), and a later check of the same content only feeds it
to the automaton.  The file is written atomically and carries its key and a digest
(:func:`glossary.cache.write_at`); the key covers the index (the glossary's content), the
code and data that compute the tables and the ``marshal`` format, so a damaged, stale or
foreign file is recomputed, never trusted.  When the index goes (its file changed), the
tables go with it.  A glossary built in memory has no index file: its tables are computed
each time, as is everything when the cache folder cannot be written.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from glossary.store import Store

#: A table: plain dicts and tuples of strings, numbers and booleans.
T = TypeVar("T", bound="dict[Any, Any] | tuple[Any, ...]")

#: Raise to recompute every cached table (a change in what a table holds).
TABLES_VERSION = "1"
#: The kinds of table, each a file ``INDEX.check-KIND`` beside the index.
KINDS = ("english", "near", "chinese")


@functools.cache
def _code_digest() -> str:
    """A digest of what computes the tables: the matchers' modules, the script conversion
    and its overrides, and the OpenCC release it converts with."""
    from importlib.metadata import PackageNotFoundError, version

    from glossary import _data, script
    from glossary.cache import content_key
    from glossary.check import chinese, english

    parts: list[bytes | str] = [TABLES_VERSION, str(marshal.version)]
    for module in (english, chinese, script):
        with open(module.__file__ or "", "rb") as fh:
            parts.append(fh.read())
    with open(_data.data_path("script_overrides.tsv"), "rb") as fh:
        parts.append(fh.read())
    try:
        parts.append(version("opencc-python-reimplemented"))
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        parts.append("opencc ?")
    return content_key(*parts)


def table_path(index: str, kind: str) -> str:
    """Where the ``kind`` table of the index at ``index`` is kept.

    >>> table_path("/cache/index-8.4-tsv-ab12.sqlite", "english")
    '/cache/index-8.4-tsv-ab12.sqlite.check-english'
    """
    return f"{index}.check-{kind}"


def cached_table(store: Store | None, kind: str, build: Callable[[], T]) -> T:
    """The ``kind`` table of the glossary indexed by ``store``: read from beside its index
    when it is there for this content and code, else ``build()`` (and stored)."""
    if store is None or store.path == ":memory:" or not os.path.isabs(store.path):
        return build()
    from glossary.cache import read_at, write_at

    try:
        key = f"{store.key}:{_code_digest()}"
        key = key if key.isascii() and "\n" not in key else ""
    except OSError:  # the sources cannot be read (a zip, a frozen application)
        key = ""
    if not key:
        return build()
    path = table_path(store.path, kind)
    data = read_at(path, key)
    if data is not None:
        with contextlib.suppress(EOFError, ValueError, TypeError):
            table: T = marshal.loads(data)
            return table
    table = build()
    with contextlib.suppress(OSError, ValueError):
        write_at(path, key, marshal.dumps(table))
    return table
