"""Finding the input files (folders walked for a glob) and opening them: standard input,
regular files only (a FIFO with no writer never hangs a run), compressed files
decompressed as they are read, in blocks under the size cap."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from glossary.errors import InputError
from glossary.inputs.options import BLOCK, InputOptions

_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz"}
_SUFFIXES = (".gz", ".bz2", ".xz")


def expand(paths: Iterable[str], options: InputOptions = InputOptions()) -> Iterator[str]:
    """The input files named by ``paths``: files as given, folders walked for ``glob``.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("b.txt", "a.txt.gz", "notes.md", "sub/c.txt", ".hidden/d.txt"):
    ...         p = pathlib.Path(d, name); p.parent.mkdir(exist_ok=True); _ = p.write_text("x")
    ...     [os.path.relpath(p, d) for p in expand([d])]
    ['a.txt.gz', 'b.txt', 'sub/c.txt']
    """
    pattern = options.glob or ("*.jsonl" if options.jsonl_field else "*.txt")
    for path in paths:
        if path == "-" or not os.path.isdir(path):
            yield path
            continue
        found = 0
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                bare = name
                for suffix in _SUFFIXES:
                    bare = bare.removesuffix(suffix)
                if not name.startswith(".") and fnmatch.fnmatch(bare, pattern):
                    found += 1
                    yield os.path.join(folder, name)
        if not found:
            raise InputError(
                path, f"is a directory with no file matching {pattern}", "choose files with --glob"
            )


# -- opening --------------------------------------------------------------------------


def _open(path: str, stack: contextlib.ExitStack, *, decompress: bool = True) -> IO[bytes]:
    """The bytes of ``path`` (decompressed unless not ``decompress``), refusing anything
    but a regular file; what is opened is closed with ``stack`` (standard input is left
    open)."""
    if path == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:  # a text stream put in place of stdin (an embedding program, a test)
            import io

            return io.BytesIO(sys.stdin.read().encode("utf-8"))
        return stdin  # type: ignore[no-any-return]
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not block before we refuse it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory", "name the files inside it") from None
    except OSError as exc:
        raise InputError.unreadable(path, exc) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        what = (
            "a named pipe"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        if stat.S_ISDIR(mode):
            raise InputError(path, "is a directory", "name the files inside it")
        raise InputError(path, f"is {what}", f"pipe it to standard input instead: - < {path}")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    raw = stack.enter_context(os.fdopen(fd, "rb"))
    if not decompress:
        return raw
    head = raw.peek(6)[:6] if hasattr(raw, "peek") else b""
    for magic, kind in _COMPRESSED.items():
        if head.startswith(magic):
            opened: IO[bytes] = stack.enter_context(_decompressed(raw, kind))
            return opened
    return raw


def _decompressed(raw: IO[bytes], kind: str) -> Any:  # GzipFile & co. are not IO[bytes] to mypy
    if kind == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == "bz2":
        import bz2

        return bz2.BZ2File(raw, "rb")
    import lzma

    return lzma.LZMAFile(raw, "rb")


def _blocks(fh: IO[bytes], name: str, options: InputOptions) -> Iterator[bytes]:
    """The bytes of ``fh`` in blocks, stopping at the cap with an error."""
    total = 0
    while True:
        try:
            block = fh.read(BLOCK)
        except (OSError, EOFError) as exc:  # damaged gzip/bz2/xz data, a read error
            raise InputError(
                name, f"cannot be read ({exc})", "check the file (a damaged archive?)"
            ) from None
        except Exception as exc:  # lzma.LZMAError and friends have no common base
            raise InputError(name, f"cannot be decompressed ({exc})", "check the file") from None
        if not block:
            return
        total += len(block)
        if options.max_bytes and total > options.max_bytes:
            raise InputError(
                name,
                f"is larger than the cap of {options.max_bytes:,} bytes",
                "raise it with --max-bytes (0 for no limit)",
            )
        yield block
