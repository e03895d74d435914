"""A printable glossary: one self-contained HTML page with a print stylesheet.

Entries are grouped under letter headings and read as a printed glossary does: the
headword (the English, or the pinyin when sorted by pinyin), the Chinese in 简 and 繁,
the pinyin, the note and the first source.  Printed (or made into a PDF by
:mod:`glossary.formats.pdf`), pages are A4 or Letter with two columns, running heads
giving the first and last headword on the page, and page numbers (CSS Paged Media:
``string-set`` and ``@page`` margin boxes).  Everything user-supplied is escaped, and
the page loads nothing from anywhere.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence

from glossary.formats import Options, Sort
from glossary.formats.order import heading
from glossary.model import Term

#: Fonts tried for Chinese, simplified and traditional (Noto CJK, then common system fonts).
CJK_SC = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "SimSun", "PingFang SC"'
CJK_TC = '"Noto Serif CJK TC", "Noto Sans CJK TC", "Source Han Serif TC", "PMingLiU", "PingFang TC"'

STYLE = """
:root { --ink: #1a1a1a; --muted: #5b5b5b; --rule: #b8b8b8; }
html { color: var(--ink); font: 10pt/1.35 "Noto Serif", "DejaVu Serif", Georgia, serif; }
body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
:lang(zh-Hans) { font-family: %(sc)s, serif; }
:lang(zh-Hant) { font-family: %(tc)s, serif; }
h1 { font-size: 20pt; margin: 0 0 .2em; column-span: all; }
p.about { color: var(--muted); margin: 0 0 1.2em; column-span: all; }
main { columns: 2; column-gap: 2.4em; column-rule: .5pt solid var(--rule); }
h2.letter { font-size: 15pt; margin: .6em 0 .2em; border-bottom: .5pt solid var(--rule);
  break-after: avoid; page-break-after: avoid; }
h2.letter:first-child { margin-top: 0; }
div.entry { margin: 0 0 .45em; padding-left: 1.2em; text-indent: -1.2em;
  break-inside: avoid; page-break-inside: avoid; }
.head { font-weight: bold; string-set: headword content(); }
.abbr, .src, .sep { color: var(--muted); }
.zh { font-size: 11pt; }
.py { font-style: italic; }
.note { display: block; text-indent: 0; font-size: 9pt; }
.src { display: block; text-indent: 0; font-size: 8pt; overflow-wrap: anywhere; }
@page {
  size: %(paper)s; margin: 20mm 16mm 18mm;
  @top-left { content: string(headword, first); font: bold 9pt serif; width: 47%%;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  @top-right { content: string(headword, last); font: bold 9pt serif; width: 47%%;
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis; text-align: right; }
  @bottom-left { content: "%(title_css)s"; font: 8pt serif; color: #5b5b5b; }
  @bottom-right { content: counter(page) " / " counter(pages); font: 8pt serif; }
}
@media print { body { margin: 0; max-width: none; padding: 0; } }
@media screen and (max-width: 40rem) { main { columns: 1; } }
"""


def _css_string(text: str) -> str:
    """``text`` safe inside a CSS double-quoted string (and inside a <style> element)."""
    return "".join(c if c.isalnum() or c in " -_.,:;()'" else f"\\{ord(c):x} " for c in text)


def _zh(simplified: str, traditional: str) -> str:
    """简 and 繁 side by side (繁 only where it differs), each marked with its language."""
    out = f'<span class="zh" lang="zh-Hans">{html.escape(simplified)}</span>' if simplified else ""
    if traditional and traditional != simplified:
        out += ' <span class="sep">/</span> ' if out else ""
        out += f'<span class="zh" lang="zh-Hant">{html.escape(traditional)}</span>'
    return out


def entry(term: Term, sort: Sort) -> str:
    """One entry as HTML: headword, Chinese (简, 繁), pinyin, note, first source.

    >>> page = entry(Term("<sub>", "颠覆", "顛覆", "diānfù"), Sort.ENGLISH)
    >>> print(page.replace(" <span", "\\n<span"))
    <div class="entry"><span class="head">&lt;sub&gt;</span>
    <span class="zh" lang="zh-Hans">颠覆</span>
    <span class="sep">/</span>
    <span class="zh" lang="zh-Hant">顛覆</span>
    <span class="py">diānfù</span></div>
    """
    e = html.escape
    abbr = f' <span class="abbr">({e(term.abbreviation)})</span>' if term.abbreviation else ""
    pinyin = f'<span class="py">{e(term.pinyin)}</span>' if term.pinyin else ""
    if sort is Sort.PINYIN and term.pinyin:
        parts = [
            f'<span class="head">{e(term.pinyin)}</span>',
            _zh(term.chinese, term.traditional),
            f"{e(term.english)}{abbr}",
        ]
    else:
        parts = [
            f'<span class="head">{e(term.english or term.abbreviation)}</span>'
            + (abbr if term.english else ""),
            _zh(term.chinese, term.traditional),
            pinyin,
        ]
    tail = f'<span class="note">{e(term.note)}</span>' if term.note else ""
    if term.occurrences:
        first = term.occurrences[0]
        name = (first.source or "-").replace("\\", "/").rsplit("/", 1)[-1]
        tail += f'<span class="src" title="{e(first.sources_label)}">{e(name)}:{first.line}</span>'
    return '<div class="entry">' + " ".join(p for p in parts if p) + tail + "</div>"


def document(terms: Sequence[Term], options: Options) -> str:
    """The whole page: title, count, and the entries under their letter headings."""
    sort = options.sort or Sort.ENGLISH
    style = STYLE % {
        "sc": CJK_SC,
        "tc": CJK_TC,
        "paper": "letter" if options.paper.casefold() == "letter" else "A4",
        "title_css": _css_string(options.title),
    }
    body: list[str] = []
    groups: Iterable[tuple[str, Iterable[Term]]]
    if sort is Sort.SOURCE:
        groups = [("", terms)]
    else:
        groups = itertools.groupby(terms, key=lambda t: heading(t, sort))
    for letter, group in groups:
        if letter:
            body.append(f'<h2 class="letter" id="letter-{letter}">{letter}</h2>')
        body.extend(entry(t, sort) for t in group)
    order = {Sort.ENGLISH: "English", Sort.PINYIN: "pinyin", Sort.SOURCE: "source"}[sort]
    count = f"{len(terms)} {'entry' if len(terms) == 1 else 'entries'}, by {order}"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(options.title)}</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            f"<h1>{html.escape(options.title)}</h1>",
            f'<p class="about">{count}</p>',
            "<main>",
            *body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def write(terms: Sequence[Term], options: Options | None = None) -> str:
    """Terms as a printable HTML page (sorted by English unless ``options.sort`` says).

    >>> page = write([Term("subversion", "颠覆", "顛覆", "diānfù")])
    >>> '<h2 class="letter" id="letter-S">S</h2>' in page
    True
    """
    opts = options or Options()
    if opts.sort is None:
        from glossary.formats import sort_terms

        opts = opts._replace(sort=Sort.ENGLISH)
        terms = sort_terms(terms, Sort.ENGLISH)
    return document(terms, opts)
