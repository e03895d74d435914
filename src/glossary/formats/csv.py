"""CSV for CAT tools and spreadsheets: UTF-8, a header of language codes, one row per term.

Columns: ``en zh-Hans zh-Hant pinyin abbreviation kind given_pinyin status domain note
confidence sources`` — the shape memoQ's and Phrase's term-base import and Trados's
Glossary Converter expect (a column per language, named by its code, then description
fields).  The file starts with a byte-order mark so that Excel opens it as UTF-8.  Cells
beginning with ``= + - @``, tab or CR get a leading ``'`` (OWASP formula injection),
removed again on reading.  Reading accepts any header :data:`~glossary.formats.records.
HEADER_NAMES` knows, in any case, and a file saved with ``;`` between cells (Excel in
many locales).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats._table import read_cells, rows_out, terms_in
from glossary.model import Term


def write(terms: Iterable[Term], options: Options | None = None) -> str:
    """Terms as CSV with a header of language codes.

    >>> write([Term("subversion", "颠覆", "顛覆", "diānfù")]).splitlines()[0].split(",")[:3]
    ['\\ufeffen', 'zh-Hans', 'zh-Hant']
    """
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(rows_out(terms))
    return out.getvalue()


def read(text: str | bytes, name: str) -> list[Term]:
    """Terms from CSV with a header row (comma- or semicolon-separated).

    >>> [t.english for t in read('EN,ZH-HANS\\n"subversion, n.",颠覆\\n', "t.csv")]
    ['subversion, n.']
    """
    assert isinstance(text, str)
    text = text.removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = read_cells(io.StringIO(text), delimiter)

    def numbered() -> Iterable[tuple[int, list[str]]]:
        start = 1
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1

    try:
        return terms_in(numbered(), name)
    except csv.Error as exc:
        raise InputError(
            name, f"cannot be read as CSV ({exc})", "check the row", line=reader.line_num
        ) from None
