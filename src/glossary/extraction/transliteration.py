"""Transliteration: whether Chinese characters may spell the sound of an English word.

Names and brands reach Chinese by sound, a syllable for each part of the word:
阿萨巴斯卡 (Athabasca), 冈瓦那 (Gondwana), 布里斯托爾 (Bristol).  No dictionary lists most
of them, so both readers ask this module instead (the reverse reader's evidence,
:mod:`glossary.extraction.chinese_evidence`, and the English reader's alignment,
:mod:`glossary.extraction.align`).  :func:`transliterates` walks the readings of the
characters (CC-CEDICT's) along the letters of the word: each syllable opens on a letter
its initial may render (:data:`SOUNDS`) and takes the vowels and the soft coda after it,
and a letter or two may go unsaid (the d of Gondwana, the l of Aduhelm).  It is loose
on purpose, as transliteration is, and is asked only about words the dictionary leaves
unaligned.
"""

from __future__ import annotations

import functools
import unicodedata

import regex

__all__ = [
    "SOUNDS",
    "name_runs",
    "sounds_like_a_start",
    "transliterated_runs",
    "transliterates",
]

#: The English letters a transliteration opening with each pinyin initial may render
#: (a vowel-initial syllable renders a vowel, h or w: 奥密克戎 Omicron; h the Spanish j:
#: 何塞 José, 胡安 Juan; s and x an English th: 瑟古德 Thurgood, 西奥多 Theodore; j a k:
#: 基辛格 Kissinger; q a z: 千黛亞 Zendaya).
_VOWELS = "aeiouyhw"
SOUNDS = {
    "b": "bpv", "p": "pbf", "m": "mn", "f": "fvpw", "d": "dt", "t": "td", "n": "nm",
    "l": "lrn", "g": "gkcqj", "k": "kcgq", "h": "hj" + _VOWELS, "j": "jgzyck", "q": "qkcgjz",
    "x": "xsczjht", "zh": "jzgcs", "ch": "ctcsj", "sh": "scxz", "r": "rlj", "z": "zsjctx",
    "c": "cstzk", "s": "sczxt", "y": "yji" + _VOWELS, "w": "wvu" + _VOWELS,
}  # fmt: skip
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
#: The words of an English text, lower case.
_LOWER_WORD = regex.compile(r"[a-z]+")
#: Two letters that make one sound, which a syllable's initial renders together.
DIGRAPHS = frozenset("th sh ch ph gh ck qu wh kh zh".split())
#: The second letter of a consonant cluster, which a syllable may leave unsaid.
LIQUIDS = frozenset("rl")
#: Vowel letters a syllable's final takes after its initial.
NUCLEUS = frozenset("aeiouy")
#: Letters a syllable may swallow after its vowel (Mar- of Marseille, 马; Bon- of Bondi,
#: 邦), the nasals only after a nasal final (丹 den, 安 ann).
SOFT_CODA = frozenset("rlhw")
NASAL_CODA = frozenset("nm")
#: The cost of an English consonant no syllable renders, and of a vowel left unsaid or a
#: soft letter swallowed (a doubled letter and a final silent e cost nothing).
SKIP_COST = 2
SOFT_COST = 1
#: A run of vowel letters: about one syllable of the word each.
VOWEL_GROUP = regex.compile(r"[aeiouy]+")
#: Shortest word asked about: a three-letter word matches too much by chance.
SHORTEST = 4


def _initial(reading: str) -> str:
    if reading[:2] in SOUNDS:
        return reading[:2]
    return "" if reading[:1] in "aeiouv" else reading[:1]


def sounds_like_a_start(char: str, english: str) -> bool:
    """Whether a reading of ``char`` may open the transliteration of a word of
    ``english``: 德 (de) of Delta, 馮 (feng) of von der Leyen; not 比 (bi), the
    comparative before 德尔塔 (Delta).

    >>> sounds_like_a_start("德", "Delta"), sounds_like_a_start("比", "Delta")
    (True, False)
    """
    openers = _opening_letters(char)
    return openers is None or any(w[0] in openers for w in _LOWER_WORD.findall(english.lower()))


@functools.lru_cache(maxsize=1 << 14)
def _opening_letters(char: str) -> frozenset[str] | None:
    """The English letters a reading of ``char`` may open a transliteration on (those a
    syllable so read may open on, :func:`_onsets`: 恩 en the n of Ngozi), or None when no
    reading is known (no evidence either way)."""
    from glossary.extraction.align import _char_readings

    readings = _char_readings(char)
    if not readings:
        return None
    return frozenset(c for reading in readings for c in _ALPHABET if _onsets(reading, c, 0))


def _letters(word: str) -> str:
    """``word`` in lower-case ASCII letters, accents dropped (José -> jose)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z")


def _onsets(reading: str, letters: str, p: int) -> list[int]:
    """Where the letters a syllable read ``reading`` opens on end, when it opens at
    ``p``: its initial's letter (or digraph, or the letter and the r or l after it); for
    a vowel-initial syllable a vowel (taken by the nucleus), h, w or y, or the r or l of
    尔 (er) and the n of 恩 (en)."""
    c = letters[p]
    initial = _initial(reading)
    out = []
    if initial:
        if c in SOUNDS[initial]:
            out.append(p + 1)
            if letters[p : p + 2] in DIGRAPHS:
                out.append(p + 2)
            elif c not in NUCLEUS and letters[p + 1 : p + 2] in LIQUIDS:
                out.append(p + 2)  # a cluster, its liquid unsaid: fr of Francis, 方
    elif c in NUCLEUS:
        out.append(p)
    elif c in "hwy" or (reading == "er" and c in "rl") or (reading[-1:] == "n" and c in "nm"):
        out.append(p + 1)
    return out


def _syllable_ends(reading: str, letters: str, p: int) -> dict[int, int]:
    """Where a syllable read ``reading`` and opening at ``p`` may end, with the cost of
    the soft letters it swallows: its onset, then some or all of the vowels after it (吉
    says the g of Pangaea and its first vowel, 亚 the last), then after them all a nasal
    or two (after a nasal final: 汉 han of Susquehanna, or hann) or a soft letter."""
    ends: dict[int, int] = {}
    nasal = reading.endswith(("n", "ng"))
    for q in _onsets(reading, letters, p):
        ends[q] = 0
        while q < len(letters) and letters[q] in NUCLEUS:
            q += 1
            ends[q] = 0
        if q < len(letters):
            c = letters[q]
            if nasal and c in NASAL_CODA:
                ends[q + 1] = 0
                if q + 1 < len(letters) and letters[q + 1] == c:
                    ends[q + 2] = 0  # ann, jenn
            elif c in SOFT_CODA:
                ends.setdefault(q + 1, SOFT_COST)
    return ends


def _budget(letters: str) -> int:
    """The cost a transliteration of ``letters`` may run up: one unrendered consonant in
    a word of up to eight letters, two in a longer one."""
    return SKIP_COST * (1 if len(letters) <= 8 else 2)


@functools.lru_cache(maxsize=1 << 12)
def _tails(letters: str) -> list[int]:
    """The cost of leaving ``letters[p:]`` unsaid, for every ``p`` (a silent e free)."""
    out = [0] * (len(letters) + 1)
    body = len(letters) - 1 if letters.endswith("e") else len(letters)
    for p in range(body - 1, -1, -1):
        c = letters[p]
        out[p] = out[p + 1] + (SOFT_COST if c in NUCLEUS or c in SOFT_CODA else SKIP_COST)
    return out


@functools.lru_cache(maxsize=1 << 16)
def _costs(letters: str, han: str) -> tuple[int, ...]:
    """The least cost of saying ``letters`` with ``han[:j]``, for every ``j`` (index j;
    more than :func:`_budget` allows where they cannot): one walk along the characters,
    each a syllable, keeping the letters reached and the cost so far.  A letter no
    syllable renders costs (:data:`SKIP_COST`; a vowel :data:`SOFT_COST`; a doubled
    letter nothing), but never the first: the first syllable says the first sound."""
    from glossary.extraction.align import _char_readings

    budget = _budget(letters)
    n = len(letters)
    tails = _tails(letters)
    groups = len(VOWEL_GROUP.findall(letters))
    out = [budget + 1] * (len(han) + 1)
    reached = {0: 0}  # letters said -> least cost so far
    for c, char in enumerate(han):
        readings = _char_readings(char)
        ahead: dict[int, int] = {}
        for p, so_far in reached.items():
            q, cost = p, so_far
            while q < n and cost <= budget:
                for reading in readings:
                    for e, soft in _syllable_ends(reading, letters, q).items():
                        if e > q and cost + soft < ahead.get(e, budget + 1):
                            ahead[e] = cost + soft
                if q == 0:
                    break  # the first syllable says the first sound
                x = letters[q]
                cost += 0 if letters[q - 1] == x else SOFT_COST if x in NUCLEUS else SKIP_COST
                q += 1
        reached = ahead
        if not reached:
            break
        if c + 1 >= groups - 1:  # (fewer syllables than the word's vowels less one: no)
            out[c + 1] = min(so_far + tails[p] for p, so_far in reached.items())
    return tuple(out)


def transliterates(word: str, han: str) -> bool:
    """Whether the characters ``han`` (two at least) may be a transliteration of the
    English ``word`` (four letters at least): every character a syllable, each opening
    on a letter its initial may render, in order, with little of the word left unsaid.

    >>> transliterates("Athabasca", "阿萨巴斯卡"), transliterates("Gondwana", "冈瓦那")
    (True, True)
    >>> transliterates("Athabasca", "加拿大"), transliterates("University", "大学")
    (False, False)
    """
    letters = _letters(word)
    if len(letters) < SHORTEST or len(han) < 2:
        return False
    return _costs(letters, han)[len(han)] <= _budget(letters)


def transliterated_runs(word: str, han: str, longest: int = 8) -> list[tuple[int, int, int]]:
    """The runs ``han[i:j]`` (offsets into ``han``) of two to ``longest`` characters that
    :func:`transliterates` ``word``, as (i, j, cost): from each start that may open it, the
    run that says it best (the cost of what it leaves unsaid, 0 for all of it).

    >>> transliterated_runs("Athabasca", "加拿大阿萨巴斯卡大学")
    [(3, 8, 0)]
    """
    letters = _letters(word)
    if len(letters) < SHORTEST:
        return []
    budget = _budget(letters)
    out = []
    for i in range(len(han) - 1):
        openers = _opening_letters(han[i])
        if openers is not None and letters[0] not in openers:
            continue  # (sounds_like_a_start, told for the one word)
        # from each start, the run that says the word best (the longest of the best):
        # 阿萨巴斯卡, not 阿萨巴 leaving "sca" unsaid
        costs = _costs(letters, han[i : i + longest])
        if len(costs) > 2:
            cost, j = min((cost, -j) for j, cost in enumerate(costs) if j >= 2)
            if cost <= budget:
                out.append((i, i - j, cost))
    return out


def name_runs(word: str, han: str) -> list[tuple[int, int, int]]:
    """:func:`transliterated_runs` of ``word`` when it may be a name said by sound, that
    is no common English word (:func:`glossary.cedict.is_english_word`): "Clutch" is
    translated, not said by 關鍵; [] otherwise.  Both readers ask this.

    >>> name_runs("Susquehanna", "萨斯奎汉纳大学")[0], name_runs("Clutch", "关键时刻")
    ((0, 5, 0), [])
    """
    from glossary.cedict import is_english_word

    return [] if is_english_word(word) else transliterated_runs(word, han)
