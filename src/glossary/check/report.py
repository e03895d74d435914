"""Reports of findings: readable text grouped by kind, JSON, and a self-contained HTML page.

:data:`REPORTS` maps each ``--format`` name to its writer.
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Callable, Sequence

from glossary.check.verify import Finding, FindingKind

#: The order kinds are reported in, and their headings.
HEADINGS = {
    FindingKind.MISSING: "Missing: a source term with none of its renderings in the target",
    FindingKind.DEPRECATED: "Deprecated: a rendering the glossary says not to use",
    FindingKind.INCONSISTENT: "Inconsistent: a term rendered differently elsewhere",
    FindingKind.NEAR_MISS: "Near misses: a term with one word changed",
    FindingKind.FOUND: "Found: glossary terms in the document",
}


def _grouped(findings: Sequence[Finding]) -> dict[FindingKind, list[Finding]]:
    groups: dict[FindingKind, list[Finding]] = {k: [] for k in HEADINGS}
    for f in findings:
        groups[f.kind].append(f)
    return {k: v for k, v in groups.items() if v}


def _term(f: Finding) -> str:
    return f"{f.english} ({f.chinese})" if f.english and f.chinese else f.english or f.chinese


def _width() -> int:
    """The report's width: ``COLUMNS``, else 80."""
    try:
        return max(40, int(os.environ.get("COLUMNS", "") or 80))
    except ValueError:
        return 80


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, with an ellipsis when cut."""
    from glossary.lookup import display_width

    if display_width(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        w = display_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def _excerpt(f: Finding, width: int) -> str:
    """About ``width`` columns of the finding's context around what was found, one line."""
    from glossary.lookup import display_width

    context = f.context.replace("\n", " ")
    at = f.column if f.column is not None else -1
    if display_width(context) <= width or at < 0:
        return _fit(" ".join(context.split()), width)
    start = at
    used = 0
    while start > 0 and used < width // 3:  # a third of the line before the term
        start -= 1
        used += display_width(context[start])
    return "…" + _fit(context[start:], width - 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(findings: Sequence[Finding]) -> str:
    groups = _grouped(findings)
    if not any(f.problem for f in findings):
        found = groups.get(FindingKind.FOUND, [])
        terms = len({(f.english, f.chinese) for f in found})
        return (
            f"no problems found ({_count(terms, 'glossary term')} found)"
            if found
            else "no problems found"
        )
    return ", ".join(f"{len(v)} {k.value.replace('_', ' ')}" for k, v in groups.items())


def _place(f: Finding, one_source: bool) -> str:
    """``line 3`` or ``unit u7`` (after the file's name when the report has several)."""
    if not one_source:
        return f"{f.source}:{f.segment}"
    return f"line {f.segment}" if isinstance(f.segment, int) else f"unit {f.segment}"


def _found_lines(group: Sequence[Finding], width: int) -> list[str]:
    """Terms found: one line per term (and file), how often, and on which lines."""
    from glossary.lookup import display_width

    terms: dict[tuple[str, str, str], list[Finding]] = {}
    for f in group:
        terms.setdefault((f.source, f.english, f.chinese), []).append(f)
    label = {k: _term(fs[0]) for k, fs in terms.items()}
    pad = min(max(display_width(v) for v in label.values()), width - 24)
    lines = []
    for key, fs in terms.items():
        name = _fit(label[key], pad)
        places = ", ".join(str(s) for s in dict.fromkeys(f.segment for f in fs))
        row = f"  {name}{' ' * (pad - display_width(name))}  {len(fs):>3}×  {places}"
        lines.append(_fit(row, width))
    return lines


def to_text(findings: Sequence[Finding], width: int | None = None) -> str:
    """Findings grouped by kind: for each problem its place, the term, what was expected and
    what found, and a line of context; terms found are listed once each, with their lines.
    Lines fit ``width`` columns (``COLUMNS``, else 80).

    >>> f = Finding(FindingKind.MISSING, "a.txt", 3, "subversion", "颠覆", ("subversion",), "",
    ...             "They opposed the overthrow of the order.")
    >>> print(to_text([f]), end="")
    a.txt
    <BLANKLINE>
    Missing: a source term with none of its renderings in the target (1)
      line 3  subversion (颠覆)
        expected: subversion
        | They opposed the overthrow of the order.
    <BLANKLINE>
    1 missing
    """
    width = width or _width()
    sources = list(dict.fromkeys(f.source for f in findings))
    one = len(sources) == 1
    blocks = [_fit(sources[0], width)] if one else []
    for kind, group in _grouped(findings).items():
        count = f"{len(group)}"
        if kind is FindingKind.FOUND:
            terms = len({(f.source, f.english, f.chinese) for f in group})
            count = f"{_count(terms, 'term')}, {_count(len(group), 'time')}"
        lines = [_fit(f"{HEADINGS[kind]} ({count})", width)]
        if kind is FindingKind.FOUND:
            lines += _found_lines(group, width)
            blocks.append("\n".join(lines))
            continue
        for f in group:
            lines.append(_fit(f"  {_place(f, one)}  {_term(f)}", width))
            lines.append(_fit(f"    expected: {' | '.join(f.expected) or '-'}", width))
            if f.found:
                lines.append(_fit(f"    found:    {f.found}", width))
            if f.context:
                lines.append("    | " + _excerpt(f, width - 6))
        blocks.append("\n".join(lines))
    blocks.append(_summary(findings))
    return "\n\n".join(blocks) + "\n"


def to_json(findings: Sequence[Finding]) -> str:
    """Findings as a JSON list of objects (``kind``, ``source``, ``segment``, ``english``,
    ``chinese``, ``expected``, ``found``, ``context``).

    >>> f = Finding(FindingKind.FOUND, "a.txt", 3, "subversion", "颠覆", ("subversion",), "颠覆")
    >>> json.loads(to_json([f]))[0]["found"]
    '颠覆'
    """
    return json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2) + "\n"


_CSS = """
body{font:15px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:2rem auto;
max-width:70rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:
2px solid var(--c);padding-bottom:.2rem}.summary{color:#555}
table{border-collapse:collapse;width:100%;font-size:.92rem;table-layout:fixed}
col.c1{width:8%}col.c2{width:20%}col.c3{width:17%}col.c4{width:15%}col.c5{width:40%}
.found col.c3{width:6%}.found col.c4{width:24%}.found col.c5{width:42%}th,td{text-align:left;
vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e4e4e4}th{background:#f6f6f6}
td.where{font-family:ui-monospace,monospace;font-size:.85rem;overflow-wrap:anywhere}
td.count{text-align:right}
td.context{color:#444;width:45%}mark{background:#fff0a8;padding:0 .1em}
.missing{--c:#c62828}.deprecated{--c:#ef6c00}.inconsistent{--c:#6a1b9a}
.near_miss{--c:#1565c0}.found{--c:#2e7d32}.badge{display:inline-block;padding:0 .4rem;
border-radius:.6rem;background:var(--c);color:#fff;font-size:.8rem}
"""


_COLS = "".join(f'<col class="c{i}">' for i in range(1, 6))
#: Characters of context the HTML report shows on each side of what was found.
HTML_CONTEXT = 120


def _mark(f: Finding) -> str:
    """The finding's context, escaped and cut to a window around what was found, which is
    highlighted."""
    e = html.escape
    context, at = f.context, f.column
    if at is None or not f.found:
        cut = context[: 2 * HTML_CONTEXT]
        return e(cut) + ("…" if len(cut) < len(context) else "")
    end = at + len(f.found)
    before = context[max(0, at - HTML_CONTEXT) : at]
    after = context[end : end + HTML_CONTEXT]
    return (
        ("…" if at > HTML_CONTEXT else "")
        + f"{e(before)}<mark>{e(f.found)}</mark>{e(after)}"
        + ("…" if end + HTML_CONTEXT < len(context) else "")
    )


def _found_rows(group: Sequence[Finding], where: Callable[[Finding], str]) -> list[str]:
    """Terms found, one row per term: how often, where, and the first place in context."""
    e = html.escape
    terms: dict[tuple[str, str, str], list[Finding]] = {}
    for f in group:
        terms.setdefault((f.source, f.english, f.chinese), []).append(f)
    rows = []
    for fs in terms.values():
        f = fs[0]
        places = ", ".join(e(str(s)) for s in dict.fromkeys(where(x) for x in fs))
        forms = ", ".join(e(x) for x in dict.fromkeys(x.found for x in fs))
        rows.append(
            f'<tr><td class="where">{places}</td><td>{e(f.english)}<br>{e(f.chinese)}</td>'
            f'<td class="count">{len(fs)}</td><td>{forms}</td>'
            f'<td class="context">{_mark(f)}</td></tr>'
        )
    return rows


def to_html(findings: Sequence[Finding], title: str = "") -> str:
    """A self-contained HTML page (no scripts, no links out): a summary, then one table per
    kind of finding; every text is escaped.

    >>> page = to_html([Finding(FindingKind.MISSING, "<a>.txt", 1, "x", "颠覆", ("x",), "")])
    >>> "&lt;a&gt;.txt" in page and "<a>" not in page
    True
    """
    e = html.escape
    sources = list(dict.fromkeys(f.source for f in findings))
    one = len(sources) == 1
    title = title or ("Term check: " + sources[0].rsplit("/", 1)[-1] if one else "Term check")

    def where(f: Finding) -> str:
        return str(f.segment) if one else f"{f.source}:{f.segment}"

    place = "segment" if one else "where"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="summary">{e(sources[0]) + " · " if one else ""}{e(_summary(findings))}</p>',
    ]
    for kind, group in _grouped(findings).items():
        parts.append(f'<section class="{kind.value}">')
        parts.append(f'<h2>{e(HEADINGS[kind])} <span class="badge">{len(group)}</span></h2>')
        if kind is FindingKind.FOUND:
            parts.append(
                f"<table>{_COLS}<thead><tr><th>{place}</th><th>term</th><th>times</th>"
                "<th>written</th><th>first in context</th></tr></thead><tbody>"
            )
            parts += _found_rows(group, where)
        else:
            parts.append(
                f"<table>{_COLS}<thead><tr><th>{place}</th><th>term</th><th>expected</th>"
                "<th>found</th><th>context</th></tr></thead><tbody>"
            )
            parts += [
                f'<tr><td class="where">{e(where(f))}</td>'
                f"<td>{e(f.english)}<br>{e(f.chinese)}</td>"
                f"<td>{'<br>'.join(e(x) for x in f.expected)}</td>"
                f"<td>{e(f.found) or '—'}</td>"
                f'<td class="context">{_mark(f)}</td></tr>'
                for f in group
            ]
        parts.append("</tbody></table></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


#: ``--format`` name -> writer.
REPORTS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": to_text,
    "json": to_json,
    "html": to_html,
}
