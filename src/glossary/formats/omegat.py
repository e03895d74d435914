"""OmegaT glossary: ``source⇥target⇥comment`` lines, no header, ``#`` comment lines.

The direction is selectable (:attr:`Options.direction <glossary.formats.Options>`):
``en-zh`` puts the English in the source column (a project translating English into
Chinese), ``zh-en`` the Chinese.  The comment carries what OmegaT has no column for,
labelled, the note last: ``pinyin: diānfù; traditional: 顛覆; status: preferred; note:
…``.  A first comment line names the direction, so reading a file back needs no option;
a file without it is read by script (Chinese in the first column means zh-en), and a
``.txt`` file whose first line is a glossary TSV header is read as TSV.  OmegaT
cannot hold a tab or a line break inside a field: they are written as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats.records import header_fields, parse_status
from glossary.model import Direction, Term

#: Comment labels, in the order they are written (the note is always last).
LABELS = ("pinyin", "traditional", "abbreviation", "status", "domain")
_HEADER = "# glossary {direction}: {source}\t{target}\tcomment"
_HEADER_RE = re.compile(r"# glossary (en-zh|zh-en):")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def _flat(value: str) -> str:
    return " ".join(value.replace("\t", " ").splitlines())


def comment(term: Term) -> str:
    """The comment column of a term: labelled fields, then the note.

    >>> comment(Term("subversion", "颠覆", "顛覆", "diānfù", note="legal term"))
    'pinyin: diānfù; traditional: 顛覆; note: legal term'
    """
    parts = [f"{label}: {_flat(str(_value(term, label)))}" for label in LABELS]
    parts = [p for p, label in zip(parts, LABELS, strict=True) if _value(term, label)]
    if term.note:
        parts.append(f"note: {_flat(term.note)}")
    return "; ".join(parts)


def _value(term: Term, label: str) -> str:
    value = getattr(term, label)
    return value.value if hasattr(value, "value") else (value or "")


def write(terms: Iterable[Term], options: Options | None = None) -> str:
    """Terms as an OmegaT glossary, English first unless ``options.direction`` is zh-en.

    >>> write([Term("subversion", "颠覆", "顛覆", "diānfù")]).splitlines()[1].split("\\t")
    ['subversion', '颠覆', 'pinyin: diānfù; traditional: 顛覆']
    """
    direction = (options or Options()).direction
    en_first = direction is Direction.EN_ZH
    names = ("English", "Chinese") if en_first else ("Chinese", "English")
    lines = [_HEADER.format(direction=direction.value, source=names[0], target=names[1])]
    for t in terms:
        english, chinese = _flat(t.english), _flat(t.chinese)
        if not (english and chinese):
            continue  # OmegaT needs both sides; an acronym without Chinese has no target
        source, target = (english, chinese) if en_first else (chinese, english)
        lines.append(f"{source}\t{target}\t{comment(t)}".rstrip("\t"))
    return "\n".join(lines) + "\n"


def _parse_comment(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    rest = text.strip()
    for label in LABELS:
        prefix = f"{label}: "
        if rest.startswith(prefix):
            value, _, rest = rest[len(prefix) :].partition("; ")
            fields[label] = value
    fields["note"] = rest.removeprefix("note: ") if rest else ""
    return fields


def read(text: str | bytes, name: str) -> list[Term]:
    """Terms from an OmegaT glossary (either direction).

    >>> read("颠覆\\tsubversion\\tpinyin: diānfù\\n", "g.utf8")[0].english
    'subversion'
    """
    assert isinstance(text, str)
    lines = text.split("\n")
    header = header_fields(lines[0].split("\t"))
    if "english" in header and "chinese" in header:  # a glossary TSV saved as .txt
        from glossary.formats import tsv

        return tsv.read(text, name)
    match = _HEADER_RE.match(lines[0]) if lines else None
    declared = Direction(match.group(1)) if match else None
    terms = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or not cells[0].strip():
            raise InputError(
                name,
                "a glossary line needs a source term, a tab and a target term",
                "separate the columns with tabs, or start the line with # to comment it out",
                line=number,
            )
        direction = declared or (
            Direction.ZH_EN
            if _HAN.search(cells[0]) and not _HAN.search(cells[1])
            else Direction.EN_ZH
        )
        source, target = cells[0], cells[1]
        english, chinese = (source, target) if direction is Direction.EN_ZH else (target, source)
        fields = _parse_comment("\t".join(cells[2:]))
        try:
            status = parse_status(fields.get("status", ""))
        except ValueError:
            status, fields["note"] = None, "\t".join(cells[2:])
        terms.append(
            Term(
                english,
                chinese,
                fields.get("traditional", ""),
                fields.get("pinyin", ""),
                fields.get("abbreviation", ""),
                note=fields["note"],
                status=status,
                domain=fields.get("domain", ""),
            )
        )
    return terms
