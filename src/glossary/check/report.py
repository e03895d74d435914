"""Reports of findings: readable text grouped by kind, JSON, and a self-contained HTML page.

:data:`REPORTS` maps each ``--format`` name to its writer.
"""

from __future__ import annotations

import html
import json
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
#: How much of a segment's text the text report quotes for context.
CONTEXT_WIDTH = 72


def _grouped(findings: Sequence[Finding]) -> dict[FindingKind, list[Finding]]:
    groups: dict[FindingKind, list[Finding]] = {k: [] for k in HEADINGS}
    for f in findings:
        groups[f.kind].append(f)
    return {k: v for k, v in groups.items() if v}


def _term(f: Finding) -> str:
    return f"{f.english} ({f.chinese})" if f.english and f.chinese else f.english or f.chinese


def _excerpt(context: str, found: str, width: int = CONTEXT_WIDTH) -> str:
    """About ``width`` columns of ``context`` around ``found``, on one line."""
    from glossary.lookup import display_width

    text = " ".join(context.split())
    if display_width(text) <= width:
        return text
    at = text.find(found) if found else -1
    start = max(0, at - width // 3) if at >= 0 else 0
    out = ""
    for c in text[start:]:
        if display_width(out + c) > width - 2:
            break
        out += c
    return ("…" if start else "") + out + "…"


def _summary(findings: Sequence[Finding]) -> str:
    groups = _grouped(findings)
    if not any(f.problem for f in findings):
        found = len(groups.get(FindingKind.FOUND, []))
        return f"no problems found ({found} glossary terms found)" if found else "no problems found"
    return ", ".join(f"{len(v)} {k.value.replace('_', ' ')}" for k, v in groups.items())


def to_text(findings: Sequence[Finding]) -> str:
    """Findings grouped by kind, each with its place, the term, what was expected and what
    found, and a line of context.

    >>> f = Finding(FindingKind.MISSING, "a.txt", 3, "subversion", "颠覆", ("subversion",), "",
    ...             "They opposed the overthrow of the order.")
    >>> print(to_text([f]), end="")
    Missing: a source term with none of its renderings in the target (1)
      a.txt:3  subversion (颠覆)
        expected: subversion
        | They opposed the overthrow of the order.
    <BLANKLINE>
    1 missing
    """
    blocks = []
    for kind, group in _grouped(findings).items():
        lines = [f"{HEADINGS[kind]} ({len(group)})"]
        for f in group:
            lines.append(f"  {f.source}:{f.segment}  {_term(f)}")
            if kind is not FindingKind.FOUND:
                lines.append(f"    expected: {' | '.join(f.expected) or '-'}")
            if f.found and (kind is not FindingKind.FOUND or f.found != f.english):
                lines.append(f"    found:    {f.found}")
            if f.context:
                lines.append(f"    | {_excerpt(f.context, f.found)}")
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
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;
vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #e4e4e4}th{background:#f6f6f6}
td.where{white-space:nowrap;font-family:ui-monospace,monospace;font-size:.85rem}
td.context{color:#444;max-width:28rem}mark{background:#fff0a8;padding:0 .1em}
.missing{--c:#c62828}.deprecated{--c:#ef6c00}.inconsistent{--c:#6a1b9a}
.near_miss{--c:#1565c0}.found{--c:#2e7d32}.badge{display:inline-block;padding:0 .4rem;
border-radius:.6rem;background:var(--c);color:#fff;font-size:.8rem}
"""


def _mark(context: str, found: str) -> str:
    """``context`` escaped, with ``found`` highlighted where it stands."""
    at = context.find(found) if found else -1
    if at < 0:
        return html.escape(context)
    end = at + len(found)
    return (
        f"{html.escape(context[:at])}<mark>{html.escape(found)}</mark>{html.escape(context[end:])}"
    )


def to_html(findings: Sequence[Finding], title: str = "Term check") -> str:
    """A self-contained HTML page (no scripts, no links out): a summary, then one table per
    kind of finding; every text is escaped.

    >>> page = to_html([Finding(FindingKind.MISSING, "<a>.txt", 1, "x", "颠覆", ("x",), "")])
    >>> "&lt;a&gt;.txt" in page and "<a>" not in page
    True
    """
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f'<p class="summary">{e(_summary(findings))}</p>',
    ]
    for kind, group in _grouped(findings).items():
        parts.append(f'<section class="{kind.value}">')
        parts.append(
            f'<h2>{e(HEADINGS[kind])} <span class="badge">{len(group)}</span></h2>'
            "<table><thead><tr><th>where</th><th>term</th><th>expected</th><th>found</th>"
            "<th>context</th></tr></thead><tbody>"
        )
        for f in group:
            parts.append(
                f'<tr><td class="where">{e(f.source)}:{e(str(f.segment))}</td>'
                f"<td>{e(f.english)}<br>{e(f.chinese)}</td>"
                f"<td>{'<br>'.join(e(x) for x in f.expected)}</td>"
                f"<td>{e(f.found)}</td>"
                f'<td class="context">{_mark(f.context, f.found)}</td></tr>'
            )
        parts.append("</tbody></table></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


#: ``--format`` name -> writer.
REPORTS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": to_text,
    "json": to_json,
    "html": to_html,
}
