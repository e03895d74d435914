"""Term <-> plain records, shared by every format: fields, types, validation, cells.

Readers check types, not just shape: a value of the wrong type is an error naming the
field (``"chinese" must be text, not a list``), never turned into text.  The tabular
formats (TSV, CSV, XLSX) share one header vocabulary (:data:`HEADER_NAMES`, matched
without regard to case) and one ``sources`` cell (:func:`format_sources`,
:func:`parse_sources`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from glossary.model import TERM_FIELDS, Candidate, Direction, Kind, Occurrence, Status, Term

#: Search-key columns that files written by earlier versions carry after the term's own
#: fields.  Readers ignore them: the index computes every key from the entry itself.
KEY_FIELDS = ("english_folded", "english_key", "pinyin_key")

#: An occurrence's fields as the formats write them (its candidates are written apart).
OCCURRENCE_FIELDS = tuple(f for f in Occurrence.__match_args__ if f != "candidates")


def term_to_record(term: Term) -> dict[str, str]:
    """The term's own fields as strings (enums by value, ``None`` as empty)."""
    out: dict[str, str] = {}
    for name in TERM_FIELDS:
        value = getattr(term, name)
        if isinstance(value, Kind | Status):
            value = value.value
        elif isinstance(value, float):
            value = format_confidence(value)
        out[name] = "" if value is None else str(value)
    return out


def format_confidence(value: float) -> str:
    """A confidence as written in files: two decimals.

    >>> format_confidence(0.9349)
    '0.93'
    """
    return f"{value:.2f}"


def parse_confidence(value: object) -> float | None:
    """A confidence from a file: empty or None -> None; else a number from 0 to 1.

    >>> parse_confidence("0.93"), parse_confidence("")
    (0.93, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"confidence must be a number, not {_type_name(value)}")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise ValueError(f"confidence {value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:  # NaN fails this too
        raise ValueError(f"confidence {value!r} is not between 0 and 1")
    return number


def occurrence_to_record(occ: Occurrence) -> dict[str, Any]:
    """An occurrence as a JSON-ready dict; ``candidates`` only when the extractor kept them.

    >>> occurrence_to_record(Occurrence("a.txt", 1, 0, 15, "subversion", "颠覆"))["direction"]
    'en-zh'
    """
    out: dict[str, Any] = {name: getattr(occ, name) for name in OCCURRENCE_FIELDS}
    out["direction"] = occ.direction.value
    if occ.candidates:
        out["candidates"] = [
            {"text": c.text, "score": c.score, "signals": list(c.signals)} for c in occ.candidates
        ]
    return out


def parse_kind(value: str) -> Kind:
    """``'translation'`` -> :attr:`Kind.TRANSLATION`; raises ``ValueError`` listing the choices.

    >>> parse_kind("acronym")
    <Kind.ACRONYM: 'acronym'>
    """
    try:
        return Kind(value or "translation")
    except ValueError:
        choices = ", ".join(k.value for k in Kind)
        raise ValueError(f"kind {value!r} is not one of {choices}") from None


def parse_status(value: str) -> Status | None:
    """``'preferred'`` -> :attr:`Status.PREFERRED`; empty -> ``None``."""
    if not value:
        return None
    try:
        return Status(value)
    except ValueError:
        choices = ", ".join(s.value for s in Status)
        raise ValueError(f"status {value!r} is not one of {choices}; or leave it empty") from None


def parse_direction(value: str) -> Direction:
    """``'zh-en'`` -> :attr:`Direction.ZH_EN`; empty -> :attr:`Direction.EN_ZH`."""
    try:
        return Direction(value or "en-zh")
    except ValueError:
        choices = ", ".join(d.value for d in Direction)
        raise ValueError(f"direction {value!r} is not one of {choices}") from None


# -- typed fields -------------------------------------------------------------------------


def _type_name(value: object) -> str:
    names = {list: "a list", dict: "an object", bool: "true/false", int: "a number"}
    names |= {float: "a number", str: "text"}
    return names.get(type(value), type(value).__name__)


def text_field(record: dict[str, Any], name: str) -> str:
    """A text field: a string, or empty for a missing key or null; anything else is an error.

    >>> text_field({"chinese": "颠覆"}, "chinese"), text_field({}, "note")
    ('颠覆', '')
    >>> text_field({"chinese": ["颠", "覆"]}, "chinese")
    Traceback (most recent call last):
    ValueError: "chinese" must be text, not a list
    """
    value = record.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be text, not {_type_name(value)}".replace("'", '"'))
    return value


#: The largest line number or offset a file may give (a file longer than this is unreal).
MAX_POSITION = 10**12


def int_field(record: dict[str, Any], name: str) -> int:
    """A line number or offset: a whole number from 0 to :data:`MAX_POSITION` (missing: 0).

    >>> int_field({"line": 12}, "line"), int_field({}, "start")
    (12, 0)
    >>> int_field({"line": 1e400}, "line")
    Traceback (most recent call last):
    ValueError: "line" must be a whole number from 0 to 10^12, not inf
    """
    value = record.get(name)
    if value is None:
        return 0
    if isinstance(value, float) and value.is_integer() and 0 <= value <= MAX_POSITION:
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POSITION:
        shown = _type_name(value) if not isinstance(value, int | float) else _short(value)
        raise ValueError(f'"{name}" must be a whole number from 0 to 10^12, not {shown}')
    return value


def _short(value: float) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = str(value)
    return text if len(text) <= 20 else f"a number of {len(text)} digits"


def record_to_term(record: dict[str, Any], occurrences: tuple[Occurrence, ...] = ()) -> Term:
    """Build a term from a record; unknown keys are ignored, missing ones default.

    Raises ``ValueError`` naming the field for a value of the wrong type or an unknown
    kind or status, and when both ``english`` and ``chinese`` are empty.

    >>> record_to_term({"english": "subversion", "chinese": "颠覆", "status": "preferred"}).status
    <Status.PREFERRED: 'preferred'>
    """
    fields = {name: text_field(record, name) for name in TEXT_FIELDS}
    if not fields["english"].strip() and not fields["chinese"].strip():
        raise ValueError("both english and chinese are empty")
    return Term(
        **fields,
        kind=parse_kind(text_field(record, "kind")),
        status=parse_status(text_field(record, "status")),
        occurrences=occurrences,
        confidence=parse_confidence(record.get("confidence")),
    )


#: Term fields that are plain text.
TEXT_FIELDS = tuple(f for f in TERM_FIELDS if f not in ("kind", "status", "confidence"))


def record_to_occurrence(record: dict[str, Any], term: dict[str, Any]) -> Occurrence:
    """Build an occurrence, falling back to the term's english/chinese for surface forms.

    >>> record_to_occurrence({"source": "a.txt", "line": 3}, {"chinese": "颠覆"}).sources_label
    'a.txt:3'
    """
    source = record.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError(f'"source" must be text, not {_type_name(source)}')
    candidates = record.get("candidates") or []
    if not isinstance(candidates, list):
        raise ValueError(f'"candidates" must be a list, not {_type_name(candidates)}')
    return Occurrence(
        source=source,
        line=int_field(record, "line"),
        start=int_field(record, "start"),
        end=int_field(record, "end"),
        english=text_field(record, "english") or text_field(term, "english"),
        chinese=text_field(record, "chinese") or text_field(term, "chinese"),
        abbreviation=text_field(record, "abbreviation"),
        pinyin=text_field(record, "pinyin"),
        context=text_field(record, "context"),
        direction=parse_direction(text_field(record, "direction")),
        confidence=parse_confidence(record.get("confidence")),
        candidates=tuple(_candidate(c) for c in candidates),
    )


def _candidate(value: object) -> Candidate:
    if not isinstance(value, dict):
        raise ValueError(f"a candidate must be an object, not {_type_name(value)}")
    score = value.get("score")
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise ValueError(f'a candidate\'s "score" must be a number, not {_type_name(score)}')
    signals = value.get("signals") or []
    if not isinstance(signals, list) or not all(isinstance(s, str) for s in signals):
        raise ValueError('a candidate\'s "signals" must be a list of text')
    return Candidate(text_field(value, "text"), float(score), tuple(signals))


# -- the sources cell ---------------------------------------------------------------------

_LINE = re.compile(r"[0-9]{1,12}")


def format_sources(occurrences: Iterable[Occurrence]) -> str:
    """The ``sources`` cell: distinct ``file:line`` items joined by ``; ``.

    A backslash or semicolon inside a file name is written with a backslash before it,
    so that ``a; b:7.txt`` comes back as one file.

    >>> format_sources([Occurrence("a; b:7.txt", 3, 0, 0, "x"), Occurrence("c.txt", 1, 0, 0, "x")])
    'a\\\\; b:7.txt:3; c.txt:1'
    """
    labels = (
        f"{(o.source or '-').replace(chr(92), chr(92) * 2).replace(';', chr(92) + ';')}:{o.line}"
        for o in occurrences
    )
    return "; ".join(dict.fromkeys(labels))


def parse_sources(value: str, english: str, chinese: str) -> tuple[Occurrence, ...]:
    """Occurrences from a ``sources`` cell of ``file:line`` items separated by ``;``.

    An item without a line (``b.txt``) has line 0 (see :func:`parse_source`).

    >>> [o.sources_label for o in parse_sources("a.txt:3; b.txt", "subversion", "颠覆")]
    ['a.txt:3', 'b.txt:0']
    >>> [o.source for o in parse_sources("a\\\\; b:7.txt:3", "subversion", "颠覆")]
    ['a; b:7.txt']
    """
    items = (raw.strip() for raw in _split_items(value))
    return tuple(parse_source(item, english, chinese) for item in items if item)


def parse_source(item: str, english: str, chinese: str) -> Occurrence:
    """One ``file:line`` item (no escapes).  An item whose end is not a line number of the
    digits 0-9 (``b.txt``, ``a.txt:²``) is all file name, with line 0.

    >>> parse_source("a; b:7.txt:12", "subversion", "颠覆").line
    12
    >>> parse_source("a.txt:²", "subversion", "颠覆").sources_label
    'a.txt:²:0'
    """
    source, colon, line = item.rpartition(":")
    if colon and _LINE.fullmatch(line) and source:
        return Occurrence(source, int(line), 0, 0, english, chinese)
    return Occurrence(item, 0, 0, 0, english, chinese)


def _split_items(value: str) -> list[str]:
    """Split on unescaped ``;`` and undo the escapes."""
    if "\\" not in value:
        return value.split(";")
    items, current, chars = [], [], iter(value)
    for c in chars:
        if c == "\\":
            current.append(next(chars, "\\"))
        elif c == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(c)
    items.append("".join(current))
    return items


# -- tables (TSV, CSV, XLSX) --------------------------------------------------------------

#: Column names a table's header may use for each field, matched without regard to case;
#: the first is what TSV writes, the second what CSV and XLSX write (language codes).
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "english": ("english", "en", "en-us", "en-gb", "eng"),
    "chinese": ("chinese", "zh-hans", "zh", "zh-cn", "zh-sg", "simplified", "chs"),
    "traditional": ("traditional", "zh-hant", "zh-tw", "zh-hk", "zh-mo", "cht"),
    **{name: (name,) for name in TERM_FIELDS[3:]},
    "sources": ("sources", "source"),
}

_BY_NAME = {alias: field for field, aliases in HEADER_NAMES.items() for alias in aliases}

#: The columns CSV and XLSX write: language codes for the three forms, then field names.
TABLE_COLUMNS = ("en", "zh-Hans", "zh-Hant", *TERM_FIELDS[3:], "sources")
TABLE_FIELDS = (*TERM_FIELDS, "sources")


def header_fields(header: Sequence[str]) -> list[str | None]:
    """The field each header cell names (None for a column glossary does not know).

    >>> header_fields(["English", "zh-Hans", "Remarks"])
    ['english', 'chinese', None]
    """
    return [_BY_NAME.get(cell.strip().casefold()) for cell in header]


def term_to_row(term: Term) -> list[str]:
    """A term as the cells of :data:`TABLE_COLUMNS`.

    >>> term_to_row(Term("subversion", "颠覆", "顛覆", "diānfù"))[:4]
    ['subversion', '颠覆', '顛覆', 'diānfù']
    """
    record = term_to_record(term)
    record["sources"] = format_sources(term.occurrences)
    return [record[name] for name in TABLE_FIELDS]


def row_to_term(fields: Sequence[str | None], cells: Sequence[str]) -> Term:
    """A term from a table row whose columns hold ``fields`` (from :func:`header_fields`).

    >>> row_to_term(["english", "chinese", None], ["subversion", "颠覆", "x"]).chinese
    '颠覆'
    """
    record = {f: c for f, c in zip(fields, cells, strict=False) if f is not None}
    occurrences = parse_sources(
        record.get("sources", ""), record.get("english", ""), record.get("chinese", "")
    )
    return record_to_term(record, occurrences)


# -- formula injection (OWASP) ------------------------------------------------------------

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NEUTRALISED = re.compile(r"'+[=+\-@\t\r]")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will not run: ``'`` before a leading ``= + - @``, tab or CR.

    Reversible: :func:`restore` undoes it exactly (a cell that already starts with
    apostrophes before such a character gets one more).

    >>> neutralise("=SUM(A1:A9)")
    "'=SUM(A1:A9)"
    >>> restore(neutralise("'=1")), neutralise("plain")
    ("'=1", 'plain')
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """Undo :func:`neutralise`."""
    return cell[1:] if _NEUTRALISED.match(cell) else cell


# -- XML-based formats --------------------------------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def check_xml_text(terms: Sequence[Term], fmt: str) -> None:
    """Raise ``ValueError`` naming the entry and field holding a character XML cannot hold.

    >>> check_xml_text([Term("sub\\x01version", "颠覆")], "xlsx")
    Traceback (most recent call last):
    ValueError: entry 1 ('sub\\x01version'): english holds U+0001, which xlsx cannot hold; remove it
    """
    for i, t in enumerate(terms, start=1):
        values = [(name, getattr(t, name)) for name in TEXT_FIELDS]
        values += [("sources", o.source or "") for o in t.occurrences]
        for name, value in values:
            if m := _NOT_XML.search(value):
                raise ValueError(
                    f"entry {i} ({(t.english or t.chinese)[:30]!r}): {name} holds"
                    f" U+{ord(m.group()):04X}, which {fmt} cannot hold; remove it"
                )
