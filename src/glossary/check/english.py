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
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from glossary.check.hits import Hit, longest

#: Characters folded to a space: everything but letters, digits and the sentence
#: punctuation kept as a barrier (whitespace, quote marks, hyphens, dashes, brackets, commas,
#: slashes, symbols, markup).
_FOLD = re.compile(r"[^\w.;:!?]|_")
_RUNS = re.compile(" {2,}")
_ARTICLES = ("the ", "a ", "an ")
#: A second word that marks a verb phrase: ``consolidate the …``, ``uphold their …``.
_DETERMINERS = frozenset(
    "the a an its their our his her this these those all any every each relevant".split()
)
_VOWELS = frozenset("aeiou")


class Folded:
    """Text folded for matching, and the way back to the original's offsets.

    >>> text = "the “Nuclear-Sharing”  alliances"
    >>> f = Folded(text)
    >>> f.text
    ' the nuclear sharing alliances'
    >>> a, b = f.span(5, 20)
    >>> text[a:b]
    'Nuclear-Sharing'
    >>> text[slice(*f.span(21, 30))]
    'alliances'
    """

    __slots__ = ("_moved", "_starts", "text")

    def __init__(self, text: str) -> None:
        lower = text.lower()
        if len(lower) != len(text):  # a few characters (İ) lower to two: keep those as they are
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        spaced = _FOLD.sub(" ", lower)  # one character for one: offsets unchanged
        starts: list[int] = []  # folded offset just after each collapsed run
        moved: list[int] = []  # characters removed up to and including that run
        removed = 0
        for m in _RUNS.finditer(spaced):
            a, b = m.span()
            starts.append(a + 2 - removed)
            removed += b - a - 1
            moved.append(removed)
        self.text = " " + _RUNS.sub(" ", spaced) if starts else " " + spaced
        self._starts = starts
        self._moved = moved

    def offset(self, position: int) -> int:
        """The original offset of folded ``position`` (the leading space is position 0)."""
        i = bisect.bisect_right(self._starts, position)
        return position - 1 + (self._moved[i - 1] if i else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``."""
        return self.offset(start), self.offset(end - 1) + 1


def fold(text: str) -> str:
    """English as the matcher compares it (no leading space).

    >>> fold("People’s Republic of  China")
    'people s republic of china'
    """
    return Folded(text).text.strip()


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
    """``maintain[ing] the …`` is both ``maintain the …`` and ``maintaining the …``."""
    if "[" not in english:
        return [english]
    return [re.sub(r"\[[^\]]*\]", "", english), re.sub(r"[\[\]]", "", english)]


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

    def __init__(self, forms: Sequence[Iterable[str]], abbreviations: Sequence[str]) -> None:
        import ahocorasick

        table: dict[str, list[tuple[int, bool]]] = {}
        for entry, entry_forms in enumerate(forms):
            for english in entry_forms:
                for key in term_keys(english) if english else ():
                    table.setdefault(" " + key, []).append((entry, False))
        for entry, abbreviation in enumerate(abbreviations):
            if abbreviation and abbreviation.strip():
                table.setdefault(" " + fold(abbreviation), []).append((entry, True))
        automaton: Any = ahocorasick.Automaton()
        for key, values in table.items():
            plain = tuple(dict.fromkeys(e for e, a in values if not a))
            abbreviated = tuple(dict.fromkeys(e for e, a in values if a))
            automaton.add_word(key, (len(key), plain, abbreviated))
        if table:
            automaton.make_automaton()
        self._automaton = automaton
        self._abbreviations = abbreviations
        self._empty = not table

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str) -> list[Hit]:
        """Terms in ``text``, in order, longest first where they overlap."""
        if self._empty:
            return []
        folded = Folded(text)
        return [
            Hit(a, b, entries, text[a:b], abbr)
            for a, b, entries, abbr in longest(self._raw(folded, text))
        ]

    def _raw(self, folded: Folded, text: str) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
        ftext = folded.text
        n = len(ftext)
        abbreviations = self._abbreviations
        for last, (length, plain, abbreviated) in self._automaton.iter(ftext):
            end = last + 1
            if end < n and ftext[end].isalnum():
                continue  # inside a longer word
            start = end - length + 1  # after the key's leading space
            if plain:
                a, b = folded.span(start, end)
                yield a, b, plain, False
            if abbreviated:
                a, b = folded.span(start, end)
                surface = text[a:b]
                exact = tuple(e for e in abbreviated if abbreviations[e] == surface)
                if exact:
                    yield a, b, exact, True


class NearMatcher:
    """Terms of three words or more written with one word changed: ``equal and indivisible
    safety`` for ``equal and indivisible security``.

    Each such term is anchored by its first two and its last two words (one of the pairs
    survives any single change); the words around an anchor are then compared with the
    term's.  A changed word that is only an inflection of the term's is not a near miss.

    >>> m = NearMatcher([["equal and indivisible security"]])
    >>> [(h.text, h.entries) for h in m.find("the equal and indivisible safety of all")]
    [('equal and indivisible safety', (0,))]
    """

    def __init__(self, forms: Sequence[Iterable[str]]) -> None:
        import ahocorasick

        table: dict[str, list[tuple[int, bool, tuple[str, ...]]]] = {}
        for entry, entry_forms in enumerate(forms):
            for english in entry_forms:
                for form in _bracket_forms(english) if english else ():
                    words = tuple(term_keys(form)[0].split(" ")) if fold(form) else ()
                    if len(words) < 3:
                        continue
                    table.setdefault(" " + " ".join(words[:2]), []).append((entry, True, words))
                    table.setdefault(" " + " ".join(words[-2:]), []).append((entry, False, words))
        automaton: Any = ahocorasick.Automaton()
        for key, values in table.items():
            automaton.add_word(key, (len(key), tuple(values)))
        if table:
            automaton.make_automaton()
        self._automaton = automaton
        self._empty = not table

    def find(self, text: str) -> list[Hit]:
        """Near misses in ``text``, in order (one per span and entry)."""
        if self._empty:
            return []
        from glossary.lookup import english_key

        folded = Folded(text)
        ftext = folded.text
        found: dict[tuple[int, int], list[int]] = {}
        for last, (length, values) in self._automaton.iter(ftext):
            end = last + 1
            if end < len(ftext) and ftext[end].isalnum():
                continue
            start = end - length + 1
            for entry, head, words in values:
                n = len(words)
                if head:
                    window = _BARRIER.split(ftext[start : start + 40 * n], 1)[0]
                    got = window.split(" ")[:n]
                    a = start
                    b = start + len(" ".join(got))
                else:
                    window = _BARRIER.split(ftext[max(0, end - 40 * n) : end])[-1]
                    got = window.split(" ")[-n:]
                    b = end
                    a = end - len(" ".join(got))
                if len(got) != n or not all(got):
                    continue
                changed = [(w, t) for w, t in zip(got, words, strict=True) if w != t]
                if len(changed) != 1 or not changed[0][0].isalpha():
                    continue
                if english_key(changed[0][0]) == english_key(changed[0][1]):
                    continue  # an inflection: the exact matcher's business
                found.setdefault(folded.span(a, b), []).append(entry)
        return [
            Hit(a, b, tuple(dict.fromkeys(entries)), text[a:b])
            for (a, b), entries in sorted(found.items())
        ]


_BARRIER = re.compile(r"[.;:!?]")
