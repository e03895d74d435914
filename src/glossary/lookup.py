"""Lookup: understand a query, index the search keys, rank the matches.

One search box takes English, simplified, traditional or mixed Chinese, or pinyin (tone
marks, tone numbers or none, spaced or not).  The query is read every way it can be and
each reading is searched in its own index:

* English keys are folded (case, quote marks, leading article, hyphens and spaces) and
  stemmed for exact matches (``nuclear-sharing``, ``Global Civilisation Initiative``);
* Chinese keys are folded and mapped to one script with a character table learnt from the
  glossary's own simplified/traditional pairs, so no OpenCC is needed;
* pinyin keys are the toneless letters joined without spaces; tones the query gives are
  checked syllable by syllable against the entry's.

Results come in tiers (:class:`Tier`): exact, prefix, fragment, and fuzzy suggestions only
when nothing else matched.  Every :class:`Match` says why it matched.  Only the standard
library is used: nothing here loads jieba, pypinyin or OpenCC.
"""

from __future__ import annotations

import enum
import functools
import heapq
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple, Protocol

from glossary.model import Term
from glossary.syllables import SYLLABLES

#: Fragment hits gathered per scan (prefix hits are never cut); bounds one-letter queries.
MAX_SCAN_HITS = 20_000

_TONE_OF_MARK = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}
_PINYIN_SEPARATORS = frozenset(" \t'’‘`-‐‑–—·,.;:!?/()")
_VOWEL_START = frozenset("aoe")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")

_QUOTES = "'\"`´‘’‚‛“”„‟«»‹›「」『』＂＇"
_SPACERS = "-‐‑‒–—―_/\\·•.,;:!?()[]{}<>…|"
_ENGLISH_TABLE = str.maketrans({**dict.fromkeys(_QUOTES), **dict.fromkeys(_SPACERS, " ")})
_ARTICLES = frozenset({"the", "a", "an"})
_ASCII_QUOTES = bytes(c for c in _QUOTES.encode("latin-1", "ignore") if c < 128)
_ASCII_SPACES = bytes.maketrans(
    bytes(c for c in _SPACERS.encode("latin-1", "ignore") if c < 128),
    b" " * sum(1 for c in _SPACERS.encode("latin-1", "ignore") if c < 128),
)
_ASCII_ARTICLES = frozenset({b"the", b"a", b"an"})
_ASCII_NOT_LOWER = bytes(c for c in range(128) if not 97 <= c <= 122)
# Tone marks, other combining marks, spaces and the punctuation pinyin carries.
_PINYIN_STRIP = dict.fromkeys(
    [*range(0x300, 0x370), *(ord(c) for c in " '’‘`-‐‑–—·,.;:!?/()…\"“”0123456789")]
)
_SEP = "\x00"


class Tier(enum.IntEnum):
    """How a result matched; lower tiers rank first."""

    #: The whole key: ``颠覆`` finds 颠覆, ``zhan4lve4`` finds 战略.
    EXACT = 0
    #: The key starts with the query: ``全球`` finds 全球战略稳定.
    PREFIX = 1
    #: The key contains the query: ``战略`` finds 全球战略稳定.
    FRAGMENT = 2
    #: A suggestion: ``subverion`` finds subversion, or the tones differ.
    FUZZY = 3


class Match(NamedTuple):
    """One lookup result: the entry, its tier, a score within the tier and why it matched.

    >>> m = Match(Term("subversion", "颠覆"), Tier.EXACT, 1.0, "exact Chinese")
    >>> m.term.chinese, m.tier.name, m.reason
    ('颠覆', 'EXACT', 'exact Chinese')
    """

    term: Term
    tier: Tier
    #: Closeness within the tier, 0..1 (1 is the best).
    score: float
    #: Why it matched, for people: "exact English", "pinyin prefix", "fuzzy: 1 edit".
    reason: str


class Syllable(NamedTuple):
    """A pinyin syllable: toneless letters (``ü`` as ``v``) and a tone.

    ``tone`` is 1-4, 0 for the neutral tone, or ``None`` when the query left it open.

    >>> Syllable("lve", 4)
    Syllable(letters='lve', tone=4)
    """

    letters: str
    tone: int | None


# -- folding ------------------------------------------------------------------------------


def fold_english(text: str) -> str:
    """English as compared: NFKC, case folded, quotes dropped, punctuation and hyphens as
    spaces, one leading article dropped, single spaces.

    >>> fold_english("The “Nuclear-Sharing” (核共享)")
    'nuclear sharing 核共享'
    """
    if text.isascii():  # the common case, done on bytes at C speed
        raw = text.encode().lower().translate(_ASCII_SPACES, _ASCII_QUOTES).split()
        if len(raw) > 1 and raw[0] in _ASCII_ARTICLES:
            del raw[0]
        return b" ".join(raw).decode()
    words = unicodedata.normalize("NFKC", text).casefold().translate(_ENGLISH_TABLE).split()
    if len(words) > 1 and words[0] in _ARTICLES:
        del words[0]
    return " ".join(words)


def _stem(word: str) -> str:
    # Light and symmetric: the same stem on both sides is all that matters, so collisions
    # such as "unit"/"united" only add candidates that rank below the surface-exact ones.
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word.replace("isation", "ization") if "isation" in word else word
    last = w[-1]
    if last == "s":
        if w.endswith("ies") and len(w) > 4:
            w = w[:-3] + "y"
        elif w.endswith(("sses", "xes", "zes", "ches", "shes")):
            w = w[:-2]
        elif not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        last = w[-1]
    if last == "g" and w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif last == "d" and w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w[-1] == "e" and len(w) > 3:
        w = w[:-1]
    last = w[-1]
    if last == "s" and w.endswith(("is", "ys")):  # British -ise/-yse as American -ize/-yze
        w = w[:-1] + "z"
    elif last == "r" and w.endswith("our") and len(w) > 4:
        w = w[:-2] + "r"
    elif last == "r" and w.endswith("tr"):  # centre/center once the final e went
        w = w[:-1] + "er"
    return w


_cached_stem = functools.lru_cache(maxsize=1 << 16)(_stem)


def _stem_key(folded: str) -> str:
    """The stemmed, space-free key of already folded English."""
    return "".join(map(_cached_stem, folded.split()))


def english_key(text: str) -> str:
    """The exact-match key of English: folded, each word stemmed, spaces and hyphens gone.

    Plurals, ``-ing``/``-ed`` and British/American ``-ise``/``-ize`` fold together.

    >>> english_key("Global Civilisation Initiatives")
    'globalcivilizationinitiativ'
    >>> english_key("the global civilization initiative")
    'globalcivilizationinitiativ'
    """
    return _stem_key(fold_english(text))


def search_keys(english: str, pinyin: str) -> tuple[str, str, str]:
    """The search keys a glossary file stores for an entry: its folded English
    (:func:`fold_english`), its exact-match key (:func:`english_key`) and its toneless
    pinyin key (:func:`pinyin_key`).  Pure string work: no jieba, pypinyin or OpenCC.

    >>> search_keys("The Global Civilisation Initiatives", "Quánqiú Wénmíng Chàngyì")
    ('global civilisation initiatives', 'globalcivilizationinitiativ', 'quanqiuwenmingchangyi')
    """
    folded = fold_english(english)
    return folded, _stem_key(folded), pinyin_key(pinyin) if pinyin else ""


def is_han(char: str) -> bool:
    """Whether ``char`` is a Han character (CJK unified or compatibility ideograph).

    >>> is_han("战"), is_han("z")
    (True, False)
    """
    o = ord(char)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x3134F
        or 0xF900 <= o <= 0xFAFF
        or o == 0x3007
    )


def fold_chinese(text: str) -> str:
    """Chinese as compared: NFKC, case folded, only letters and digits (no punctuation,
    spaces or ellipses).

    >>> fold_chinese("密切 … 协调和配合")
    '密切协调和配合'
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isalnum() or not folded:
        return folded
    return "".join([c for c in folded if c.isalnum()])


def pinyin_key(text: str) -> str:
    """The pinyin search key: toneless letters, ``ü`` as ``v``, no spaces or apostrophes.

    >>> pinyin_key("Quánqiú Zhànlüè")
    'quanqiuzhanlve'
    """
    if text.isascii():
        return text.encode().lower().replace(b"u:", b"v").translate(None, _ASCII_NOT_LOWER).decode()
    s = unicodedata.normalize("NFD", text).lower().replace("u\u0308", "v").replace("u:", "v")
    stripped = s.translate(_PINYIN_STRIP)
    if stripped.isascii() and stripped.isalpha():
        return stripped
    return "".join([c for c in stripped if c in _LOWER])


# -- pinyin parsing -----------------------------------------------------------------------


@functools.cache
def _syllable_prefixes() -> frozenset[str]:
    """Every beginning of a syllable (made on first use: it costs a start-up otherwise)."""
    return frozenset(s[:i] for s in SYLLABLES for i in range(1, len(s) + 1))


def _segment(run: str, marks: dict[int, int], partial: bool) -> list[tuple[int, int]] | None:
    """Split a letter run into syllable spans, fewest syllables first, one mark per syllable."""
    n = len(run)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, -1)
    for i in range(n):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, min(n, i + 7) + 1):
            piece = run[i:j]
            cost = here[0] + 1.0
            if piece in SYLLABLES:
                pass
            elif len(piece) > 1 and piece[-1] == "r" and piece[:-1] in SYLLABLES:
                cost += 0.3
            elif partial and j == n and piece in _syllable_prefixes():
                cost += 2.0
            else:
                continue
            if i and piece[0] in _VOWEL_START:
                cost += 0.5  # a vowel-initial syllable inside a word wants an apostrophe
            if sum(1 for k in range(i, j) if k in marks) > 1:
                continue
            old = best[j]
            if old is None or cost < old[0]:
                best[j] = (cost, i)
    if best[n] is None:
        return None
    spans = []
    j = n
    while j > 0:
        entry = best[j]
        assert entry is not None
        spans.append((entry[1], j))
        j = entry[1]
    spans.reverse()
    return spans


def parse_pinyin(
    text: str, *, unmarked: int | None = None, partial: bool = False, strict: bool = True
) -> tuple[Syllable, ...] | None:
    """Read pinyin written with tone marks, tone numbers, both or neither.

    Syllables are split at spaces, apostrophes, hyphens and tone numbers, and inside a run
    of letters into the fewest valid syllables.  ``v``, ``u:`` and ``ü`` are the same
    letter; ``5`` or ``0`` is the neutral tone.

    Args:
        text: the pinyin.
        unmarked: the tone of a syllable with no mark or number (``None``: any tone, as
            in a query; ``0``: neutral, as in a glossary's tone-marked pinyin).
        partial: let the last syllable be unfinished (``zhanl``), for prefix search.
        strict: return ``None`` for text that is not pinyin; if false, an unreadable
            run becomes one syllable with tone ``None``.

    Returns:
        The syllables, or ``None`` if ``text`` is not pinyin.

    >>> [tuple(s) for s in parse_pinyin("zhànlüè wen3ding")]
    [('zhan', 4), ('lve', 4), ('wen', 3), ('ding', None)]
    """
    s = unicodedata.normalize("NFD", text).lower().replace("u:", "v")
    out: list[Syllable] = []
    letters: list[str] = []
    marks: dict[int, int] = {}

    def flush(final_tone: int | None, last: bool) -> bool:
        if not letters:
            return True
        run = "".join(letters)
        spans = _segment(run, marks, partial and last)
        if spans is None:
            if strict:
                return False
            spans = [(0, len(run))]
            tones: list[int | None] = [None]
        else:
            tones = []
            for i, j in spans:
                tone = next((marks[k] for k in range(i, j) if k in marks), unmarked)
                tones.append(tone)
            if final_tone is not None:
                tones[-1] = final_tone
        out.extend(Syllable(run[i:j], t) for (i, j), t in zip(spans, tones, strict=True))
        letters.clear()
        marks.clear()
        return True

    for c in s:
        if c in _LOWER:
            letters.append(c)
        elif c == "\u0308":
            if letters and letters[-1] == "u":
                letters[-1] = "v"
        elif c in _TONE_OF_MARK:
            if not letters:
                return None
            marks[len(letters) - 1] = _TONE_OF_MARK[c]
        elif c in "012345":
            if not letters and strict:
                return None
            if not flush(int(c) % 5, last=False):
                return None
        elif c in _PINYIN_SEPARATORS or c.isspace() or not strict:
            if not flush(None, last=False):
                return None
        elif not unicodedata.combining(c):
            return None
    if not flush(None, last=True):
        return None
    return tuple(out) if out else None


@functools.lru_cache(maxsize=1 << 16)
def _entry_word(word: str) -> tuple[Syllable, ...] | None:
    """One space-separated word of an entry's tone-marked pinyin (unmarked = neutral)."""
    return parse_pinyin(word, unmarked=0, strict=False) or ()


def has_tones(syllables: Iterable[Syllable]) -> bool:
    """Whether any syllable fixes a tone (so matches must agree with it).

    >>> has_tones(parse_pinyin("dian fu")), has_tones(parse_pinyin("dian1fu4"))
    (False, True)
    """
    return any(s.tone is not None for s in syllables)


def _tones_agree(
    query: Sequence[Syllable], entry: Sequence[Syllable] | None, offset: int
) -> bool | None:
    """Whether every toned query syllable lines up with an entry syllable of that tone."""
    if entry is None:
        return None
    spans: dict[int, tuple[int, int | None]] = {}
    pos = 0
    for s in entry:
        spans[pos] = (pos + len(s.letters), s.tone)
        pos += len(s.letters)
    pos = offset
    for s in query:
        end = pos + len(s.letters)
        if s.tone is not None:
            found = spans.get(pos)
            if found is None:
                return None if all(t is None for _, t in spans.values()) else False
            if found[0] != end or (found[1] is not None and found[1] != s.tone):
                return False
        pos = end
    return True


# -- query understanding ------------------------------------------------------------------


class Query:
    """A query read every way it can be: Chinese, English, abbreviation, pinyin.

    >>> q = Query("Zhàn4lve")
    >>> q.chinese, q.english, q.pinyin_key, [tuple(s) for s in q.syllables or ()]
    ('', 'zhàn4lve', 'zhanlve', [('zhan', 4), ('lve', None)])
    """

    __slots__ = (
        "_parsed",
        "_syllables",
        "abbreviation",
        "chinese",
        "english",
        "pinyin_key",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text = text.strip()
        self._syllables: tuple[Syllable, ...] | None = None
        self._parsed = False
        if text.isascii():  # the common case: no Chinese, every other reading
            self.chinese = ""
            self.english = fold_english(text)
            self.abbreviation = text.lower()
            self.pinyin_key = pinyin_key(text)
            return
        han = any(is_han(c) for c in text if c >= "\u3007")
        # English with Chinese in it ("variant of 什麼") is searched both ways
        latin = not han or any("a" <= c <= "z" for c in text.lower())
        #: Folded Chinese when the query holds Han characters, else empty.
        self.chinese = fold_chinese(text) if han else ""
        #: Folded English (empty for a query of Chinese only).
        self.english = fold_english(text) if latin else ""
        self.abbreviation = text.casefold() if latin else ""
        #: Toneless pinyin letters when the query could be pinyin.
        self.pinyin_key = "" if han else pinyin_key(text)

    @property
    def syllables(self) -> tuple[Syllable, ...] | None:
        """The query as pinyin syllables (the last may be unfinished), or ``None``."""
        if not self._parsed:
            self._syllables = parse_pinyin(self.text, partial=True) if self.pinyin_key else None
            self._parsed = True
        return self._syllables

    @property
    def has_tones(self) -> bool:
        """Whether the query writes tones (marks or numbers)."""
        if self.text.isascii() and not any(c.isdigit() for c in self.text):
            return False
        syllables = self.syllables
        return syllables is not None and has_tones(syllables)


# -- the index ----------------------------------------------------------------------------


class Fields(NamedTuple):
    """The raw strings of one entry that the index reads.

    >>> Fields("subversion", "颠覆", "顛覆", "diānfù").pinyin
    'diānfù'
    """

    english: str
    chinese: str
    traditional: str = ""
    pinyin: str = ""
    abbreviation: str = ""


class Source(Protocol):
    """What an :class:`Index` reads: the entry count, one entry, one field of every entry."""

    def __len__(self) -> int: ...

    def fields(self, entry: int) -> Fields:
        """The raw fields of one entry."""
        ...

    def column(self, field: int) -> Sequence[str]:
        """Field number ``field`` (in :class:`Fields` order) of every entry."""
        ...


class _FieldList:
    """A :class:`Source` over a plain sequence of :class:`Fields`."""

    def __init__(self, entries: Sequence[Fields]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    def fields(self, entry: int) -> Fields:
        return self._entries[entry]

    def column(self, field: int) -> Sequence[str]:
        return [f[field] for f in self._entries]


class _Slots:
    """Keys joined into one string so a scan is one C-level ``str.find`` per hit."""

    __slots__ = ("starts", "text")

    def __init__(self, keys: Sequence[str]) -> None:
        self.text = _SEP + _SEP.join(keys) + _SEP
        # key i starts after i separators and the keys before it
        self.starts = array("q", accumulate(map(add, map(len, keys), repeat(1)), initial=1))

    def key(self, entry: int) -> str:
        start = self.starts[entry]
        return self.text[start : self.starts[entry + 1] - 1]

    def scan(self, needle: str) -> Iterator[tuple[int, int, int]]:
        """(entry, offset within its key, key length) for each occurrence of ``needle``.

        One pass over all keys; if it stops at :data:`MAX_SCAN_HITS`, a second pass finds
        every key *starting* with ``needle``, so prefix matches are never cut (an entry
        may then come twice).
        """
        if not needle or _SEP in needle:
            return
        starts, find = self.starts, self.text.find
        pos = find(needle)
        found = 0
        while pos >= 0:
            if found == MAX_SCAN_HITS:
                break
            entry = bisect_right(starts, pos) - 1
            start = starts[entry]
            yield entry, pos - start, starts[entry + 1] - 1 - start
            found += 1
            pos = find(needle, pos + 1)
        else:
            return
        pos = find(_SEP + needle)
        while pos >= 0:
            entry = bisect_right(starts, pos + 1) - 1
            yield entry, 0, starts[entry + 1] - 2 - pos
            pos = find(_SEP + needle, pos + 1)


class _Postings:
    """Key -> entries, compact: one int per key, a list only for keys shared by several
    (pairs come entry by entry, so an entry repeated under a key comes in a row)."""

    __slots__ = ("entries",)

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        entries: dict[str, int | list[int]] = {}
        setdefault = entries.setdefault
        for key, entry in pairs:
            old = setdefault(key, entry)
            if old != entry:
                if isinstance(old, int):
                    entries[key] = [old, entry]
                elif old[-1] != entry:
                    old.append(entry)
        entries.pop("", None)
        self.entries = entries

    def get(self, key: str) -> Sequence[int]:
        found = self.entries.get(key)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __contains__(self, key: str) -> bool:
        return key in self.entries


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal alignment) distance, or ``limit + 1`` once past ``limit``.

    >>> edit_distance("subverion", "subversion", 2), edit_distance("颠复", "颠覆", 1)
    (1, 1)
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    m = len(b)
    # only the band |i - j| <= limit can stay within the limit (Ukkonen)
    prev2 = [big] * (m + 1)
    prev = [j if j <= limit else big for j in range(m + 1)]
    for i in range(1, len(a) + 1):
        cur = [big] * (m + 1)
        if i <= limit:
            cur[0] = i
        ai = a[i - 1]
        lo, hi = max(1, i - limit), min(m, i + limit)
        row_min = cur[0]
        for j in range(lo, hi + 1):
            v = prev[j - 1] + (ai != b[j - 1])
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1] and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > limit:
            return big
        prev2, prev = prev, cur
    return min(prev[m], big)


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


class _Vocabulary:
    """Words bucketed by length and first or last two letters, for typo suggestions.

    A typo that changes both the first two and the last two letters is not suggested;
    the buckets keep the candidates few enough to compare one by one.
    """

    __slots__ = ("buckets", "postings")

    def __init__(self, postings: _Postings) -> None:
        self.postings = postings
        self.buckets: dict[tuple[int, str], list[str]] = {}
        for word in postings:
            self.buckets.setdefault((len(word), "<" + word[:2]), []).append(word)
            self.buckets.setdefault((len(word), word[-2:] + ">"), []).append(word)

    def near(self, word: str) -> dict[str, int]:
        """Known words within the edit limit of ``word``, with their distances."""
        limit = _max_edits(word)
        out: dict[str, int] = {}
        if word in self.postings:
            out[word] = 0
        for length in range(len(word) - limit, len(word) + limit + 1):
            for end in ("<" + word[:2], word[-2:] + ">"):
                for cand in self.buckets.get((length, end), ()):
                    if cand not in out:
                        d = edit_distance(word, cand, limit)
                        if d <= limit:
                            out[cand] = d
        return out


def _script_map(pairs: Iterable[tuple[str, str]]) -> dict[int, str]:
    """Traditional -> simplified characters, learnt from same-length pairs of the glossary."""
    table: dict[int, str] = {}
    for simplified, traditional in pairs:
        if simplified != traditional and len(simplified) == len(traditional):
            for s, t in zip(simplified, traditional, strict=True):
                if s != t:
                    table.setdefault(ord(t), s)
    return table


#: Best hit per entry: entry -> (tier, score, reason).
_Hits = dict[int, tuple[Tier, float, str]]


def _count_exact(hits: _Hits, limit: int, best: bool = False) -> int:
    """How many hits are exact (scoring 1.0 if ``best``); counting stops at ``limit``."""
    n = 0
    least = 1.0 if best else 0.0
    for tier, score, _ in hits.values():
        if tier == Tier.EXACT and score >= least:
            n += 1
            if n >= limit:
                break
    return n


def _add(hits: _Hits, entry: int, tier: Tier, score: float, reason: str) -> None:
    old = hits.get(entry)
    if old is None or tier < old[0] or (tier == old[0] and score > old[1]):
        hits[entry] = (tier, score, reason)


class Index:
    """Search keys of a sequence of entries, each part built on first use.

    Args:
        entries: the raw fields of each entry (a sequence, or a :class:`Source` that makes
            them on demand); results refer to entries by position.
        priority: a rank per entry used to break ties (lower first), e.g. preferred
            entries before deprecated ones.
        english: ``fold_english`` of each entry's English, if the caller has it already.
        chinese: ``fold_chinese`` of each entry's Chinese, likewise.
        english_keys: ``english_key`` of each entry's English, as a glossary file stores
            them (:func:`search_keys`); an empty key is computed from the entry.
        pinyin_keys: ``pinyin_key`` of each entry's pinyin, likewise.
        abbreviations: each entry's abbreviation, case folded.

    >>> index = Index([Fields("subversion", "颠覆", "顛覆", "diānfù")])
    >>> [(h.entry, h.reason) for h in index.search("dian1fu4")]
    [(0, 'exact pinyin')]
    """

    def __init__(
        self,
        entries: Sequence[Fields] | Source,
        priority: Sequence[int] | None = None,
        *,
        english: Sequence[str] | None = None,
        chinese: Sequence[str] | None = None,
        english_keys: Sequence[str] | None = None,
        pinyin_keys: Sequence[str] | None = None,
        abbreviations: Sequence[str] | None = None,
    ) -> None:
        self.source: Source = _FieldList(entries) if isinstance(entries, Sequence) else entries
        self.priority = priority
        self._english_folds = english
        self._chinese_folds = chinese
        # stored keys, dropped once their part of the index is built
        self._english_keys = english_keys
        self._pinyin_keys = pinyin_keys
        self._abbreviations = abbreviations
        self._same_script = bytearray()
        self._english: tuple[_Slots, _Postings, _Postings, _Postings] | None = None
        self._chinese: tuple[_Slots, _Postings, dict[int, str]] | None = None
        self._pinyin: tuple[_Slots, _Postings] | None = None
        self._syllables: dict[int, tuple[Syllable, ...] | None] = {}
        self._words: _Vocabulary | None = None
        self._pinyin_words: _Vocabulary | None = None
        self._chars: _Postings | None = None

    # parts, built lazily so a Chinese query never pays for the English keys

    def english_part(self) -> tuple[_Slots, _Postings, _Postings, _Postings]:
        """(folded English slots, stemmed key -> entries, abbreviation -> entries, folded
        English -> entries)."""
        if self._english is None:
            folds = self._english_folds
            if folds is None:
                folds = [fold_english(e) for e in self.source.column(0)]
            stored = self._english_keys
            keys: Iterable[str]
            if stored is None:
                keys = map(_stem_key, folds)
            elif all(stored):
                keys = stored
            else:
                keys = (k or _stem_key(f) for k, f in zip(stored, folds, strict=True))
            exact = _Postings(zip(keys, range(len(folds)), strict=True))
            abbrs = self._abbreviations
            if abbrs is None:
                abbrs = [a.casefold() for a in self.source.column(4)]
            abbr = _Postings((a, i) for i, a in enumerate(abbrs) if a)
            surface = _Postings(zip(folds, range(len(folds)), strict=True))
            self._english = (_Slots(folds), exact, abbr, surface)
            self._english_keys = self._abbreviations = None
        return self._english

    def chinese_part(self) -> tuple[_Slots, _Postings, dict[int, str]]:
        """(canonical Chinese slots, canonical key -> entries, traditional -> simplified)."""
        if self._chinese is None:
            simp = self._chinese_folds
            if simp is None:
                simp = self._chinese_folds = [fold_chinese(z) for z in self.source.column(1)]
            trad = [
                fold_chinese(t) if t else s
                for t, s in zip(self.source.column(2), simp, strict=True)
            ]
            table = _script_map(zip(simp, trad, strict=True))
            canon = [s.translate(table) for s in simp]
            pairs = [(c, i) for i, c in enumerate(canon)]
            for i, (s, t) in enumerate(zip(simp, trad, strict=True)):
                if s != t and len(s) != len(t):  # no character pairing: the form itself
                    pairs.append((t.translate(table), i))
            self._same_script = bytearray(s == t for s, t in zip(simp, trad, strict=True))
            self._chinese = (_Slots(canon), _Postings(pairs), table)
        return self._chinese

    def pinyin_part(self) -> tuple[_Slots, _Postings]:
        """(toneless pinyin slots, toneless key -> entries)."""
        if self._pinyin is None:
            stored = self._pinyin_keys
            if stored is None:
                keys = [pinyin_key(p) if p else "" for p in self.source.column(3)]
            else:
                keys = list(stored)
                if not all(keys):
                    fields = self.source.fields
                    for i, k in enumerate(keys):
                        if not k and (p := fields(i).pinyin):
                            keys[i] = pinyin_key(p)
            self._pinyin = (_Slots(keys), _Postings(zip(keys, range(len(keys)), strict=True)))
            self._pinyin_keys = None
        return self._pinyin

    def entry_syllables(self, entry: int) -> tuple[Syllable, ...] | None:
        """The entry's pinyin as syllables (unmarked = neutral), parsed once and cached."""
        if entry not in self._syllables:
            words = [_entry_word(w) for w in self.source.fields(entry).pinyin.split()]
            parsed = None if None in words else tuple(s for w in words if w for s in w)
            self._syllables[entry] = parsed or None
        return self._syllables[entry]

    # search

    def search(self, query: str | Query, limit: int = 10) -> list[Hit]:
        """The best ``limit`` hits for ``query``, best first.

        Tiers are searched in order and the search stops once the exact tier alone has
        ``limit`` entries, so an exact hit with ``limit=1`` costs a few dictionary lookups.
        Typo suggestions are made only when nothing else matched.
        """
        q = query if isinstance(query, Query) else Query(query)
        if not q.text or limit <= 0:
            return []
        hits: _Hits = {}
        self._exact(q, hits, limit)
        if len(hits) < limit or _count_exact(hits, limit) < limit:
            self._scan(q, hits, limit)
            if not hits:
                self._fuzzy(q, hits)
        return self._ranked(hits, limit)

    def _ranked(self, hits: _Hits, limit: int) -> list[Hit]:
        if len(hits) == 1:
            [(entry, (tier, score, reason))] = hits.items()
            # Hit(...) less its Python-level __new__: this is the exact lookup's hot path
            return [tuple.__new__(Hit, (entry, tier, score, reason))]
        prio = self.priority
        keyed = [
            (tier, -score, prio[entry] if prio else 0, entry, reason)
            for entry, (tier, score, reason) in hits.items()
        ]
        best = heapq.nsmallest(limit, keyed) if len(keyed) > 64 else sorted(keyed)[:limit]
        return [Hit(entry, tier, -neg, reason) for tier, neg, _, entry, reason in best]

    def _exact(self, q: Query, hits: _Hits, limit: int) -> None:
        if q.chinese:
            _, exact, table = self.chinese_part()
            for entry in exact.get(q.chinese.translate(table)):
                _add(hits, entry, Tier.EXACT, *self._chinese_reason(q.chinese, entry))
        if not q.english:
            return
        _, exact, abbr, surface = self.english_part()
        same = surface.get(q.english)
        for entry in same:
            if entry not in hits:  # the first tier: nothing better can be there yet
                hits[entry] = (Tier.EXACT, 1.0, "exact English")
        # Other inflections and abbreviations score below 1.0 (and a pinyin match of
        # the same entry would outscore them anyway): once `limit` hits score 1.0 they
        # cannot reach the results, so the query need not be stemmed.
        if not same or _count_exact(hits, limit, best=True) < limit:
            for entry in exact.get(_stem_key(q.english)):
                if entry not in hits:  # (the same folded English was added above)
                    hits[entry] = (Tier.EXACT, 0.9, "English, other inflection or spelling")
            for entry in abbr.get(q.abbreviation):
                _add(hits, entry, Tier.EXACT, 0.95, "exact abbreviation")
        if q.pinyin_key:
            _, py_exact = self.pinyin_part()
            found = [(Tier.EXACT, -1.0, entry, 0) for entry in py_exact.get(q.pinyin_key)]
            if found:
                self._add_pinyin_hits(q, found, hits, limit)

    def _chinese_reason(self, folded: str, entry: int) -> tuple[float, str]:
        assert self._chinese_folds is not None  # set by chinese_part()
        if folded == self._chinese_folds[entry]:
            if self._same_script[entry]:
                return 1.0, "exact Chinese"
            return 1.0, "exact Chinese (simplified)"
        if folded == fold_chinese(self.source.fields(entry).traditional):
            return 1.0, "exact Chinese (traditional)"
        return 0.95, "exact Chinese (mixed script)"

    def _add_pinyin(
        self, q: Query, entry: int, offset: int, tier: Tier, score: float, reason: str, hits: _Hits
    ) -> None:
        if not q.has_tones:
            _add(hits, entry, tier, score, reason)
            return
        syllables = q.syllables
        assert syllables is not None
        agree = _tones_agree(syllables, self.entry_syllables(entry), offset)
        if agree is None:
            _add(hits, entry, tier, score * 0.9, reason + " (tones not checked)")
        elif agree:
            _add(hits, entry, tier, score, reason)
        else:
            other = reason.replace("exact ", "") + ", other tones"
            _add(hits, entry, Tier.FUZZY, 0.5 * score, other)

    def _scan(self, q: Query, hits: _Hits, limit: int) -> None:
        if q.chinese:
            slots, _, table = self.chinese_part()
            needle = q.chinese.translate(table)
            n = len(needle)
            for entry, offset, length in slots.scan(needle):
                if length != n:  # equal length: exact, found already
                    if offset == 0:
                        _add(hits, entry, Tier.PREFIX, n / length, "Chinese prefix")
                    else:
                        _add(hits, entry, Tier.FRAGMENT, n / length, "Chinese fragment")
        if q.english:
            slots = self.english_part()[0]
            needle = q.english
            n = len(needle)
            text = slots.text
            for entry, offset, length in slots.scan(needle):
                if length == n:
                    continue
                if offset == 0:
                    _add(hits, entry, Tier.PREFIX, n / length, "English prefix")
                elif text[slots.starts[entry] + offset - 1] == " ":
                    _add(hits, entry, Tier.FRAGMENT, 0.5 + n / length / 2, "English fragment")
                else:
                    _add(
                        hits,
                        entry,
                        Tier.FRAGMENT,
                        n / length / 2,
                        "English fragment, inside a word",
                    )
        if q.pinyin_key and q.syllables is not None:
            self._scan_pinyin(q, hits, limit)

    def _scan_pinyin(self, q: Query, hits: _Hits, limit: int) -> None:
        slots = self.pinyin_part()[0]
        needle = q.pinyin_key
        n = len(needle)
        found = [
            (Tier.PREFIX if offset == 0 else Tier.FRAGMENT, -n / length, entry, offset)
            for entry, offset, length in slots.scan(needle)
            if length != n
        ]
        self._add_pinyin_hits(q, found, hits, limit)

    def _add_pinyin_hits(
        self, q: Query, found: list[tuple[Tier, float, int, int]], hits: _Hits, limit: int
    ) -> None:
        """Add (tier, -score, entry, offset) pinyin candidates, checking tones if given."""
        names = {Tier.EXACT: "exact pinyin", Tier.PREFIX: "pinyin prefix"}
        if not q.has_tones:
            for tier, neg, entry, _ in found:
                _add(hits, entry, tier, -neg, names.get(tier, "pinyin fragment"))
            return
        # Checking tones parses the entry's pinyin: check the best candidates first and
        # stop once `limit` results are sure to rank above every candidate left.
        prio = self.priority
        found.sort(key=lambda c: (c[0], c[1], prio[c[2]] if prio else 0, c[2]))
        others = sorted(
            (tier, -score, prio[e] if prio else 0, e) for e, (tier, score, _) in hits.items()
        )
        sure = 0
        for tier, neg, entry, offset in found:
            key = (tier, neg, prio[entry] if prio else 0, entry)
            if sure + bisect_right(others, key) >= limit:
                break
            before = hits.get(entry)
            name = names.get(tier, "pinyin fragment")
            self._add_pinyin(q, entry, offset, tier, -neg, name, hits)
            after = hits.get(entry)
            if before is None and after is not None and after[0] != Tier.FUZZY:
                sure += 1  # (an entry already in `others` is counted there)

    # fuzzy suggestions

    def _fuzzy(self, q: Query, hits: _Hits) -> None:
        if q.chinese:
            self._fuzzy_chinese(q, hits)
        words = q.english.split()
        if words:
            vocab = self._english_words()
            per_word = [vocab.near(w) for w in words]
            if all(per_word):
                self._fuzzy_words(per_word, vocab, hits)
        if q.pinyin_key and len(q.pinyin_key) > 2:
            vocab = self._pinyin_vocabulary()
            for word, d in vocab.near(q.pinyin_key).items():
                if d:
                    for entry in vocab.postings.get(word):
                        _add(hits, entry, Tier.FUZZY, 1 / (1 + d), f"fuzzy pinyin: {_edits(d)}")

    def _fuzzy_words(self, per_word: list[dict[str, int]], vocab: _Vocabulary, hits: _Hits) -> None:
        best: dict[int, int] | None = None
        for near in per_word:
            cost: dict[int, int] = {}
            for word, d in near.items():
                for entry in vocab.postings.get(word):
                    if d < cost.get(entry, 99):
                        cost[entry] = d
            best = cost if best is None else {e: c + cost[e] for e, c in best.items() if e in cost}
        slots = self.english_part()[0]
        for entry, d in (best or {}).items():
            n = slots.key(entry).count(" ") + 1
            score = 1 / (1 + d) * len(per_word) / max(n, len(per_word))
            reason = f"fuzzy: {_edits(d)}" if d else "English words, other order or gaps"
            _add(hits, entry, Tier.FUZZY, score, reason)

    def _english_words(self) -> _Vocabulary:
        if self._words is None:
            slots = self.english_part()[0]
            self._words = _Vocabulary(
                _Postings((w, i) for i in range(len(self.source)) for w in slots.key(i).split())
            )
        return self._words

    def _pinyin_vocabulary(self) -> _Vocabulary:
        if self._pinyin_words is None:
            self._pinyin_words = _Vocabulary(self.pinyin_part()[1])
        return self._pinyin_words

    def _fuzzy_chinese(self, q: Query, hits: _Hits) -> None:
        slots, _, table = self.chinese_part()
        needle = q.chinese.translate(table)
        if len(needle) < 2:
            return
        if self._chars is None:
            self._chars = _Postings((c, i) for i in range(len(self.source)) for c in slots.key(i))
        counts: dict[int, int] = {}
        for c in set(needle):
            for entry in self._chars.get(c):
                counts[entry] = counts.get(entry, 0) + 1
        need = len(set(needle)) - 1
        limit = 1 if len(needle) <= 4 else 2
        for entry, n in counts.items():
            if n >= need:
                d = edit_distance(needle, slots.key(entry), limit)
                if 0 < d <= limit:
                    _add(hits, entry, Tier.FUZZY, 1 / (1 + d), f"fuzzy: {_edits(d)}")


def _edits(n: int) -> str:
    return f"{n} edit" if n == 1 else f"{n} edits"


class Hit(NamedTuple):
    """An index result: the entry's position, its tier, score and reason.

    >>> Hit(0, Tier.PREFIX, 0.5, "Chinese prefix").tier.name
    'PREFIX'
    """

    entry: int
    tier: Tier
    score: float
    reason: str


# -- rendering ----------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two.

    >>> display_width("颠覆 subversion")
    15
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _english_cell(term: Term) -> str:
    if term.abbreviation and term.english:
        return f"{term.english} ({term.abbreviation})"
    return term.english or term.abbreviation


def _sources_cell(term: Term) -> str:
    return ", ".join(s.rsplit("/", 1)[-1] for s in term.sources)


def format_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Rows as aligned columns (CJK-aware), a header and a rule under it.

    >>> print(format_table(["English", "简"], [["subversion", "颠覆"]]))
    English     简
    ----------  ----
    subversion  颠覆
    """
    body = [list(header), *(list(r) for r in rows)]
    widths = [max(display_width(r[i]) for r in body) for i in range(len(header))]
    lines = []
    for n, row in enumerate(body):
        cells = [_pad(c, w) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def format_matches_table(matches: Sequence[Match]) -> str:
    """Lookup results as a table: English, 简, 繁, pinyin, sources and why each matched.

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
    return format_table(header, rows)


def match_to_record(match: Match) -> dict[str, object]:
    """A match as a JSON-ready dict: the entry's fields, its sources and why it matched.

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


def matches_to_json(matches: Sequence[Match]) -> str:
    """Lookup results as a JSON array (UTF-8 characters kept), one object per match.

    >>> m = Match(Term("subversion", "颠覆"), Tier.EXACT, 1.0, "exact Chinese")
    >>> print(matches_to_json([m])[:55])
    [
      {
        "english": "subversion",
        "chinese": "颠覆",
    """
    import json

    return json.dumps([match_to_record(m) for m in matches], ensure_ascii=False, indent=2)
