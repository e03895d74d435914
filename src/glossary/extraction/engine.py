"""Extraction driver: English prose -> :class:`~glossary.model.Term`, one per bracketed gloss.

For every bracket (:mod:`~glossary.extraction.brackets`) that holds Chinese or an acronym,
the driver asks every signal (:mod:`~glossary.extraction.signals`) where the English it
glosses begins, lets :mod:`~glossary.extraction.scoring` weigh the proposals, and yields
the best with its confidence and the candidates that lost.  Acronyms without Chinese take
their long form from :mod:`~glossary.extraction.acronyms`.

Brackets are rejected (no pair) when they hold citations and dates, English asides,
romanisation alone, or Chinese that repeats or discusses Chinese standing just before.

Each term comes with one :class:`~glossary.model.Occurrence` giving the source, the
line, the character offsets of the whole match and the surface forms exactly as found.

The driver is given one paragraph at a time (:mod:`~glossary.extraction.paragraphs`),
so nothing outside it weighs in a reading.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from glossary.extraction import SETTLING_CONFIDENCE, scoring
from glossary.extraction.acronyms import _long_form, acronym_confidence
from glossary.extraction.brackets import _Bracket, _brackets, _parse_content
from glossary.extraction.context import bracketed
from glossary.extraction.direction import ChineseNearby, direction_of
from glossary.extraction.reverse import read_reverse
from glossary.extraction.signals import propose, word_runs
from glossary.extraction.text import (
    HAN,
    LATIN_LETTER,
    LINE_BREAK_IN_HAN,
    OPENER,
    _clean,
    _context,
    _Lines,
    _original_offset,
)
from glossary.extraction.words import footnote_before
from glossary.model import Candidate, Direction, Kind, Occurrence, Term

__all__ = ["read_terms"]

CAPITAL = regex.compile(r"\p{Lu}")
#: A word of a long form.
WORD = regex.compile(r"[\p{L}\p{N}]+")
#: What every acronym :func:`_parse_content` can read holds: two capitals at most ten
#: characters apart on one line, or a capital and a digit ("G7").
MAYBE_ACRONYM = regex.compile(r"\p{Lu}.{0,8}\p{Lu}|\p{Lu}[2-5]")


def _letters_in(content: str) -> tuple[bool, bool, bool]:
    """Whether ``content`` holds Han, Han or a capital, and a Latin letter: by
    :data:`HAN`, :data:`CAPITAL` and :data:`LATIN_LETTER`, or for ASCII (most brackets: "(1)",
    "(2019)", "(see above)") by case mapping, which changes exactly the ASCII letters."""
    if content.isascii():
        lower = content.lower()
        capital = content != lower
        return False, capital, capital or lower != content.upper()
    han = HAN.search(content) is not None
    capital = han or CAPITAL.search(content) is not None
    return han, capital, capital or LATIN_LETTER.search(content) is not None


def _one_line(chinese: str) -> str:
    """``chinese`` with the line breaks between its Han characters joined."""
    if "\n" not in chinese:  # (no line break, nothing to join: the usual case)
        return chinese
    return LINE_BREAK_IN_HAN.sub("", chinese)


def _spaces_only(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is blanks on one line (nothing, or spaces and tabs)."""
    return not text[start:end].strip(" \t\u3000")


def _names_itself(long_form: str, acronym: str) -> bool:
    """Whether ``long_form`` holds ``acronym`` as a word of its own: then it is no
    expansion of it ("TikTok refugees" is not what TikTok stands for).

    >>> _names_itself("TikTok refugees", "TikTok"), _names_itself("State Security", "SS")
    (True, False)
    """
    folded = acronym.casefold()
    return any(w.casefold() == folded for w in WORD.findall(long_form))


def read_terms(
    text: str, source: str | None = None, offset: int = 0, line: int = 1
) -> Iterator[tuple[Term, tuple[tuple[str, int], ...]]]:
    """Every pair in ``text`` (one :class:`Term` per bracketed gloss or acronym, offsets
    into ``text`` as given, plus ``offset``, lines counted from ``line``: where ``text``
    stands in a larger one), each with the spans (English, start offset) that
    :func:`~glossary.extraction.settle` may move it to when another reading confirms one:
    its candidates, and for a reading below the settling confidence every run of words
    ending at the bracket.

    >>> [spans for _, spans in read_terms("the “nuclear sharing” (核共享)")]
    [(('nuclear sharing', 5),)]
    """
    clean, removed = _clean(text)

    def orig(i: int) -> int:
        return _original_offset(removed, i) if removed else i

    def at(i: int) -> int:  # (the offset reported: in the larger text)
        return orig(i) + offset

    lines_before = line - 1

    lines = _Lines(text)
    nearby: ChineseNearby | None = None  # (made for the first bracket that has letters)

    def read(
        b: _Bracket, han_in: bool, han_or_capital: bool
    ) -> Iterator[tuple[Term, tuple[tuple[str, int], ...]]]:
        nonlocal nearby
        if nearby is None:
            nearby = ChineseNearby(clean)
        if (
            nearby.maybe(b.open, b.close)
            and direction_of(clean, b.open, b.close) is Direction.ZH_EN
        ):  # Chinese prose
            terms = read_reverse(
                clean, b.open, b.close, source, lines.line(orig(b.open)) + lines_before, at
            )
            yield from ((term, ()) for term in terms)
            return
        if not han_or_capital:
            return  # no Chinese and no acronym: "(see above)", "(1)"
        if not han_in and not MAYBE_ACRONYM.search(b.content):
            return  # no Chinese, and no room for an acronym: "(see Chapter 3)"
        parsed = _parse_content(b.content)
        has_han = bool(parsed.chinese)
        if not has_han and not parsed.acronym:
            return
        if has_han and parsed.aside:
            return
        acronym_only = not has_han and parsed.acronym and (not parsed.aliases or parsed.glossed)
        acro_long = None
        if parsed.acronym and (acronym_only or has_han):
            anchor = b.open
            while anchor > 0 and clean[anchor - 1].isspace():
                anchor -= 1
            fm = footnote_before(clean, max(0, anchor - 20), anchor)
            if fm:
                anchor -= len(fm.group())
            acro_long = _long_form(clean, anchor, parsed.acronym)
            if acro_long is not None and _names_itself(acro_long.text, parsed.acronym):
                acro_long = None  # “TikTok refugees” (TikTok难民): no long form of TikTok
        cands: tuple[Candidate, ...]
        if not has_han:
            if acro_long is None:
                return
            english, abbreviation, kind = acro_long.text, parsed.acronym, Kind.ACRONYM
            chinese = traditional = given_pinyin = note = ""
            span_start = acro_long.start
            chinese_surface = ""
            conf = acronym_confidence(acro_long)
            # How the letters were matched: word initials, letters inside one long word,
            # letters anywhere, or a well-known pair from the shipped table.
            cands = (Candidate(acro_long.text, conf, ("acronym", acro_long.signal)),)
            spans: tuple[tuple[str, int], ...] = ((acro_long.text, at(acro_long.start)),)
        else:
            ctx = bracketed(clean, b, parsed, acro_long)
            if ctx is None:
                return
            ranked = scoring.rank(ctx, propose(ctx))
            if not ranked or not ranked[0].text:
                return
            best = ranked[0]
            if scoring.names_the_chinese(best) or scoring.is_address(best.text):
                return  # "the traditional Chinese saying (以柔克剛)": no English phrase
            english = best.text
            chinese = _one_line(parsed.chinese)
            traditional = parsed.traditional
            abbreviation = parsed.acronym if acro_long is not None else ""
            kind = Kind.TRANSLATION
            given_pinyin = parsed.pinyin
            if not given_pinyin and "romanised" in best.signals:
                # the romanisation the bracket renders: "tianxia (天下, “all under heaven”)"
                given_pinyin = next((c.text for c in ranked if "pinyin" in c.signals), "")
            note = "; ".join(
                [f"also {a}" for a in parsed.alternatives]
                + ([f"lit. {parsed.lit}"] if parsed.lit and parsed.lit != english else [])
            )
            span_start = min(best.start, b.open)
            chinese_surface = parsed.chinese
            conf = scoring.confidence(ranked)
            kept = scoring.distinct(ranked)
            # (lists made into tuples: quicker than tuples of generators)
            cands = tuple([Candidate(c.text, round(c.score, 3), tuple(c.signals)) for c in kept])
            spans = tuple([(c.text, at(min(c.start, b.open))) for c in kept])
            if conf < SETTLING_CONFIDENCE:
                spans += tuple([(e, at(s)) for e, s in word_runs(ctx)])
        start, end = (orig(span_start), orig(b.close) + 1) if removed else (span_start, b.close + 1)
        occ = Occurrence(
            source=source,
            line=lines.line(orig(b.open)) + lines_before,
            start=start + offset,
            end=end + offset,
            english=english,
            chinese=chinese_surface,
            abbreviation=abbreviation,
            pinyin=parsed.pinyin,
            context=_context(text, start, end),
            confidence=conf,
            candidates=cands,
        )
        term = Term(
            english=english,
            chinese=chinese,
            traditional=traditional,
            abbreviation=abbreviation,
            kind=kind,
            given_pinyin=given_pinyin,
            note=note,
            occurrences=(occ,),
            confidence=conf,
        )
        yield term, spans

    # the closer of the bracket that last gave an English pair, and that pair
    last_close, last_term = -1, None

    def read_all(
        brackets: Iterator[_Bracket],
    ) -> Iterator[tuple[Term, tuple[tuple[str, int], ...]]]:
        nonlocal last_close, last_term
        for b in brackets:
            found = False
            # The cheap test first: most brackets ("(1)", "(see above)", "(2019)") hold no
            # Chinese and no acronym, and only English can be a gloss of Chinese prose.
            han_in, han_or_capital, latin = _letters_in(b.content)
            if han_or_capital or latin:
                for pair in read(b, han_in, han_or_capital):
                    found = True
                    if pair[1] and pair[0].chinese and pair[0].english:  # (English prose)
                        last_close, last_term = b.close, pair[0]
                    yield pair
            if (
                not found
                and han_in
                and last_term is not None
                and _spaces_only(clean, last_close + 1, b.open)
            ):
                # a bracket right after one that glossed an English phrase is another
                # Chinese for it: "Cultivation (修炼 xiūliàn) (修真 xiūzhēn)"
                another = _another_rendering(b, last_term)
                if another is not None:
                    found = True
                    last_close = b.close
                    yield another
            if not found and OPENER.search(b.content):
                # a bracket that glosses nothing may hold brackets that do: a list,
                # [TC、TG、空腹血糖(FBG)、血尿酸(SUA)]
                yield from read_all(_brackets(clean, b.open + 1, b.close))

    def _another_rendering(
        b: _Bracket, before: Term
    ) -> tuple[Term, tuple[tuple[str, int], ...]] | None:
        parsed = _parse_content(b.content)
        if not parsed.chinese or parsed.aside or parsed.acronym:
            return None
        first = before.occurrences[0]
        confidence = first.confidence or 0.0
        start, end = first.start - offset, orig(b.close) + 1
        occ = Occurrence(
            source=source,
            line=lines.line(orig(b.open)) + lines_before,
            start=first.start,
            end=end + offset,
            english=first.english,
            chinese=parsed.chinese,
            pinyin=parsed.pinyin,
            context=_context(text, start, end),
            confidence=confidence,
            candidates=(Candidate(first.english, confidence, ("another-bracket",)),),
        )
        term = Term(
            english=before.english,
            chinese=_one_line(parsed.chinese),
            traditional=parsed.traditional,
            kind=Kind.TRANSLATION,
            given_pinyin=parsed.pinyin,
            occurrences=(occ,),
            confidence=confidence,
        )
        return term, ((first.english, first.start),)

    yield from read_all(_brackets(clean))
