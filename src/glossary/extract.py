"""Extraction: prose -> Term objects, one per bracketed Chinese gloss or acronym."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from glossary.formats._io import read_text
from glossary.model import Term


def extract(text: str, source: str | None = None) -> Iterator[Term]:
    """Placeholder, replaced by the real extractor."""
    import regex

    for m in regex.finditer(r"“([^”]+)” \((\p{Han}+)\)", text):
        yield Term(m.group(1), m.group(2))


def extract_file(path: str | os.PathLike[str]) -> Iterator[Term]:
    """Extract from one UTF-8 file; the source is the path as given."""
    yield from extract(read_text(path), os.fspath(path))


def extract_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Term]:
    """Extract from several files in order."""
    for p in paths:
        yield from extract_file(p)
