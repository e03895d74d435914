"""Reading user files with friendly errors, and writing files atomically."""

from __future__ import annotations

import os

from glossary.errors import InputError


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, turning every OS and decoding failure into an :class:`InputError`.

    A leading byte-order mark is dropped and line ends are normalised to ``\\n``.
    """
    name = os.fspath(path)
    if os.path.isdir(name):
        raise InputError(name, "is a directory", "name the text files inside it")
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError(
            name, f"cannot be read ({exc.strerror})", "check its permissions"
        ) from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes; on failure name the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            name,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8",
            "save the file as UTF-8 (e.g. iconv -f GB18030 -t UTF-8)",
            line=line,
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


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
