"""How inputs are found and decoded, and what they are read into: :class:`InputOptions`
and :class:`Piece`."""

from __future__ import annotations

from dataclasses import dataclass

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

#: Bytes read at a time.
BLOCK = 1 << 16


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
