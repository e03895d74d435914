"""Errors with one clear line for the user: which file, which line, what is wrong, what to do."""

from __future__ import annotations


class GlossaryError(Exception):
    """Base class of every error glossary raises on purpose."""


class InputError(GlossaryError):
    """A file or argument the user gave cannot be used.

    >>> str(InputError("terms.tsv", "missing column 'english'", "add a header row", line=1))
    "terms.tsv:1: missing column 'english'; add a header row"
    """

    def __init__(self, path: str, what: str, todo: str, line: int | None = None) -> None:
        self.path = path
        self.what = what
        self.todo = todo
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {what}; {todo}")
