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
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from glossary.errors import InputError

#: The default cap on the bytes read from one input (after decompression): 4 GiB.
DEFAULT_MAX_BYTES = 4 << 30

#: The default size of a piece, in characters.
DEFAULT_PIECE_CHARS = 1 << 18

#: The default size of the byte ranges a large plain file is read in.
DEFAULT_SPLIT_BYTES = 64 << 20

#: How far past a range's nominal end a paragraph (else a line) break is looked for.
CUT_REACH = 1 << 20

#: What standard input is called in messages and occurrences.
STDIN = "<stdin>"

_BLOCK = 1 << 16
_COMPRESSED = {b"\x1f\x8b": "gzip", b"BZh": "bz2", b"\xfd7zXZ\x00": "xz"}
_SUFFIXES = (".gz", ".bz2", ".xz")


@dataclass(frozen=True)
class InputOptions:
    """How inputs are found and decoded.

    >>> InputOptions(encoding="big5").errors
    'strict'
    """

    #: The encoding of every input; None for UTF-8 (or what a byte-order mark says).
    encoding: str | None = None
    #: ``"strict"`` (an undecodable byte is an error) or ``"replace"`` (it becomes U+FFFD).
    errors: str = "strict"
    #: At most this many bytes from one input (decompressed); 0 for no limit.
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Which files of a folder are read (matched against the name without .gz/.bz2/.xz);
    #: None for ``*.txt``, or ``*.jsonl`` with ``jsonl_field``.
    glob: str | None = None
    #: Read files as JSON Lines, the document in this field of each record.
    jsonl_field: str | None = None
    #: Documents longer than this many characters come in pieces.
    piece_chars: int = DEFAULT_PIECE_CHARS
    #: A plain file larger than this many bytes is read in byte ranges of about this
    #: size, each of which can be read on its own (on a Dask worker); 0 never splits.
    split_bytes: int = DEFAULT_SPLIT_BYTES


@dataclass(frozen=True, slots=True)
class Piece:
    """A document, or a piece of one, with where it sits in the whole document.

    >>> Piece("a.txt", "second paragraph", offset=17, line=3).end
    33
    """

    source: str
    text: str
    offset: int = 0
    line: int = 1
    #: Bytes of input read for this piece (for progress reports).
    size: int = 0

    @property
    def end(self) -> int:
        """The offset just past this piece in the whole document."""
        return self.offset + len(self.text)


# -- finding the files ----------------------------------------------------------------


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
        raise InputError(
            path, f"cannot be read ({exc.strerror})", "check its permissions"
        ) from None
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
            block = fh.read(_BLOCK)
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


# -- decoding -------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# The commonest characters in each script: enough to tell GB18030 from Big5 bytes.
_COMMON_SIMPLIFIED = frozenset("的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年会对")
_COMMON_TRADITIONAL = frozenset("的一是不了在人有我他這中大來上國個到說們為子和你地出道也時年會對")


def _gb2312_level1(char: str) -> bool:
    code = char.encode("gb18030", errors="ignore")
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7 and code[1] >= 0xA1


def _big5_level1(char: str) -> bool:
    code = char.encode("big5", errors="ignore")
    return len(code) == 2 and (0xA4 <= code[0] <= 0xC5 or (code[0] == 0xC6 and code[1] < 0x7F))


def guess_encoding(data: bytes) -> str | None:
    """What undecodable bytes look like: an encoding name for the hint, or None.

    >>> guess_encoding("国家安全部说".encode("gb18030")), guess_encoding("國家說".encode("big5"))
    ('GB18030', 'Big5')
    >>> guess_encoding('the "subversion" (颠覆)'.encode("gb18030")), guess_encoding(
    ...     'the "subversion" (顛覆)'.encode("big5"))
    ('GB18030', 'Big5')
    >>> guess_encoding("café".encode("utf-16-le"))
    'UTF-16LE'
    """
    sample = data[:_BLOCK]
    if len(sample) >= 4:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > len(odd) // 3 and even.count(0) <= len(even) // 10:
            return "UTF-16LE"
        if even.count(0) > len(even) // 3 and odd.count(0) <= len(odd) // 10:
            return "UTF-16BE"
    scores = {}
    for codec, name, common, level1 in (
        ("gb18030", "GB18030", _COMMON_SIMPLIFIED, _gb2312_level1),
        ("big5", "Big5", _COMMON_TRADITIONAL, _big5_level1),
    ):
        text = sample.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        # the commonest characters weigh most; a character of the encoding's everyday
        # block (GB2312 level 1, Big5 level 1) counts too, so two characters suffice
        scores[name] = sum(2 * (c in common) + level1(c) for c in text if c > "\u2e7f") - 5 * bad
    best = max(scores, key=lambda k: scores[k])
    if scores[best] > 0:
        return best
    if any(0x80 <= b <= 0xFF for b in sample):
        return "cp1252"
    return None


def _decode_error(
    name: str, data: bytes, exc: UnicodeDecodeError, at: int, line: int
) -> InputError:
    """The one-line error for undecodable bytes at byte ``at`` (line ``line``) of ``name``."""
    guess = guess_encoding(data)
    encoding = exc.encoding.upper().replace("_", "-").replace("UTF-8-SIG", "UTF-8")
    what = f"byte 0x{exc.object[exc.start]:02x} at offset {at} is not {encoding}"
    if guess:
        what += f" (the bytes look like {guess})"
        todo = f"pass --encoding {guess.lower()}, or --errors replace to go on"
    else:
        todo = "pass --encoding NAME, or --errors replace to go on"
    return InputError(name, what, todo, line=line)


class _Decoder:
    """Incremental, strict decoding of one input, with universal line ends.

    A byte range of a file is decoded with the ``codec`` decided for the whole file, from
    its byte ``at``; ``head`` gives, only when a byte is bad, what the message needs from
    before the range: the file's first block and the line breaks before ``at``.
    """

    def __init__(
        self,
        name: str,
        options: InputOptions,
        notify: Callable[[str], None],
        *,
        codec: str | None = None,
        at: int = 0,
        head: Callable[[], tuple[bytes, int]] | None = None,
    ) -> None:
        self.name = name
        self.options = options
        self.notify = notify
        self.codec = codec
        self.head = head
        self.decoder: Any = None
        self.consumed = at  # bytes of the input decoded so far
        self.lines = 0  # line breaks in the bytes decoded here (for error messages)
        self.sample = b""
        self.cr = False  # the last text ended in \r (its \n may start the next block)

    def _start(self, block: bytes) -> None:
        encoding = self.options.encoding
        if self.codec is not None:
            encoding = self.codec  # decided once for the whole file
        elif encoding is None:
            encoding = "utf-8"
            for bom, codec, label in _BOMS:
                if block.startswith(bom):
                    encoding = codec
                    if label != "UTF-8":
                        self.notify(f"{self.name}: byte-order mark: read as {label}")
                    break
        elif codecs.lookup(encoding).name == "utf-8":
            encoding = "utf-8-sig"
        self.decoder = codecs.getincrementaldecoder(encoding)(self.options.errors)
        self.sample = block[:_BLOCK]

    def feed(self, block: bytes, final: bool = False) -> str:
        if self.decoder is None:
            self._start(block)
        try:
            text: str = self.decoder.decode(block, final)
        except UnicodeDecodeError as exc:
            pending = len(exc.object) - len(block)
            at = self.consumed - pending + exc.start
            line = self.lines + 1 + exc.object.count(b"\n", 0, exc.start)
            sample = self.sample
            if self.head is not None:
                sample, before = self.head()
                line += before
            raise _decode_error(self.name, sample, exc, at, line) from None
        self.consumed += len(block)
        self.lines += block.count(b"\n")
        if self.cr and text.startswith("\n"):
            text = text[1:]
        self.cr = text.endswith("\r")
        return text.replace("\r\n", "\n").replace("\r", "\n")


def _texts(
    fh: IO[bytes], name: str, options: InputOptions, notify: Callable[[str], None]
) -> Iterator[tuple[str, int]]:
    """Decoded text of ``fh`` in blocks, each with the bytes consumed so far."""
    decoder = _Decoder(name, options, notify)
    for block in _blocks(fh, name, options):
        text = decoder.feed(block)
        if text:
            yield text, decoder.consumed
    tail = decoder.feed(b"", final=True) if decoder.decoder is not None else ""
    if tail:
        yield tail, decoder.consumed


_BREAKS = ("\n\n", "\n", "。", ". ")


def _cut(buffer: str, limit: int) -> int:
    """Where to end a piece of ``buffer`` (which holds at least ``2 * limit`` characters).

    The piece ends after a paragraph break if there is one between ``limit / 2`` and
    ``2 * limit`` characters (the last before ``limit``, else the first after it), else
    after a line break there, then a sentence end; then after any of them earlier; a text
    with none at all is cut at ``limit``.
    """
    for sep in _BREAKS:
        at = buffer.rfind(sep, limit // 2, limit)
        if at < 0:
            at = buffer.find(sep, limit, 2 * limit)
        if at >= 0:
            return at + len(sep)
    for sep in _BREAKS:
        at = buffer.rfind(sep, 0, limit // 2)
        if at >= 0:
            return at + len(sep)
    return limit


def _pieces_of(
    name: str,
    texts: Iterable[tuple[str, int]],
    piece_chars: int,
    offset: int = 0,
    line: int = 1,
) -> Iterator[Piece]:
    buffer, first = "", offset
    size = counted = 0
    for text, size in texts:
        buffer += text
        while len(buffer) >= 2 * piece_chars:
            cut = _cut(buffer, piece_chars)
            head, buffer = buffer[:cut], buffer[cut:]
            yield Piece(name, head, offset, line, size - counted)
            counted = size
            offset += len(head)
            line += head.count("\n")
    if buffer or offset == first:
        yield Piece(name, buffer, offset, line, size - counted)


def _records(
    fh: IO[bytes], name: str, options: InputOptions, notify: Callable[[str], None]
) -> Iterator[Piece]:
    """Each JSON-Lines record's document (in pieces if it is long)."""
    field = options.jsonl_field
    rest = ""
    number = counted = 0
    for text, size in _texts(fh, name, options, notify):
        lines = (rest + text).split("\n")
        rest = lines.pop()
        for raw in lines:
            number += 1
            yield from _record(raw, name, number, field, size - counted, options.piece_chars)
            counted = size
    if rest.strip():
        yield from _record(rest, name, number + 1, field, 0, options.piece_chars)


def _record(
    raw: str, name: str, number: int, field: str | None, size: int, piece_chars: int
) -> Iterator[Piece]:
    import json

    if not raw.strip():
        return
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise InputError(
            name, f"is not a JSON record ({exc})", "fix the line", line=number
        ) from None
    if not isinstance(record, dict):
        raise InputError(name, "is not a JSON object", "write one object per line", line=number)
    text = record.get(field)
    if text is None:
        return  # a record without the text (a failed crawl, say) has no terms
    if not isinstance(text, str):
        raise InputError(
            name,
            f"field {field!r} is not a string",
            "name the text field with --jsonl-field",
            line=number,
        )
    ident = record.get("id")
    source = (
        str(ident)
        if isinstance(ident, (str, int)) and not isinstance(ident, bool)
        else f"{name}:{number}"
    )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield from _pieces_of(source, [(text, size)], piece_chars)


def _quiet(message: str) -> None:
    return None


# -- byte ranges ----------------------------------------------------------------------

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
            sample = fh.read(_BLOCK)
            before = sample.count(b"\n", 0, start)
            while fh.tell() < start:
                before += fh.read(min(_BLOCK, start - fh.tell())).count(b"\n")
            return sample, before

        decoder = _Decoder(name, options, _quiet, codec=byte_range.codec, at=start, head=head)

        def texts() -> Iterator[tuple[str, int]]:
            fh.seek(start)
            left = end - start
            while left > 0:
                block = fh.read(min(_BLOCK, left))
                if not block:
                    break
                left -= len(block)
                text = decoder.feed(block, final=left <= 0)
                if text:
                    yield text, decoder.consumed - start

        for piece in _pieces_of(name, texts(), options.piece_chars, offset, line):
            if piece.text or byte_range.index == 0:
                yield piece


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


def decode(data: bytes, name: str, options: InputOptions = InputOptions()) -> str:
    """Decode ``data`` strictly (as :func:`read_text` does a file), naming the bad byte.

    >>> decode("颠覆\\r\\n".encode(), "a.txt")
    '颠覆\\n'
    """
    decoder = _Decoder(name, options, _quiet)
    return decoder.feed(data, final=True)
