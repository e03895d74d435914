"""Showing lookup results to people: aligned tables that fit the terminal, and JSON.

Every cell goes through :func:`safe`, so a glossary file cannot move the cursor, recolour
or retitle the terminal: control characters, ANSI/OSC escape sequences and bidirectional
overrides are shown as escapes (``\\x1b``), never sent raw.  Columns are measured in
display width (a Chinese character takes two columns).  Given a ``width`` (the CLI passes
the terminal's), a table that would be wider is narrowed: long cells wrap onto more lines,
the sources column is cut with ``…``; piped output keeps every cell whole.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from glossary.lookup.search import Match
from glossary.model import Term

#: Invisible characters that reorder or hide text: shown escaped like control characters.
_BIDI = frozenset(
    "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
#: Columns between two table columns.
GAP = 2
#: The narrowest a column is squeezed to (unless its content is narrower).
MIN_COLUMN = 8


def safe(text: str) -> str:
    r"""``text`` with control characters and bidi overrides escaped, safe to print.

    >>> print(safe("subversion\x1b]0;pwned\x07 颠覆\u202e"))
    subversion\x1b]0;pwned\x07 颠覆\u202e
    """
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c in _NAMED:
            out.append(_NAMED[c])
        elif unicodedata.category(c) == "Cc" or c in _BIDI:
            o = ord(c)
            out.append(f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")
        else:
            out.append(c)
    return "".join(out)


def _char_width(c: str) -> int:
    if unicodedata.combining(c) or c in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two,
    combining marks none.

    >>> display_width("颠覆 subversion")
    15
    """
    if text.isascii():
        return len(text)
    return sum(map(_char_width, text))


#: The longest word a column is kept wide enough to hold whole.
MAX_WORD = 16


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _split(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces where possible."""
    lines: list[str] = []
    line, used = "", 0
    for word in text.split(" "):
        w = display_width(word)
        if line and used + 1 + w <= width:
            line, used = f"{line} {word}", used + 1 + w
            continue
        if line:
            lines.append(line)
            line, used = "", 0
        for c in word:  # a word wider than the column is broken where it must be
            cw = _char_width(c)
            if used + cw > width and line:
                lines.append(line)
                line, used = "", 0
            line, used = line + c, used + cw
    lines.append(line)
    return lines


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in ``…`` when cut."""
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for c in text:
        if used + _char_width(c) > width - 1:
            break
        out, used = out + c, used + _char_width(c)
    return out + "…"


def fit_widths(
    natural: Sequence[int], floor: Sequence[int], width: int, first: Iterable[int] = ()
) -> list[int]:
    """Column widths no wider than ``natural`` that fit ``width`` with the gaps: the
    columns ``first`` narrowed first, then the widest, none below its ``floor``.

    >>> fit_widths([10, 50, 13], [7, 7, 5], 60)
    [10, 33, 13]
    >>> fit_widths([30, 50, 13], [7, 7, 5], 40, first=[1])
    [16, 7, 13]
    """
    widths = list(natural)
    room = width - GAP * (len(widths) - 1)
    for i in first:
        widths[i] = max(floor[i], widths[i] - max(0, sum(widths) - room))
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: (widths[k] - floor[k] > 0, widths[k]))
        if widths[i] <= floor[i]:
            break  # cannot fit: the terminal wraps what is left
        others = max((w for k, w in enumerate(widths) if k != i), default=0)
        excess = sum(widths) - room
        widths[i] -= max(1, min(excess, widths[i] - max(floor[i], others)))
    return widths


def format_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    width: int | None = None,
    cut: Sequence[int] = (),
) -> str:
    """Rows as aligned columns (CJK-aware), a header and a rule under it; cells escaped
    by :func:`safe`.  Given ``width``, long cells wrap (or, in the columns ``cut``, are cut
    with ``…``) so each line fits.

    >>> print(format_table(["English", "简"], [["subversion", "颠覆"]]))
    English     简
    ----------  ----
    subversion  颠覆
    >>> print(format_table(["English", "简"], [["global strategic stability", "全球战略稳定"]], 30))
    English           简
    ----------------  ------------
    global strategic  全球战略稳定
    stability
    """
    body = [[safe(c) for c in header], *([safe(c) for c in r] for r in rows)]
    natural = [max(display_width(r[i]) for r in body) for i in range(len(header))]
    widths = natural
    if width is not None:
        # no column narrower than its header or its longest Latin word (up to MAX_WORD),
        # so words wrap whole: "international", not "internationa" and "l" (Chinese,
        # with no spaces, may break between any two characters)
        longest = [
            min(
                MAX_WORD,
                max((len(w) for r in body[1:] for w in r[i].split() if w.isascii()), default=0),
            )
            for i in range(len(header))
        ]
        floor = [
            min(n, max(MIN_COLUMN, display_width(h), word))
            for n, h, word in zip(natural, body[0], longest, strict=True)
        ]
        if sum(floor) + GAP * (len(floor) - 1) > width:  # too narrow for whole words
            floor = [
                min(n, max(MIN_COLUMN, display_width(h)))
                for n, h in zip(natural, body[0], strict=True)
            ]
        widths = fit_widths(natural, floor, width, first=cut)
    cuts = set(cut)
    lines: list[str] = []
    rows_of_lines = [
        [
            [_cut(c, w)] if i in cuts else _split(c, w) if display_width(c) > w else [c]
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        for row in body
    ]
    wrapped = any(len(c) > 1 for cells in rows_of_lines[1:] for c in cells)
    for n, cells in enumerate(rows_of_lines):
        if wrapped and n > 1:
            lines.append("")  # entries of several lines each, told apart
        for k in range(max(map(len, cells))):
            parts = [
                _pad(c[k] if k < len(c) else "", w) for c, w in zip(cells, widths, strict=True)
            ]
            lines.append((" " * GAP).join(parts).rstrip())
        if n == 0:
            lines.append((" " * GAP).join("-" * w for w in widths))
    return "\n".join(lines)


def _english_cell(term: Term) -> str:
    if term.abbreviation and term.english:
        return f"{term.english} ({term.abbreviation})"
    return term.english or term.abbreviation


def _sources_cell(term: Term) -> str:
    return ", ".join(s.rsplit("/", 1)[-1] for s in term.sources)


def format_matches_table(matches: Sequence[Match], width: int | None = None) -> str:
    """Lookup results as a table: English, 简, 繁, pinyin, sources and why each matched
    (fitted to ``width`` columns if given, the sources cut first).

    >>> from glossary.lookup.search import Tier
    >>> m = Match(Term("subversion", "颠覆", "顛覆", "diānfù"), Tier.EXACT, 1.0, "exact Chinese")
    >>> print(format_matches_table([m]))
    English     简    繁    pinyin  sources  match
    ----------  ----  ----  ------  -------  -------------
    subversion  颠覆  顛覆  diānfù           exact Chinese
    """
    if not matches:
        return "no match"
    header = ["English", "简", "繁", "pinyin", "sources", "match"]
    rows = [
        [
            _english_cell(m.term),
            m.term.chinese,
            m.term.traditional,
            m.term.pinyin,
            _sources_cell(m.term),
            m.reason,
        ]
        for m in matches
    ]
    return format_table(header, rows, width, cut=[4])


def match_to_record(match: Match) -> dict[str, object]:
    """A match as a JSON-ready dict: the entry's fields, its sources and why it matched.

    >>> from glossary.lookup.search import Tier
    >>> match_to_record(Match(Term("subversion", "颠覆"), Tier.EXACT, 1.0, "exact Chinese"))["tier"]
    'exact'
    """
    t = match.term
    return {
        "english": t.english,
        "chinese": t.chinese,
        "traditional": t.traditional,
        "pinyin": t.pinyin,
        "abbreviation": t.abbreviation,
        "kind": t.kind.value,
        "status": t.status.value if t.status else None,
        "domain": t.domain,
        "note": t.note,
        "sources": [o.sources_label for o in t.occurrences],
        "tier": match.tier.name.lower(),
        "score": round(match.score, 3),
        "reason": match.reason,
    }


def json_text(doc: object) -> str:
    """``doc`` as indented JSON, UTF-8 characters kept, except those that could act on a
    terminal (control characters, DEL, C1 controls, bidi overrides), which JSON escapes.

    >>> print(json_text({"english": "a\x1b[31mb\u202e"}))
    {
      "english": "a\\u001b[31mb\\u202e"
    }
    """
    import json

    text = json.dumps(doc, ensure_ascii=False, indent=2)
    if text.isprintable() or all(c == "\n" or c.isprintable() for c in text):
        return text
    return "".join(c if c == "\n" or c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def matches_to_json(matches: Sequence[Match]) -> str:
    """Lookup results as a JSON array (UTF-8 characters kept), one object per match.

    >>> from glossary.lookup.search import Tier
    >>> m = Match(Term("subversion", "颠覆"), Tier.EXACT, 1.0, "exact Chinese")
    >>> print(matches_to_json([m])[:55])
    [
      {
        "english": "subversion",
        "chinese": "颠覆",
    """
    return json_text([match_to_record(m) for m in matches])
