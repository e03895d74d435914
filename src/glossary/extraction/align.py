"""Evidence that English words render the Chinese: CC-CEDICT definitions (a light stemmer
matches word forms) and pinyin spelling (names and romanised terms)."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import regex

from glossary.extraction.english import _Token
from glossary.extraction.text import CACHE_SIZE, han_only
from glossary.extraction.words import (
    LINKS,
    NAMING_WORDS,
    POSSESSIVE,
    POSSESSIVE_DETERMINERS,
    POSSESSIVE_ENDS,
    STOP_WORDS,
)
from glossary.pinyin import toneless

#: Where a CC-CEDICT definition splits into phrases; a word of a phrase.
DEFINITION_PIECE = regex.compile(r"[;(){}]|\bsee\b|\blit\.")
QUOTED_IN_DEFINITION = regex.compile(r"[\"“]([^\"”]+)[\"”]")
PHRASE_WORD = regex.compile(r"[\p{L}\p{N}']+")

#: A note in a definition, on where or how a sense is used: "political commissar (within
#: the army)", "bank account (in Hong Kong and Macau)": its words do not render the
#: Chinese.  A bracket opening with a capital is a name and stays: "CCTV (China Central
#: Television)".
NOTE_IN_DEFINITION = regex.compile(r"\((?!\p{Lu})[^()]*\)")
#: A word of a definition.
LOWER_WORD = regex.compile(r"[a-z]+")
#: English derivational endings: a word with one is the same root as the word it
#: replaces a final e or y of (compute, computation; economy, economic).
DERIVATIONAL = frozenset(
    """ation ition tion sion ment ness ity ive al ance ence ancy ency er or ist ism ize ise
    ization isation ary ory ic ical ly ful less able ible ing ed ure ian arian""".split()
)
#: A sense that is a bound morpheme: a prefix (``multi-`` of 多, ``inter-`` of 际) or a
#: suffix (``-ism`` of 主义, ``-ization`` of 化).
AFFIX_SENSE = regex.compile(r"-[a-z]{2,}|[a-z]{2,}-")
#: Anything but a toneless pinyin letter.
NOT_LETTER = regex.compile(r"[^a-z]")
#: English prefixes by the senses CC-CEDICT gives a character that is one, where it does
#: not list the prefix itself: 预 "beforehand" is ``pre-`` (``pre-training``), 去 "to get
#: rid of" is ``de-`` (``de-Sinicization``), 前 "former" is ``ex-``.
PREFIX_BY_SENSE = {
    sense: prefix
    for prefix, senses in (
        ("pre-", ("before", "beforehand", "in advance", "prior")),
        ("post-", ("after", "afterwards")),
        ("re-", ("again", "anew", "once more")),
        ("co-", ("together", "jointly")),
        ("ex-", ("former", "formerly")),
        ("de-", ("to remove", "to get rid of")),
        ("neo-", ("new", "newly")),
        ("counter-", ("against", "to oppose", "to resist")),
        ("mis-", ("by mistake", "wrongly")),
        ("over-", ("excessively", "too much")),
        ("pseudo-", ("false", "fake")),
    )
    for sense in senses
}


@functools.cache
def _definition_table(
    chinese: str, whole: bool = True, longest: int = 8
) -> dict[str, frozenset[int]]:
    """Content words of the CC-CEDICT definitions of every substring of ``chinese`` of up
    to ``longest`` characters (but ``chinese`` itself unless ``whole``), each with the
    positions (in ``chinese``) of the characters whose definitions hold it."""
    words: dict[str, set[int]] = {}
    n = len(chinese)
    for i in range(n):
        for j in range(i + 1, min(n, i + longest) + 1):
            if not whole and j - i == n:
                continue
            for w in definition_words(chinese[i:j]):
                words.setdefault(w, set()).update(range(i, j))
    return {w: frozenset(p) for w, p in words.items()}


#: Endings too common to be evidence: most adverbs end in ``-ly`` (地), most participles in
#: ``-ed`` (有).
WEAK_AFFIXES = frozenset({"-ly", "-ed"})
#: Senses that say nothing of what a word means.
EMPTY_SENSE = ("variant of", "old variant", "see ", "surname ", "CL:")


@functools.lru_cache(maxsize=CACHE_SIZE)
def definition_words(word: str, notes: bool = False) -> frozenset[str]:
    """The content words of the CC-CEDICT senses of ``word`` itself, an affix with its
    hyphen, and for a single character the English prefix its senses make it
    (:data:`PREFIX_BY_SENSE`); the words of their notes only with ``notes`` (论证 "to
    prove (through argument)" is "argument" too, but 車 "rook (in Chinese chess)" is not
    "Chinese"; the reverse reader, weighing only spans of its own run, takes them).

    >>> sorted(definition_words("预"))
    ['advance', 'beforehand', 'pre-', 'prepare']
    """
    from glossary import cedict

    out: set[str] = set()
    for entry in cedict.load().get(word, ()):
        for d in entry.definitions:
            if d.startswith(EMPTY_SENSE):
                continue
            out.update(sense_words(d if notes else NOTE_IN_DEFINITION.sub(" ", d)))
            if len(word) == 1:  # a bound morpheme: the English prefix it may be
                senses = (s.strip() for s in d.split(";"))
                out.update(PREFIX_BY_SENSE[s] for s in senses if s in PREFIX_BY_SENSE)
    return frozenset(w for w in out if w not in STOP_WORDS and len(w) > 1 and w not in WEAK_AFFIXES)


def sense_words(sense: str) -> list[str]:
    """The words of a CC-CEDICT sense, lower case; an affix keeps its hyphen, to match
    the English words it begins or ends (:func:`_matches`).

    >>> sense_words("to make into"), sense_words("-ism"), sense_words("again; re-")
    (['to', 'make', 'into'], ['-ism'], ['again', 're-'])
    """
    words: list[str] = []
    for piece in sense.lower().split(";"):  # "non-; un-; in-; de-" is one sense of 非
        piece = piece.strip()
        words += [piece] if AFFIX_SENSE.fullmatch(piece) else LOWER_WORD.findall(piece)
    return words


@functools.cache
def dictionary_phrases(han: str) -> frozenset[str]:
    """The English phrases CC-CEDICT gives for the whole of ``han``, folded (lower case, no
    leading article): what the term is called in English when it has a usual name.

    >>> "journey to west" in dictionary_phrases("西游记")
    True
    """
    from glossary import cedict

    out = set()
    for entry in cedict.load().get(han, ()):
        for d in entry.definitions:
            for piece in DEFINITION_PIECE.split(d):
                # "one country, two systems" is one phrase; a proper name is followed by
                # a description: "Journey to the West, Ming dynasty novel by ...".
                head = piece.strip().lstrip('"“')
                names = [piece, piece.split(",")[0]] if head[:1].isupper() else [piece]
                names += QUOTED_IN_DEFINITION.findall(piece)  # "Pilgrimage to the West"
                for name in names:
                    folded = fold_phrase(name)
                    if folded and folded not in ("name", "surname", "given name"):
                        out.add(folded)
    return frozenset(out)


@functools.lru_cache(maxsize=CACHE_SIZE)
def fold_phrase(text: str) -> str:
    """``The  Journey to the West`` -> ``journey to west``: the form phrases compare in
    (articles are left out: ``the Rites of Zhou`` is written ``rites of the Zhou``)."""
    words = PHRASE_WORD.findall(text.casefold().replace("’", "'"))
    return " ".join(w for w in words if w not in ("the", "a", "an"))


@functools.lru_cache(maxsize=1 << 16)
def aligned_positions(
    word: str, han: str, whole: bool = True, parts: int | None = None
) -> frozenset[int]:
    """Positions of the characters of ``han`` that ``word`` renders: by CC-CEDICT
    definitions (of its parts only, unless ``whole``; of parts of at most ``parts``
    characters, when given), or by spelling their pinyin.

    >>> sorted(aligned_positions("governance", "礼治")), sorted(aligned_positions("rites", "礼治"))
    ([1], [0])
    """
    table = _definition_table(han, whole) if parts is None else _definition_table(han, whole, parts)
    out: set[int] = set()
    w = _word_key(word)
    if w not in STOP_WORDS and len(w) >= 2:
        for v in _matching(w, han):
            out |= table.get(v, frozenset())
    letters = pinyin_letters(word)
    if letters:
        for i, j in _spelled_runs(letters, han, 4 if parts is None else parts):
            out.update(range(i, j))
    return frozenset(out)


def pinyin_letters(text: str) -> str:
    """The letters of ``text`` as toneless pinyin spells them, for :func:`_spells`.

    >>> pinyin_letters("Tiānxià"), pinyin_letters("xingshi zhuyi")
    ('tianxia', 'xingshizhuyi')
    """
    return NOT_LETTER.sub("", toneless(text))


@functools.lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A light English stemmer: enough to pair "lying" with "lie", "zones" with "zone"."""
    for suffix, repl in (
        ("ying", "ie"),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) + len(repl) >= 3 and not w.endswith("ss"):
            return w[: len(w) - len(suffix)] + repl
    return w


def _word_key(word: str) -> str:
    return word.lower().replace("’", "'").split("'")[0]


def _matches(w: str, ws: str, v: str) -> bool:
    """True if the word ``w`` (stem ``ws``) matches the definition word ``v``: an affix
    (``-ism``, ``multi-``) matches the words it ends or begins, a prefix of three letters
    or fewer only before a hyphen (``re-education``, not ``reform``)."""
    if v[-1] == "-":
        p = v[:-1]
        return w.startswith(p) and (
            w[len(p) : len(p) + 1] == "-" or (len(p) >= 4 and len(w) - len(p) >= 4)
        )
    if v[0] == "-":
        return w.endswith(v[1:]) and len(w) - len(v) >= 3
    if w == v or _stem(v) == ws:
        return True
    if len(w) < 4:
        return False
    if len(w) >= 8 and len(v) >= 6 and (w.endswith(v) or v.endswith(w)):
        return True  # reconstruction ~ construction
    if len(v) < 4 or v[:4] != w[:4]:
        return False
    k = 4
    m = min(len(v), len(w))
    while k < m and v[k] == w[k]:
        k += 1
    if k < m - 3:
        return False
    # both going on, one by five letters or more, is two words that begin alike
    # ("complements" and "comply"), not one root ("governance" and "govern"), unless
    # one only drops a final e or y for a derivational ending ("compute", "computation")
    short, long = sorted((w[k:], v[k:]), key=len)
    if short in ("e", "y") and _derivational(long):
        return True
    return not (short and len(long) >= 5)


def _derivational(ending: str) -> bool:
    """An ending of one or two derivational suffixes: ``-ation``, ``-arian`` + ``-ism``
    (``authority``, ``authoritarianism``)."""
    return ending in DERIVATIONAL or any(
        ending[:k] in DERIVATIONAL and ending[k:] in DERIVATIONAL for k in range(2, len(ending) - 1)
    )


def _stem_match(word: str, vocab: frozenset[str]) -> bool:
    """True if ``word`` matches a definition word: same stem, or a long shared prefix; a
    compound, if a part of it does (``de-Sinicization``: ``sinicize``).  A naming verb is a
    word here (``Named Entity Recognition`` renders 命名实体识别)."""
    w = _word_key(word)
    if (w in STOP_WORDS and w not in NAMING_WORDS) or len(w) < 2:
        return False
    if w in vocab:
        return True
    return any(_matches(x, _stem(x), v) for x in _forms(w) for v in vocab)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _definition_index(
    han: str,
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], list[str]]:
    """The definition words of ``han`` (:func:`_definition_table`) by stem, by their
    first four letters, and (those of eight letters or more) by each suffix of eight
    letters or more, and its affixes: every word :func:`_matches` may pair with a word
    ``w`` is under ``w``'s stem, under its first four letters, is a suffix of ``w`` or
    has ``w`` as a suffix, or is an affix, so a word is matched against a few definition
    words instead of all."""
    by_stem: dict[str, list[str]] = {}
    by_prefix: dict[str, list[str]] = {}
    by_suffix: dict[str, list[str]] = {}
    affixes: list[str] = []
    for v in _definition_table(han):
        if v[0] == "-" or v[-1] == "-":
            affixes.append(v)
            continue
        by_stem.setdefault(_stem(v), []).append(v)
        if len(v) >= 4:
            by_prefix.setdefault(v[:4], []).append(v)
        for k in range(len(v) - 8, -1, -1):
            by_suffix.setdefault(v[k:], []).append(v)
    return by_stem, by_prefix, by_suffix, affixes


def _matching(w: str, han: str) -> list[str]:
    """The definition words of ``han`` that :func:`_matches` the word ``w``, in no
    particular order (looked up in :func:`_definition_index`, then checked); a compound's
    also those of its parts (``neo-authoritarianism``: ``neo-``, ``authority``, ``-ism``)."""
    return list(dict.fromkeys(v for x in _forms(w) for v in _matching_word(x, han)))


def _forms(w: str) -> list[str]:
    """``w`` and, for a compound, its parts: the forms a word matches definitions by
    (``neo-authoritarianism``: also ``neo``, ``authoritarianism``)."""
    if "-" not in w:
        return [w]
    return list(
        dict.fromkeys([w, *(p for p in w.split("-") if len(p) >= 2 and p not in STOP_WORDS)])
    )


def _matching_word(w: str, han: str) -> list[str]:
    """:func:`_matching` for one word, a compound taken whole."""
    by_stem, by_prefix, by_suffix, affixes = _definition_index(han)
    ws = _stem(w)
    found = [*by_stem.get(ws, ()), *affixes]
    if len(w) >= 4:
        found += by_prefix.get(w[:4], ())
        if len(w) >= 8:
            found += by_suffix.get(w, ())  # definition words ending in w
            table = _definition_table(han)
            found += [w[k:] for k in range(len(w) - 5) if w[k:] in table]  # ... w ends in
    return [v for v in dict.fromkeys(found) if _matches(w, ws, v)]


@functools.lru_cache(maxsize=CACHE_SIZE)
def renders_by_parts(word: str, han: str) -> bool:
    """Whether ``word`` renders every character of ``han`` through parts of at most half
    its length: ``multilateralism`` renders 多边主义 as 多边 "multilateral" and 主义 "-ism";
    ``system`` does not render 户口制度, which only a description of 户口制 gives it."""
    w = _word_key(word)
    if w in STOP_WORDS or len(w) < 2:
        return False
    return len(aligned_positions(word, han, True, max(1, (len(han) + 1) // 2))) == len(han)


@functools.lru_cache(maxsize=1 << 16)
def _aligns(word: str, han: str) -> bool:
    """True if ``word`` matches a CC-CEDICT definition word of some part of ``han``:
    the same stem, a long shared prefix or suffix."""
    w = _word_key(word)
    if w in STOP_WORDS or len(w) < 2:
        return False
    return w in _definition_table(han) or bool(_matching(w, han))


def modifiers(before: Sequence[str], name: Sequence[str], han: str) -> bool:
    """Whether the words ``before`` a name render part of ``han`` that the name's own words
    do not (each of them a content word, not an owner): "dynamic" before "zero-COVID" for
    动态清零, but not "party’s" before "propaganda department" for 宣传部 (部 is "part" for
    a light stemmer, and "department" renders it already).

    >>> modifiers(["dynamic"], ["zero-COVID"], "动态清零")
    True
    >>> modifiers(["party’s"], ["propaganda", "department"], "宣传部")
    False
    """
    # (by the definitions of the parts of the Chinese: the whole one's is the name)
    covered: set[int] = set()
    for w in name:
        covered |= aligned_positions(w, han, whole=False)
    for w in before:
        if w.lower() in STOP_WORDS or POSSESSIVE.search(w):
            return False
        gained = aligned_positions(w, han, whole=False) - covered
        if not gained:
            return False
        covered |= gained
    return True


def _aligned_flags(tokens: list[_Token], han: str) -> list[bool]:
    """For each token, whether it matches a CC-CEDICT definition word of ``han``; an owner
    (``party’s``) only by the definitions of a part of ``han`` or its pinyin, since the
    whole term's may describe it ("the mass line, CCP term for Party policy ...")."""
    if not han:
        return [False] * len(tokens)
    return [
        bool(aligned_positions(t.text, han, whole=False))
        if t.text.endswith(POSSESSIVE_ENDS)
        else _aligns(t.text, han)
        # a capitalised word spelling part of the Chinese in pinyin: "the Minguo calendar
        # (民國紀元曆)", Minguo being 民國
        or (t.capitalised and len(t.text) >= 4 and _spells_part(t.text, han))
        # or saying part of it by sound, a name no dictionary knows: "a Lewis turning
        # point (刘易斯拐点)" (not a common word: "Clutch" is translated, not said)
        or (t.capitalised and len(t.text) >= 4 and _said_in(t.text, han))
        # or, shorter, spelling a surname of it: "Xu family of Lizhong (里中徐氏)"
        or (t.capitalised and 2 <= len(t.text) < 4 and _spells_surname(t.text, han))
        for t in tokens
    ]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _spells_surname(word: str, han: str) -> bool:
    """Whether ``word`` spells in pinyin one character of ``han`` that is a surname."""
    letters = pinyin_letters(word)
    return any(
        _starts_with_surname(c) and any(r == letters for r in _char_readings(c)) for c in han
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def _said_in(word: str, han: str) -> bool:
    """Whether characters of ``han`` say ``word``, a name, by its sound
    (:func:`~glossary.extraction.transliteration.name_runs`)."""
    from glossary.extraction.transliteration import name_runs

    return bool(name_runs(word, han))


def _aligned_start(tokens: list[_Token], han: str, flags: list[bool] | None = None) -> int | None:
    """Index of the first token of the span aligned by CC-CEDICT with the Chinese whose Han
    characters are ``han``, or None (``flags``: :func:`_aligned_flags` of the tokens, when
    the caller has them)."""
    if not han or not tokens:
        return None
    if flags is None:
        flags = _aligned_flags(tokens, han)
    # The rightmost aligned word must be close to the bracket.
    right = _last_aligned(flags)
    if right < 0:
        return None
    tail = tokens[right + 1 :]
    if len(tail) > 4 or sum([t.lower not in STOP_WORDS for t in tail]) > 2:
        return None
    if any(t.lower in POSSESSIVE_DETERMINERS for t in tail):
        return None  # "videos with its new Channels (视频号)": another noun phrase
    # Extend left through gaps of at most two unaligned content words (function words
    # are free, up to four words in all): "hollowing out of the countryside".
    start = right
    content_gap = 0
    gap = 0
    for i in range(right - 1, -1, -1):
        if tokens[i].lower in NAMING_WORDS:
            break  # "wooden ships called treasure ships (宝船)": what is named follows
        if flags[i]:
            start = i
            content_gap = gap = 0
            continue
        gap += 1
        content_gap += tokens[i].lower not in STOP_WORDS
        if content_gap > 2 or gap > 4:
            break
    return start


def _last_aligned(flags: list[bool]) -> int:
    """The index of the last True of ``flags``, or -1 (one scan in C, from the end)."""
    return len(flags) - 1 - flags[::-1].index(True) if True in flags else -1


@functools.cache
def _char_readings(char: str) -> frozenset[str]:
    from glossary import cedict

    out = set()
    for e in cedict.lookup(char):
        for syl in e.pinyin_numbered.split():
            out.add(syl.lower().rstrip("012345").replace("u:", "v"))
    return frozenset(out)


def _spells(letters: str, han: str) -> bool:
    """True if ``letters`` is a concatenation of readings of the characters of ``han``."""
    if not han:
        return not letters
    for r in _char_readings(han[0]):
        if letters.startswith(r) and _spells(letters[len(r) :], han[1:]):
            return True
    return False


def _spelled_runs(letters: str, han: str, longest: int = 4) -> Iterator[tuple[int, int]]:
    """Every run ``han[i:j]`` of at most ``longest`` characters that ``letters`` spells
    (:func:`_spells`), as (i, j): one walk from each start over the readings of the
    characters, keeping the offsets in ``letters`` reached so far, instead of spelling
    each run from its start again."""
    n = len(letters)
    for i in range(len(han)):
        reached = {0}
        for j in range(i, min(len(han), i + longest)):
            reached = {
                k + len(r)
                for k in reached
                for r in _char_readings(han[j])
                if letters.startswith(r, k)
            }
            if not reached:
                break
            if n in reached:
                yield i, j + 1


def _name_start(tokens: list[_Token], chinese: str) -> int | None:
    """Words that spell the Chinese in pinyin: a name, ``Wu Xiaoming (吳曉明)``, or a
    romanised term used as English, ``the concept of tianxia (天下)``, spelled syllable by
    syllable too (``shí shì qiú shì (实事求是)``: up to four words)."""
    k = _name_words(tuple([t.text for t in tokens[-4:]]), chinese)
    return None if k is None else len(tokens) - k


@functools.lru_cache(maxsize=CACHE_SIZE)
def _name_words(words: tuple[str, ...], chinese: str) -> int | None:
    """How many of the last ``words`` spell ``chinese`` in pinyin (fewest first), or None;
    remembered, since a name is glossed again and again."""
    han = han_only(chinese)
    if not 1 <= len(han) <= 4:
        return None
    for k in range(1, len(words) + 1):
        letters = "".join(toneless(w) for w in words[-k:])
        letters = NOT_LETTER.sub("", letters)
        if _spells(letters, han):
            return k
    return None


@functools.lru_cache(maxsize=CACHE_SIZE)
def _starts_with_surname(han: str) -> bool:
    """True if ``han`` starts with a common surname, in either script (劉 as 刘)."""
    from glossary import cedict
    from glossary.pinyin import _surnames

    names = _surnames()
    return han[0] in names or any(e.simplified[:1] in names for e in cedict.lookup(han[0]))


def _extend_by_alignment(
    tokens: list[_Token], start: int, han: str, shortest: int = 4, work: bool = False
) -> int:
    """Extend a Title-Case run left over weaker links ("for a", "with", "to") when the
    capitalised words gained translate part of the Chinese (its Han characters ``han``):
    "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era", but not
    "Hong Kong a National Security Law (国安法)".  The title of a ``work`` (its Chinese in
    《》) takes every capitalised word over them, title case being its own evidence:
    "Administrative Measures for the Practice of Law by Lawyers (《律师执业管理办法》)"."""
    if len(han) < shortest and not work:
        return start
    while True:
        i = start - 1
        while i >= 0 and tokens[i].lower in LINKS:
            i -= 1
        if i == start - 1 or i < 0 or not tokens[i].capitalised:
            return start
        j = i
        while j > 0 and tokens[j - 1].capitalised:
            j -= 1
        if not work and not _renders_half(tokens[j : i + 1], han):
            return start
        start = j


def _renders_half(words: list[_Token], han: str) -> bool:
    """Whether at least half of ``words`` render part of ``han``, by CC-CEDICT or by
    spelling its pinyin: the evidence for a run of capitalised words joining a name."""
    return 2 * sum(_aligns(t.text, han) or _spells_part(t.text, han) for t in words) >= len(words)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _spells_part(word: str, han: str) -> bool:
    """True if ``word`` spells in pinyin some run of the characters of ``han`` (Jinping)."""
    letters = pinyin_letters(word)
    return (
        bool(letters)
        and letters[0] in _initials(han)  # (most words cannot: told without a walk)
        and next(_spelled_runs(letters, han), None) is not None
    )


@functools.lru_cache(maxsize=CACHE_SIZE)
def _initials(han: str) -> frozenset[str]:
    """The first letters of the readings of the characters of ``han``."""
    return frozenset(r[0] for c in han for r in _char_readings(c) if r)
