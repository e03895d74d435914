"""The data files shipped in ``glossary/data``, read on first use.

On a plain filesystem the file is read straight from beside the package, which keeps
``glossary lookup`` from importing :mod:`importlib.resources` (and with it zipfile,
pathlib and friends: about a third of its start-up).  Anywhere else (a zip import,
a frozen application) :mod:`importlib.resources` does the reading.
"""

from __future__ import annotations

import os
from collections.abc import Iterator


def data_path(name: str) -> str:
    """A printable location of the data file ``name`` (for error messages)."""
    return os.path.join(os.path.dirname(__spec__.origin or ""), "data", name)


def read_bytes(name: str) -> bytes:
    """The bytes of ``glossary/data/NAME``; raises OSError if it cannot be read.

    >>> read_bytes("terms.tsv").startswith(b"english\\tchinese")
    True
    """
    path = data_path(name)
    if os.path.isfile(path):
        with open(path, "rb") as fh:
            return fh.read()
    import importlib.resources

    return (importlib.resources.files("glossary") / "data" / name).read_bytes()


def read_text(name: str) -> str:
    """The text of ``glossary/data/NAME`` (UTF-8)."""
    return read_bytes(name).decode("utf-8")


def rows(name: str, header: str | None = None) -> Iterator[list[str]]:
    """The cells of each row of the tab-separated data file ``name``: blank lines, ``#``
    comments and a header row (whose first cell is ``header``) left out.

    >>> next(rows("surnames.tsv", header="surname"))[:2]
    ['李', 'Li3']
    """
    for line in read_text(name).splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] != header:
            yield cells
