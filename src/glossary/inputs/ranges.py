"""Byte ranges of a large plain file, each readable on its own (on a Dask worker): where
a range is cut so that neighbours meet exactly, and the pieces of one range."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from glossary.errors import InputError
from glossary.inputs.decoding import _Decoder, _quiet
from glossary.inputs.documents import _pieces_of
from glossary.inputs.files import _COMPRESSED, _open
from glossary.inputs.options import BLOCK, CUT_REACH, InputOptions, Piece

# A blank line ends here: a line break after a line break (\r\n or \n).
_PARAGRAPH_END = re.compile(rb"(?<=\n)\r?\n")

# In every encoding split other than UTF-8, a byte below 0x30 (a control, a space, ASCII
# punctuation) is a character on its own, never a byte of a multi-byte character (GB18030,
# Big5, Shift-JIS and EUC trail bytes are 0x30 and up): the position after it is a boundary.
_SINGLE_BYTE = re.compile(rb"[\x00-\x2f]")

# Encodings in which the byte \n is a line break and nothing else (never inside a
# multi-byte character) and which keep no state: a range of the bytes decodes on its own.
_SPLITTABLE = frozenset(
    {
        "utf-8",
        "utf-8-sig",
        "ascii",
        "iso8859-1",
        "iso8859-15",
        "cp1252",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "cp950",
        "shift_jis",
        "cp932",
        "euc_jp",
        "euc_kr",
        "cp949",
    }
)


@dataclass(frozen=True, slots=True)
class ByteRange:
    """A stretch of a plain file that can be read on its own, anywhere the file is seen
    at the same path (see :func:`byte_ranges`).

    Its text runs from the first cut (:func:`find_cut`) at or after ``start`` to the first
    cut at or after ``end``, so neighbouring ranges meet exactly, whoever reads them.

    >>> ByteRange("big.txt", 0, 1 << 26, 0, "utf-8").codec
    'utf-8-sig'
    """

    path: str
    start: int
    end: int
    #: Its place among the ranges of the file.
    index: int
    #: The file's encoding, decided once for the whole file.
    encoding: str
    #: How far past a nominal cut a paragraph (else a line) break is looked for.
    reach: int = CUT_REACH

    @property
    def codec(self) -> str:
        """The codec of this range: a UTF-8 byte-order mark can only open the first."""
        if self.encoding == "utf-8" and self.index == 0:
            return "utf-8-sig"
        return self.encoding


def find_cut(
    data: bytes, pos: int, reach: int, *, utf8: bool = True, final: bool = True
) -> int | None:
    """Where a piece of ``data`` cut near ``pos`` starts: the first position at or after
    ``pos`` that ends a blank line, if one does within ``reach`` bytes; else the first
    that ends a line there; else the next character boundary that does not split a
    ``\\r\\n``: in UTF-8 the next byte that does not continue a character, in the other
    encodings (``utf8=False``) the position after the next byte below 0x30 (a space, ASCII
    punctuation), however far.  The end of ``data`` is a cut when ``final``; when it is
    not (``data`` is a window of a file), None means: give me more bytes.

    >>> text = "颠覆\\r\\n\\r\\nsecond\\nline".encode()
    >>> find_cut(text, 1, 20), find_cut(text, 11, 20), find_cut(text, 16, 3), find_cut(text, 1, 2)
    (10, 17, 17, 3)
    """
    if pos <= 0:
        return 0
    if pos >= len(data):
        return len(data) if final else None
    limit = pos + reach
    if not final and len(data) < limit:
        return None
    for m in _PARAGRAPH_END.finditer(data, pos - 2, limit):
        if m.end() >= pos:
            return m.end()
    line = data.find(b"\n", pos - 1, limit)
    if line >= 0:
        return line + 1
    if not utf8:
        found = _SINGLE_BYTE.search(data, pos - 1)
        if found is None:
            return len(data) if final else None
        at = found.end()
        if data[at - 1] == 0x0D:  # never between \r and \n
            if at == len(data):
                return at if final else None
            at += data[at] == 0x0A
        return at
    at = pos
    while at < len(data) and (0x80 <= data[at] < 0xC0 or data[at - 1 : at + 1] == b"\r\n"):
        at += 1
    return at if at < len(data) or final else None


def _file_cut(fh: IO[bytes], pos: int, size: int, reach: int, utf8: bool) -> int:
    """:func:`find_cut` at byte ``pos`` of an open file of ``size`` bytes, reading only a
    window around it (three bytes before: enough to see a blank line ending at ``pos``)."""
    if pos <= 0 or pos >= size:
        return min(max(pos, 0), size)
    back = min(pos, 3)
    want = reach + 8
    while True:
        fh.seek(pos - back)
        data = fh.read(back + want)
        final = pos - back + len(data) >= size
        cut = find_cut(data, back, reach, utf8=utf8, final=final)
        if cut is not None:
            return pos - back + cut
        want *= 2


def byte_ranges(path: str, options: InputOptions = InputOptions()) -> list[ByteRange]:
    """The byte ranges a plain file larger than ``options.split_bytes`` is read in, or
    ``[]`` when it is read whole: a small file, standard input, a compressed file (its
    bytes cannot be entered in the middle), JSON Lines (records are already the units;
    ``dask.bag.read_text(..., blocksize=...)`` splits them by line), a UTF-16 file, or an
    encoding with state or with line-break bytes inside characters.

    The encoding is decided here, once for the whole file, as :func:`read_pieces` decides
    it (``options.encoding``, else UTF-8, its byte-order mark dropped), and the size cap
    is checked.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
    ...     _ = fh.write("颠覆\\n\\n".encode() * 100); fh.flush()
    ...     [(r.start, r.end, r.index) for r in byte_ranges(fh.name, InputOptions(split_bytes=300))]
    [(0, 300, 0), (300, 600, 1), (600, 800, 2)]
    """
    split = options.split_bytes
    if path == "-" or options.jsonl_field or split <= 0:
        return []
    try:
        found = os.stat(path)
    except OSError:
        return []  # read_pieces says what is wrong
    size = found.st_size
    if size <= split or not stat.S_ISREG(found.st_mode):
        return []
    with contextlib.ExitStack() as stack:
        head = _open(path, stack, decompress=False).read(6)
    if head.startswith(tuple(_COMPRESSED)):
        return []
    encoding = codecs.lookup(options.encoding or "utf-8").name
    if encoding not in _SPLITTABLE:
        return []
    if options.encoding is None and head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return []
    if options.max_bytes and size > options.max_bytes:
        raise InputError(
            path,
            f"is larger than the cap of {options.max_bytes:,} bytes",
            "raise it with --max-bytes (0 for no limit)",
        )
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    reach = max(1, min(CUT_REACH, split // 2))
    starts = range(0, size, split)
    return [
        ByteRange(path, start, min(start + split, size), k, encoding, reach)
        for k, start in enumerate(starts)
    ]


def range_pieces(
    byte_range: ByteRange,
    options: InputOptions = InputOptions(),
    *,
    offset: int = 0,
    line: int = 1,
) -> Iterator[Piece]:
    """The pieces of one byte range, its first character at ``offset`` on line ``line``
    (the default: relative to the range, where its reader does not know what precedes).

    The bytes are decoded strictly with the file's encoding; an undecodable byte is
    reported at its offset and line in the whole file, as :func:`read_pieces` reports it.

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".txt") as fh:
    ...     _ = fh.write("“subversion” (颠覆)\\r\\n\\r\\n".encode() * 4); fh.flush()
    ...     ranges = byte_ranges(fh.name, InputOptions(split_bytes=40))
    ...     [(p.text, p.offset, p.line) for p in range_pieces(ranges[1])]
    [('“subversion” (颠覆)\\n\\n', 0, 1)]
    """
    name = byte_range.path
    utf8 = byte_range.encoding == "utf-8"
    with contextlib.ExitStack() as stack:
        fh = _open(name, stack, decompress=False)
        size = os.fstat(fh.fileno()).st_size
        start = _file_cut(fh, byte_range.start, size, byte_range.reach, utf8)
        end = _file_cut(fh, byte_range.end, size, byte_range.reach, utf8)

        def head() -> tuple[bytes, int]:
            fh.seek(0)
            sample = fh.read(BLOCK)
            before = sample.count(b"\n", 0, start)
            while fh.tell() < start:
                before += fh.read(min(BLOCK, start - fh.tell())).count(b"\n")
            return sample, before

        decoder = _Decoder(name, options, _quiet, codec=byte_range.codec, at=start, head=head)

        def texts() -> Iterator[tuple[str, int]]:
            fh.seek(start)
            left = end - start
            while left > 0:
                block = fh.read(min(BLOCK, left))
                if not block:
                    break
                left -= len(block)
                text = decoder.feed(block, final=left <= 0)
                if text:
                    yield text, decoder.consumed - start

        for piece in _pieces_of(name, texts(), options.piece_chars, offset, line):
            if piece.text or byte_range.index == 0:
                yield piece
