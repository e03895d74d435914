"""What the spreadsheet formats (CSV, XLSX) share: rows of cells in, terms out.

Cells are neutralised against formula injection (OWASP) on the way out and restored on
the way in (:func:`~glossary.formats.records.neutralise`), so a term that begins with
``=`` is shown, never run, and still comes back as written.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from glossary.errors import InputError
from glossary.formats.records import (
    TABLE_COLUMNS,
    header_fields,
    neutralise,
    restore,
    row_to_term,
    term_to_row,
)
from glossary.model import Term

if TYPE_CHECKING:
    import _csv

REQUIRED = ("english", "chinese")

#: The longest cell read (csv's own limit, 128K characters, guards nothing when the text
#: is in memory already, and an entry found 10,000 times has a longer sources cell).
MAX_CELL = (1 << 31) - 1


def read_cells(lines: Iterable[str], delimiter: str) -> _csv.Reader:
    """The rows of delimited text (the csv module's reading, cells of any length).

    >>> next(read_cells(['a,"b, c"'], ","))
    ['a', 'b, c']
    """
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
    return csv.reader(lines, delimiter=delimiter)


def rows_out(terms: Iterable[Term]) -> Iterator[list[str]]:
    """The header, then one neutralised row per term.

    >>> list(rows_out([Term("=1+1", "颠覆")]))[1][:2]
    ["'=1+1", '颠覆']
    """
    yield list(TABLE_COLUMNS)
    for t in terms:
        yield [neutralise(cell) for cell in term_to_row(t)]


def terms_in(
    rows: Iterable[tuple[int, Sequence[str]]], name: str, *, spreadsheet: bool = True
) -> list[Term]:
    """Terms from numbered rows (the header first); errors name the row.

    Blank rows are skipped; empty cells past the header's last column are ignored.
    ``spreadsheet`` restores neutralised cells.

    >>> terms_in([(1, ["en", "zh-Hans"]), (2, ["'=1+1", "颠覆"])], "t.csv")[0].english
    '=1+1'
    """
    it = iter(rows)
    first = next(it, None)
    header = [str(c) for c in first[1]] if first else []
    fields = header_fields(header)
    missing = [c for c in REQUIRED if c not in fields]
    if missing:
        raise InputError(
            name,
            f"the header lacks column {', '.join(repr(m) for m in missing)}",
            "the first row must name the columns (english, chinese, ... or en, zh-Hans, ...)",
            line=1,
        )
    terms = []
    for number, cells in it:
        if not any(c.strip() for c in cells):
            continue
        extra = [c for c in cells[len(fields) :] if c.strip()]
        if extra:
            raise InputError(
                name,
                f"{len(cells)} fields but the header names {len(fields)}"
                f" (extra: {extra[0][:30]!r})",
                "name the column in the header or remove the cell",
                line=number,
            )
        try:
            terms.append(row_to_term(fields, [restore(c) for c in cells] if spreadsheet else cells))
        except ValueError as exc:
            raise InputError(name, str(exc), "fix or remove the row", line=number) from None
    return terms
