"""Sentences written for the tests, in both directions, that no rule was tuned on when they
were written: every pair of each row of tests/cases/invented.tsv, no more and no fewer.

A ``limit-…`` row is a known limit (a strict xfail giving its reason): fixing one makes it
pass, and the row must then lose its prefix.
"""

from __future__ import annotations

import pytest

from casetables import rows
from glossary import extract


def _pairs(cell: str) -> list[tuple[str, str, str]]:
    """``english = chinese + ABBR // …`` as (english, chinese, abbreviation) triples."""
    out = []
    for item in cell.split(" // ") if cell.strip() else []:
        english, _, rest = item.partition("=")
        chinese, _, abbreviation = rest.partition("+")
        out.append((english.strip(), chinese.strip(), abbreviation.strip()))
    return sorted(out)


def _params() -> list[object]:
    out = []
    for row in rows("invented.tsv"):
        marks = ()
        if row["label"].startswith("limit-"):
            marks = (pytest.mark.xfail(strict=True, reason=row["note"]),)
        out.append(pytest.param(row, id=row["label"], marks=marks))
    return out


@pytest.mark.parametrize("row", _params())
def test_invented_sentence(row: dict[str, str]) -> None:
    """The terms with Chinese that the sentence yields are exactly the row's pairs."""
    got = sorted((t.english, t.chinese, t.abbreviation) for t in extract(row["text"]) if t.chinese)
    assert got == _pairs(row["pairs"])


def test_the_table_is_large_and_mostly_read_right() -> None:
    """The table holds enough sentences to mean something, and its known limits are few."""
    table = rows("invented.tsv")
    limits = [r for r in table if r["label"].startswith("limit-")]
    assert len(table) >= 150
    assert len(limits) * 10 < len(table)
    assert len({r["label"] for r in table}) == len(table)
