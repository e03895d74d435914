"""The check stage: glossary terms found in documents, translations checked against a
glossary, and English annotated with the Chinese originals.

- :mod:`~glossary.check.english` and :mod:`~glossary.check.chinese`: the matchers
  (Aho–Corasick over folded text; jieba word boundaries for Chinese).
- :mod:`~glossary.check.segments`: bilingual input (line-aligned, TSV, XLIFF, TMX).
- :mod:`~glossary.check.verify`: the checks and their :class:`Finding`.
- :mod:`~glossary.check.annotation` and :mod:`~glossary.check.report`.

>>> from glossary.model import Term
>>> g = [Term("strategic stability", "战略稳定", "戰略穩定", "zhànlüè wěndìng")]
>>> [f.kind.value for f in check_translation([("维护战略穩定", "maintain stability")], g)]
['missing']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from glossary.check.annotation import annotate
from glossary.check.hits import Hit
from glossary.check.segments import Segment, is_bilingual, read_aligned, read_bilingual
from glossary.check.verify import Checker, Finding, FindingKind

if TYPE_CHECKING:
    from glossary.glossary import Glossary
    from glossary.model import Term

__all__ = [
    "Checker",
    "Finding",
    "FindingKind",
    "Hit",
    "Segment",
    "annotate",
    "check_document",
    "check_file",
    "check_translation",
    "find_terms",
    "is_bilingual",
    "read_aligned",
    "read_bilingual",
]


def _checker(glossary: Glossary | Sequence[Term] | Checker | None) -> Checker:
    if isinstance(glossary, Checker):
        return glossary
    if glossary is None:
        from glossary.glossary import Glossary

        glossary = Glossary.default()
    return Checker(glossary)


def find_terms(text: str, glossary: Glossary | Sequence[Term] | Checker | None = None) -> list[Hit]:
    """The glossary terms in ``text`` (English or Chinese), in order; the shipped glossary
    when none is given.

    >>> [h.text for h in find_terms("“Nuclear-sharing” (核共享) is not nuclear sharing-free")]
    ['Nuclear-sharing', '核共享', 'nuclear sharing']
    """
    return _checker(glossary).find(text)


def check_document(
    text: str,
    glossary: Glossary | Sequence[Term] | Checker | None = None,
    source: str = "<text>",
) -> list[Finding]:
    """Findings for one document: each glossary term found, deprecated renderings, near
    misses (see :meth:`Checker.check_document`).

    >>> [(f.kind.value, f.found) for f in check_document("equal and indivisible safety")]
    [('near_miss', 'equal and indivisible safety')]
    """
    return _checker(glossary).check_document(text, source)


def check_translation(
    segments: Iterable[Segment | tuple[str, str]],
    glossary: Glossary | Sequence[Term] | Checker | None = None,
    source: str = "<text>",
) -> list[Finding]:
    """Findings for a translation, segment by segment: segments, or (source, target) pairs
    numbered from 1 (see :meth:`Checker.check_segments`).

    >>> pairs = [("颠覆", "subversion"), ("颠覆活动", "subversive acts")]
    >>> [(f.kind.value, f.segment) for f in check_translation(pairs)]
    [('missing', 2)]
    """
    segs = [
        s if isinstance(s, Segment) else Segment(source, n, s[0], s[1])
        for n, s in enumerate(segments, start=1)
    ]
    return _checker(glossary).check_segments(segs)


def check_file(
    path: str | os.PathLike[str],
    glossary: Glossary | Sequence[Term] | Checker | None = None,
    *,
    source: str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """Check a file: a bilingual file (XLIFF, TMX, TSV), a translation with its line-aligned
    ``source``, or else a document.

    Raises:
        InputError: for a file that cannot be read.
    """
    checker = _checker(glossary)
    if source is not None:
        return checker.check_segments(read_aligned(source, path))
    if is_bilingual(path):
        return checker.check_segments(read_bilingual(path))
    from glossary.formats._io import read_text

    return checker.check_document(read_text(path), os.fspath(path))
