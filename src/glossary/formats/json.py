"""JSON: the full glossary, every term with all its occurrences (the scorer's contract).

Layout: ``{"format": "glossary", "version": 1, "terms": [{...term fields...,
"occurrences": [{"source", "line", "start", "end", "english", "chinese", "abbreviation",
"pinyin", "context", "direction", "confidence", "candidates"}]}]}``.  Search keys written
by earlier versions (:data:`~glossary.formats.records.KEY_FIELDS`) are ignored.

Output escapes ``<``, ``>`` and ``&`` (and U+2028, U+2029) as ``\\u`` escapes: the
document means the same to every JSON reader, and can be pasted into an HTML
``<script>`` or a JavaScript string without closing it.  Reading checks types: a field
of the wrong type, ``NaN`` or a number out of range is an error naming the JSON path
(``terms[3].chinese``); so is nesting too deep for the parser.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats.records import (
    occurrence_to_record,
    record_to_occurrence,
    record_to_term,
    term_to_record,
)
from glossary.model import Term

VERSION = 1

_HTML_SAFE = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def write(terms: Iterable[Term], options: Options | None = None) -> str:
    """Serialise terms to a JSON document (UTF-8 characters kept, two-space indent).

    >>> print(write([Term("<b>", "颠覆")]).splitlines()[5])
          "english": "\\u003cb\\u003e",
    """
    return "".join(write_chunks(terms, options))


def write_chunks(terms: Iterable[Term], options: Options | None = None) -> Iterator[str]:
    """:func:`write`, a term at a time, taking the terms as they come: the same document,
    character for character, without ever holding all of it.

    >>> "".join(write_chunks([])) == json.dumps({"format": "glossary", "version": 1,
    ...                                          "terms": []}, indent=2) + "\\n"
    True
    """
    head = json.dumps({"format": "glossary", "version": VERSION}, indent=2)
    yield head[:-2] + ',\n  "terms": ['  # the object without its closing brace
    sep = "\n    "
    empty = True
    for t in terms:
        record = {
            **term_to_record(t),
            "confidence": t.confidence,  # a number, as on each occurrence
            "occurrences": [occurrence_to_record(o) for o in t.occurrences],
        }
        # an item of the list, two levels in: json.dumps(indent=2) puts a line break only
        # between tokens (never inside a string), so indenting every line is exact
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", sep)
        yield ("" if empty else ",") + sep + text.translate(_HTML_SAFE)
        empty = False
    yield "]\n}\n" if empty else "\n  ]\n}\n"


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def read(text: str | bytes, name: str) -> list[Term]:
    """Parse a document written by :func:`write` (or a bare list of term objects).

    >>> read('{"terms": [{"english": "subversion", "chinese": ["颠", "覆"]}]}', "x.json")
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    glossary.errors.InputError: x.json: terms[0]: "chinese" must be text, not a list; ...
    """
    assert isinstance(text, str)
    try:
        doc = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            name, f"not valid JSON ({exc.msg})", "check the file", line=exc.lineno
        ) from None
    except RecursionError:
        raise InputError(name, "nested too deeply to be a glossary", "check the file") from None
    except ValueError as exc:  # NaN, Infinity, an integer of thousands of digits
        what = "a number has more than 4300 digits" if "digits" in str(exc) else str(exc)
        raise InputError(name, f"not a glossary ({what})", "check the file") from None
    items: Any = doc.get("terms") if isinstance(doc, dict) else doc
    path = "terms" if isinstance(doc, dict) else ""
    if not isinstance(items, list):
        raise InputError(name, "no 'terms' list", "write it with `glossary export -o FILE.json`")
    terms = []
    for i, item in enumerate(items):
        where = f"{path}[{i}]"
        if not isinstance(item, dict):
            raise InputError(name, f"{where} is not an object", "fix or remove that term")
        occurrences = item.get("occurrences") or []
        if not isinstance(occurrences, list):
            raise InputError(name, f"{where}.occurrences is not a list", "fix or remove that term")
        occs = []
        for j, o in enumerate(occurrences):
            try:
                if not isinstance(o, dict):
                    raise ValueError("is not an object")
                occs.append(record_to_occurrence(o, item))
            except ValueError as exc:
                raise InputError(
                    name, f"{where}.occurrences[{j}]: {exc}", "fix or remove that occurrence"
                ) from None
        try:
            terms.append(record_to_term(item, tuple(occs)))
        except ValueError as exc:
            raise InputError(name, f"{where}: {exc}", "fix or remove that term") from None
    return terms
