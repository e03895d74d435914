"""Bilingual input as segments: line-aligned files, TSV of source⇥target, XLIFF 1.2 and 2.x, TMX.

One reader per format, each yielding :class:`Segment` with the segment's place (a line
number, or the unit id of a CAT tool's file).  XLIFF and TMX are read by translate-toolkit,
imported only when such a file is read (it takes a tenth of a second to import).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from glossary.errors import InputError
from glossary.formats._io import read_text

#: Suffix -> reader of a bilingual file given alone.
BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx", ".tsv", ".tab")
_XLIFF2 = re.compile(rb"<xliff\b[^>]*\bversion\s*=\s*[\"']2", re.S)
_TSV_HEADERS = frozenset({"source", "target", "src", "tgt"})


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment of a translation: where it is, its source text and its target text.

    ``segment`` is a line number (line-aligned and TSV files) or a unit id (XLIFF, TMX).

    >>> Segment("doc.xlf", "u7", "颠覆", "subversion").segment
    'u7'
    """

    source: str
    segment: int | str
    source_text: str
    target_text: str


def is_bilingual(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a bilingual file (XLIFF, TMX or TSV) by its suffix.

    >>> is_bilingual("book.zh-en.xlf"), is_bilingual("book.txt")
    (True, False)
    """
    return os.fspath(path).lower().endswith(BILINGUAL_SUFFIXES)


def read_aligned(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> list[Segment]:
    """Two line-aligned files as segments, one per line (lines blank on both sides skipped).

    Raises:
        InputError: when the files have different numbers of lines.
    """
    name = os.fspath(target)
    src_lines = read_text(source).rstrip("\n").split("\n")
    tgt_lines = read_text(target).rstrip("\n").split("\n")
    if len(src_lines) != len(tgt_lines):
        raise InputError(
            name,
            f"has {len(tgt_lines)} lines but the source {os.fspath(source)} has {len(src_lines)}",
            "line-aligned files need one target line per source line",
        )
    return [
        Segment(name, n, s, t)
        for n, (s, t) in enumerate(zip(src_lines, tgt_lines, strict=True), start=1)
        if s.strip() or t.strip()
    ]


def read_tsv(path: str | os.PathLike[str]) -> list[Segment]:
    """A TSV of ``source⇥target`` rows as segments, one per line (a header row is skipped).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     p = pathlib.Path(folder) / "pairs.tsv"
    ...     _ = p.write_text("source\\ttarget\\n颠覆\\tsubversion\\n", encoding="utf-8")
    ...     [(s.segment, s.target_text) for s in read_tsv(p)]
    [(2, 'subversion')]
    """
    name = os.fspath(path)
    out = []
    for n, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if n == 1 and {c.strip().lower() for c in cells[:2]} <= _TSV_HEADERS:
            continue
        if len(cells) < 2:
            raise InputError(
                name, "row has no tab", "write each segment as source<TAB>target", line=n
            )
        out.append(Segment(name, n, cells[0], cells[1]))
    return out


def read_xliff(path: str | os.PathLike[str]) -> list[Segment]:
    """An XLIFF file (1.2 or 2.x, told apart by its ``version``) as segments, one per unit
    (per ``<segment>`` of an XLIFF 2 unit with several); ids are the units' ``id``."""
    name = os.fspath(path)
    data = _read_bytes(name)
    store_class: Any
    if _XLIFF2.search(data[:4096]):
        from translate.storage.xliff2 import Xliff2File

        store_class = Xliff2File
    else:
        from translate.storage.xliff import xlifffile

        store_class = xlifffile
    store = _parse(store_class, data, name, "XLIFF")
    out = []
    for n, unit in enumerate(store.units, start=1):
        if unit.isheader():
            continue
        element = getattr(unit, "xmlelement", None)
        plain_id = (
            element.get("id") if element is not None and element.tag.endswith("unit") else None
        )
        uid = plain_id or unit.getid() or str(n)
        out.append(Segment(name, str(uid), _text(unit.source), _text(unit.target)))
    return out


def read_tmx(path: str | os.PathLike[str]) -> list[Segment]:
    """A TMX file as segments, one per ``<tu>``: the header's source language against the
    first other language; ids are ``tuid`` or the unit's position."""
    from translate.storage.tmx import tmxfile

    name = os.fspath(path)
    store = _parse(tmxfile, _read_bytes(name), name, "TMX")
    srclang = (store.getsourcelanguage() or "").lower()
    out = []
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for n, unit in enumerate(store.units, start=1):
        texts = [
            ((node.get(lang) or node.get("lang") or "").lower(), unit.getNodeText(node) or "")
            for node in unit.getlanguageNodes()
        ]
        if not texts:
            continue
        first = next((i for i, (code, _) in enumerate(texts) if code == srclang), 0)
        source_text = texts[first][1]
        others = [t for i, (_, t) in enumerate(texts) if i != first]
        uid = unit.xmlelement.get("tuid") or str(n)
        out.append(Segment(name, uid, source_text, others[0] if others else ""))
    return out


#: Suffix -> reader.
READERS: dict[str, Callable[[str | os.PathLike[str]], list[Segment]]] = {
    ".xlf": read_xliff,
    ".xliff": read_xliff,
    ".sdlxliff": read_xliff,
    ".mqxliff": read_xliff,
    ".tmx": read_tmx,
    ".tsv": read_tsv,
    ".tab": read_tsv,
}


def read_bilingual(path: str | os.PathLike[str]) -> list[Segment]:
    """A bilingual file as segments, by its suffix (see :data:`READERS`).

    Raises:
        InputError: for a suffix no reader knows, or a file that cannot be read.
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(
            name,
            f"is not a bilingual file ({suffix or 'no suffix'})",
            "give an .xlf, .tmx or .tsv file, or the translation with --source SOURCE",
        )
    return reader(name)


def _read_bytes(name: str) -> bytes:
    """The file's bytes (XML declares its own encoding), with friendly errors."""
    from glossary.inputs import read_bytes

    return read_bytes(name)


def _parse(store: Any, data: bytes, name: str, what: str) -> Any:
    try:
        return store.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise many kinds for a bad file
        line = getattr(exc, "lineno", None)
        reason = str(exc).split("\n")[0] or type(exc).__name__
        raise InputError(
            name, f"is not valid {what} ({reason})", f"check it is a {what} file", line=line
        ) from None


def _text(value: Any) -> str:
    return "" if value is None else str(value)
