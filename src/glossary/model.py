"""The data model: :class:`Term` (one glossary entry) and :class:`Occurrence` (where it stood).

Every stage speaks these types: the extractor yields terms with one occurrence each, the
normaliser fills in the script and pinyin fields, the :class:`~glossary.glossary.Glossary`
merges terms and their occurrences, and the formats write and read them.
Both classes are frozen and slotted: use :meth:`Term.replace` to derive a changed copy.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Kind(enum.Enum):
    """What a bracket taught us about the English phrase before it."""

    #: ``“subversion” (颠覆)``: the Chinese renders an English phrase.
    TRANSLATION = "translation"
    #: ``Shanghai Cooperation Organization (SCO)``: an abbreviation and its long form.
    ACRONYM = "acronym"
    #: ``Xinhua (New China News Agency)``: an English gloss of a name, no Chinese.
    GLOSS = "gloss"
    #: ``involution (neijuan)``: a romanised term with no Chinese characters.
    ROMANISATION = "romanisation"


class Direction(enum.Enum):
    """Which language the prose around a bracket is in, and so which side the bracket holds."""

    #: English prose, Chinese in the bracket: ``the Ministry of State Security (国家安全部)``.
    EN_ZH = "en-zh"
    #: Chinese prose, English in the bracket: ``国家安全部（Ministry of State Security）``.
    ZH_EN = "zh-en"


class Status(enum.Enum):
    """A translator's verdict on an entry (TBX ``administrativeStatus`` style)."""

    #: The rendering to use.
    PREFERRED = "preferred"
    #: Acceptable, but not the first choice.
    ADMITTED = "admitted"
    #: Seen in the wild; do not use.
    DEPRECATED = "deprecated"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span the extractor weighed for one bracket: its text, its score and the signals for it.

    An occurrence lists its candidates best first; the first is the one chosen.

    >>> Candidate("subversion", 0.94, ("quotes", "cedict")).signals
    ('quotes', 'cedict')
    """

    text: str
    score: float
    signals: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place a term was found: the source, its position and the text exactly as it stood.

    ``start`` and ``end`` are character offsets into the source text covering the English
    phrase through the closing bracket; ``line`` is 1-based and names the line the
    bracket opens on.  ``english``, ``chinese``, ``abbreviation`` and ``pinyin`` are the
    surface forms found there, before any normalisation.  ``direction`` says which side
    of the bracket the prose was on; ``confidence`` (0 to 1) is how sure the extractor was
    of this pair, and ``candidates`` the spans it weighed, the chosen one first.

    >>> Occurrence("seed.txt", 3, 10, 24, "subversion", "颠覆").sources_label
    'seed.txt:3'
    """

    source: str | None
    line: int
    start: int
    end: int
    english: str
    chinese: str = ""
    abbreviation: str = ""
    pinyin: str = ""
    context: str = ""
    direction: Direction = Direction.EN_ZH
    confidence: float | None = None
    candidates: tuple[Candidate, ...] = ()

    @property
    def sources_label(self) -> str:
        """``source:line``, the short form used in tables and TSV files."""
        return f"{self.source or '-'}:{self.line}"


#: The fields of a :class:`Term` that every format writes and the index stores, in column
#: order (the occurrences are written each format its own way).
TERM_FIELDS = (
    "english",
    "chinese",
    "traditional",
    "pinyin",
    "abbreviation",
    "kind",
    "given_pinyin",
    "status",
    "domain",
    "note",
    "confidence",
)


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry: an English phrase with its Chinese, scripts, pinyin and provenance.

    ``chinese`` is the simplified form and ``traditional`` the traditional form (the
    normalisation stage fills both; straight from the extractor ``chinese`` is the text
    as found).  ``pinyin`` is tone-marked pinyin written by GB/T 16159; ``given_pinyin`` is
    romanisation the author printed beside the Chinese.  ``note``, ``status`` and
    ``domain`` are curated by hand and survive merging.  ``confidence`` (0 to 1, or None
    for an entry written by hand) is the extractor's confidence in its best occurrence.

    >>> t = Term("global strategic stability", "全球战略稳定")
    >>> t.replace(traditional="全球戰略穩定").traditional
    '全球戰略穩定'
    """

    english: str
    chinese: str = ""
    traditional: str = ""
    pinyin: str = ""
    abbreviation: str = ""
    kind: Kind = Kind.TRANSLATION
    given_pinyin: str = ""
    note: str = ""
    status: Status | None = None
    domain: str = ""
    occurrences: tuple[Occurrence, ...] = field(default=(), compare=False)
    confidence: float | None = field(default=None, compare=False)

    def replace(self, **changes: Any) -> Term:
        """A copy of this term with ``changes`` applied (the dataclass is frozen)."""
        return dataclasses.replace(self, **changes)

    def with_occurrences(self, occurrences: Iterable[Occurrence]) -> Term:
        """A copy whose occurrences are ``occurrences`` (in the order given)."""
        return dataclasses.replace(self, occurrences=tuple(occurrences))

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources this term was found in, in order of first appearance."""
        return tuple(dict.fromkeys(o.source or "-" for o in self.occurrences))
