"""Punctuation and spacing inside Chinese: the table in cases/punctuation.tsv."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from glossary.punctuation import FIXERS, normalise_chinese

CASES = Path(__file__).parent / "cases"


def _unescape(cell: str) -> str:
    r"""``\n``, ``\xXX`` and ``\uXXXX`` in a cell, as tests/cases/README.md describes."""
    return re.sub(
        r"\\(n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})",
        lambda m: "\n" if m.group(1) == "n" else chr(int(m.group(1)[1:], 16)),
        cell,
    )


def _rows(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{k: _unescape(v or "") for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["label"]) for r in _rows("punctuation.tsv")])
def test_punctuation_table(row: dict[str, str]) -> None:
    """Each row's input normalises to the row's expected text."""
    assert normalise_chinese(row["input"]) == row["expected"]


@pytest.mark.parametrize("row", [pytest.param(r, id=r["label"]) for r in _rows("punctuation.tsv")])
def test_idempotent(row: dict[str, str]) -> None:
    """Normalising twice changes nothing more than normalising once."""
    once = normalise_chinese(row["input"])
    assert normalise_chinese(once) == once


def test_fixers_are_named_and_ordered() -> None:
    """The fixer registry names each step once, invisible characters first."""
    names = [name for name, _ in FIXERS]
    assert len(names) == len(set(names))
    assert names[0] == "remove_invisible"
