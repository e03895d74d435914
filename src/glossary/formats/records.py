"""Term <-> plain-dict conversion shared by the JSON and TSV formats."""

from __future__ import annotations

from typing import Any

from glossary.model import Candidate, Direction, Kind, Occurrence, Status, Term

#: Term fields written by every format, in column order.
TERM_FIELDS = (
    "english",
    "chinese",
    "traditional",
    "pinyin",
    "abbreviation",
    "kind",
    "given_pinyin",
    "status",
    "domain",
    "note",
    "confidence",
)

#: Search keys a file stores after the term's own fields, so that looking a term up
#: never recomputes them (see :func:`glossary.lookup.search_keys`).  Derived: readers
#: recompute a key that is absent or empty, and ignore these fields when building terms.
KEY_FIELDS = ("english_folded", "english_key", "pinyin_key")

OCCURRENCE_FIELDS = (
    "source",
    "line",
    "start",
    "end",
    "english",
    "chinese",
    "abbreviation",
    "pinyin",
    "context",
    "direction",
    "confidence",
)


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
        raise ValueError(f"confidence {value!r} is not a number")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"confidence {value!r} is not a number") from None
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"confidence {value!r} is not between 0 and 1")
    return number


def term_keys(term: Term) -> dict[str, str]:
    """The stored search keys of a term, by :data:`KEY_FIELDS` name.

    >>> term_keys(Term("Nuclear-Sharing", "核共享", "核共享", "hé gòngxiǎng"))
    {'english_folded': 'nuclear sharing', 'english_key': 'nuclearshar', 'pinyin_key': 'hegongxiang'}
    """
    from glossary.lookup import search_keys

    return dict(zip(KEY_FIELDS, search_keys(term.english, term.pinyin), strict=True))


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
    """``'translation'`` -> :attr:`Kind.TRANSLATION`; raises ``ValueError`` listing the choices."""
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
        raise ValueError(f"status {value!r} is not one of {choices}") from None


def record_to_term(record: dict[str, Any], occurrences: tuple[Occurrence, ...] = ()) -> Term:
    """Build a term from a record; unknown keys are ignored, missing ones default."""
    if (
        not str(record.get("english") or "").strip()
        and not str(record.get("chinese") or "").strip()
    ):
        raise ValueError("both english and chinese are empty")
    return Term(
        english=str(record.get("english") or ""),
        chinese=str(record.get("chinese") or ""),
        traditional=str(record.get("traditional") or ""),
        pinyin=str(record.get("pinyin") or ""),
        abbreviation=str(record.get("abbreviation") or ""),
        kind=parse_kind(str(record.get("kind") or "")),
        given_pinyin=str(record.get("given_pinyin") or ""),
        status=parse_status(str(record.get("status") or "")),
        domain=str(record.get("domain") or ""),
        note=str(record.get("note") or ""),
        occurrences=occurrences,
        confidence=parse_confidence(record.get("confidence")),
    )


def record_to_occurrence(record: dict[str, Any], term: dict[str, Any]) -> Occurrence:
    """Build an occurrence, falling back to the term's english/chinese for surface forms."""
    return Occurrence(
        source=record.get("source"),
        line=int(record.get("line") or 0),
        start=int(record.get("start") or 0),
        end=int(record.get("end") or 0),
        english=str(record.get("english") or term.get("english") or ""),
        chinese=str(record.get("chinese") or term.get("chinese") or ""),
        abbreviation=str(record.get("abbreviation") or ""),
        pinyin=str(record.get("pinyin") or ""),
        context=str(record.get("context") or ""),
        direction=parse_direction(str(record.get("direction") or "")),
        confidence=parse_confidence(record.get("confidence")),
        candidates=tuple(
            Candidate(str(c["text"]), float(c["score"]), tuple(map(str, c.get("signals", ()))))
            for c in record.get("candidates") or ()
        ),
    )


def parse_direction(value: str) -> Direction:
    """``'zh-en'`` -> :attr:`Direction.ZH_EN`; empty -> :attr:`Direction.EN_ZH`."""
    try:
        return Direction(value or "en-zh")
    except ValueError:
        choices = ", ".join(d.value for d in Direction)
        raise ValueError(f"direction {value!r} is not one of {choices}") from None
