"""Where the Chinese begins: the scored choice of the span a zh-en bracket glosses.

The reverse reader (:mod:`glossary.extraction.reverse`) hands over the run of Chinese
before a bracket and what the bracket holds; :func:`choose` segments nothing itself but
weighs the spans the signals propose over jieba's words
(:func:`glossary.extraction.chinese_words.segment`):

* ``clause``: the start of the run; ``particle``: the word after a particle, preposition,
  pronoun, verb or time word (的, 是, 在, 被, 称, 所谓, 了, 今年, …);
* ``name``: a transliterated name (``达娜·莫斯``), a name after a title or rank
  (``上尉米爾斯``), a Chinese name from its surname (``蔣萬安``);
* ``cedict``: the shortest span CC-CEDICT aligns with the most English words;
  ``acronym``: for an acronym alone, the shortest holding the most of its letters;
  ``dictionary``: for an acronym alone, the words CC-CEDICT names it by (非典 is
  "SARS", 国内生产总值 "gross domestic product (GDP)");
  ``transliteration``: the ``cedict`` span with the transliterated name before it, when
  a capitalised English word is left unaligned (``布魯金斯學會``).

:func:`_score` is the one scoring function; the weights are named constants.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

import regex

from glossary.extraction.chinese_evidence import (
    Evidence,
    _aligned_suffix,
    _names_acronym,
    english_words,
)
from glossary.extraction.chinese_names import (
    NAME_DOTS,
    PROPER_TAGS,
    _common_prefix,
    _name_like,
    _name_part,
    _name_span,
    _skip_chars,
    _surname_span,
)
from glossary.extraction.chinese_words import (
    CACHE_SIZE,
    HAN,
    TITLES,
    Token,
    _function_word,
    _is_stop,
    _verb,
)
from glossary.extraction.transliteration import sounds_like_a_start
from glossary.model import Candidate

#: Conjunctions that may stand inside a name: 欧洲安全与合作组织.
LINKS = frozenset("与和及與暨")
#: Weaker ends: verbal nouns (宣传, 合作) end a clause less surely.
WEAK_STOP_TAGS = frozenset({"vn"})


# --------------------------------------------------------------------------- choosing


@dataclass(slots=True)
class _Span:
    first: int  # token index
    stop: int  # token index past the last
    skip: int = 0  # characters of the first token left out
    signals: set[str] = field(default_factory=set)
    boundary: float = 0.0  # how surely a clause boundary stands before it


#: The weights of :func:`_score`.  CLAUSE_BOUNDARY and UNALIGNED_COST were chosen by
#: two-fold cross-validation over seventeen held-out sets of Chinese prose (weights fitted
#: on one half, scored on the other: both halves moved them the same way, and each gained
#: 0.8 to 0.9 points of F1 on the half it was not fitted on); see docs/extraction.md.
#: How surely a clause boundary stands before a span: the start of the run, the word
#: after a particle (or a role before a name), after a verbal noun, after 与/和 or a
#: character that is no Han.
CLAUSE_BOUNDARY = 0.3
#: ... the start of the run for an acronym's letters alone: they say less than words (a
#: longer span holds more of them by chance), and the cross-validation left it as it was.
LETTERS_CLAUSE_BOUNDARY = 0.25
STOP_BOUNDARY = 0.25
WEAK_BOUNDARY = 0.15
LINK_BOUNDARY = 0.1
NAME_WEIGHT = 0.6
#: A word CC-CEDICT names the acronym by (非典: "SARS").
DICTIONARY_WEIGHT = 0.6
#: English joining words by "of" or a possessive, and the particles that render them.
POSSESSIVE_EN = regex.compile(r"\S\s+of\s+\S|\w['’]s?\b")
POSSESSIVE_ZH = frozenset("的之")
TRANSLITERATION_WEIGHT = 0.3
CHAR_COST = 0.03
#: Characters expected per English word or letter (more cost CHAR_COST each), and a
#: little for every character (the shorter of two otherwise equal spans wins).
CHARS_PER_WORD = 2.5
CHAR_TIEBREAK = 0.005
#: Characters an unaligned English word may account for at the opening of a span.
CHARS_PER_UNALIGNED_WORD = 3
STOP_COST = 0.25
UNALIGNED_COST = 0.12
#: The cost of a span starting inside a CC-CEDICT word (:func:`_cuts_a_word`).
CUT_COST = 0.1
#: The cost of a span leaving an unaligned English word no Chinese to render it.
SHORTFALL_COST = 0.05
#: The cost of a verb (a word of two characters or more, tagged so by jieba and a verb in
#: CC-CEDICT) inside a span, before its last word: terms are names of things.
VERB_COST = 0.05


def _score(span: _Span, ev: Evidence, tokens: list[Token], han_chars: int) -> float:
    """One score for one span: how much of the English it aligns with, plus the boundary
    and name evidence for its start; less its length, the particles inside it (a term
    rarely runs across one) and the unaligned words opening it (近年来 before 机器学习)
    beyond what the unaligned English words may account for (纳苏古姆 for Nazugum), place
    names excepted (美国 opens 美国国家公共广播电台)."""
    score = ev.ratio(span.first, span.stop) + span.boundary
    if "name" in span.signals:
        score += NAME_WEIGHT
    if "transliteration" in span.signals:
        score += TRANSLITERATION_WEIGHT
    if "name" not in span.signals:
        for k in range(span.first + (1 if span.skip else 0), span.stop):
            if _function_word(tokens[k]):
                if ev.possessive and tokens[k].text in POSSESSIVE_ZH:
                    continue  # the English has its "of": "nature of Nazi evil"
                # "and" between two aligned words is likely part of a name: 安全与合作
                linked = (
                    tokens[k].text in LINKS
                    and span.first < k < span.stop - 1
                    and ev.coverage(k - 1, k) != (0, 0)
                    and ev.coverage(k + 1, k + 2) != (0, 0)
                )
                score -= STOP_COST / 2 if linked else STOP_COST
            elif tokens[k].tag == "t" and len(tokens[k].text) > 1 and k < span.stop - 1:
                score -= STOP_COST  # a time word is no part of a term: 今年 in 今年實質國內…
            elif _inner_verb(tokens[k]) and k < span.stop - 1:
                score -= VERB_COST  # a verb inside a term is rare: 属于 in 新药属于三环类…
    words, letters = ev.coverage(span.first, span.stop)
    dotted = "name" in span.signals and any(
        t.text in NAME_DOTS for t in tokens[span.first : span.stop]
    )
    if (words or letters) and not dotted:  # the dotted parts of a name belong together
        # Each English word left unaligned may account for about three characters.
        unaligned = -CHARS_PER_UNALIGNED_WORD * (
            len(ev.words) - words + sum(ev.letters.values()) - letters
        )
        spare = 0  # content characters opening the span that render no English
        # Opening words the rest of the span does without (its coverage of the English
        # stays the same); for an acronym's letters, whose senses are many, the words
        # before the first that gives one.
        for k in range(span.first, span.stop):
            t = tokens[k]
            if ev.words and (
                k == span.stop - 1 or ev.coverage(k + 1, span.stop) != ev.coverage(k, span.stop)
            ):
                # within the word, characters the alignment does without: 英国 of 英国伦敦
                unaligned += _aligned_suffix(
                    t.text[span.skip if k == span.first else 0 :], ev.words
                )
                break
            if not ev.words and (k == span.stop - 1 or ev.coverage(k, k + 1) != (0, 0)):
                break
            if t.han and (ev.words or t.tag != "ns"):  # 美国 may open an acronym's name
                unaligned += len(t.text)
                if not _function_word(t):
                    spare += len(t.text)
        score -= UNALIGNED_COST * max(0, unaligned)
        # An English word left unaligned wants Chinese to render it: a span with no
        # content characters to spare is likely too short (意義 for "epistemic sense",
        # where 認識意義 is it).  Not for an acronym's letters, whose senses are many.
        if ev.words and words < len(ev.words):
            score -= SHORTFALL_COST * max(0, 3 - spare) / 3
    # A Chinese character or three per English word or letter is expected; more costs.
    expected = CHARS_PER_WORD * (len(ev.words) + sum(ev.letters.values()) or 1)
    return score - CHAR_COST * max(0.0, han_chars - expected) - CHAR_TIEBREAK * han_chars


def _inner_verb(t: Token) -> bool:
    """Whether ``t`` is a verb that costs :data:`VERB_COST` inside a span."""
    return t.tag == "v" and len(t.text) > 1 and _verb(t.text)


def _cuts_a_word(run: str, start: int, first: int) -> bool:
    """Whether a span starting at ``start`` with a word of ``first`` characters cuts a
    CC-CEDICT word in two: a word opening one to three characters before it takes in that
    whole first word, though jieba did not find it (可 and 持续 of 可持续, "sustainable";
    聯合 and 國大會 of 聯合國大會; but not 前 and 科 of 早前科技, where 前科 would take only
    part of 科技)."""
    return _word_across(run[max(0, start - 3) : start], run[start : start + 4], max(1, first))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _word_across(before: str, after: str, first: int) -> bool:
    """Whether a CC-CEDICT word opens in ``before`` (up to three characters) and reaches
    ``first`` characters into ``after`` (:func:`_cuts_a_word`, cached by its window)."""
    from glossary import cedict

    for back in range(1, len(before) + 1):
        if not HAN.match(before[-back]):
            return False
        window = before[-back:] + after
        if any(len(w) >= back + first for w in cedict.prefixes(window)):
            return True
    return False


def _glossable(inside: list[Token], ratio: float, span: _Span, ev: Evidence) -> bool:
    """False when the best span is no term: particles, numerals, measure and time words
    alone (一句 before ``（OK）``, 10時 before ``（UTC+8）``); with nothing aligned and no
    name, a span ending in a verb (``这个词写作（gaslighting）``: the English word is
    discussed, not glossed) or an acronym none of whose letters the Chinese gives (a
    dateline, ``華盛頓（AP）``)."""
    if "name" in span.signals or "pinyin" in span.signals:
        return True
    if ev.letters and not ratio:
        return False
    content = [
        t
        for k, t in enumerate(inside)
        if t.han
        and not _function_word(t)
        and t.tag not in {"m", "t"}
        and not (t.tag == "q" and len(t.text) == 1)
        and not (len(t.text) == 1 and k > 0 and inside[k - 1].text.isdigit())  # 10时
    ]
    if not content:
        return False
    last = inside[-1]
    # (a verb jieba tags as a verbal noun names an act: 肺功能檢查, Spirometry)
    verb = last.tag == "v" or (last.tag != "vn" and _verb(last.text))
    return bool(ratio or "name" in span.signals or not verb)


def _named_by(tokens: list[Token], acronym: str) -> int | None:
    """The first of the longest run of last tokens (up to four) whose Chinese CC-CEDICT
    gives ``acronym`` as a sense of, or a name whose initials spell it, or None:
    国内生产总值 rather than 生产总值 for GDP."""
    want = acronym.replace(".", "").upper()
    han = ""
    found = None
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 5), -1):
        if not tokens[k].han:
            break
        han = tokens[k].text + han
        if _names_acronym(han, want):
            found = k
    return found


#: Measure words of an ordinal before a name: 第36届 (the 36th), 第二期, 第5号.
ORDINAL_MEASURES = frozenset("届屆期号號任")


def _counted(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is the measure word closing a number (第36届, 第十四届): the
    count ends before the name it counts."""
    t = tokens[k]
    if t.text not in ORDINAL_MEASURES or k == 0:
        return False
    before = tokens[k - 1]
    return before.text.isdigit() or before.tag == "m"


def choose(
    tokens: list[Token], english: str, acronym: str, run: str
) -> tuple[int, int, list[Candidate], float]:
    """(start, end) offsets in ``run`` of the Chinese that ``english`` (or, alone, the
    ``acronym``) renders, the candidates weighed (best first) and the confidence;
    ``start == end`` when there is none.

    >>> run = "他曾在国家安全部"
    >>> from glossary.extraction.chinese_words import segment
    >>> start, end, candidates, _ = choose(segment(run), "Ministry of State Security", "", run)
    >>> run[start:end], candidates[0].signals
    ('国家安全部', ('cedict', 'particle'))
    """
    ev = Evidence(
        english_words(english), Counter(), tokens, possessive=bool(POSSESSIVE_EN.search(english))
    )
    if acronym and not ev.words:  # the letters speak only when no English does
        ev.letters = Counter(c.lower() for c in acronym if c.isalpha())
        ev.acronym = acronym.replace(".", "").upper()
    n = len(tokens)
    spans: dict[tuple[int, int, int], _Span] = {
        (0, 0, n): _Span(
            0, n, 0, {"clause"}, LETTERS_CLAUSE_BOUNDARY if ev.letters else CLAUSE_BOUNDARY
        )
    }

    def add(first: int, stop: int, signal: str, boundary: float = 0.0, skip: int = 0) -> None:
        if not skip and tokens[first].text in NAME_DOTS:
            first += 1  # a span never opens with a name's dot (nor a full stop taken for one)
            if first >= stop:
                return
        span = spans.setdefault((first, skip, stop), _Span(first, stop, skip))
        span.signals.add(signal)
        span.boundary = max(span.boundary, boundary)

    person = len(english.split()) > 1 and _name_like(english)
    for k, t in enumerate(tokens[:-1]):
        if _is_stop(t) or not t.han or _counted(tokens, k):
            # after 与/和 a name may go on to the left (欧洲安全与合作组织): a weaker end
            add(
                k + 1,
                n,
                "particle",
                LINK_BOUNDARY if not t.han or t.text in LINKS else STOP_BOUNDARY,
            )
        elif t.tag in WEAK_STOP_TAGS:
            add(k + 1, n, "particle", WEAK_BOUNDARY)
        elif person and t.text in TITLES and not ev.coverage(k, k + 1)[0]:
            # a title or role the English name does not render ends the words before
            # the name: 歌手 of 歌手法蘭克辛納屈 (Frank Sinatra)
            add(k + 1, n, "particle", STOP_BOUNDARY)
    if _name_like(english) or not english:
        name = _name_span(tokens, english)
        if name is None and english:
            name = _surname_span(tokens, english)
        if name is not None and (english or not ev.coverage(name[0], name[2])[1]):
            add(name[0], name[2], "name", skip=name[1])
    if acronym and not ev.words:
        # A word CC-CEDICT gives the acronym as a sense of, or a name it abbreviates:
        # 非典 is "SARS" and "Severe Acute Respiratory Syndrome".
        named = _named_by(tokens, acronym)
        if named is not None:
            add(named, n, "dictionary", DICTIONARY_WEIGHT)
    # The shortest span holding the most aligned English words or acronym letters.
    best: tuple[float, int] | None = None
    for k in range(n - 1, -1, -1):
        r = ev.ratio(k, n) if tokens[k].han else 0.0
        if r > 0 and (best is None or r > best[0]):
            best = (r, k)
    if best is not None:
        k = best[1]
        skip = _aligned_suffix(tokens[k].text, ev.words) if ev.words else 0
        # a transliteration opening inside the word jieba glued it to: 兰德 of 智/库兰德
        if ev.sounded:
            lo, hi = ev.starts[k], ev.starts[k + 1]
            opening = [i - lo for i, _, _ in ev.sounded if lo < i < hi]
            if opening and not any(i == lo for i, _, _ in ev.sounded):
                skip = max(skip, min(opening))
        add(k, n, "acronym" if acronym and not ev.words else "cedict", skip=skip)
        # A capitalised English word left unaligned is a name the Chinese transliterates
        # just before the aligned words: 布魯金斯 of 布魯金斯學會 (Brookings Institution).
        j = k
        while j > 0 and not skip and _name_part(tokens[j - 1]):
            j -= 1
        covered = ev.covered(k, n)
        unaligned = [w for i, w in enumerate(ev.words) if i not in covered and w[:1].isupper()]
        names = len(unaligned)
        if j < k and names > 0 and covered:
            # a common word jieba glued to the name is left out: 智/库兰德 of 智库兰德公司
            j, cut = _skip_chars(tokens, j, k, _common_prefix("".join(t.text for t in tokens[j:k])))
            # a character that cannot sound like the start of any of those words opens no
            # transliteration of them: 年 of 2024年爱德曼 (Edelman)
            while j < k and not sounds_like_a_start(tokens[j].text[cut], " ".join(unaligned)):
                j, cut = j + 1, 0
            if j < k:
                add(j, n, "transliteration", skip=cut)
        # A name without dots that the aligned span explains with less is no name:
        # 英国伦敦 for London is 伦敦 (but a name said by its sound explains nothing of
        # what stands before it: 老 of 老普林尼, Pliny the Elder); nor is one that opens
        # inside or just after the aligned span's first word, itself a name, and aligns
        # less of the English: 路雲 of 查理士路雲 (Charles Roven; but 卡茨 of
        # 以色列國防部長卡茨 is Israel Katz, 史密斯 of 社会学家史密斯 Christian Smith).
        for key, span in list(spans.items()):
            ratio = ev.ratio(span.first, span.stop)
            if (
                "name" in span.signals
                and not any(t.text in NAME_DOTS for t in tokens[span.first : span.stop])
                and (
                    (
                        not ev.sounded
                        and (span.first, span.skip) < (k, skip)
                        and tokens[span.first].text not in TITLES  # (the English's: 国王)
                        and ratio <= best[0]
                    )
                    or (
                        (k, skip) < (span.first, span.skip)
                        and span.first <= k + 1
                        and tokens[k].tag in PROPER_TAGS
                        and (ratio < best[0] or span.first == k)  # (inside it: 苏斯 of 克拉苏斯)
                    )
                )
            ):
                span.signals.discard("name")
                if not span.signals:
                    del spans[key]
    scored = []
    for span in spans.values():
        start, end = tokens[span.first].start + span.skip, tokens[span.stop - 1].end
        han_chars = len(HAN.findall(run[start:end]))
        if han_chars:
            score = _score(span, ev, tokens, han_chars)
            first = len(tokens[span.first].text) - span.skip
            if "name" not in span.signals and _cuts_a_word(run, start, first):
                score -= CUT_COST  # 持续发展目标 of 可持续发展目标 (SDG): 可持续 is a word
            scored.append((score, -start, span))
    if not scored:
        return 0, 0, [], 0.0
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    candidates = [
        Candidate(
            run[tokens[sp.first].start + sp.skip : tokens[sp.stop - 1].end].strip(),
            round(sc, 3),
            tuple(sorted(sp.signals)),
        )
        for sc, _, sp in scored
    ]
    top = scored[0][2]
    if not _glossable(tokens[top.first : top.stop], ev.ratio(top.first, top.stop), top, ev):
        return 0, 0, [], 0.0
    confidence = 0.45 + 0.45 * ev.ratio(top.first, top.stop)
    if "name" in top.signals:
        dotted = any(t.text in NAME_DOTS for t in tokens[top.first : top.stop])
        confidence = max(confidence, 0.9 if dotted else 0.8)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.1:
        confidence -= 0.15
    start, end = tokens[top.first].start + top.skip, tokens[top.stop - 1].end
    if _category_after_name(tokens, top, ev, english):
        end = tokens[top.stop - 2].end  # 凯瑟琳市 (Katherine) is 凯瑟琳
        chosen = candidates[0]
        candidates[0] = Candidate(run[start:end].strip(), chosen.score, chosen.signals)
    return start, end, candidates, max(0.05, min(1.0, confidence))


#: Category nouns Chinese writes after a name the English gives bare: 凯瑟琳市
#: (Katherine), 马赛地区 (Marseille), 西联俱乐部 (Western United), 推特网 (Twitter).
CATEGORY_AFTER_NAME = frozenset("市 县 省 州 地区 岛 网 俱乐部".split())


def _category_after_name(tokens: list[Token], span: _Span, ev: Evidence, english: str) -> bool:
    """Whether ``span`` ends in a category noun (:data:`CATEGORY_AFTER_NAME`) that no word
    of a name-like ``english`` renders, after at least two characters of the name."""
    if span.stop - span.first < 2 or not english or not _name_like(english):
        return False
    last = tokens[span.stop - 1]
    if last.text not in CATEGORY_AFTER_NAME or ev.coverage(span.stop - 1, span.stop)[0]:
        return False
    return sum(len(t.text) for t in tokens[span.first : span.stop - 1]) - span.skip >= 2
