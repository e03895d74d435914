"""The signals: each one proposes where the English glossed by a bracket begins.

A signal is a function from a :class:`Bracketed` (the bracket, what it holds and the words
before it) to the spans it proposes.  :data:`SIGNALS` lists them in the order a reader
meets them; none of them decides alone: :mod:`glossary.extraction.scoring` weighs every
proposal with the evidence (alignment, pinyin, length) and picks one.

=============== =================================================================
``quotes``      a quotation ending at the bracket, or one the bracket stands inside
``quote-part``  the end of a quotation when the Chinese renders only those words
``acronym``     the long form of an acronym in the same bracket
``pinyin``      words spelling the Chinese in pinyin (a name, a romanised term)
``person``      a person's name at the end of a capitalised run, from the surname
``title-case``  a run of capitalised words with connectors (a name, a title)
``title-owner`` the same run with a possessive owner kept (``Jade Emperor’s Palace``)
``title-colon`` a title in two parts joined by a colon or a dash, as its Chinese is
``cedict``      words aligned with the Chinese by CC-CEDICT definitions
``dictionary``  words that are CC-CEDICT's English name for the whole Chinese
``syllables``   as many content words as the given pinyin has syllables
``gloss``       a ``lit.`` gloss or quoted English rendering inside the bracket
``romanised``   the English rendering inside the bracket of a romanised term before it
``noun-phrase`` a short phrase ending at the bracket, when nothing else speaks
=============== =================================================================
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import regex

from glossary.extraction.align import (
    _aligned_flags,
    _aligned_start,
    _last_aligned,
    _name_start,
    aligned_positions,
    dictionary_phrases,
    fold_phrase,
    modifiers,
    renders_by_parts,
)
from glossary.extraction.context import (
    Bracketed,
    Proposal,
    _span,
    _span_of,
    _token_span,
)
from glossary.extraction.english import (
    FURNITURE_BLOCK,
    _clause_tokens,
    _drop_article,
    _span_text,
)
from glossary.extraction.text import (
    CACHE_SIZE,
    one_line,
)
from glossary.extraction.titles import (
    _title_run_start,
    person_start,
)
from glossary.extraction.words import (
    AND_WORDS,
    ARTICLE,
    ARTICLES,
    BULLET,
    POSSESSIVE_ENDS,
    STOP_WORDS,
    WORD,
    WORDS_FOR_WORDS,
    word_spans,
)

#: A colon or a dash joining the parts of a title in English.
TITLE_JOIN_EN = regex.compile(r"\s*(?:[:：]|\s[—–]|\s-{1,2})\s*$")
#: A comma between the names a title lists, in English and (between Han) in Chinese.
LIST_JOIN_EN = regex.compile(r"\s*,\s*$")
LIST_SEPARATOR_ZH = regex.compile(r"(?<=\p{Han})[、，,](?=\p{Han})")
LIST_AND_ZH = regex.compile(r"(?<=\p{Han})[与與和及](?=\p{Han})")
#: Function words a span counted by syllables may cross.
SYLLABLE_LINKS = frozenset({"of", "the", "and", "a", "an"})
NUMBER = regex.compile(r"\d+(?:st|nd|rd|th)?")
DIGIT = regex.compile(r"[0-9０-９]")


# --------------------------------------------------------------------------- the signals


def quotes(b: Bracketed) -> list[Proposal]:
    """A quotation ending at the bracket (pinyin or "or" may stand between), or one the
    bracket stands inside: ``“discourse power,” or huayuquan (话语权)``."""
    q = b.quote
    if q is None:
        return []
    s, e = q
    article = ARTICLE.match(b.text, s, e)
    if article and article.end() < e:
        s = article.end()
    return [(s, e, _drop_article(_span_text(b.text, s, e)), "quotes")]


def quote_part(b: Bracketed) -> list[Proposal]:
    """The last words of a quotation, when the Chinese renders only them:
    ``“both law and governance by ritual” (lizhi 礼治)``.  Every suffix that starts on a
    content word is proposed; the scoring keeps one only when alignment says so."""
    q = b.quote
    if q is None or not b.han:
        return []
    s, e = q
    text = b.text
    furniture = (  # page furniture stands between blank lines: none without a line break
        [(m.start(), m.end()) for m in FURNITURE_BLOCK.finditer(text, s, e)]
        if text.find("\n", s, e) >= 0
        else []
    )
    words = word_spans(text, s, e)
    if furniture:
        words = [w for w in words if not any(a <= w[0] < z for a, z in furniture)]
    if len(words) < 3:
        return []
    # A quotation already on one line, single-spaced and without a hyphen before a space,
    # is its own span text from any word on (what _span_text would give, without a pass).
    inside = text[s:e]
    plain = "- " not in inside and one_line(inside) == inside
    out = []
    for start, end in words[1:]:
        if text[start:end].lower() in STOP_WORDS:
            continue
        english = text[start:e] if plain else _span_text(text, start, e)
        out.append((start, e, english, "quote-part"))
    return out


def acronym(b: Bracketed) -> list[Proposal]:
    """The acronym in the same bracket has a long form: the Chinese names it too,
    ``the Ministry of State Security (MSS; 国家安全部)``."""
    a = b.acronym_long
    return [] if a is None else [(a.start, a.end, a.text, "acronym")]


def pinyin(b: Bracketed) -> list[Proposal]:
    """Words whose letters spell a reading of the Chinese: a name, ``Wang Yi (王毅)``, or a
    romanised term used as English, ``the concept of tianxia (天下)``."""
    start = _name_start(b.tokens, b.parsed.chinese) if b.tokens else None
    return [] if start is None else [_token_span(b, start, "pinyin")]


def person(b: Bracketed) -> list[Proposal]:
    """A person's name at the end of a run of capitalised words, when the Chinese is a
    name (two to four characters starting with a surname): the name begins at the word
    romanising the surname (pinyin, Cantonese or Wade–Giles), with an English given name
    before it kept: ``Secretary for Security John Lee Ka-chiu (李家超)``."""
    tokens = b.tokens
    end = len(tokens)
    if end > 1 and tokens[-1].lower in KIN_WORDS and b.han[-1:] in "家族氏":
        end -= 1  # a family by its surname: "the Fok family (霍家)"
    run = end
    while run > 0 and tokens[run - 1].capitalised and tokens[run - 1].lower not in STOP_WORDS:
        run -= 1
    first = person_start(tokens[run:end], b.han)
    if first is None or (run + first == len(tokens) - 1 and len(b.han) > 1):
        return []
    return [_token_span(b, run + first, "person")]


#: A family or clan named by its surname.
KIN_WORDS = frozenset({"family", "clan"})


def title_case(b: Bracketed) -> list[Proposal]:
    """A run of capitalised words with connectors: ``the 3rd Year of the Xuan King Jing of
    Zhou (周宣王三年)``; titles, roles and owners before a name are left out."""
    start = b.title_run_start()
    out = [] if start is None else [_token_span(b, start, "title-case")]
    # Weak links crossed for a short Chinese too ("Journey to the West (西游记)"): the
    # scoring keeps it only when the words gained render more of the Chinese.
    linked = b.title_run_start(shortest=2)
    if linked is not None and linked != start:
        out.append(_token_span(b, linked, "title-case"))
    return out


def title_owner(b: Bracketed) -> list[Proposal]:
    """A Title-Case run with the possessive before it kept: ``the Jade Emperor’s Palace
    (玉皇宫)``.  It wins over the run without its owner only when the owner renders part
    of the Chinese (``China’s State Council (国务院)`` keeps the owner out)."""
    tokens = b.tokens
    # No owner to keep (no apostrophe before the last word, or no word ending in one):
    # the run is the one title-case proposes.
    if len(tokens) < 2:
        return []
    before = b.text[tokens[0].start : tokens[-2].end]
    if "’" not in before and "'" not in before:
        return []
    if not any(t.text.endswith(POSSESSIVE_ENDS) for t in tokens[:-1]):
        return []
    start = b.title_run_start(owners=False)
    if start is None or start == b.title_run_start():
        return []
    return [_token_span(b, start, "title-owner")]


def title_colon(b: Bracketed) -> list[Proposal]:
    """A title whose parts a colon or a dash joins, when the Chinese is joined the same
    way: ``Collected Essays of Li Dazhao: Part Two (李大钊文集：第二部)``; its parts
    may list names with commas, as many as the Chinese lists with 、 or a comma:
    ``Accidental State: Chiang Kai-shek, the United States, and the Making of Taiwan
    (意外的國度:蔣介石、美國、與近代台灣的形塑)``."""
    if not b.tokens:
        return []
    chinese = b.parsed.chinese
    colons = 1 if b.title_zh else 0
    commas = 0
    if "、" in chinese or "，" in chinese or "," in chinese:  # (most have none: no regex)
        commas = len(LIST_SEPARATOR_ZH.findall(chinese))
    if commas and LIST_AND_ZH.search(chinese):
        commas += 1  # the list's last "and" may have its comma: 毛泽东、斯大林与朝鲜战争
    if not colons and not commas:
        return []
    leading = ARTICLES | AND_WORDS if commas else ARTICLES  # (", and the Making of …")
    start = b.title_run_start()
    if start is None or any(t.lower not in leading for t in b.tokens[:start]):
        return []
    out = []
    s = b.tokens[0].start
    while True:
        join = TITLE_JOIN_EN.search(b.text, max(0, s - 5), s)
        if join is not None and colons:
            colons -= 1
        elif commas and (join := LIST_JOIN_EN.search(b.text, max(0, s - 5), s)) is not None:
            commas -= 1
        else:
            break
        head = _clause_tokens(b.text, join.start())
        first = _title_run_start(head, chinese) if head else None
        if first is None:
            break
        out.append(_span(b, head[first].start, b.tokens[-1].end, "title-colon"))
        if any(t.lower not in leading for t in head[:first]):
            break  # words before the part that are no part of a title: it opens here
        s = head[0].start
    return out


def cedict(b: Bracketed) -> list[Proposal]:
    """Words whose CC-CEDICT definitions render the Chinese, through gaps of at most two
    words: ``the hollowing out of the countryside (农村空心化)``; and the run of aligned
    words that no unaligned word interrupts, for the scoring to prefer when crossing the
    gap renders no more of the Chinese (``the writer mocked the bureaucratic style of
    work (官僚主义作风)``)."""
    tokens = b.tokens
    flags = _aligned_flags(tokens, b.han)
    start = _aligned_start(tokens, b.han, flags)
    if start is None:
        return []
    out = [_token_span(b, _widen(b, start), "cedict")]
    right = _last_aligned(flags)
    solid = right
    while solid > start and (flags[solid - 1] or tokens[solid - 1].lower in STOP_WORDS):
        solid -= 1
    while solid < right and tokens[solid].lower in STOP_WORDS:
        solid += 1
    if solid > start:
        out.append(_token_span(b, _widen(b, solid), "cedict"))
    return out


def _widen(b: Bracketed, start: int) -> int:
    """An aligned span's start, widened by the words that belong with it."""
    tokens = b.tokens
    if (
        0 < start == len(tokens) - 1
        and len(b.han) >= 3
        and tokens[start - 1].lower not in STOP_WORDS
        and not renders_by_parts(tokens[start].text, b.han)
    ):
        # One aligned word for three or more characters: take its modifier too
        # ("absurdist humor (无厘头)"), unless its parts render every character
        # ("multilateralism (多边主义)": 多边 "multilateral", 主义 "-ism").
        start -= 1
    # A number before the span renders the number in the Chinese: "the 100th anniversary
    # of the Party’s founding (建党100周年)".
    if (
        start > 0
        and tokens[start - 1].text[:1].isdigit()  # (what NUMBER needs first, without a regex)
        and NUMBER.fullmatch(tokens[start - 1].text)
        and DIGIT.search(b.parsed.chinese)
    ):
        start -= 1
    return start


def dictionary(b: Bracketed) -> list[Proposal]:
    """Words before the bracket that are, word for word, an English name CC-CEDICT gives
    for the whole Chinese: ``the one-child policy (独生子女政策)``."""
    if not b.han or not b.tokens:
        return []
    phrases = dictionary_phrases(b.han)
    if not phrases:
        return []
    longest = _longest_phrase(b.han) + 3  # articles are not in the phrase
    out = []
    for start in range(len(b.tokens) - 1, max(-1, len(b.tokens) - 1 - longest), -1):
        if b.tokens[start].lower in ARTICLES:
            continue  # the phrase without its article is tried as well
        if start > 0 and b.tokens[start - 1].capitalised and b.tokens[start].capitalised:
            continue  # the end of a longer name: "Walker D. Mills (米爾斯)", not "Mills"
        if fold_phrase(" ".join(t.text for t in b.tokens[start:])) in phrases:
            out.append(_token_span(b, start, "dictionary"))
            # with the words before it that render part of the Chinese the name does
            # not: "dynamic zero-COVID (动态清零)", CC-CEDICT's name being "zero-COVID"
            name = [t.text for t in b.tokens[start:]]
            first = start
            while first > 0 and modifiers(
                [t.text for t in b.tokens[first - 1 : start]], name, b.han
            ):
                first -= 1
            if first < start:
                out.append(_token_span(b, first, "dictionary"))
    return out


@functools.lru_cache(maxsize=CACHE_SIZE)
def _longest_phrase(han: str) -> int:
    """Words in the longest of the :func:`dictionary_phrases` of ``han`` (0 for none)."""
    return max((p.count(" ") + 1 for p in dictionary_phrases(han)), default=0)


def syllables(b: Bracketed) -> list[Proposal]:
    """As many content words as the pinyin given in the bracket has syllables, linked by
    ``of``, ``the`` or ``and``: ``the investigation of things (gewu 格物)``."""
    if b.syllables < 2 or not b.tokens:
        return []
    content = 0
    start = None
    for k in range(len(b.tokens) - 1, -1, -1):
        word = b.tokens[k].lower
        if word in STOP_WORDS:
            if word not in SYLLABLE_LINKS:
                break
            continue
        content += 1
        start = k
        if content == b.syllables:
            break
    if start is None or content < 2:
        return []
    return [_token_span(b, start, "syllables")]


def gloss(b: Bracketed) -> list[Proposal]:
    """A ``lit.`` gloss or a quoted English rendering inside the bracket:
    ``(不忘初心, “Never forget why you started”)``."""
    english = b.parsed.lit or b.parsed.quoted
    # only English that stands in the bracket as it is: never one stitched together
    # around a nested bracket or Chinese the reader took out
    if english and english in b.bracket.content:
        return [(b.anchor, b.anchor, english, "gloss")]
    return []


def romanised(b: Bracketed) -> list[Proposal]:
    """The English the bracket gives a romanised term: the words before the bracket only
    spell the Chinese, and the bracket renders it, ``the concept of tianxia (天下, “all
    under heaven”)``.  A rendering in quotation marks counts as it stands, a plain one when
    CC-CEDICT aligns each of its words with the Chinese, ``xingshi zhuyi (形式主义,
    formalism)``; a literal gloss does not (``tuhao (土豪, literally “local tyrant”)``: the
    author keeps the romanisation as the term).  A name is never a romanised term:
    ``Wang Yi (王毅, foreign minister)`` (only its first word may be capitalised)."""
    if not b.tokens or b.parsed.lit or not (b.parsed.quoted or b.parsed.aliases):
        return []
    start = _name_start(b.tokens, b.parsed.chinese)
    if start is None or any(t.text[:1].isupper() for t in b.tokens[start + 1 :]):
        return []
    content = b.bracket.content
    english = b.parsed.quoted
    if not (english and english in content):
        english = next((a for a in b.parsed.aliases if a in content and _renders(a, b.han)), "")
    return [(b.tokens[start].start, b.anchor, english, "romanised")] if english else []


def _renders(english: str, han: str) -> bool:
    """Whether every content word of ``english`` renders part of ``han`` by CC-CEDICT."""
    words = [w for w in WORD.findall(english) if w.lower() not in STOP_WORDS]
    return bool(words) and all(aligned_positions(w, han) for w in words)


def noun_phrase(b: Bracketed) -> list[Proposal]:
    """Up to three words before the bracket, stopping at a function word, or at a word for
    words before them (``the Cantonese phrase ga yau (加油)``: the phrase is ga yau)."""
    tokens = b.tokens
    i = len(tokens)
    while i > 0 and len(tokens) - i < 3 and tokens[i - 1].lower not in STOP_WORDS:
        if i < len(tokens) and tokens[i - 1].lower in WORDS_FOR_WORDS:
            break
        i -= 1
    return [_token_span(b, i, "noun-phrase")] if i < len(tokens) else []


def line_start(b: Bracketed) -> list[Proposal]:
    """A phrase of a few words opening its line or list item, a bullet, a number or
    Markdown emphasis before it, the line ending or a colon or dash following the bracket:
    the entry of a glossary or a list (``- **Bronze bells (编钟)**: Shang and Zhou``)."""
    tokens = b.tokens
    if not tokens or len(tokens) > LINE_START_WORDS or tokens[0].lower in STOP_WORDS:
        return []
    if not ENTRY_END.match(b.text, b.bracket.close + 1):
        return []  # prose goes on after the bracket: "Villagers protested … (强拆) …"
    if person_start(tokens, b.han):
        return []  # a person's name after a title: "DPP presidential candidate Lai (賴清德)"
    first = tokens[0].start
    line = b.text.rfind("\n", max(0, first - 40), first) + 1
    if (line or first <= 40) and LIST_LEAD.fullmatch(b.text, line, first):
        return [_token_span(b, 0, "line-start")]
    return []


#: What follows an entry's bracket: the end of the line, or a colon or a dash.
ENTRY_END = regex.compile(r"[ \t]*(?:\*\*|__|[*_])?[ \t]*(?:$|\n|[:：]|\s[-–—])", regex.M)
#: At most this many words open a line as an entry.
LINE_START_WORDS = 5
#: What may stand before an entry on its line: a bullet or a number, Markdown emphasis.
LIST_LEAD = regex.compile(rf"[ \t]*(?:{BULLET}|–|[(（]\d{{1,3}}[)）])?[ \t]*(?:\*\*|__|[*_])?")


#: Every signal, by name: each reads a :class:`Bracketed` and proposes spans.
SIGNALS: dict[str, Callable[[Bracketed], list[Proposal]]] = {
    "quotes": quotes,
    "quote-part": quote_part,
    "acronym": acronym,
    "pinyin": pinyin,
    "person": person,
    "title-case": title_case,
    "title-owner": title_owner,
    "title-colon": title_colon,
    "cedict": cedict,
    "dictionary": dictionary,
    "syllables": syllables,
    "gloss": gloss,
    "romanised": romanised,
    "noun-phrase": noun_phrase,
    "line-start": line_start,
}


def word_runs(b: Bracketed, limit: int = 12) -> Iterator[tuple[str, int]]:
    """Every run of up to ``limit`` words ending at the bracket, as (English, start): not
    a signal, but the spans corpus-level agreement may choose from."""
    tokens = b.tokens
    end = tokens[-1].end if tokens else 0
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - limit), -1):
        start = tokens[k].start
        yield _span_of(b, start, end), start


def propose(b: Bracketed) -> list[Proposal]:
    """Every span every signal proposes for ``b``."""
    out: list[Proposal] = []
    for signal in SIGNALS.values():
        out += signal(b)
    return out
