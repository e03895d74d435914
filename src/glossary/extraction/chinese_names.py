"""Names in Chinese prose: where a transliterated name (达娜·莫斯, 米爾斯) or a Chinese
name from its surname (蔣萬安) begins before a bracket of English.

:mod:`glossary.extraction.chinese_span` proposes the spans these find, with the other
signals of the reverse reader; the evidence is jieba's tags, CC-CEDICT (a common word is
no name), middle dots, titles and ranks, and the pinyin of the English (a character that
cannot sound like the start of any English word does not open the name).
"""

from __future__ import annotations

import functools

import regex

from glossary.extraction.chinese_words import (
    HAN,
    TITLES,
    Token,
    _is_stop,
    _matches,
)
from glossary.extraction.transliteration import sounds_like_a_start as _sounds_like_a_start

#: Middle dots between the parts of a transliterated name.
NAME_DOTS = frozenset("·・．•‧-－‐.?")
#: What a middle dot becomes when an encoding that has none loses it: 約翰?劉易斯; a
#: name's dot only between Han (:func:`glossary.extraction.reverse._run_start`).
LOST_DOT = "?"
#: jieba's name tags, and with them those of places and other proper nouns.
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nrf"})
PROPER_TAGS = NAME_TAGS | {"ns", "nz"}
#: The English a trailing title would need for the Chinese to keep it (戴維森將軍 / General …).
TITLE_ENGLISH = frozenset(
    """general mr mrs ms miss dr doctor professor prof president chairman premier minister
    ambassador prince king princess captain colonel major admiral commander senator
    mullah sheikh imam father reverend lord sir dame pope cardinal bishop archbishop rabbi
    abbot lama queen emperor empress sultan""".split()
)
#: Last characters of words for roles and people (执行官, 部长, 学者), never of a name.
ROLE_ENDINGS = frozenset("官长長者员員师師士手家")
#: Single characters a transliterated name does not start with.
NOT_IN_NAMES = frozenset(
    "的是在和与及被由据称即了对向把将从以让使给跟同等如并而但也又还就才已曾于至着过所其该此这那每各某"
    "人者员省市县党部会局所队族说指为"
)


# The English reader's pinyin matching, imported on first use (the English reader imports
# this module): extraction.align has it.


def _spells(letters: str, han: str) -> bool:
    from glossary.extraction.align import _spells as spells

    return spells(letters, han)


def _starts_with_surname(han: str) -> bool:
    from glossary.extraction.align import _starts_with_surname as starts

    return starts(han)


#: The lower-case particles of names, alone or joined to the next part (al-Hayya, d’Estaing).
NAME_PARTICLES = frozenset(
    "bin ibn al el ad ash de del della di d van von der den da du le la".split()
)
PARTICLE_JOINED = regex.compile(r"^(\p{Ll}+)[-’'](?=\p{Lu})")


def _name_like(english: str) -> bool:
    """Capitalised words and initials only: a person's or a place's name, its particles
    apart (``Osama bin Laden``, ``Khalil al-Hayya``, ``Valéry Giscard d’Estaing``, ``Pliny
    the Elder``).

    >>> _name_like("Khalil al-Hayya"), _name_like("machine learning")
    (True, False)
    """
    words = english.split()
    return 1 <= len(words) <= 5 and all(
        w[:1].isupper() or _particle(w) or (w == "the" and 0 < k < len(words) - 1)
        for k, w in enumerate(words)
    )  # (and "the" inside: Pliny the Elder)


def _particle(word: str) -> bool:
    """A name's particle, alone (``bin``) or joined to the next part (``al-Hayya``)."""
    joined = PARTICLE_JOINED.match(word)
    return word in NAME_PARTICLES or (joined is not None and joined[1] in NAME_PARTICLES)


def _common_word(word: str) -> bool:
    """A CC-CEDICT word that is no name (every reading lower case): 智库, 人士."""
    from glossary import cedict

    entries = cedict.lookup(word)
    return bool(entries) and all(e.pinyin_numbered[:1].islower() for e in entries)


def _known(word: str) -> bool:
    from glossary import cedict

    return bool(cedict.lookup(word))


@functools.lru_cache(maxsize=1 << 14)
def _role(word: str) -> bool:
    """A word for a role or a relation, never part of a name: 英国首相, 执行官, 小儿子."""
    return word in TITLES or word[-1] in ROLE_ENDINGS or any(word.endswith(t) for t in TITLES)


def _name_part(t: Token) -> bool:
    if not t.han or t.text in TITLES:
        return False
    if len(t.text) == 1:
        return t.text not in NOT_IN_NAMES
    if _role(t.text):
        return False  # 英国首相, 执行官: a role, not a name
    if t.tag in {"ns", "nz"}:
        return not _known(t.text)  # 埃兹 (of 埃兹米特), but not 英国 before 伦敦
    return t.tag in NAME_TAGS or not t.tag


def _name_span(tokens: list[Token], english: str) -> tuple[int, int, int] | None:
    """(first token, characters of it to skip, stop token) of a transliterated name
    ending the run: ``达娜·莫斯``, ``上尉米爾斯`` -> ``米爾斯``, ``王储穆罕默德·本·萨勒曼``;
    a title after the name (``戴維森將軍``) is left out unless the English has one too."""
    stop = len(tokens)
    while stop > 0 and tokens[stop - 1].text in TITLES:
        stop -= 1
    i = stop  # where the name itself ends (a title after it left out)
    if stop < len(tokens) and any(w.lower().rstrip(".") in TITLE_ENGLISH for w in english.split()):
        stop = len(tokens)
    # The parts joined by middle dots are all the name; before the first dot, the word
    # next to it and the name-like words before that.
    first_dot = None
    end = i
    while i > 0 and (
        (
            tokens[i - 1].han
            and not (i < end and len(tokens[i - 1].text) > 1 and _role(tokens[i - 1].text))
        )
        or tokens[i - 1].text in NAME_DOTS
        or _initial_between(tokens, i - 1)
    ):  # (a role before the name ends it: the dots of 研究所主任伊曼纽尔·夏彭蒂耶 are its own)
        i -= 1
        if tokens[i].text in NAME_DOTS:
            first_dot = i
    if first_dot is not None and first_dot > 0 and tokens[first_dot - 1].han:
        i = first_dot - 1
        # before a dot, a word no dictionary knows as a common word is a name (买买提)
        while i > 0 and (
            _name_part(tokens[i - 1])
            or (
                tokens[i - 1].han
                and not _role(tokens[i - 1].text)
                and not _common_word(tokens[i - 1].text)
                and not _is_stop(tokens[i - 1])
            )
        ):
            i -= 1
        # words before the part next to the first dot that cannot sound like the start of
        # the first word of the English name, whose first part it is: 名廚 of
        # 名廚阿蘭•杜卡斯 (Alain Ducasse), 小提琴天王 of 小提琴天王吉爾‧夏漢 (Gil Shaham)
        first = _first_name_word(english)
        while i < first_dot - 1 and not _sounds_like_a_start(tokens[i].text[0], first):
            i += 1
        skip = 0
    else:
        i = stop
        while i > 0 and _name_part(tokens[i - 1]):
            i -= 1
        skip = _common_prefix("".join(t.text for t in tokens[i:stop]))
        while (
            not skip
            and i < stop - 1
            and len(tokens[i].text) == 1
            and tokens[i].tag in BEFORE_NAME_TAGS
            and not _sounds_like_a_start(tokens[i].text, english)
        ):
            i += 1  # words before the name: 比 (than) in 比德尔塔 (Delta), 乃遣 of 乃遣范禮安
    if not skip and i < stop and len(tokens[i].text) > 1 and tokens[i].text[0] in NOT_IN_NAMES:
        skip = 1  # jieba glued a particle to the name: 由+约翰
    i, skip = _skip_chars(tokens, i, stop, skip)
    # a question mark between Han is a lost dot only where the English has a word for
    # each part it joins: not in 你去吗?马克 (Mark)
    words = english.split()
    while sum(t.text in NAME_DOTS for t in tokens[i:stop]) >= len(words):
        lost = [k for k in range(i, stop) if tokens[k].text == LOST_DOT]
        if not lost:
            break
        i, skip = lost[0] + 1, 0
    if i >= stop or sum(len(t.text) for t in tokens[i:stop] if t.han) - skip < 2:
        return None
    if (
        not skip
        and i > 0
        and tokens[i - 1].text in TITLES
        and len(words) > 1
        and words[0].lower().rstrip(".") in TITLE_ENGLISH
        and _matches(words[0].rstrip("."), tokens[i - 1].text)
    ):
        # the English opens with the title the Chinese gives: 教宗方济各 (Pope Francis),
        # but not 院长 before 韦彦德 (Lord Reed): a dean is no lord
        i -= 1
    return i, skip, stop


#: jieba's tags of prepositions, verbs and verb morphemes, adverbs, conjunctions,
#: particles, numerals, measure and time words: a single character so tagged before a
#: transliterated name is a word of its own when it cannot sound like the name's start
#: (遣 of 遣范禮安, 年 of 1905年卡尔; not chinese_words.FUNCTION_TAGS, which has no verbs).
BEFORE_NAME_TAGS = frozenset({"p", "v", "vg", "d", "c", "u", "r", "m", "q", "t"})


def _first_name_word(english: str) -> str:
    """The first word of a personal name, a title before it left out (Sir Charles …)."""
    words = english.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_ENGLISH:
        words = words[1:]
    return words[0] if words else english


def _initial_between(tokens: list[Token], k: int) -> bool:
    """Whether token ``k`` is a Latin initial between two middle dots: 约翰·F·肯尼迪."""
    t = tokens[k].text
    return (
        len(t) == 1
        and t.isascii()
        and t.isupper()
        and 0 < k < len(tokens) - 1
        and tokens[k - 1].text in NAME_DOTS
        and tokens[k + 1].text in NAME_DOTS
    )


def _skip_chars(tokens: list[Token], i: int, stop: int, skip: int) -> tuple[int, int]:
    """(token, characters of it) where a span begins ``skip`` characters after the start of
    token ``i``: whole tokens skipped are passed over (never past ``stop``)."""
    while i < stop and skip >= len(tokens[i].text):
        skip -= len(tokens[i].text)
        i += 1
    return i, skip


def _common_prefix(name: str) -> int:
    """Length of a common word (智库) opening ``name``, which jieba may have glued to the
    name after it (智/库兰德); 0 if there is none."""
    for n in (3, 2):
        if len(name) - n >= 2 and _common_word(name[:n]):
            return n
    return 0


def _surname_span(tokens: list[Token], english: str) -> tuple[int, int, int] | None:
    """A Chinese name closing the run: two or three characters from a common surname
    (``蔣萬安``, ``李家超``), the pinyin of the English deciding when it spells them."""
    han = "".join(t.text for t in tokens)
    if len(han) < 2 or not regex.fullmatch(r"\p{Han}+", han[-2:]):
        return None
    letters = regex.sub(r"[^a-z]", "", english.lower())
    lengths = [
        k for k in (3, 2) if len(han) >= k and HAN.match(han[-k]) and _starts_with_surname(han[-k:])
    ]
    spelled = [k for k in lengths if _spells(letters, han[-k:])]
    for k in spelled or lengths:
        if _common_word(han[-k:]):
            continue
        start = len(han) - k
        first = max(i for i, t in enumerate(tokens) if t.start <= start)
        if all(
            len(t.text) == 1 or t.tag in NAME_TAGS or t.tag in {"nz", "ns", ""}
            for t in tokens[first:]
        ):  # not inside a dictionary word: 金 of 国际货币基金组织 is no surname
            return first, start - tokens[first].start, len(tokens)
    # A character jieba reads as a surname, opening the last two or three after a role:
    # 处长谷立言 (Raymond Greene), though 立言 is a word; a foreigner's Chinese name, which
    # spells nothing of the English.
    for first in range(len(tokens) - 1, max(-1, len(tokens) - 4), -1):
        t = tokens[first]
        rest = tokens[-1].end - t.start
        if (
            2 <= rest <= 3
            and len(t.text) == 1
            and t.tag in NAME_TAGS
            and (first == 0 or _role(tokens[first - 1].text))
            and regex.fullmatch(r"\p{Han}+", han[-rest:])
        ):
            return first, 0, len(tokens)
    return None
