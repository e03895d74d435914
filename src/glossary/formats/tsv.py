"""TSV: one row per term, a header row of column names, provenance as ``source:line`` lists.

Columns: ``english chinese traditional pinyin abbreviation kind given_pinyin status domain
note confidence sources``: only what a person reads or edits.  Only ``english`` and
``chinese`` are required in a file a user writes by hand, header names are matched
without regard to case (``English`` is ``english``; ``en`` and ``zh-Hans`` are accepted
too), columns glossary does not know are ignored, and a cell a spreadsheet saved in
double quotes is read as the spreadsheet meant it (the :mod:`csv` module reads and
writes the file, so a tab, line break or quote inside a field survives).  ``sources``
holds ``file:line`` items separated by ``; `` (:func:`parse_sources`).  Files written by
earlier versions carry three search-key columns after ``sources``
(:data:`~glossary.formats.records.KEY_FIELDS`); they are ignored (the index computes
every key from the entry itself, so a hand edit is never shadowed by a stale key).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats._table import read_cells, terms_in
from glossary.formats.records import format_sources, parse_sources, term_to_record
from glossary.model import TERM_FIELDS, Term

__all__ = ["COLUMNS", "REQUIRED", "parse_sources", "read", "write", "write_chunks"]

COLUMNS = (*TERM_FIELDS, "sources")
REQUIRED = ("english", "chinese")


def write(terms: Iterable[Term], options: Options | None = None) -> str:
    """Serialise terms as TSV with a header row.

    >>> header, row = write([Term("subversion", "颠覆", "顛覆", "diānfù")]).splitlines()
    >>> dict(zip(header.split("\\t"), row.split("\\t")))["pinyin"]
    'diānfù'
    """
    return "".join(write_chunks(terms, options))


def write_chunks(terms: Iterable[Term], options: Options | None = None) -> Iterator[str]:
    """:func:`write`, a row at a time (the header first), taking the terms as they come.

    >>> list(write_chunks([Term("subversion", "颠覆")]))[1].split("\\t")[:2]
    ['subversion', '颠覆']
    """
    yield "\t".join(COLUMNS) + "\n"
    for t in terms:
        rec = term_to_record(t)
        rec["sources"] = format_sources(t.occurrences)
        yield "\t".join(quote(rec[c]) for c in COLUMNS) + "\n"


class _Lines:
    """The file's lines for :mod:`csv`, remembering the first line of each record (so a
    comment is a line starting with ``#``, while a quoted ``"#1"`` cell is data)."""

    def __init__(self, text: str) -> None:
        self._lines = iter(io.StringIO(text))
        self.first = ""
        self.fresh = True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        if self.fresh:
            self.first, self.fresh = line, False
        return line


def quote(cell: str) -> str:
    """A cell as written: in double quotes only if it holds a tab or line break or starts
    with a quote or ``#`` (what the reader needs), so ordinary rows stay plain.

    >>> quote('让合作"稳"的基础'), quote("two\\nlines")
    ('让合作"稳"的基础', '"two\\nlines"')
    """
    if cell.startswith(('"', "#")) or any(c in cell for c in "\t\n\r"):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def read(text: str | bytes, name: str) -> list[Term]:
    """Parse TSV with a header row naming at least ``english`` and ``chinese``.

    >>> [t.chinese for t in read('English\\tChinese\\n"subversion"\\t颠覆\\n', "mine.tsv")]
    ['颠覆']
    """
    assert isinstance(text, str)
    lines = _Lines(text)
    reader = read_cells(lines, "\t")

    def numbered() -> Iterator[tuple[int, list[str]]]:
        start = 1
        for cells in reader:
            if not lines.first.startswith("#") or start == 1:  # a comment, unless quoted
                yield start, cells
            start = reader.line_num + 1
            lines.fresh = True

    try:
        return terms_in(numbered(), name, spreadsheet=False)
    except csv.Error as exc:
        raise InputError(
            name, f"cannot be read as TSV ({exc})", "check the row", line=reader.line_num
        ) from None
