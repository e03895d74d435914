"""Scoring: one function weighs every proposal for a bracket and picks the best.

Each proposal from :mod:`glossary.extraction.signals` becomes a candidate span; proposals
of the same span merge, so a span several signals agree on carries all their names.  A
candidate's score adds up the evidence:

* the **prior** of its strongest signal (quotation marks are the most reliable boundary,
  a three-word guess the least), plus a little for every other signal that agrees;
* **Chinese coverage**: the share of the Chinese characters that the span's words render
  (by CC-CEDICT definitions or by spelling their pinyin);
* **English coverage**: the share of the span's content words that render some of the
  Chinese, and a penalty for unaligned words leading a span whose Chinese is already
  fully rendered (``both law and governance by ritual (lizhi 礼治)``);
* **the dictionary's name**: 0.3 when the span is, word for word, an English phrase
  CC-CEDICT gives for the whole Chinese (``Journey to the West (西游记)``);
* **a romanised term's rendering**: when the words before the bracket only spell the
  Chinese and the bracket renders it in English, the rendering leads (``tianxia (天下,
  “all under heaven”)``); the romanisation becomes the given pinyin;
* **structure**: a span split by a colon or a dash like its Chinese (a title in two parts);
* a **length prior**: more English content words than the syllables of the pinyin given
  in the bracket, opening with words that render none of the Chinese, is a span too
  wide; far more English content words than the Chinese has characters is unlikely for
  a gloss that is not a title.

The confidence of the choice (0 to 1) grows with the winner's evidence and with its
margin over the best candidate of another text.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import regex

from glossary.extraction.align import (
    aligned_positions,
    dictionary_phrases,
    fold_phrase,
    modifiers,
)
from glossary.extraction.context import Bracketed, Proposal
from glossary.extraction.words import REFERENTS, STOP_WORDS, WORD, WORDS_FOR_WORDS

#: A colon or a dash between the parts of an English title.
TITLE_JOIN_IN_EN = regex.compile(r"\S[:：]\s|\s[—–-]{1,2}\s|\S—\S")

#: How far each signal alone is trusted to mark the start of the English.
PRIORS: dict[str, float] = {
    "quotes": 1.0,
    "acronym": 0.95,
    "pinyin": 0.9,
    "person": 0.88,
    "title-case": 0.85,
    "title-colon": 0.85,
    "title-owner": 0.75,
    "quote-part": 0.75,
    "cedict": 0.7,
    "dictionary": 0.8,
    "syllables": 0.6,
    "gloss": 0.55,
    "romanised": 0.9,
    "noun-phrase": 0.4,
    "line-start": 0.85,
}
#: Weights of the evidence terms.
AGREEMENT = 0.05
ZH_COVERAGE = 0.35
EN_COVERAGE = 0.05
LEADING_SLACK = 0.15
LENGTH = 0.05
GIVEN_PINYIN = 0.35
DICTIONARY = 0.3
STRUCTURE = 0.15
#: The lead a romanised term's rendering takes over the romanisation (a clear choice).
YIELD = 0.1


@dataclass(slots=True)
class Scored:
    """A candidate span with its evidence and score."""

    start: int
    end: int
    text: str
    signals: list[str]
    zh_coverage: float = 0.0
    en_coverage: float = 0.0
    dictionary: bool = False  # the span is an English name CC-CEDICT gives for the Chinese
    penalty: float = 0.0  # what the evidence against it (slack, length) took off
    score: float = 0.0


@functools.lru_cache(maxsize=1 << 14)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in WORD.findall(text) if w.lower() not in STOP_WORDS)


def _alignment(text: str, han: str) -> tuple[float, float, int, int, bool]:
    """What the words of ``text`` render of ``han``: the share of the Chinese covered, the
    share of the content words that render some of it, how many unaligned content words
    lead, the number of content words, and whether ``text`` is an English name CC-CEDICT
    gives for the whole of ``han``."""
    words = _content_words(text)
    covered: set[int] = set()
    aligned = []
    for w in words:
        pos = aligned_positions(w, han) if han else frozenset()
        covered |= pos
        aligned.append(bool(pos))
    zh_coverage = len(covered) / len(han) if han else 0.0
    en_coverage = sum(aligned) / len(words) if words else 0.0
    opening = next((k for k, a in enumerate(aligned) if a), len(aligned))
    phrases = dictionary_phrases(han) if han else frozenset()
    dictionary = bool(phrases) and _named(text, han, phrases)  # no name: nothing to fold
    return zh_coverage, en_coverage, opening, len(words), dictionary


def _named(text: str, han: str, phrases: frozenset[str]) -> bool:
    """Whether ``text`` is an English name CC-CEDICT gives for ``han``, or one with
    :func:`modifiers` before it: "dynamic zero-COVID (动态清零)", where CC-CEDICT's name is
    "zero-COVID" and 动态 is "dynamic"."""
    if fold_phrase(text) in phrases:
        return True
    words = WORD.findall(text)
    for k in range(1, len(words)):
        if fold_phrase(" ".join(words[k:])) in phrases:
            return modifiers(words[:k], words[k:], han)
    return False


#: What :func:`_evidence` finds: the Chinese and the English coverage, their weighted sum,
#: the dictionary's name, a title in two parts, the penalty of the given pinyin, the
#: length penalty (taken for spans no quotation or capitals mark) and the slack penalty
#: (taken for a quotation only when it has more content words than the Chinese has
#: characters).
_Evidence = tuple[float, float, float, bool, bool, float, float, float, bool]


@functools.lru_cache(maxsize=1 << 14)
def _evidence(text: str, han: str, syllables: int, title_zh: bool) -> _Evidence:
    """What the span ``text`` says for itself as the English of ``han``, whatever signals
    proposed it, in a bracket giving ``syllables`` of pinyin and holding a title in two
    parts (``title_zh``) or not.  A pure function of short strings, remembered: a term is
    glossed again and again."""
    zh_coverage, en_coverage, opening, n_words, dictionary = _alignment(text, han)
    coverage = ZH_COVERAGE * zh_coverage + EN_COVERAGE * en_coverage
    # both sides are a title in two parts: "Essays: Part Two (文集：第二部)"
    structure = title_zh and TITLE_JOIN_IN_EN.search(text) is not None
    penalty = 0.0
    # slack: unaligned words leading a span whose Chinese is all rendered
    slack = LEADING_SLACK * opening if zh_coverage >= 0.999 else 0.0
    if syllables and n_words > syllables and opening:
        # The author spelled the Chinese: more content words than syllables, opening with
        # words that render none of it, is a span wider than the term ("both law and
        # governance by ritual (lizhi 礼治)"; but "Four Old Things (四旧; sì jiù)": an
        # English name may take more words than the Chinese has syllables).
        penalty += GIVEN_PINYIN * min(2, n_words - syllables, opening)
    length = 0.0
    if han and n_words > 2 * len(han):
        length = LENGTH * math.log2(1 + n_words - 2 * len(han))
    wordy = n_words > len(han)
    return zh_coverage, en_coverage, coverage, dictionary, structure, penalty, length, slack, wordy


def rank(b: Bracketed, proposals: list[Proposal]) -> list[Scored]:
    """The candidates for ``b``, best first (ties go to the longer span, then the earlier)."""
    merged: dict[tuple[int, str], tuple[int, list[str]]] = {}  # (start, text): end, signals
    for start, end, text, signal in proposals:
        key = (start, text)
        found = merged.get(key)
        if found is None:
            merged[key] = (end, [signal])
        elif signal not in found[1]:
            found[1].append(signal)
    han, syllables, title_zh = b.han, b.syllables, b.title_zh
    out = []
    for (start, text), (end, signals) in merged.items():
        zh, en, coverage, dictionary, structure, penalty, length, slack, wordy = _evidence(
            text, han, syllables, title_zh
        )
        if slack and (wordy or "quotes" not in signals):
            # Words the dictionary leaves unaligned lead a span whose Chinese is rendered:
            # slack, unless the author's quotation marks bound it and it has no more words
            # than the Chinese has characters ("one position as the highest authority,
            # making the final decisions" (定于一尊, 一锤定音)).
            penalty += slack
        # (most candidates come from one signal: its prior, without a max over one)
        prior = PRIORS[signals[0]] if len(signals) == 1 else max(map(PRIORS.__getitem__, signals))
        score = prior + AGREEMENT * (len(signals) - 1)
        score += coverage
        if dictionary:
            score += DICTIONARY  # the usual English name: "Journey to the West (西游记)"
        if structure:
            score += STRUCTURE
        if length and "quotes" not in signals and "title-case" not in signals:
            penalty += length
        out.append(Scored(start, end, text, signals, zh, en, dictionary, penalty, score - penalty))
    _rendering_leads(out)
    out.sort(key=lambda c: (-c.score, c.start, c.text))
    return out


def _rendering_leads(candidates: list[Scored]) -> None:
    """A romanised term yields to the English its bracket renders it by: the ``romanised``
    candidate (proposed only when the words before the bracket spell the Chinese and
    nothing more) leads the others by :data:`YIELD`."""
    for c in candidates:
        if "romanised" in c.signals:
            c.score = max(o.score for o in candidates) + YIELD
            return


#: How often a span chosen by each signal is right, before the evidence is weighed.
RELIABILITY: dict[str, float] = {
    "quotes": 0.9,
    "acronym": 0.9,
    "pinyin": 0.9,
    "person": 0.85,
    "title-case": 0.8,
    "title-colon": 0.8,
    "title-owner": 0.7,
    "quote-part": 0.7,
    "cedict": 0.7,
    "dictionary": 0.9,
    "syllables": 0.6,
    "gloss": 0.6,
    "romanised": 0.85,
    "noun-phrase": 0.35,
    "line-start": 0.75,
}
#: Signals whose boundary comes from alignment itself: a span that renders little of the
#: Chinese is a weak choice.  The others mark a boundary on their own (quote marks,
#: capitals, an acronym's letters) and alignment only confirms it.
ALIGNMENT_BOUNDED = frozenset({"cedict", "quote-part", "noun-phrase", "gloss", "syllables"})


def confidence(ranked: list[Scored]) -> float:
    """How sure the choice of ``ranked[0]`` is, from 0 to 1: the reliability of its
    strongest signal, a little more for each signal that agrees, scaled by how much of the
    Chinese its words render, by the penalties it won despite and by its margin over the
    best rival text."""
    best = ranked[0]
    signals = best.signals
    lead = signals[0] if len(signals) == 1 else max(signals, key=PRIORS.__getitem__)
    value = RELIABILITY[lead] + min(0.1, 0.05 * (len(best.signals) - 1))
    if lead in ALIGNMENT_BOUNDED:
        value *= 0.5 + 0.5 * best.zh_coverage
    else:
        value *= 0.85 + 0.15 * best.zh_coverage
    value *= max(0.3, 1 - best.penalty)  # the evidence against the span it won despite
    if best.dictionary:
        value = max(value, 0.9)  # the dictionary's own name for the Chinese
    folded = best.text.casefold()
    rival = next((c for c in ranked[1:] if c.text.casefold() != folded), None)
    if rival is not None:
        margin = best.score - rival.score
        if margin < 0.1:
            value *= 0.7 + 3 * margin
    return round(min(1.0, max(0.0, value)), 2)


#: A web address or a path: no English phrase a bracket could gloss.
ADDRESS = regex.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|org|net|gov|edu|io|ai|cn|hk|tw|uk)/|[\w.-]+/[\w.-]+/"
)


def is_address(english: str) -> bool:
    """Whether ``english`` holds a web address or a path (``example.com/stats``): a note in
    brackets after a link, ``…/ai-visibility-statistics【厂商宣称】``, glosses no English.
    A site's bare name is a name (``USChinapress.com (侨报网)``).

    >>> is_address("boringmarketing.com/ai-visibility-statistics"), is_address("A2/AD")
    (True, False)
    """
    # (most spans hold neither a dot nor a slash: told without the regex)
    return ("." in english or "/" in english) and ADDRESS.search(english) is not None


def names_the_chinese(best: Scored) -> bool:
    """Whether the chosen span only names what the bracket holds: none of its words
    renders the Chinese, it ends in a word for words and nothing but alignment marked its
    boundary (``the traditional Chinese saying (以柔克剛)``, ``the slogan (不忘初心)``; but
    ``Chinese characters (汉字)`` renders 字, and ``the phrase “seek truth from facts”
    (实事求是)`` is quoted).  Such a bracket renders no English phrase."""
    if best.en_coverage or not ALIGNMENT_BOUNDED.issuperset(best.signals):
        return False
    words = WORD.findall(best.text)
    if len(words) == 1 and words[0].lower() in REFERENTS:
        return True  # "the first (穷) literally means ‘poor’": it stands for the Chinese
    return bool(words) and words[-1].lower() in WORDS_FOR_WORDS


def distinct(ranked: list[Scored], limit: int = 5) -> list[Scored]:
    """The first ``limit`` candidates of distinct texts, best first."""
    seen: set[str] = set()
    out = []
    for c in ranked:
        if c.text in seen:
            continue
        seen.add(c.text)
        out.append(c)
        if len(out) == limit:
            break
    return out


#: The documented review threshold: pairs below it are the ones to check first
#: (``benchmarks/confidence.py`` measures how many of the wrong pairs fall below it).
DEFAULT_MIN_CONFIDENCE = 0.5
