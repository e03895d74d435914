"""The data model: :class:`Term` (one glossary entry) and :class:`Occurrence` (where it stood).

Every stage speaks these types: the extractor yields terms with one occurrence each, the
normaliser fills in the script and pinyin fields, the :class:`~glossary.glossary.Glossary`
merges terms and their occurrences, and the formats write and read them.
The classes are frozen and slotted: ``replace`` derives a changed copy.  They compare,
hash, pickle and match (``case Term(english, chinese)``) by their fields, which
``__match_args__`` lists in order.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from operator import attrgetter

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import Any, ClassVar, Self

#: Sets an attribute on a frozen instance (what ``__init__`` does, and nothing else may).
_set = object.__setattr__


class _Value:
    """What the model's classes share: frozen and slotted, compared and hashed by their
    fields, pickled as a tuple of them, changed only by :meth:`replace`.

    Written out rather than made with :mod:`dataclasses`: that module imports
    :mod:`inspect`, which alone costs almost an empty interpreter's start-up, and every
    ``glossary lookup`` pays it (see docs/scale.md).  A subclass lists its fields in
    ``__match_args__`` (in order, as ``__init__`` takes them) and what equality weighs in
    ``_compared``.
    """

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]] = ()
    #: The fields equality and the hash weigh (by default all of them).
    _compared: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Any]
    _key: ClassVar[Any]
    _index: ClassVar[dict[str, int]]

    def __init_subclass__(cls) -> None:
        cls._values = attrgetter(*cls.__match_args__)
        cls._key = attrgetter(*(cls._compared or cls.__match_args__))
        cls._index = {name: k for k, name in enumerate(cls.__match_args__)}

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes`` applied (an unknown field is a TypeError).

        >>> Candidate("subversion", 0.5).replace(score=0.9)
        Candidate(text='subversion', score=0.9, signals=())
        """
        # (the fields by position, not by keyword: replace is on the path of every
        # paragraph replayed, see glossary.extraction.paragraphs)
        values = list(self._values(self))
        for name, value in changes.items():
            k = self._index.get(name)
            if k is None:
                raise TypeError(f"{type(self).__name__} has no field {name!r}")
            values[k] = value
        return type(self)(*values)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return bool(self._key(self) == self._key(other))

    def __hash__(self) -> int:
        return hash(self._key(self))

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{name}={value!r}"
            for name, value in zip(self.__match_args__, self._values(self), strict=True)
        )
        return f"{type(self).__qualname__}({fields})"

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), self._values(self)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: use .replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: use .replace()")


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


class Candidate(_Value):
    """A span the extractor weighed for one bracket: its text, its score and the signals for it.

    An occurrence lists its candidates best first; the first is the one chosen.

    >>> Candidate("subversion", 0.94, ("quotes", "cedict")).signals
    ('quotes', 'cedict')
    """

    __slots__ = __match_args__ = ("text", "score", "signals")
    text: str
    score: float
    signals: tuple[str, ...]

    def __init__(self, text: str, score: float, signals: tuple[str, ...] = ()) -> None:
        _set(self, "text", text)
        _set(self, "score", score)
        _set(self, "signals", signals)


class Occurrence(_Value):
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

    __slots__ = __match_args__ = (
        "source",
        "line",
        "start",
        "end",
        "english",
        "chinese",
        "abbreviation",
        "pinyin",
        "context",
        "direction",
        "confidence",
        "candidates",
    )
    source: str | None
    line: int
    start: int
    end: int
    english: str
    chinese: str
    abbreviation: str
    pinyin: str
    context: str
    direction: Direction
    confidence: float | None
    candidates: tuple[Candidate, ...]

    def __init__(
        self,
        source: str | None,
        line: int,
        start: int,
        end: int,
        english: str,
        chinese: str = "",
        abbreviation: str = "",
        pinyin: str = "",
        context: str = "",
        direction: Direction = Direction.EN_ZH,
        confidence: float | None = None,
        candidates: tuple[Candidate, ...] = (),
    ) -> None:
        _set(self, "source", source)
        _set(self, "line", line)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "english", english)
        _set(self, "chinese", chinese)
        _set(self, "abbreviation", abbreviation)
        _set(self, "pinyin", pinyin)
        _set(self, "context", context)
        _set(self, "direction", direction)
        _set(self, "confidence", confidence)
        _set(self, "candidates", candidates)

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


class Term(_Value):
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

    __slots__ = __match_args__ = (
        "english",
        "chinese",
        "traditional",
        "pinyin",
        "abbreviation",
        "kind",
        "given_pinyin",
        "note",
        "status",
        "domain",
        "occurrences",
        "confidence",
    )
    #: Where a term was found, and how sure the extractor was, do not make it another term.
    _compared = __match_args__[:-2]
    english: str
    chinese: str
    traditional: str
    pinyin: str
    abbreviation: str
    kind: Kind
    given_pinyin: str
    note: str
    status: Status | None
    domain: str
    occurrences: tuple[Occurrence, ...]
    confidence: float | None

    def __init__(
        self,
        english: str,
        chinese: str = "",
        traditional: str = "",
        pinyin: str = "",
        abbreviation: str = "",
        kind: Kind = Kind.TRANSLATION,
        given_pinyin: str = "",
        note: str = "",
        status: Status | None = None,
        domain: str = "",
        occurrences: tuple[Occurrence, ...] = (),
        confidence: float | None = None,
    ) -> None:
        _set(self, "english", english)
        _set(self, "chinese", chinese)
        _set(self, "traditional", traditional)
        _set(self, "pinyin", pinyin)
        _set(self, "abbreviation", abbreviation)
        _set(self, "kind", kind)
        _set(self, "given_pinyin", given_pinyin)
        _set(self, "note", note)
        _set(self, "status", status)
        _set(self, "domain", domain)
        _set(self, "occurrences", occurrences)
        _set(self, "confidence", confidence)

    def with_occurrences(self, occurrences: Iterable[Occurrence]) -> Term:
        """A copy whose occurrences are ``occurrences`` (in the order given)."""
        return self.replace(occurrences=tuple(occurrences))

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct sources this term was found in, in order of first appearance."""
        return tuple(dict.fromkeys(o.source or "-" for o in self.occurrences))
