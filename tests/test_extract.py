"""Extraction: every phenomenon in tests/cases/extract.tsv, plus whole-document checks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import regex

from glossary import extract

CASES = Path(__file__).parent / "cases" / "extract.tsv"


def _unescape(s: str) -> str:
    s = s.replace("\\n", "\n")
    return regex.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)


def _cases() -> list[object]:
    with CASES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [pytest.param(r, id=r["label"]) for r in rows]


@pytest.mark.parametrize("row", _cases())
def test_case_table(row: dict[str, str]) -> None:
    """Each row's text yields exactly the pair in the row (or none when it is empty)."""
    terms = list(extract(_unescape(row["text"]), "case.txt"))
    expected = (
        [(row["english"], _unescape(row["chinese"]), row["abbreviation"], row["pinyin"])]
        if (row["english"] or row["chinese"].strip())
        else []
    )
    got = [(t.english, t.occurrences[0].chinese, t.abbreviation, t.given_pinyin) for t in terms]
    if expected and not expected[0][1]:
        got = [g for g in got if g[2]]  # acronym rows: only the acronym term is asked for
    elif expected:
        got = [g for g in got if g[1]]
    assert [(e, regex.sub(r"\s+", "", c), a, p) for e, c, a, p in got] == [
        (e, regex.sub(r"\s+", "", c), a, p) for e, c, a, p in expected
    ]
