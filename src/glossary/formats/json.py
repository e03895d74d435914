"""JSON: the full glossary, every term with all its occurrences (the scorer's contract).

Layout: ``{"format": "glossary", "version": 1, "terms": [{...term fields...,
"english_folded", "english_key", "pinyin_key", "occurrences": [{"source", "line", "start",
"end", "english", "chinese", "abbreviation", "pinyin", "context"}]}]}``.  The three keys
are the search keys TSV stores too (:data:`~glossary.formats.records.KEY_FIELDS`); readers
may omit them and ignore them when building terms.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from glossary.errors import InputError
from glossary.formats.records import (
    occurrence_to_record,
    record_to_occurrence,
    record_to_term,
    term_keys,
    term_to_record,
)
from glossary.model import Term

VERSION = 1


def write(terms: Iterable[Term]) -> str:
    """Serialise terms to a JSON document (UTF-8 characters kept, two-space indent)."""
    doc = {
        "format": "glossary",
        "version": VERSION,
        "terms": [
            {
                **term_to_record(t),
                **term_keys(t),
                "occurrences": [occurrence_to_record(o) for o in t.occurrences],
            }
            for t in terms
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read(text: str, name: str) -> list[Term]:
    """Parse a document written by :func:`write` (or a bare list of term objects)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, f"not valid JSON ({exc.msg})", "check the file", line=exc.lineno
        ) from None
    items = doc.get("terms") if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise InputError(name, "no 'terms' list", "write it with `glossary extract --format json`")
    terms = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(name, f"term {i + 1} is not an object", "check the file")
        try:
            occs = tuple(record_to_occurrence(o, item) for o in item.get("occurrences") or ())
            terms.append(record_to_term(item, occs))
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(name, f"term {i + 1}: {exc}", "fix or remove that term") from None
    return terms
