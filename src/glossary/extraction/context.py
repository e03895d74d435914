"""The context of one bracket, as every signal reads it: the words before it, what it holds,
the quotation it closes or stands in, and the English text of a span.

:func:`bracketed` builds a :class:`Bracketed` once per bracket; the signals
(:mod:`glossary.extraction.signals`) read it and return :data:`Proposal` tuples, which
:mod:`glossary.extraction.scoring` weighs.  The context remembers what several signals
ask for (title runs, span texts), so each is worked out once per bracket.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field

import regex

from glossary.extraction.align import _extend_by_alignment, aligned_positions
from glossary.extraction.brackets import _Bracket, _Content
from glossary.extraction.english import (
    _clause_tokens,
    _quote_around,
    _quoted_before,
    _Span,
    _span_text,
    _strip_possessive,
    _Token,
    or_pinyin,
)
from glossary.extraction.text import (
    CACHE_SIZE,
    CLOSERS,
    HAN,
    OPENERS,
    QUOTE_OPENERS,
    han_only,
    is_pinyin,
)
from glossary.extraction.titles import _capitalised_run, _trim_title_run
from glossary.extraction.words import POSSESSIVE_ENDS, footnote_before
from glossary.pinyin import toneless
from glossary.syllables import split_syllables

#: A possessive standing apart from its word: "Jiang Wen ’s (姜文)".
DETACHED_POSSESSIVE = tuple(" " + end for end in POSSESSIVE_ENDS)
#: For each opening quote, its closing quote ending a word inside a span.
CLOSER_IN_SPAN = {
    opener: regex.compile(rf"{regex.escape(closer)}(?=\s|$)")
    for opener, closer in QUOTE_OPENERS.items()
}
#: A colon or a dash joining the parts of a title in Chinese.
TITLE_JOIN_ZH = regex.compile(r"[：:]|——|—")
PINYIN_WORD = regex.compile(r"[a-zü]+")


#: A span one signal proposes: (start, end, English, signal), offsets into the clean text
#: (a plain tuple: a bracket makes a dozen, and nothing is cheaper to build).
Proposal = tuple[int, int, str, str]


@dataclass(slots=True)
class Bracketed:
    """Everything a signal may look at for one bracket."""

    text: str  # the clean text
    bracket: _Bracket
    parsed: _Content
    han: str  # the Han characters of the bracket's Chinese
    anchor: int  # just after the English (spaces, footnote marks, an acronym bracket skipped)
    tokens: list[_Token]  # the words of the clause ending at the English, left to right
    acronym_long: _Span | None  # the long form of the bracket's acronym, if any
    syllables: int = 0  # syllables of the pinyin given in the bracket, if any
    title_zh: bool = False  # the Chinese is a title in two parts (:data:`TITLE_JOIN_ZH`)
    #: The quotation ending at the bracket or around it (start, end of its inside).
    quote: tuple[int, int] | None = None
    #: Where the English is already one plain line up to its end (no line break, double
    #: space or hyphen before a space from there on): a span starting there is its own
    #: text, without :func:`_span_text` (no offset is that large when none is).
    plain_from: int = sys.maxsize
    #: :func:`_title_run_start` of the tokens, by (extending, owners): several signals
    #: ask; and under "run" their :func:`_capitalised_run`, which all of those start from.
    title_runs: dict[tuple[bool, bool] | str, int | None] = field(default_factory=dict)
    #: :func:`_trim_title_run` of the run extended to a start, by (start, owners).
    trimmed: dict[tuple[int, bool], int] = field(default_factory=dict)
    #: The spans worked out so far, by (start, end): their end and text.
    spans: dict[tuple[int, int], tuple[int, str]] = field(default_factory=dict)

    def title_run_start(self, *, shortest: int = 4, owners: bool = True) -> int | None:
        """:func:`_title_run_start` of the words before the bracket, remembered."""
        runs = self.title_runs
        # ``shortest`` only says whether the run may extend over weak links (whether the
        # Chinese is that long): one run for every value on the same side of its length.
        key = (shortest <= len(self.han), owners)
        if key not in runs:
            if "run" not in runs:
                runs["run"] = _capitalised_run(
                    self.tokens, self.han, self.parsed.chinese.startswith("《")
                )
            run = runs["run"]
            if run is None:
                runs[key] = None
            else:
                # Two options often extend the run alike: it is trimmed once per start.
                work = self.parsed.chinese.startswith("《")
                extended = _extend_by_alignment(self.tokens, run, self.han, shortest, work)
                trimmed = self.trimmed.get((extended, owners))
                if trimmed is None:
                    trimmed = _trim_title_run(self.tokens, extended, self.han, owners)
                    self.trimmed[extended, owners] = trimmed
                runs[key] = trimmed
        return runs[key]


#: Honours and degrees after a name: "Starry Lee Wai-king, SBS, JP (李慧琼)".
POST_NOMINALS = regex.compile(
    r"(?:,\s*(?:GBM|GBS|SBS|BBS|MH|JP|OBE|MBE|CBE|KBE|DBE|QC|SC|KC|MP|MLA|MLC|FRS))+,?$"
)
#: "et al." closing a case name or a list of authors: no word the Chinese renders.
ET_AL = regex.compile(r"\s*\bet\s+al\.?$")
#: Languages a phrase is said to be "in" before its bracket: a label, not a word of it.
LANGUAGE_NAMES = (
    "Chinese", "Mandarin", "Cantonese", "Hokkien", "Taiwanese", "Shanghainese", "Hakka",
    "Japanese", "Korean", "Vietnamese", "Tibetan", "Uyghur", "Mongolian", "Manchu", "pinyin",
)  # fmt: skip
IN_LANGUAGE = regex.compile(
    r"\s+in\s+(?:(?:both|either)\s+)?(?:\w+\s+(?:and|or)\s+)?(?:\w+\s+)?(?P<language>"
    + "|".join(LANGUAGE_NAMES)
    + r")$"
)  # "in Chinese", "in Standard Mandarin", "in both English and Chinese"


def bracketed(
    text: str, bracket: _Bracket, parsed: _Content, acronym_long: _Span | None
) -> Bracketed | None:
    """The :class:`Bracketed` for ``bracket``, or None when no English can stand before it
    (nothing before it, or Chinese right before: a script repeat or Chinese discussed)."""
    pos = bracket.open
    # Skip back over spaces, footnote markers and one bracket of no Chinese: "(CAACR) (…)".
    lo = max(0, pos - 200)
    head = text[lo:pos].rstrip()
    fm = footnote_before(head, 0, len(head))
    if fm:
        head = head[: fm.start()].rstrip()
    if head and head[-1] in CLOSERS:
        j = len(head) - 1
        depth = 0
        while j >= 0:
            if head[j] in CLOSERS:
                depth += 1
            elif head[j] in OPENERS:
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        if j >= 0 and not HAN.search(head, j):
            head = head[:j].rstrip()
    if head.endswith(DETACHED_POSSESSIVE):  # "Jiang Wen ’s (姜文)": a space before the ’s
        head = head[: head.rindex(" ")].rstrip()
    elif head.endswith(","):  # "Her son, Jiang Jielian, (蔣捷連) was killed": a stray comma
        head = head[:-1].rstrip()
    if head[-2:].isupper() and (honours := POST_NOMINALS.search(head)) is not None:
        head = head[: honours.start()]  # "Starry Lee Wai-king, SBS, JP (李慧琼)": honours
    if not head or (head[-1] >= "\u2e80" and HAN.match(head[-1])):  # (Han is from U+2E80 up)
        return None
    anchor = lo + len(head)  # index just after the English
    end_anchor = anchor
    if head[-1] == ".":
        end_anchor -= 1  # "talking past one another. (鸡同鸭讲 …)"
    # "lying flat, or tangping (躺平)": the romanisation stands between English and bracket.
    romanised = or_pinyin(head)
    before_or = head[: romanised.start()].rstrip()[-1:] if romanised else ""
    if romanised and before_or not in CLOSERS and is_pinyin(romanised.group(1)):
        # (not after another bracket: "Maoyankanren (猫眼看人) or Tianya (天涯)" lists two)
        end_anchor -= len(head) - romanised.start()
    elif head.endswith(("et al", "et al.")) and (et_al := ET_AL.search(head)) is not None:
        end_anchor = lo + et_al.start()  # "HKSAR v. Lai Man Ling et al [香港特別行政區 訴 …]"
    elif head.endswith(LANGUAGE_NAMES):  # "known as Zhongqiu in Chinese (中秋)": a label,
        label = IN_LANGUAGE.search(head)  # unless the Chinese renders it: "in Chinese (中国)"
        if label and len(aligned_positions(label["language"], han_only(parsed.chinese))) < 2:
            end_anchor = lo + label.start()  # (by one character, it may be 中 of 中秋)
    tokens = _clause_tokens(text, end_anchor)
    if tokens and tokens[-1].text.endswith("."):
        last = tokens[-1]
        stripped = last.text.rstrip(".")
        tokens[-1] = _Token(stripped, last.start, last.start + len(stripped))
    if tokens and not tokens[-1].text:
        tokens.pop()  # only the last word can be empty (a word is never dots alone)
    han, syllables, title_zh = _chinese_of(parsed.chinese, parsed.pinyin)
    quote = _quoted_before(text, anchor) or _quote_around(text, bracket)
    plain_from = sys.maxsize
    if tokens:
        words = text[tokens[0].start : tokens[-1].end]
        if words.isprintable() and "  " not in words and "- " not in words:
            plain_from = tokens[0].start
    return Bracketed(
        text,
        bracket,
        parsed,
        han,
        anchor,
        tokens,
        acronym_long,
        syllables,
        title_zh,
        quote,
        plain_from,
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def _chinese_of(chinese: str, pinyin: str) -> tuple[str, int, bool]:
    """What a bracket's Chinese and given pinyin say whatever stands before them: the Han
    characters, the syllables of the pinyin when they spell as many characters (else 0),
    and whether the Chinese is a title in two parts (remembered per bracket content)."""
    han = han_only(chinese)
    syllables = 0  # no pinyin given: nothing to count (the usual bracket)
    if pinyin:
        syllables = sum(
            len(split_syllables(w) or ()) for w in PINYIN_WORD.findall(toneless(pinyin))
        )
        if syllables != len(han):
            syllables = 0  # pinyin that does not spell this Chinese says nothing of its length
    return han, syllables, TITLE_JOIN_ZH.search(chinese) is not None


def _token_span(b: Bracketed, start: int, signal: str) -> Proposal:
    """The span from token ``start`` to the bracket."""
    return _span(b, b.tokens[start].start, b.tokens[-1].end, signal)


def _span(b: Bracketed, s: int, e: int, signal: str) -> Proposal:
    """The span from offset ``s`` to the end of the English ``e``, as the author wrote it
    (worked out once per bracket: several signals often propose the same start)."""
    found = b.spans.get((s, e))
    if found is None:
        found = b.spans[s, e] = _span_at(b, s, e)
    return s, found[0], found[1], signal


def _span_of(b: Bracketed, s: int, e: int) -> str:
    """The English of :func:`_span` from ``s`` to ``e``, without a proposal."""
    found = b.spans.get((s, e))
    if found is None:
        found = b.spans[s, e] = _span_at(b, s, e)
    return found[1]


def _span_at(b: Bracketed, s: int, e: int) -> tuple[int, str]:
    text, tokens = b.text, b.tokens
    if "." in tokens[-1].text and text[e : e + 1] == ".":
        e += 1  # the full stop of an abbreviation: "the U.S. (美国)"
    # (a plain line stays plain with a full stop added, and is what _span_text gives)
    span = text[s:e].strip() if s >= b.plain_from else _span_text(text, s, e)
    if span.endswith(POSSESSIVE_ENDS):  # (what _strip_possessive looks for first)
        span = _strip_possessive(span)
    # A quotation opened just before the span closes inside it: "a ‘hollowed-out’ village".
    if s > 0 and text[s - 1] in QUOTE_OPENERS:
        span = CLOSER_IN_SPAN[text[s - 1]].sub("", span, count=1)
    return e, span
