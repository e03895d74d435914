"""Acronyms: the long form of ``SCO`` in ``Shanghai Cooperation Organization (SCO)``."""

from __future__ import annotations

import functools

import regex

from glossary.extraction.english import _clause_tokens, _Span, _span_text, _strip_possessive, _Token
from glossary.extraction.text import CACHE_SIZE, SPACES
from glossary.extraction.words import ARTICLES, STOP_WORDS

#: A letter starting a word or a hyphenated part of one.
WORD_INITIAL = regex.compile(r"(?:^|(?<=[-/]))\p{L}")
#: A letter of a short form, perhaps repeated by a digit (C2).
SHORT_LETTER = regex.compile(r"(\p{L})([2-5](?!\d))?|\d")


# --------------------------------------------------------------------------- acronyms


def _initials(tokens: list[_Token]) -> list[tuple[int, int, str]]:
    """(token index, char offset in text, letter) of every word-initial letter, hyphen parts too."""
    out = []
    for k, t in enumerate(tokens):
        for at, letter in _word_initials(t.text):
            out.append((k, t.start + at, letter))
    return out


@functools.lru_cache(maxsize=CACHE_SIZE)
def _word_initials(word: str) -> tuple[tuple[int, str], ...]:
    """(offset in ``word``, letter in lower case) of each of its word-initial letters:
    remembered per word, since the same words stand before acronym after acronym."""
    return tuple((m.start(), m.group().lower()) for m in WORD_INITIAL.finditer(word))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _letters(short: str) -> tuple[str, ...]:
    """The letters a long form must supply, a digit repeating the letter before it:
    ``C2`` is command and control, ``JADC2`` joint all-domain command and control
    (remembered: the same acronyms are defined and cited again and again)."""
    out: list[str] = []
    for m in SHORT_LETTER.finditer(short):
        if m.group(1) is None:
            out.append(m.group())
        else:
            out.extend(m.group(1) * int(m.group(2) or 1))
    return tuple(out)


@functools.cache
def _known() -> dict[str, tuple[str, ...]]:
    """Short form -> its well-known long forms (``glossary/data/acronyms.tsv``)."""
    from glossary._data import rows

    return {
        short: tuple(x.strip() for x in longs.split("|"))
        for short, longs, *_ in rows("acronyms.tsv")
    }


def _known_long_form(text: str, anchor: int, short: str) -> _Span | None:
    """A well-known long form of ``short`` ending at ``anchor``: ``the Nationalist Party
    (KMT)``, whose letters come from the romanisation Kuomintang."""
    longs = _known().get(short.rstrip("s") if short.endswith("s") else short)
    if not longs:
        return None
    before = text[max(0, anchor - 60) : anchor]
    flat = SPACES.sub(" ", before).replace("’", "'").casefold()
    for long in sorted(longs, key=len, reverse=True):
        if flat.endswith(long.casefold()) and (
            len(flat) == len(long) or not flat[-len(long) - 1].isalnum()
        ):
            tokens = _clause_tokens(text, anchor)
            n = len(long.split())
            if len(tokens) >= n:
                return _make_long(text, tokens, len(tokens) - n, "known")
    return None


def _long_form(text: str, anchor: int, short: str) -> _Span | None:
    """Schwartz–Hearst long form of ``short`` ending at ``anchor``, or None.

    Word-initial letters are tried first (right to left, function words may be skipped);
    the classic character match is the fallback.  The first letter must start a word and
    at least half of the short form's letters must fall on word starts.
    """
    cased = _letters(short)
    letters = [c.lower() for c in cased]
    known = _known_long_form(text, anchor, short)
    if known is not None:
        return known
    if short.endswith("s") and len(letters) > 2 and short[:-1].isupper():
        letters = letters[:-1]  # SEZs
    if len(letters) < 2:
        return None
    window = min(len(letters) + 5, len(letters) * 2)  # at least 4: two letters or more
    # only the last words of the clause are read, so only they are built (at most the
    # 40 that the clause gives)
    tokens = _clause_tokens(text, anchor, max_words=min(window, 40))
    if not tokens:
        return None
    if any(t.text == short for t in tokens[-1:]):
        return None
    # One long capitalised word holding the letters in order: "Kuomintang (KMT)".
    last = tokens[-1]
    if (
        short.isupper()
        and last.capitalised
        and "-" not in last.text
        and len(last.text) >= 2 * len(letters)
        and last.lower[0] == letters[0]
        and regex.match(".*?".join(map(regex.escape, letters)), last.lower)
        and (len(tokens) < 2 or not tokens[-2].capitalised)
    ):
        return _make_long(text, tokens, len(tokens) - 1, "word")
    # Word-initial matching.
    inits = _initials(tokens)
    j = len(inits) - 1
    first_tok = None
    for li in range(len(letters) - 1, -1, -1):
        while j >= 0 and inits[j][2] != letters[li]:
            j -= 1
        if j < 0:
            first_tok = None
            break
        first_tok = inits[j][0]
        j -= 1
    if first_tok is not None:
        skipped = [t for t in tokens[first_tok:] if t.lower not in STOP_WORDS]
        if len(skipped) <= len(letters) + 1:
            return _make_long(text, tokens, first_tok, "initials")
    # Character-level Schwartz–Hearst.  In a mixed-case short form (LegCo, DoJ) the
    # capitals are what must fall on word starts; otherwise half of all letters.
    upper = [c.isupper() for c in cased][: len(letters)]
    mixed = any(upper) and not all(upper)
    joined = text[tokens[0].start : tokens[-1].end].lower()
    base = tokens[0].start
    s_i = len(letters) - 1
    l_i = len(joined) - 1
    on_start = 0
    while s_i >= 0:
        c = letters[s_i]
        while l_i >= 0 and (
            joined[l_i] != c or (s_i == 0 and l_i > 0 and joined[l_i - 1].isalnum())
        ):
            l_i -= 1
        if l_i < 0:
            return None
        at_start = l_i == 0 or not joined[l_i - 1].isalnum()
        if at_start and (upper[s_i] or not mixed):
            on_start += 1
        s_i -= 1
        l_i -= 1
    needed = sum(upper) if mixed else len(letters)
    if on_start * 2 < needed:
        return None
    at = base + l_i + 1
    first = next(k for k, t in enumerate(tokens) if t.start <= at < t.end)
    return _make_long(text, tokens, first, "letters")


def _make_long(text: str, tokens: list[_Token], first: int, signal: str) -> _Span | None:
    while first < len(tokens) - 1 and tokens[first].lower in ARTICLES:
        first += 1
    s, e = tokens[first].start, tokens[-1].end
    span = _strip_possessive(_span_text(text, s, e))
    if not span:
        return None
    return _Span(s, e, span, signal)


def acronym_confidence(long: _Span) -> float:
    """How sure a long form is: letters on word starts are surer than letters inside words."""
    return 0.75 if long.signal == "letters" else 0.95
