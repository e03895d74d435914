"""File formats: a registry maps a format name to its writer and reader.

Adding a format is one module here with ``write(terms) -> str`` and
``read(text, name) -> list[Term]`` (or ``None`` when it cannot be read back), and one
line in :data:`FORMATS`.  The CLI's ``--format`` choices come from the registry.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from glossary.errors import InputError
from glossary.formats import json as json_format
from glossary.formats import tsv as tsv_format
from glossary.formats._io import atomic_write_text, read_text
from glossary.model import Term


class Format(NamedTuple):
    """A file format: its writer, its reader (``None`` if write-only) and file suffixes."""

    write: Callable[[Iterable[Term]], str]
    read: Callable[[str, str], list[Term]] | None
    suffixes: tuple[str, ...]


#: Format name -> implementation.
FORMATS: dict[str, Format] = {
    "json": Format(json_format.write, json_format.read, (".json",)),
    "tsv": Format(tsv_format.write, tsv_format.read, (".tsv", ".tab", ".txt")),
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
    suffix = Path(path).suffix.lower()
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
    name = format_for(path, fmt)
    reader = FORMATS[name].read
    if reader is None:
        raise InputError(os.fspath(path), f"{name} files cannot be read back", "use TSV or JSON")
    return reader(read_text(path), os.fspath(path))


def save(terms: Iterable[Term], path: str | os.PathLike[str], fmt: str | None = None) -> None:
    """Write a glossary file atomically (a temporary file renamed into place)."""
    atomic_write_text(path, dumps(terms, format_for(path, fmt)))
