"""The documents of a corpus: files, folders, compressed files, JSON Lines and stdin.

Everything glossary reads from a user goes through here, decoded strictly (a byte that is
not in the encoding is an error naming the file, the line and what the bytes look like,
unless ``errors="replace"``), in bounded pieces: a file is never read whole, so memory
does not grow with its size, and a size cap (``max_bytes``) stops a runaway input such as
``/dev/zero`` on standard input.

* a folder is walked recursively, in sorted order, for the files matching ``glob``
  (hidden files and folders are skipped);
* ``.gz``, ``.bz2`` and ``.xz`` files (recognised by their first bytes) are decompressed
  as they are read; the cap counts the decompressed bytes;
* with ``jsonl_field``, each line of a file is a JSON record whose field of that name is a
  document; the record's ``id`` (else ``FILE:LINE``) is its occurrences' source;
* ``-`` is standard input; a named pipe, a device or a socket is refused with a note
  (pipe it to standard input instead), so a FIFO with no writer never hangs a run.

A byte-order mark is honoured: UTF-8's is dropped, UTF-16's selects UTF-16 (and a note
says so).  Line ends are normalised to ``\\n``; offsets count characters of that text.
A document longer than ``piece_chars`` comes in :class:`Piece`\\ s cut at a paragraph
break (else a line break), each with its offset and first line in the whole document,
ready for :func:`glossary.extraction.read`.

A plain file larger than ``split_bytes`` (64 MiB) is read in :class:`ByteRange`\\ s that
can be read anywhere, each on its own (:func:`byte_ranges`, :func:`range_pieces`): a
Dask worker reads its range of a file on a shared file system, and the one-process path
reads the same ranges one after another, so both cut the text at the same places.

The stage is five modules: :mod:`~glossary.inputs.options` (what to read and how),
:mod:`~glossary.inputs.files` (finding and opening), :mod:`~glossary.inputs.decoding`,
:mod:`~glossary.inputs.documents` (pieces and JSON Lines records) and
:mod:`~glossary.inputs.ranges` (byte ranges of a large file).  The names below are the
stage's interface.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator

from glossary.inputs.decoding import _quiet, _texts, decode, guess_encoding
from glossary.inputs.documents import _pieces_of, _records
from glossary.inputs.files import _blocks, _open, expand
from glossary.inputs.options import (
    CUT_REACH,
    DEFAULT_MAX_BYTES,
    DEFAULT_PIECE_CHARS,
    DEFAULT_SPLIT_BYTES,
    STDIN,
    InputOptions,
    Piece,
)
from glossary.inputs.ranges import ByteRange, byte_ranges, find_cut, range_pieces

__all__ = [
    "CUT_REACH",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PIECE_CHARS",
    "DEFAULT_SPLIT_BYTES",
    "STDIN",
    "ByteRange",
    "InputOptions",
    "Piece",
    "byte_ranges",
    "decode",
    "expand",
    "find_cut",
    "guess_encoding",
    "pieces",
    "range_pieces",
    "read_bytes",
    "read_pieces",
    "read_text",
]


def read_pieces(
    path: str,
    options: InputOptions = InputOptions(),
    notify: Callable[[str], None] = _quiet,
) -> Iterator[Piece]:
    """The pieces of one input file (``-`` for standard input).

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = pathlib.Path(d, "a.txt")
    ...     _ = p.write_text("one\\n\\ntwo (二)\\n\\nthree", encoding="utf-8")
    ...     [(x.text, x.offset, x.line) for x in read_pieces(str(p), InputOptions(piece_chars=5))]
    [('one\\n\\n', 0, 1), ('two (二)\\n\\n', 5, 3), ('three', 14, 5)]
    """
    name = STDIN if path == "-" else path
    ranges = byte_ranges(path, options)
    if ranges:
        yield from _ranges_pieces(ranges, options)
        return
    with contextlib.ExitStack() as stack:
        fh = _open(path, stack)
        if options.jsonl_field:
            yield from _records(fh, name, options, notify)
        else:
            yield from _pieces_of(name, _texts(fh, name, options, notify), options.piece_chars)


def _ranges_pieces(ranges: Iterable[ByteRange], options: InputOptions) -> Iterator[Piece]:
    """The pieces of a file's ranges, read one after another, placed in the whole file."""
    offset, line = 0, 1
    for byte_range in ranges:
        for piece in range_pieces(byte_range, options, offset=offset, line=line):
            yield piece
            offset, line = piece.end, piece.line + piece.text.count("\n")


def pieces(
    paths: Iterable[str],
    options: InputOptions = InputOptions(),
    notify: Callable[[str], None] = _quiet,
) -> Iterator[Piece]:
    """The pieces of every input named by ``paths`` (folders expanded), one file at a time."""
    for path in expand(paths, options):
        yield from read_pieces(path, options, notify)


def read_text(path: str | os.PathLike[str], options: InputOptions = InputOptions()) -> str:
    """A whole text file, strictly decoded; every failure is an :class:`InputError`.

    A leading byte-order mark is dropped and line ends are normalised to ``\\n``.
    """
    name = os.fspath(path)
    whole = InputOptions(
        options.encoding, options.errors, options.max_bytes, piece_chars=sys.maxsize
    )
    return "".join(p.text for p in read_pieces(name, whole))


def read_bytes(path: str | os.PathLike[str], options: InputOptions = InputOptions()) -> bytes:
    """A whole file's bytes (decompressed), refusing what is not a regular file and what
    passes the size cap; every failure is an :class:`InputError`.  For files that say
    their own encoding (XLSX, XML) or are decoded later.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".tbx") as fh:
    ...     _ = fh.write(b"<tbx/>"); fh.flush()
    ...     read_bytes(fh.name)
    b'<tbx/>'
    """
    name = os.fspath(path)
    with contextlib.ExitStack() as stack:
        return b"".join(_blocks(_open(name, stack), name, options))
