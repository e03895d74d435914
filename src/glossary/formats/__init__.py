"""File formats: a registry maps a format name to its writer, its reader and its suffixes.

Adding a format is one module here with ``write(terms, options) -> str | bytes`` and
``read(data, name) -> list[Term]`` (text, or bytes for a binary format; omitted for a
write-only format), and one line in :data:`FORMATS`.  The CLI's ``--format`` choices
come from the registry, and so does the one rule for choosing a format
(:func:`format_for`): the name given wins, else the path's suffix decides, else it is
an error that lists the formats.

>>> sorted(FORMATS)
['csv', 'html', 'json', 'md', 'omegat', 'pdf', 'tbx', 'tsv', 'xlsx']
"""

from __future__ import annotations

import enum
import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence

from glossary._tuples import NamedTuple
from glossary.errors import InputError
from glossary.model import Direction

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from glossary.model import Term


class Sort(enum.Enum):
    """The order entries are written in."""

    #: By English, letter by letter, case ignored (``nuclear sharing`` before ``subversion``).
    ENGLISH = "english"
    #: By pinyin: syllable, then tone, then characters (``ān`` < ``àn`` < ``bā``).
    PINYIN = "pinyin"
    #: By where each entry was first found: file, then line.
    SOURCE = "source"


class Options(NamedTuple):
    """What a writer may be told besides the terms (each format uses what applies to it).

    >>> Options(sort=Sort.PINYIN).direction
    <Direction.EN_ZH: 'en-zh'>
    """

    #: Order of the entries; None keeps the glossary's own (first appearance).
    sort: Sort | None = None
    #: OmegaT: which language is the source (en-zh: English terms, Chinese targets).
    direction: Direction = Direction.EN_ZH
    #: HTML and PDF: the title on the first page and in the running heads.
    title: str = "Glossary"
    #: HTML and PDF: the page size, ``A4`` or ``Letter``.
    paper: str = "A4"


class Format(NamedTuple):
    """A file format: its module, its file suffixes, whether it reads, whether it is binary.

    The module is imported on first use, so listing the formats costs nothing.
    """

    module: str
    suffixes: tuple[str, ...]
    readable: bool = True
    #: The writer returns bytes and the reader takes bytes (XLSX, PDF; TBX, which is
    #: XML and declares its own encoding).
    binary: bool = False
    #: One line for ``--help`` and the docs.
    description: str = ""

    @property
    def write(self) -> Callable[[Sequence[Term], Options], str | bytes]:
        """The module's writer."""
        writer: Callable[[Sequence[Term], Options], str | bytes]
        writer = importlib.import_module(self.module).write
        return writer

    @property
    def write_chunks(self) -> Callable[[Iterable[Term], Options], Iterator[str]] | None:
        """The module's writer that takes the terms as they come and yields the text
        piece by piece (TSV, JSON), or None: the format is written whole."""
        chunks: Callable[[Iterable[Term], Options], Iterator[str]] | None
        chunks = getattr(importlib.import_module(self.module), "write_chunks", None)
        return chunks

    @property
    def read(self) -> Callable[[str | bytes, str], list[Term]] | None:
        """The module's reader, or None for a write-only format."""
        if not self.readable:
            return None
        reader: Callable[[str | bytes, str], list[Term]]
        reader = importlib.import_module(self.module).read
        return reader


#: Format name -> implementation.
FORMATS: dict[str, Format] = {
    "tsv": Format("glossary.formats.tsv", (".tsv", ".tab"), description="tab-separated table"),
    "json": Format("glossary.formats.json", (".json",), description="every field and occurrence"),
    "csv": Format("glossary.formats.csv", (".csv",), description="memoQ, Trados, Phrase, Excel"),
    "xlsx": Format("glossary.formats.xlsx", (".xlsx",), binary=True, description="Excel"),
    "omegat": Format("glossary.formats.omegat", (".utf8", ".txt"), description="OmegaT glossary"),
    "tbx": Format("glossary.formats.tbx", (".tbx",), binary=True, description="TBX-Basic v3"),
    "md": Format("glossary.formats.markdown", (".md",), readable=False, description="Markdown"),
    "html": Format(
        "glossary.formats.html", (".html", ".htm"), readable=False, description="printable page"
    ),
    "pdf": Format(
        "glossary.formats.pdf", (".pdf",), readable=False, binary=True, description="printable"
    ),
}


def _listing() -> str:
    return ", ".join(f"{name} ({' '.join(f.suffixes)})" for name, f in FORMATS.items())


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format for ``path``: ``fmt`` if given, else the one its suffix names.

    An unknown name or suffix is an :class:`~glossary.errors.InputError` listing the
    formats and their suffixes.

    >>> format_for("terms.xlsx"), format_for("terms.txt", "tsv")
    ('xlsx', 'tsv')
    """
    if fmt:
        if fmt not in FORMATS:
            raise InputError(str(fmt), "unknown format", f"use one of {', '.join(FORMATS)}")
        return fmt
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    for key, f in FORMATS.items():
        if suffix in f.suffixes:
            return key
    what = f"unknown suffix {suffix!r}" if suffix else "no suffix"
    raise InputError(
        name or "-",
        f"cannot tell the format ({what})",
        f"name the file with one of the suffixes (or, writing, pass --format): {_listing()}",
    )


def sort_terms(terms: Iterable[Term], sort: Sort | None) -> list[Term]:
    """``terms`` in the order ``sort`` asks for (None: as given).

    >>> from glossary.model import Term
    >>> [t.english for t in sort_terms([Term("subversion", "颠覆", pinyin="diānfù"),
    ...     Term("nuclear sharing", "核共享", pinyin="hé gòngxiǎng")], Sort.PINYIN)]
    ['subversion', 'nuclear sharing']
    """
    from glossary.formats import order

    items = list(terms)
    if sort is None:
        return items
    return sorted(items, key=order.KEYS[sort])


def render(terms: Iterable[Term], fmt: str, options: Options | None = None) -> str | bytes:
    """``terms`` in format ``fmt``: text for a text format, bytes for a binary one.

    >>> type(render([], "tsv")).__name__, type(render([], "xlsx")).__name__
    ('str', 'bytes')
    """
    opts = options or Options()
    return FORMATS[format_for("", fmt)].write(sort_terms(terms, opts.sort), opts)


def render_chunks(
    terms: Iterable[Term], fmt: str, options: Options | None = None
) -> Iterator[str | bytes]:
    """:func:`render` in pieces: a format with a chunked writer (TSV, JSON) takes the terms
    one at a time (unless they are to be sorted) and never holds the whole output; any
    other format is rendered whole, as one piece.

    >>> "".join(render_chunks([], "tsv")) == render([], "tsv")
    True
    """
    opts = options or Options()
    f = FORMATS[format_for("", fmt)]
    chunks = f.write_chunks
    if chunks is None:
        yield f.write(sort_terms(terms, opts.sort), opts)
        return
    yield from chunks(terms if opts.sort is None else sort_terms(terms, opts.sort), opts)


def encode(terms: Iterable[Term], fmt: str, options: Options | None = None) -> bytes:
    """``terms`` in format ``fmt`` as the bytes of a file (text formats in UTF-8).

    >>> encode([], "md")[:10]
    b'| English '
    """
    data = render(terms, fmt, options)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def dumps(terms: Iterable[Term], fmt: str, options: Options | None = None) -> str:
    """``terms`` in the text format ``fmt`` (binary formats: use :func:`encode`).

    >>> dumps([], "tsv").split("\\t")[:2]
    ['english', 'chinese']
    """
    name = format_for("", fmt)
    if FORMATS[name].binary:
        raise InputError(name, "is a binary format", "write it to a file with -o")
    data = render(terms, name, options)
    assert isinstance(data, str)
    return data


def load(path: str | os.PathLike[str], fmt: str | None = None) -> list[Term]:
    """Read a glossary file; errors name the file and the line, row or JSON path."""
    from glossary.formats._io import read_text

    name = format_for(path, fmt)
    f = FORMATS[name]
    if f.read is None:
        readable = ", ".join(k for k, v in FORMATS.items() if v.readable)
        raise InputError(os.fspath(path), f"{name} files cannot be read back", f"use {readable}")
    data: str | bytes = _read_bytes(path) if f.binary else read_text(path)
    return f.read(data, os.fspath(path))


def _read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A glossary file's bytes, with friendly errors (glossary.inputs reads them)."""
    from glossary.inputs import read_bytes

    return read_bytes(path)


def save(
    terms: Iterable[Term],
    path: str | os.PathLike[str],
    fmt: str | None = None,
    options: Options | None = None,
    inputs: Sequence[str | os.PathLike[str]] = (),
) -> None:
    """Write a glossary file safely (see :func:`glossary.formats._io.write_bytes`).

    The format is ``fmt``, else the one the suffix names; ``inputs`` are files the
    output must not replace.
    """
    from glossary.formats._io import check_output, write_bytes

    name = format_for(path, fmt)
    check_output(path, inputs)
    write_bytes(path, encode(terms, name, options), inputs)
