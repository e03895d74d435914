"""Decoding strictly, with universal line ends, and naming a bad byte: its offset, its
line and what the bytes look like (:func:`guess_encoding`)."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from typing import IO, Any

from glossary.errors import InputError
from glossary.inputs.files import _blocks
from glossary.inputs.options import BLOCK, InputOptions

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
    sample = data[:BLOCK]
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
        self.sample = block[:BLOCK]

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


def _quiet(message: str) -> None:
    return None


def decode(data: bytes, name: str, options: InputOptions = InputOptions()) -> str:
    """Decode ``data`` strictly (as :func:`read_text` does a file), naming the bad byte.

    >>> decode("颠覆\\r\\n".encode(), "a.txt")
    '颠覆\\n'
    """
    decoder = _Decoder(name, options, _quiet)
    return decoder.feed(data, final=True)
