"""Loading the case tables in tests/cases (format in tests/cases/README.md)."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"
_ESCAPE = re.compile(r"\\(n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


def unescape(cell: str) -> str:
    r"""``\n``, ``\xXX`` and ``\uXXXX`` in a cell, as tests/cases/README.md describes."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else chr(int(m.group(1)[1:], 16)), cell)


def rows(name: str) -> list[dict[str, str]]:
    """The rows of ``tests/cases/NAME``, cells unescaped."""
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [{k: unescape(v or "") for k, v in row.items()} for row in table]


def params(name: str) -> list[Any]:
    """The rows as ``pytest.param(row, id=row["label"])``."""
    return [pytest.param(r, id=r["label"]) for r in rows(name)]
