"""TSV: one row per term, a header row of column names, provenance as ``source:line`` lists.

Columns: ``english chinese traditional pinyin abbreviation kind given_pinyin status domain
note confidence sources english_folded english_key pinyin_key``.  Only ``english`` and
``chinese`` are required in a file a user writes by hand; ``sources`` holds ``file:line``
items separated by ``; ``.  The last three are search keys derived from ``english`` and ``pinyin``
(:data:`~glossary.formats.records.KEY_FIELDS`): written so that lookup need not compute
them, recomputed when absent or empty, ignored when building terms.  Tabs and line breaks
inside a field are written as spaces.
"""

from __future__ import annotations

from collections.abc import Iterable

from glossary.errors import InputError
from glossary.formats.records import (
    KEY_FIELDS,
    TERM_FIELDS,
    record_to_term,
    term_keys,
    term_to_record,
)
from glossary.model import Occurrence, Term

COLUMNS = (*TERM_FIELDS, "sources", *KEY_FIELDS)
REQUIRED = ("english", "chinese")


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines())


def write(terms: Iterable[Term]) -> str:
    """Serialise terms as TSV with a header row, the search keys last.

    >>> header, row = write([Term("subversion", "颠覆", "顛覆", "diānfù")]).splitlines()
    >>> dict(zip(header.split("\\t"), row.split("\\t")))["pinyin_key"]
    'dianfu'
    """
    lines = ["\t".join(COLUMNS)]
    for t in terms:
        rec = term_to_record(t)
        rec["sources"] = "; ".join(dict.fromkeys(o.sources_label for o in t.occurrences))
        rec.update(term_keys(t))
        lines.append("\t".join(_clean(rec[c]) for c in COLUMNS))
    return "\n".join(lines) + "\n"


def parse_sources(value: str, english: str, chinese: str) -> tuple[Occurrence, ...]:
    """Occurrences from a ``sources`` cell of ``file:line`` items separated by ``;``.

    >>> [o.sources_label for o in parse_sources("a.txt:3; b.txt", "subversion", "颠覆")]
    ['a.txt:3', 'b.txt:0']
    """
    occs = []
    for item in filter(None, (s.strip() for s in value.split(";"))):
        source, _, line = item.rpartition(":")
        if not source or not line.isdigit():
            source, line = item, "0"
        occs.append(Occurrence(source, int(line), 0, 0, english, chinese))
    return tuple(occs)


def read(text: str, name: str) -> list[Term]:
    """Parse TSV with a header row naming at least ``english`` and ``chinese``."""
    lines = text.split("\n")
    header = lines[0].split("\t") if lines else []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            name,
            f"header lacks column {', '.join(repr(m) for m in missing)}",
            "the first row must name the columns, tab-separated (english, chinese, ...)",
            line=1,
        )
    terms = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise InputError(
                name,
                f"{len(cells)} fields but the header has {len(header)}",
                "remove the stray tab",
                line=number,
            )
        rec = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        try:
            terms.append(
                record_to_term(
                    rec, parse_sources(rec.get("sources", ""), rec["english"], rec["chinese"])
                )
            )
        except ValueError as exc:
            raise InputError(name, str(exc), "fix or remove the row", line=number) from None
    return terms
