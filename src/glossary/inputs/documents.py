"""Documents into pieces: a long text cut at paragraph breaks (else line breaks, else
sentence ends) with each piece's offset and first line, and JSON Lines records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import IO

from glossary.errors import InputError
from glossary.inputs.decoding import _texts
from glossary.inputs.options import InputOptions, Piece

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
