"""Orders for written glossaries (by English, by pinyin, by source) and their letter headings.

Pinyin order is a dictionary's: syllable by syllable, the letters first (``ü`` after
``u``), then the tone (1-4, neutral last), and the characters last of all, so that
``ān`` < ``àn`` < ``bā`` and 安全 comes before 暗中.  Entries without pinyin follow
those with it, by English.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from glossary.formats import Sort

if TYPE_CHECKING:
    from glossary.model import Term


def english_key(term: Term) -> tuple[str, str, str]:
    """Sort key by English: letters and digits case-folded, accents and leading marks ignored.

    >>> from glossary.model import Term
    >>> english_key(Term("“Subversion”", "颠覆"))[0]
    'subversion'
    """
    text = term.english or term.abbreviation
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c)
    )
    return (
        " ".join("".join(c for c in folded if c.isalnum() or c == " ").split()),
        text,
        term.chinese,
    )


def pinyin_key(term: Term) -> tuple[Any, ...]:
    """Sort key by pinyin: (letters, tone) per syllable, then the characters.

    >>> from glossary.model import Term
    >>> pinyin_key(Term("security", "安全", pinyin="ānquán"))[:2]
    (0, (('an', 1), ('quan', 2)))
    """
    from glossary.pinyin import syllables

    if not term.pinyin:
        return (1, (), english_key(term))
    return (0, tuple(syllables(term.pinyin)), term.chinese, english_key(term))


def source_key(term: Term) -> tuple[Any, ...]:
    """Sort key by first source: file, then line; entries without a source last.

    >>> from glossary.model import Occurrence, Term
    >>> source_key(Term("x", "颠覆", occurrences=(Occurrence("b.txt", 3, 0, 0, "x"),)))
    (0, 'b.txt', 3)
    """
    if not term.occurrences:
        return (1, "", 0)
    first = min((o.source or "", o.line) for o in term.occurrences)
    return (0, *first)


def heading(term: Term, sort: Sort) -> str:
    """The letter heading an entry files under: ``A``-``Z``, or ``#`` for anything else.

    >>> from glossary.model import Term
    >>> heading(Term("nuclear sharing", "核共享", pinyin="hé gòngxiǎng"), Sort.PINYIN)
    'H'
    """
    if sort is Sort.PINYIN and term.pinyin:
        key = pinyin_key(term)[1]
        first = key[0][0][:1] if key else ""
    else:
        first = english_key(term)[0][:1]
    first = first.upper()
    return first if "A" <= first <= "Z" else "#"


#: Sort -> key function.
KEYS: dict[Sort, Callable[[Term], Any]] = {
    Sort.ENGLISH: english_key,
    Sort.PINYIN: pinyin_key,
    Sort.SOURCE: source_key,
}
