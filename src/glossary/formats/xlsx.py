"""XLSX (Excel), through openpyxl: the CSV columns, a frozen bold header, widths that fit.

Column widths count a Chinese character as two (East Asian wide), so Chinese columns
are as wide as their text; long notes wrap.  The formula-injection rule of CSV applies
(:func:`~glossary.formats.records.neutralise`), and every cell is written as text, so no
cell is ever a formula.  Reading takes the first sheet, its first row as the header;
openpyxl parses the workbook's XML through defusedxml.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats._table import rows_out, terms_in
from glossary.formats.records import check_xml_text
from glossary.model import Term

#: Widest column, in Excel's character units; longer cells wrap.
MAX_WIDTH = 60


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: two for each wide (CJK) character.

    >>> display_width("颠覆 subversion")
    15
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write(terms: Sequence[Term], options: Options | None = None) -> bytes:
    """Terms as an XLSX workbook (the bytes of the file).

    >>> write([Term("subversion", "颠覆")])[:2]
    b'PK'
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    try:
        check_xml_text(terms, "xlsx")
    except ValueError as exc:
        raise InputError("xlsx", str(exc), "or choose a text format (tsv, json)") from None
    rows = list(rows_out(terms))
    widths = [0] * len(rows[0])
    for row in rows:
        for c, value in enumerate(row):
            width = max((display_width(line) for line in value.split("\n")), default=0)
            widths[c] = max(widths[c], width)
    book = Workbook(write_only=True)  # streams rows: several times faster on big glossaries
    sheet = book.create_sheet("Glossary")
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, MAX_WIDTH)
    sheet.freeze_panes = "A2"
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula, whatever it begins with
            if r == 0:
                cell.font = bold
            elif value:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read(data: str | bytes, name: str) -> list[Term]:
    """Terms from the first sheet of an XLSX workbook."""
    from openpyxl import load_workbook

    if not isinstance(data, bytes):
        raise InputError(name, "an XLSX workbook is binary, not text", "pass the file's bytes")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = [
                (number, [_text(v) for v in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            book.close()
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        what = f"is not a readable XLSX workbook ({type(exc).__name__}: {exc}"[:150] + ")"
        raise InputError(name, what, "save it again from Excel as .xlsx") from None
    return terms_in(rows, name)
