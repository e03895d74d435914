"""File formats: a registry maps a format name to its writer and reader.

Adding a format is one module here with ``write(terms) -> str`` and
``read(text, name) -> list[Term]`` (or ``None`` when it cannot be read back), and one
line in :data:`FORMATS`.  The CLI's ``--format`` choices come from the registry.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from glossary.errors import InputError

if TYPE_CHECKING:
    from glossary.model import Term


class Format(NamedTuple):
    """A file format: the module implementing it, its file suffixes, and whether it reads.

    The module (``write(terms) -> str`` and, if ``readable``, ``read(text, name)``) is
    imported on first use, so listing the formats costs nothing.
    """

    module: str
    suffixes: tuple[str, ...]
    readable: bool = True

    @property
    def write(self) -> Callable[[Iterable[Term]], str]:
        """The module's writer."""
        writer: Callable[[Iterable[Term]], str] = importlib.import_module(self.module).write
        return writer

    @property
    def read(self) -> Callable[[str, str], list[Term]] | None:
        """The module's reader, or None for a write-only format."""
        if not self.readable:
            return None
        reader: Callable[[str, str], list[Term]] = importlib.import_module(self.module).read
        return reader


#: Format name -> implementation.
FORMATS: dict[str, Format] = {
    "json": Format("glossary.formats.json", (".json",)),
    "tsv": Format("glossary.formats.tsv", (".tsv", ".tab", ".txt")),
}


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format name for ``path``: ``fmt`` if given, else guessed from the suffix.

    >>> format_for("terms.tsv")
    'tsv'
    """
    if fmt:
        if fmt not in FORMATS:
            raise InputError(str(fmt), "unknown format", f"use one of {', '.join(sorted(FORMATS))}")
        return fmt
    suffix = os.path.splitext(os.fspath(path))[1].lower()
    for name, f in FORMATS.items():
        if suffix in f.suffixes:
            return name
    raise InputError(
        os.fspath(path), f"cannot tell the format from {suffix or 'no suffix'!r}", "pass --format"
    )


def dumps(terms: Iterable[Term], fmt: str) -> str:
    """Serialise ``terms`` in format ``fmt``."""
    return FORMATS[format_for("", fmt)].write(terms)


def load(path: str | os.PathLike[str], fmt: str | None = None) -> list[Term]:
    """Read a glossary file; errors name the file and line."""
    from glossary.formats._io import read_text

    name = format_for(path, fmt)
    reader = FORMATS[name].read
    if reader is None:
        raise InputError(os.fspath(path), f"{name} files cannot be read back", "use TSV or JSON")
    return reader(read_text(path), os.fspath(path))


def save(terms: Iterable[Term], path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write a glossary file atomically (a temporary file renamed into place)."""
    from glossary.formats._io import atomic_write_text

    atomic_write_text(path, dumps(terms, format_for(path, fmt)))
