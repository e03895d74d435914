"""Punctuation and spacing inside Chinese: the table in cases/punctuation.tsv."""

from __future__ import annotations

import pytest

from casetables import params
from glossary.punctuation import FIXERS, normalise_chinese


@pytest.mark.parametrize("row", params("punctuation.tsv"))
def test_punctuation_table(row: dict[str, str]) -> None:
    """Each row's input normalises to the row's expected text."""
    assert normalise_chinese(row["input"]) == row["expected"]


@pytest.mark.parametrize("row", params("punctuation.tsv"))
def test_idempotent(row: dict[str, str]) -> None:
    """Normalising twice changes nothing more than normalising once."""
    once = normalise_chinese(row["input"])
    assert normalise_chinese(once) == once


def test_fixers_are_named_and_ordered() -> None:
    """The fixer registry names each step once, invisible characters first."""
    names = [name for name, _ in FIXERS]
    assert len(names) == len(set(names))
    assert names[0] == "remove_invisible"
