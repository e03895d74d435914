"""Evidence for the reverse reader: which characters of a Chinese run render which words
of the English in its bracket (or which letters of an acronym).

:func:`~glossary.extraction.chinese_span.choose` weighs spans by this evidence:

* CC-CEDICT: every dictionary word of the run against every English word (single
  characters only where jieba left them alone, and never a particle);
* sound (:mod:`glossary.extraction.transliteration`): the characters near the bracket that
  say a capitalised word no dictionary aligns and that is no common English word;
* an acronym's letters, one per character, by a maximum flow (:func:`_letters_by_character`).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

import regex

from glossary.extraction.chinese_names import NOT_IN_NAMES, _common_word, _known
from glossary.extraction.chinese_words import (
    CACHE_SIZE,
    FUNCTION_TAGS,
    HAN,
    Token,
    _function_word,
    _letters_of,
    _matches,
    _span_words,
    _stem_match,
    _words_of,
    english_stop_words,
)
from glossary.extraction.transliteration import name_runs
from glossary.extraction.words import NAMING_WORDS

#: English words, for the alignment and the length prior.
EN_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.&/]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]")


#: A bracketed part of a CC-CEDICT sense.
PARENTHESIS = regex.compile(r"\s*\(([^()]*)\)")
#: jieba's tags of words whose senses give an acronym no letter: adverbs (随即
#: "immediately" is no I of IDF).
NO_LETTER_TAGS = frozenset({"d"})


def english_words(english: str) -> list[str]:
    """The content words of ``english`` (function words left out), a compound's parts each
    a word, a prefix keeping its hyphen (the Chinese renders them one by one: 去中国化 for
    ``de-Sinicization``, 自我覺察 for ``self-awareness``).

    >>> english_words("the Ministry of State Security"), english_words("de-Sinicization")
    (['Ministry', 'State', 'Security'], ['de-', 'Sinicization'])
    """
    # (a naming verb in a name is a word: "Named Entity Recognition")
    en_stop = english_stop_words() - (NAMING_WORDS if english[:1].isupper() else frozenset())
    words = []
    for word in EN_WORD.findall(english):
        *prefixes, last = word.split("-")
        words += [f"{p}-" for p in prefixes if len(p) > 1 and p.lower() not in en_stop]
        words.append(last)
    return [w for w in words if w.lower() not in en_stop and len(w) > 1]


@dataclass(slots=True)
class Evidence:
    """The English side, and what each span of the run aligns with."""

    words: list[str]
    letters: Counter[str]
    tokens: list[Token]
    aligned: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: (start, end, English word index) of every piece of the run aligned with a word,
    #: offsets into the run's Han characters; and where each token's Han starts.
    hits: list[tuple[int, int, int]] | None = None
    starts: list[int] = field(default_factory=list)
    #: The acronym the letters are of (upper case, no dots), when no English speaks.
    acronym: str = ""
    #: Whether a hit is a transliteration (:meth:`_transliterated`), not a dictionary's.
    sounded: list[tuple[int, int, int]] = field(default_factory=list)
    #: The English joins its words with "of" or a possessive, which 的 and 之 render:
    #: "faceless nature of Nazi evil" (纳粹罪恶本身的无个性化性质).
    possessive: bool = False

    def _align(self) -> list[tuple[int, int, int]]:
        """Every dictionary word of the run (single characters only where jieba left them
        alone) against every English word, once per run."""
        if self.hits is None:
            han, singles = "", set()
            for t in self.tokens:
                self.starts.append(len(han))
                if t.han:
                    # (a particle renders no English word: 了's senses are notes on
                    # grammar, "indicating change of state")
                    if len(t.text) == 1 and t.tag not in FUNCTION_TAGS:
                        singles.add(len(han))
                    han += "".join(HAN.findall(t.text))
            self.starts.append(len(han))
            self.hits = [
                (i, j, k)
                for i, j, piece in _dictionary_words(han, frozenset(singles))
                if _words_of(piece)
                for k, w in enumerate(self.words)
                if _matches(w, piece)
            ]
            self.sounded = self._transliterated(han)
            self.hits += self.sounded
        return self.hits

    def _transliterated(self, han: str) -> list[tuple[int, int, int]]:
        """Hits for the capitalised English words no dictionary word aligns with, where
        characters close to the bracket say them (:func:`name_runs`, no common English
        word): 阿萨巴斯卡 of 阿萨巴斯卡大学 (Athabasca University).  Close: what stands between
        the run and the bracket is aligned, or two characters at most (冈瓦那大陆,
        Gondwana); the run holds no common word of the dictionary (希望 is "hope"); and
        no two words share a character.  The run nearest the bracket is taken first, then
        the one next to it (強納森 of 強納森葛雷瑟 once 葛雷瑟 says "Glazer"), the word
        said with less left unsaid first, then the later word nearer the bracket."""
        hits = self.hits or []
        found = {k for _, _, k in hits}
        unsaid = [k for k, w in enumerate(self.words) if k not in found and w[:1].isupper()]
        if not unsaid:
            return []
        covered = {c for i, j, _ in hits for c in range(i, j)}
        # A run may cut only a word the dictionary does not know (jieba's glue of a name
        # and a particle): not 麥總 of 丹麥總理, nor 者謝林 of 學者謝林.  Nor may it hold a
        # common word, or a particle, preposition or conjunction (了 of 去了香港: China is
        # no 去了; but a pronoun may be a sound: 那 of 热那大厦, Rana Plaza).
        uncut: set[int] = set()
        closed: list[tuple[int, int]] = []
        for t, a, b in zip(self.tokens, self.starts, self.starts[1:], strict=False):
            if not t.han:
                continue
            if b - a > 1:
                if _known(t.text):
                    uncut.update(range(a + 1, b))
                if _common_word(t.text):
                    closed.append((a, b))
            elif t.tag in FUNCTION_TAGS and t.tag != "r":
                closed.append((a, b))
        runs = [
            (j, -cost, k, i)
            for k in unsaid
            for i, j, cost in name_runs(self.words[k], han)
            if i not in uncut
            and j not in uncut
            and han[i] not in NOT_IN_NAMES
            and not any(i <= a and b <= j for a, b in closed)
        ]
        out: list[tuple[int, int, int]] = []
        while runs:
            near = [
                r
                for r in runs
                if sum(c not in covered for c in range(r[0], len(han))) <= 2
                and not covered.intersection(range(r[3], r[0]))
            ]
            if not near:
                break
            j, _, k, i = max(near)
            out.append((i, j, k))
            covered.update(range(i, j))
            runs = [r for r in runs if r[2] != k]
        return out

    def covered(self, first: int, stop: int) -> set[int]:
        """The indices of the English words that tokens ``first:stop`` align with."""
        hits = self._align() if self.words else []
        lo, hi = (self.starts[first], self.starts[stop]) if hits else (0, 0)
        return {k for i, j, k in hits if lo <= i and j <= hi}

    def coverage(self, first: int, stop: int) -> tuple[int, int]:
        """(English words, acronym letters) that tokens ``first:stop`` align with."""
        key = (first, stop)
        if key not in self.aligned:
            words = len(self.covered(first, stop))
            # 以 "to use" is no evidence of a U, nor 随即 "immediately" of an I
            content, content_singles = "", set()
            for t in self.tokens[first:stop]:
                if t.han and not _function_word(t) and t.tag not in NO_LETTER_TAGS:
                    if len(t.text) == 1:
                        content_singles.add(len(content))
                    content += "".join(HAN.findall(t.text))
            letters = 0
            if self.letters and content:
                need = tuple(sorted(self.letters.items()))
                letters = _letters_by_character(
                    self.acronym, need, content, frozenset(content_singles)
                )
            self.aligned[key] = (words, letters)
        return self.aligned[key]

    def ratio(self, first: int, stop: int) -> float:
        words, letters = self.coverage(first, stop)
        total = len(self.words) + sum(self.letters.values())
        return (words + letters) / total if total else 0.0


@functools.lru_cache(maxsize=CACHE_SIZE)
def _dictionary_words(han: str, singles: frozenset[int]) -> list[tuple[int, int, str]]:
    """(start, end, word) of every CC-CEDICT word inside ``han`` of up to eight characters,
    single characters only at ``singles`` (where jieba left them alone: a character's many
    senses are evidence only there); found by one lookup in the trie per character.

    >>> [w for _, _, w in _dictionary_words("国家安全部", frozenset({4}))]
    ['国家', '国家安全', '国家安全部', '安全', '全部', '部']
    """
    from glossary import cedict

    return [
        (i, i + len(word), word)
        for i in range(len(han))
        for word in cedict.prefixes(han[i : i + 8])
        if len(word) > 1 or i in singles
    ]


@functools.lru_cache(maxsize=CACHE_SIZE)
def _letters_by_character(
    acronym: str, need: tuple[tuple[str, int], ...], han: str, singles: frozenset[int]
) -> int:
    """How many of the letters of ``acronym`` (``need``: letter, times) the words inside
    ``han`` give (:func:`_letters_of`; single characters only at ``singles``, where
    jieba left them alone), each character giving one at most (a maximum flow): a
    word's many senses may offer many letters, but 抑制剂 ("inhibitor; suppressant") is
    not S, R and I of SSRI, nor 教科文组织 the whole of UNESCO.  A word CC-CEDICT names
    the acronym by gives all of them (非典: "SARS").

    >>> _letters_by_character("ECB", (("b", 1), ("c", 1), ("e", 1)), "欧洲央行", frozenset())
    3
    """
    wanted = {c for c, _ in need}
    # a flow: letter -> a word offering it (once) -> one of the word's characters (once),
    # solved by Edmonds–Karp below (a few hundred nodes at most: a library's import would
    # cost more than the search)
    pieces: list[tuple[int, int, frozenset[str]]] = []
    n = len(han)
    for a, b, word in _dictionary_words(han, singles):
        if b - a > 1 and _names_acronym(word, acronym):
            return sum(k for _, k in need)
        got = _letters_of(word) & wanted
        if got:
            pieces.append((a, b, got))
    if not pieces:
        return 0
    # nodes: 0 source, 1 sink, then letters, pieces, characters
    letters = [c for c, _ in need]
    first_piece = 2 + len(letters)
    first_char = first_piece + len(pieces)
    flow: dict[int, dict[int, int]] = {}

    def edge(u: int, v: int, capacity: int) -> None:
        flow.setdefault(u, {})[v] = capacity
        flow.setdefault(v, {}).setdefault(u, 0)

    for i, (_, k) in enumerate(need):
        edge(0, 2 + i, k)
    for p, (a, b, got) in enumerate(pieces):
        for i, c in enumerate(letters):
            if c in got:
                edge(2 + i, first_piece + p, 1)
        for x in range(a, b):
            edge(first_piece + p, first_char + x, 1)
    for x in range(n):
        edge(first_char + x, 1, 1)
    total = 0
    while True:  # Edmonds–Karp: shortest augmenting paths, one unit each
        back = {0: 0}
        queue = [0]
        for u in queue:
            for v, capacity in flow[u].items():
                if capacity > 0 and v not in back:
                    back[v] = u
                    queue.append(v)
        if 1 not in back:
            return total
        v = 1
        while v:
            u = back[v]
            flow[u][v] -= 1
            flow[v][u] += 1
            v = u
        total += 1


def _aligned_suffix(word: str, english: list[str]) -> int:
    """Characters opening ``word`` that align with none of the English while the rest
    keeps its alignment: jieba's one word 英国伦敦 holds 伦敦 (London); but 中国 of
    中国人民银行 renders "China" itself, so it stays (though CC-CEDICT's 人民银行 is
    "People's Bank of China" too).

    >>> _aligned_suffix("英国伦敦", ["London"])
    2
    >>> _aligned_suffix("中国人民银行", ["People", "Bank", "China"])
    0
    """
    matched = sum(_stem_match(w, _span_words(word, frozenset())) for w in english)
    if not matched:
        return 0  # nothing of it aligns by the dictionary: a name said by its sound
    skip = 0
    for k in range(1, len(word) - 1):
        if any(_stem_match(w, _span_words(word[: k + 1], frozenset())) for w in english):
            break  # a word left out, or cut in two, would render some of the English
        if sum(_stem_match(w, _span_words(word[k:], frozenset())) for w in english) < matched:
            break
        skip = k
    return skip


@functools.lru_cache(maxsize=CACHE_SIZE)
def _names_acronym(han: str, want: str) -> bool:
    """Whether CC-CEDICT gives the acronym ``want`` (upper case, no dots) as a sense of
    ``han``, or a name whose initials spell it."""
    from glossary import cedict

    for entry in cedict.lookup(han):
        for sense in entry.definitions:
            # "World Health Organization (WHO)": the name, and the acronym beside it
            main = PARENTHESIS.sub("", sense)
            named = [main, *PARENTHESIS.findall(sense)]
            initials = "".join(w[0] for w in EN_WORD.findall(main) if w[:1].isupper())
            if want in {x.replace(".", "").strip().upper() for x in named} or (
                len(initials) > 1 and initials.upper() == want
            ):
                return True
    return False
