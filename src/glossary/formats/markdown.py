"""Markdown: one table, every cell escaped, for a README, a wiki or a pull request.

Columns: English, 简体, 繁體, pinyin, note, source.  A ``|``, backslash, backtick, ``*``,
``_``, ``[``, ``<`` or ``&`` in a cell is escaped and a line break becomes ``<br>``, so a
term can neither break the table nor inject HTML into the rendered page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.formats import Options
from glossary.model import Term

_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def cell(text: str) -> str:
    """A Markdown table cell showing ``text`` literally.

    >>> cell("a|b <script>")
    'a\\\\|b &lt;script&gt;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def write(terms: Iterable[Term], options: Options | None = None) -> str:
    """Terms as a Markdown table.

    >>> print(write([Term("subversion", "颠覆", "顛覆", "diānfù")]).splitlines()[2])
    | subversion | 颠覆 | 顛覆 | diānfù |  |  |
    """
    lines = ["| English | 简体 | 繁體 | Pinyin | Note | Source |", "|---|---|---|---|---|---|"]
    for t in terms:
        english = t.english + (f" ({t.abbreviation})" if t.abbreviation else "")
        first = t.occurrences[0].sources_label if t.occurrences else ""
        cells = (english, t.chinese, t.traditional, t.pinyin, t.note, first)
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
