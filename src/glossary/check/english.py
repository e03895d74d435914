"""Finding glossary English terms in English text: one Aho–Corasick pass, whatever the size.

Text and terms are folded the same way before matching, and the fold keeps every character
where it was (case folded, quote marks, hyphens, dashes, brackets, commas and line breaks
as spaces) except that runs of spaces become one; the few runs are remembered, so a match
maps back to the exact span of the original text.  Sentence punctuation (``. ; : ! ?``)
stays, so no term is found across a sentence boundary.

Every key starts with a space and the folded text does too, so a term only starts on a
word boundary; the end is checked after the automaton reports it (``east`` is not in
``Easter``).  Inflection is handled by adding the inflected forms as keys (the plural of
the last word; ``-ing``, ``-ed`` and ``-s`` of the first word of a verb phrase), so the
text is never stemmed.  Where found terms overlap, the longest wins.

pyahocorasick builds the automaton in C; a 100,000-term glossary takes about a second.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from glossary._gc import paused_gc
from glossary.check.hits import Hit, Raw, automaton, longest

#: An English matcher's keys and what each stands for: (length, entries, abbreviated
#: entries, holds sentence punctuation).
EnglishTable = dict[str, tuple[int, tuple[int, ...], tuple[int, ...], bool]]
#: A near-miss matcher's anchors (key -> (words, anchored at the head) of the terms) and
#: its terms' words with one left out (-> (entry, the word left out)).
NearTable = tuple[
    dict[str, tuple[tuple[int, bool], ...]], dict[tuple[str, ...], list[tuple[int, str]]]
]

#: What folds to one space: a run of anything but letters and digits (whitespace, quote
#: marks, hyphens, dashes, brackets, punctuation, symbols, markup) with the spaces before
#: it, or a run of spaces.
_SEPARATOR = re.compile(r" *[^\w ]\W*| {2,}")
#: Sentence punctuation: no term is found across it (unless the term has it too).
_WORD = re.compile(r"\w+")
#: Characters folded a chunk at a time, and where a chunk may end: after a letter or digit.
CHUNK = 4096
_CUT = re.compile(r"\w(?=\W)")
#: Letters of a word that counts towards a near-miss term's length.
_CONTENT = 4
_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")
_SPACES = re.compile(" {2,}")
#: Bytes of ASCII that are not word characters, as spaces.
_ASCII_SPACES = bytes(c if chr(c).isalnum() or c == 0x5F else 0x20 for c in range(256))
#: Non-ASCII punctuation common in English prose (all of it \W): quotes, dashes, ellipsis.
_TYPOGRAPHIC = "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\xa0\xab\xbb\u2010\u2011"
_BARRIER = re.compile(r"[.;:!?。；：！？](?=\s|$)")
_ARTICLES = ("the ", "a ", "an ")
#: A second word that marks a verb phrase: ``consolidate the …``, ``uphold their …``.
_DETERMINERS = frozenset(
    "the a an its their our his her this these those all any every each relevant".split()
)
_VOWELS = frozenset("aeiou")


class Folded:
    """Text folded for matching, and the way back to the original's offsets.

    The folded text starts and ends with a space, so every word has a space on each side.

    >>> text = "the “Nuclear-Sharing”  alliances."
    >>> f = Folded(text)
    >>> f.text
    ' the nuclear sharing alliances '
    >>> a, b = f.span(5, 20)
    >>> text[a:b]
    'Nuclear-Sharing'
    >>> text[slice(*f.span(21, 30))]
    'alliances'
    """

    __slots__ = (
        "_barriers",
        "_chunk_folded",
        "_chunk_original",
        "_lower",
        "_maps",
        "_original",
        "text",
    )

    def __init__(self, text: str) -> None:
        lower = text.lower()
        if len(lower) != len(text):  # a few characters (İ) lower to two: keep those as they are
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        # Folded a chunk at a time by re.sub (C speed); each chunk ends after a letter or
        # digit, so no separator is split.  The offsets inside a chunk are worked out only
        # when a term is found there.
        pieces = [" "]
        chunk_original: list[int] = []
        chunk_folded: list[int] = []
        size, position, n = 1, 0, len(lower)
        while position < n:
            cut = n
            if position + CHUNK < n:
                m = _CUT.search(lower, position + CHUNK)
                if m:
                    cut = m.start() + 1
            piece = _fold_chunk(lower[position:cut])
            chunk_original.append(position)
            chunk_folded.append(size)
            pieces.append(piece)
            size += len(piece)
            position = cut
        if not pieces[-1].endswith(" "):  # else the text ended in a separator, already a space
            pieces.append(" ")
        self.text = "".join(pieces)
        self._lower = lower
        self._original = text
        self._chunk_original = chunk_original
        self._chunk_folded = chunk_folded
        self._maps: dict[int, tuple[list[int], list[int]]] = {}
        self._barriers: list[int] | None = None

    def _map(self, chunk: int) -> tuple[list[int], list[int]]:
        """Folded offsets in a chunk just after each separator that shrank, and how many
        characters the chunk had lost by then."""
        found = self._maps.get(chunk)
        if found is None:
            start = self._chunk_original[chunk]
            last = chunk + 1 < len(self._chunk_original)
            end = self._chunk_original[chunk + 1] if last else len(self._lower)
            starts: list[int] = []
            moved: list[int] = []
            removed = 0
            for m in _SEPARATOR.finditer(self._lower, start, end):
                a, b = m.span()
                if b - a > 1:
                    starts.append(a - start + 1 - removed)
                    removed += b - a - 1
                    moved.append(removed)
            found = self._maps[chunk] = (starts, moved)
        return found

    def offset(self, position: int) -> int:
        """The original offset of folded ``position`` (the leading space is position 0)."""
        chunk = max(0, bisect.bisect_right(self._chunk_folded, position) - 1)
        if not self._chunk_folded:
            return 0
        q = position - self._chunk_folded[chunk]
        starts, moved = self._map(chunk)
        i = bisect.bisect_right(starts, q)
        return self._chunk_original[chunk] + q + (moved[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``."""
        return self.offset(start), self.offset(end - 1) + 1

    def spans(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """:meth:`span` of each of ``pairs``."""
        offset = self.offset
        return [(offset(a), offset(b - 1) + 1) for a, b in pairs]

    def barriers(self) -> list[int]:
        """The original offsets of sentence punctuation (found on first use)."""
        if self._barriers is None:
            self._barriers = [m.start() for m in _BARRIER.finditer(self._original)]
        return self._barriers

    def crosses(self, start: int, end: int) -> bool:
        """Whether the original span ``start:end`` holds sentence punctuation."""
        barriers = self.barriers()
        i = bisect.bisect_left(barriers, start)
        return i < len(barriers) and barriers[i] < end - 1


def _fold_chunk(piece: str) -> str:
    """``_SEPARATOR.sub(" ", piece)``, the ASCII stretches through bytes at memory speed
    once the common typographic punctuation is spaces (most English is ASCII then)."""
    for c in _TYPOGRAPHIC:
        if c in piece:
            piece = piece.replace(c, " ")
    if piece.isascii():
        return _fold_ascii(piece)
    parts = _NON_ASCII.split(piece)  # ASCII, other, ASCII, ...: others are mostly letters
    parts[::2] = [_fold_ascii(p) for p in parts[::2]]
    parts[1::2] = [_SEPARATOR.sub(" ", p) for p in parts[1::2]]
    out = "".join(parts)
    return _SPACES.sub(" ", out) if "  " in out else out  # a separator cut by a part's end


def _fold_ascii(piece: str) -> str:
    spaced = piece.encode("ascii").translate(_ASCII_SPACES)
    body = b" ".join(spaced.split()).decode("ascii")
    if not body:
        return " " if spaced else ""
    lead = " " if spaced[:1] == b" " else ""
    return lead + body + (" " if spaced[-1:] == b" " else "")


def fold(text: str) -> str:
    """English as the matcher compares it (no leading space).

    >>> fold("People’s Republic of  China")
    'people s republic of china'
    """
    lower = text.lower()
    if len(lower) != len(text):
        return Folded(text).text.strip()
    return " ".join(_WORD.findall(lower))  # what Folded does, for a short string


def _plural(word: str) -> list[str]:
    if not word.isalpha() or len(word) < 3:
        return []
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    return [word + "s"]


def _verb_forms(word: str) -> list[str]:
    """Other forms of a verb given in its base or ``-ing`` form (over-generation is harmless:
    a key that is not a word never occurs)."""
    if not word.isalpha() or len(word) < 3:
        return []
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        bases = [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            bases.append(stem[:-1])
    else:
        bases = [word]
    forms: list[str] = []
    for base in bases:
        if base.endswith("e"):
            forms += [base, base + "d", base + "s", base[:-1] + "ing"]
        elif base.endswith("y") and base[-2] not in _VOWELS:
            forms += [base, base[:-1] + "ied", base[:-1] + "ies", base + "ing"]
        else:
            forms += [base, base + "ed", base + "s", base + "ing", base + "es"]
            if len(base) <= 4 and base[-1] not in _VOWELS | {"w", "x", "y"} and base[-2] in _VOWELS:
                forms += [base + base[-1] + "ed", base + base[-1] + "ing"]
    return [f for f in dict.fromkeys(forms) if f != word]


def _bracket_forms(english: str) -> list[str]:
    """``maintain[ing] the …`` is itself, ``maintain the …`` and ``maintaining the …``."""
    if "[" not in english:
        return [english]
    return [english, re.sub(r"\[[^\]]*\]", "", english), re.sub(r"[\[\]]", "", english)]


def term_keys(english: str) -> list[str]:
    """The folded forms of an English term the matcher looks for, the term's own first.

    >>> term_keys("consolidate the partnership")[:3]
    ['consolidate the partnership', 'consolidate the partnerships', 'consolidated the partnership']
    >>> term_keys("cross-border payment")
    ['cross border payment', 'cross border payments', 'crossborder payment', 'crossborder payments']
    """
    keys: list[str] = []
    for form in _bracket_forms(english):
        base = fold(form)
        for article in _ARTICLES:
            if base.startswith(article) and len(base) > len(article) + 2:
                base = base[len(article) :]
                break
        if not base:
            continue
        bases = [base]
        if "-" in form or "\u2010" in form or "\u2011" in form:  # closed up: crossborder
            bases.append(fold(re.sub(r"(?<=\w)[-\u2010\u2011](?=\w)", "", form.lower())))
        for b in bases:
            words = b.split(" ")
            keys.append(b)
            keys += [" ".join([*words[:-1], p]) for p in _plural(words[-1])]
            verb = words[0].endswith("ing") or (len(words) > 2 and words[1] in _DETERMINERS)
            if verb:
                keys += [" ".join([v, *words[1:]]) for v in _verb_forms(words[0])]
    return list(dict.fromkeys(keys))


class EnglishMatcher:
    """Every English form (and abbreviation) of a list of terms, in one automaton.

    Args:
        forms: per entry, its English forms; ``abbreviations``: per entry, its abbreviation
            (matched case-sensitively) or "".

    >>> m = EnglishMatcher([["nuclear sharing"], ["east"]], ["", ""])
    >>> [(h.text, h.entries) for h in m.find("“Nuclear-sharing” deals, Easter in the East.")]
    [('Nuclear-sharing', (0,)), ('East', (1,))]
    """

    def __init__(self, forms: Iterable[Iterable[str]], abbreviations: Sequence[str]) -> None:
        self._load(self.table(forms, abbreviations), abbreviations)

    @staticmethod
    def table(forms: Iterable[Iterable[str]], abbreviations: Sequence[str]) -> EnglishTable:
        """What the automaton holds: each key (a folded form, inflections included) with
        its length, the entries it is a form of, the entries it abbreviates, and whether
        it holds sentence punctuation of its own.  Plain data (``marshal`` stores it), so
        a glossary's table is computed once and cached beside its index.

        >>> EnglishMatcher.table([["United Front"]], ["UF"])["united fronts"]
        (13, (0,), (), False)
        """
        found: dict[str, list[tuple[int, bool]]] = {}
        barred: set[str] = set()  # keys of terms with sentence punctuation of their own
        for entry, entry_forms in enumerate(forms):
            for english in entry_forms:
                keys = term_keys(english) if english else ()
                for key in keys:
                    found.setdefault(key, []).append((entry, False))
                if keys and _BARRIER.search(english + " "):
                    barred.update(keys)
        for entry, abbreviation in enumerate(abbreviations):
            if abbreviation and abbreviation.strip() and fold(abbreviation):
                found.setdefault(fold(abbreviation), []).append((entry, True))
        table: EnglishTable = {}
        for key, values in found.items():
            plain = tuple(dict.fromkeys(e for e, a in values if not a))
            abbreviated = tuple(dict.fromkeys(e for e, a in values if a))
            table[key] = (len(key), plain, abbreviated, key in barred)
        return table

    @classmethod
    def from_table(cls, table: EnglishTable, abbreviations: Sequence[str]) -> EnglishMatcher:
        """The matcher of a :meth:`table` (and the abbreviations it was made with).

        >>> forms, abbreviations = [["east"]], [""]
        >>> m = EnglishMatcher.from_table(EnglishMatcher.table(forms, abbreviations), abbreviations)
        >>> [h.text for h in m.find("Easter in the East")]
        ['East']
        """
        matcher = cls.__new__(cls)
        matcher._load(table, abbreviations)
        return matcher

    def _load(self, table: EnglishTable, abbreviations: Sequence[str]) -> None:
        self._automaton = automaton((f" {key} ", value) for key, value in table.items())
        self._abbreviations = abbreviations
        self._empty = not table

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str) -> list[Hit]:
        """Terms in ``text``, in order, longest first where they overlap."""
        if self._empty:
            return []
        folded = Folded(text)
        with paused_gc():
            kept = longest(self._raw(folded, text))  # on folded offsets: the order is the same
            spans = folded.spans([(h[0], h[1]) for h in kept])
            barriers = folded.barriers()
            n, k = len(barriers), 0
            new = tuple.__new__  # Hit(...) less its Python-level __new__
            out = []
            for (a, b), h in zip(spans, kept, strict=True):
                while k < n and barriers[k] < a:
                    k += 1
                if k < n and barriers[k] < b - 1 and not h[4]:
                    continue  # across a sentence boundary
                out.append(new(Hit, (a, b, h[2], text[a:b], h[3])))
            return out

    def _raw(self, folded: Folded, text: str) -> list[Raw]:
        """Every key found (each has a space on both sides: so on word boundaries), in
        folded offsets; abbreviations only where the text has their case."""
        out: list[Raw] = []
        append = out.append
        for end, (length, plain, abbreviated, barred) in self._automaton.iter(folded.text):
            if plain:
                append((end - length, end, plain, False, barred))
            elif abbreviated:
                start = end - length
                a, b = folded.span(start, end)
                surface = text[a:b]
                exact = tuple(e for e in abbreviated if self._abbreviations[e] == surface)
                if exact:
                    append((start, end, exact, True, barred))
        return out


class NearMatcher:
    """Terms of three words or more written with one word changed: ``equal and indivisible
    safety`` for ``equal and indivisible security``.

    Only terms with three words of four letters or more take part ("equal and indivisible
    security", not "one of the"): in shorter phrases a changed word is another phrase,
    not a mistake.  Each such term is anchored by its first two and its last two words
    (one of the pairs survives any single change).  Around an anchor found, the text's words
    are looked up with each word in turn left out, in a table of the terms' words with each
    word left out: a handful of dictionary look-ups, however many terms share the anchor.
    A changed word that is only an inflection of the term's is not a near miss.

    >>> m = NearMatcher([["equal and indivisible security"]])
    >>> [(h.text, h.entries) for h in m.find("the equal and indivisible safety of all")]
    [('equal and indivisible safety', (0,))]
    """

    def __init__(self, forms: Iterable[Iterable[str]]) -> None:
        self._load(self.table(forms))

    @staticmethod
    def table(forms: Iterable[Iterable[str]]) -> NearTable:
        """The anchors and the gapped words of the terms (plain data, like
        :meth:`EnglishMatcher.table`).

        >>> anchors, gapped = NearMatcher.table([["equal and indivisible security"]])
        >>> anchors["equal and"], gapped[("equal", "and", "", "security")]
        (((4, True),), [(0, 'indivisible')])
        """
        # anchor -> the (length, anchored at the head) of the terms it anchors
        anchors: dict[str, set[tuple[int, bool]]] = {}
        # the words with one left out ("" in its place) -> (entry, the word left out)
        gapped: dict[tuple[str, ...], list[tuple[int, str]]] = {}
        for entry, entry_forms in enumerate(forms):
            for english in entry_forms:
                for form in _bracket_forms(english) if english else ():
                    words = tuple(term_keys(form)[0].split(" ")) if fold(form) else ()
                    n = len(words)
                    if n < 3 or sum(len(w) >= _CONTENT for w in words) < 3:
                        continue  # too short to tell a changed word from another phrase
                    anchors.setdefault(" ".join(words[:2]), set()).add((n, True))
                    anchors.setdefault(" ".join(words[-2:]), set()).add((n, False))
                    for i in range(n):
                        gap = (*words[:i], "", *words[i + 1 :])
                        gapped.setdefault(gap, []).append((entry, words[i]))
        return {key: tuple(sorted(shapes)) for key, shapes in anchors.items()}, gapped

    @classmethod
    def from_table(cls, table: NearTable) -> NearMatcher:
        """The matcher of a :meth:`table`."""
        matcher = cls.__new__(cls)
        matcher._load(table)
        return matcher

    def _load(self, table: NearTable) -> None:
        anchors, self._gapped = table
        self._automaton = automaton((f" {k} ", (len(k), shapes)) for k, shapes in anchors.items())
        self._empty = not anchors

    def find(self, text: str) -> list[Hit]:
        """Near misses in ``text``, in order (one per span and entry)."""
        if self._empty:
            return []
        from glossary.lookup import english_key

        folded = Folded(text)
        ftext = folded.text
        gapped = self._gapped
        found: dict[tuple[int, int], list[int]] = {}
        for end, (length, shapes) in self._automaton.iter(ftext):
            start = end - length
            for n, head in shapes:
                if head:  # the anchor starts the term: a change after it
                    got = ftext[start : start + 40 * n].split(" ")[:n]
                    a, b = start, start + len(" ".join(got))
                    changed = range(2, n)
                else:
                    got = ftext[max(0, end - 40 * n) : end].split(" ")[-n:]
                    a, b = end - len(" ".join(got)), end
                    changed = range(n - 2)
                if len(got) != n or not all(got):
                    continue
                for i in changed:
                    word = got[i]
                    for entry, wanted in gapped.get((*got[:i], "", *got[i + 1 :]), ()):
                        if word == wanted or not word.isalpha() or len(word) < 3:
                            continue
                        if english_key(word) == english_key(wanted):
                            continue  # an inflection: the exact matcher's business
                        span = folded.span(a, b)
                        if not folded.crosses(*span):
                            found.setdefault(span, []).append(entry)
        return [
            Hit(a, b, tuple(dict.fromkeys(entries)), text[a:b])
            for (a, b), entries in sorted(found.items())
        ]
