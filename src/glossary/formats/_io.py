"""Reading user files with friendly errors, and writing files atomically."""

from __future__ import annotations

import os

from glossary.errors import InputError


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, turning every OS and decoding failure into an :class:`InputError`.

    A leading byte-order mark is dropped and line ends are normalised to ``\\n``.
    (Input reading lives in :mod:`glossary.inputs`; this is its whole-file form.)
    """
    from glossary.inputs import read_text as read

    return read(path)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes; on failure name the line and column of the first bad byte."""
    from glossary.inputs import decode as decode_bytes

    return decode_bytes(data, name)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written."""
    import tempfile

    target = os.fspath(path)
    directory = os.path.dirname(target) or "."
    if not os.path.isdir(directory):
        raise InputError(target, "its folder does not exist", "create the folder first")
    base = os.path.basename(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
