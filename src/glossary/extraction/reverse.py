"""The reverse direction: Chinese prose with the English in brackets.

``国家安全部（Ministry of State Security）``, ``机器学习（Machine Learning，ML）``,
``联合国难民署（UNHCR）``.  The bracket says what the English is; the hard part is where
the Chinese it renders begins, in prose that has no spaces.  :func:`read_reverse` reads
one bracket in three steps:

1. **The bracket** (:func:`read_gloss`): English alone; English with an acronym after
   ``，`` ``；`` ``,`` or ``;``; an acronym alone; a name in another Latin-script
   language.  Links, citations, dates, enumerations, and a bracket opening with Chinese
   (an aside such as ``（又称 …）``) give nothing.
2. **The Chinese before it**: the run of Chinese back to the nearest clause boundary,
   segmented by jieba (on its simplified form, so traditional prose reads alike).  A
   quotation or title mark (``“…”``, ``「…」``, ``《…》``, ``〈…〉``) ending at the bracket
   is the span.  An English sentence renders a Chinese sentence: as many sentences as
   the English has, from the clause its words align with.
3. **One scored choice**: every signal proposes start positions: the clause start and
   the words after a particle or verb that ends a clause (的, 是, 在, 称, 所谓, …), a
   transliterated name (``达娜·莫斯``, or the name after a title or rank, ``上尉米爾斯``),
   the shortest span that CC-CEDICT aligns with the most English words, the shortest
   that holds the most letters of the acronym.  :func:`_score` weighs each start (how
   much of the English aligns, whether a boundary or a name supports it, how long it
   is); the best wins, and the occurrence keeps the candidates, best first, with a
   confidence from 0 to 1.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import regex

from glossary.model import Candidate, Direction, Kind, Occurrence, Term

HAN = regex.compile(r"\p{Han}")
LATIN = regex.compile(r"[A-Za-z\u00c0-\u024f]")
#: A short form: two capitals at least, letters, digits and ``& . - /``: PRC, A2/AD, LegCo.
ACRONYM = regex.compile(r"^(?=(?:.*\p{Lu}){2})[\p{Lu}\d][\p{L}\d&.\-/]{0,9}$")
#: English, a separator, an acronym: ``Machine Learning，ML``, ``… ; ML``.
WITH_ACRONYM = regex.compile(r"^(?P<english>.*?\S)\s*[,，;；]\s*(?P<acronym>[^\s,，;；]+)$")
#: An acronym, a separator, English: ``ML: Machine Learning``.
ACRONYM_FIRST = regex.compile(r"^(?P<acronym>[^\s,，;；:：]+)\s*[,，;；:：]\s*(?P<english>.*\S)$")
#: Labels before the English in the bracket: ``（英文：…）``, ``（简称 WHO）``.  ``又称``
#: (also called) is not among them: it opens an alias, not a gloss.
GLOSS_LABEL = regex.compile(
    r"^(?:英文|英語|英语)?(?:名称|名稱|名|全称|全稱|简称|簡稱|缩写|縮寫)?\s*[：:]?\s*(?=[A-Za-z])"
    r"|^(?:原文|即)\s*[：:]?\s*(?=[A-Za-z])"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: What citations, links and dates carry and glosses do not.
CITATION = regex.compile(
    rf"https?://|www\.|\S@\S|\.(?:com|org|net|gov|htm|html|pdf)\b|\b{_MONTH}\s+\d|\d\s+{_MONTH}"
    r"|\b(?:1[6-9]|20)\d\d\b|\b(?:pp?|vol|no|ed|eds|ibid|et al)\.|\bet al\b|\bibid\b",
    regex.I,
)
#: A year closing the bracket after a separator: ``（Robert Ross，2015）``.
TRAILING_YEAR = regex.compile(r"\s*[,，;；]\s*(?:1[6-9]|20)\d\d\s*年?$")
#: Tone marks: pinyin given for the Chinese, not English (``（nèijuǎn）``).
TONE_MARKED = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
#: Enumerations and roman numerals: ``（a）``, ``（iv）``.
ENUMERATION = regex.compile(r"^(?:[A-Za-z]|[ivxlc]+|[IVXLC]+)$")
ARTICLE = regex.compile(r"^(?:the|a|an)\s+(?=\S)")
QUOTES_EDGE = "“”‘’\"'「」『』《》〈〉"
#: Closing mark -> opening mark, for a quotation or title ending at the bracket.
CLOSING = {"”": "“", "」": "「", "』": "『", "》": "《", "〉": "〈", "’": "‘", '"': '"'}
OPENING = frozenset(CLOSING.values())
#: Characters that end a clause (the Chinese run never crosses them).
CLAUSE_END = frozenset("。！？；，、：;:!?,\n()（）[]【】—…")
SENTENCE_END = frozenset("。！？；")
#: Middle dots between the parts of a transliterated name.
NAME_DOTS = frozenset("·・．•‧")
#: How far back the Chinese run and a quoted sentence may reach.
MAX_RUN = 60
MAX_SENTENCES = 600
#: English words: the length prior, the alignment, the subject test.
EN_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.&/]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]")
#: English with this many words is a sentence (or clause) and renders one.
SENTENCE_WORDS = 8

# Function words that end a clause before a term: particles, prepositions, copulas,
# conjunctions, pronouns and the verbs that introduce a name (simplified forms; the
# prose is segmented in its simplified form).
STOP_WORDS = frozenset(
    """的 地 得 之 是 为 在 和 与 及 以及 或 或者 被 由 据 称 即 了 对 向 把 将 从 以 让 使 给 跟
    同 等 如 并 而 但 也 都 又 还 就 才 已 已经 曾 于 至 着 过 所 其 该 此 这 那 这个 那个 这些
    那些 这一 每 各 某 说 道 指 称为 叫 叫做 名为 所谓 包括 例如 比如 像 如同 作为 成为 有 没有
    并且 而且 但是 然而 因为 所以 如果 即使 虽然 当 他 她 它 他们 她们 我们 你 我 即是 就是 亦 乃
    叫作 称作 意为 指出 表示 认为 引述 写道 说道 以及 及其 这是 那是 即为 又称 又名 也称""".split()
)
#: jieba tags of words a term does not run across: prepositions, conjunctions, particles,
#: pronouns, verbs, numerals, measure words and time words (今年, 近年来).
STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "v", "m", "q", "t"})
FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r"})
#: Conjunctions that may stand inside a name: 欧洲安全与合作组织.
LINKS = frozenset("与和及與")
#: Weaker ends: verbal nouns (宣传, 合作) end a clause less surely.
WEAK_STOP_TAGS = frozenset({"vn"})
#: jieba's name tags.
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "nrf"})
#: Titles and ranks standing next to a name (jieba tags some of them as names).
TITLES = frozenset(
    """将军 先生 女士 小姐 博士 教授 总统 主席 总理 首相 部长 大使 王储 国王 王子 公主 上尉 上校
    中校 少校 少将 中将 上将 司令 议员 参议员 众议员 董事 会长 校长 院长 局长 市长 州长 省长 学者
    诗人 作家 记者 律师 法官 牧师 神父 夫人 阁下 主任 总裁 主编 编辑 研究员 分析家 历史学家 国务卿
    外长 发言人 领导人 创始人 书记 委员 总督 太太 妻子 丈夫 儿子 女儿 父亲 母亲 兄弟 姐妹""".split()
)
#: The English a trailing title would need for the Chinese to keep it (戴維森將軍 / General …).
TITLE_ENGLISH = frozenset(
    """general mr mrs ms miss dr doctor professor prof president chairman premier minister
    ambassador prince king princess captain colonel major admiral commander senator
    mullah sheikh imam father reverend lord sir dame""".split()
)
#: Last characters of words for roles and people (执行官, 部长, 学者), never of a name.
ROLE_ENDINGS = frozenset("官长長者员員师師士手")
#: Single characters a transliterated name does not start with.
NOT_IN_NAMES = frozenset(
    "的是在和与及被由据称即了对向把将从以让使给跟同等如并而但也又还就才已曾于至着过所其该此这那每各某"
    "人者员省市县党部会局所队族说指为"
)
#: Conjunctions and connectives that open a Chinese clause; kept only when the English
#: opens with one too.
ZH_CONNECTIVES = (
    "但是 然而 不过 而是 并且 而且 因此 所以 此外 另外 同时 那就是说 也就是说 就是说 于是 "
    "但 而 并 且 可是 只是"
).split()
EN_CONNECTIVES = frozenset(
    """however but and yet so therefore moreover also still instead rather if thus hence
    although though while whereas because since unless even""".split()
)
#: English words that open a clause with its subject: the Chinese clause must have one too.
EN_SUBJECTS = frozenset(
    """it he she they we i you this that these those there the a an his her their its our
    my your one""".split()
)
#: A quotation followed by "the word", "the concept": ``“内卷”一词（involution）``.
WORD_AFTER_QUOTE = regex.compile(
    r"[”」』》]\s*(?:一词|一詞|这个词|這個詞|这一词|這一詞|一语|一語|二字|一说|一說|"
    r"这一概念|這一概念|概念|这个概念|這個概念)$"
)
ZH_REPORTING = regex.compile(r"^.{0,10}?(?:称|说|表示|指出|认为|写道|说道|引述|发现|指)$")


# --------------------------------------------------------------------------- the bracket


@dataclass(frozen=True, slots=True)
class Gloss:
    """What a zh-en bracket holds: the English and its acronym (either may be empty)."""

    english: str
    acronym: str = ""


def _is_acronym(s: str) -> bool:
    """A short form: ``PRC``, ``A2/AD``, ``LegCo``; not a name with capitals (``Al-Azhar``)."""
    return bool(ACRONYM.match(s)) and not regex.search(r"\p{Ll}{3}|\p{Han}", s)


def _tone_marked_pinyin(text: str) -> bool:
    """Pinyin with tone marks (``nèijuǎn``): the reading of the Chinese, not its English
    (``José Pérez`` has accents too, but is no pinyin)."""
    from glossary.extraction.engine import is_pinyin

    return bool(TONE_MARKED.search(text)) and is_pinyin(text)


def read_gloss(content: str) -> Gloss | None:
    """The English and acronym in a bracket of Chinese prose, or None if it glosses nothing.

    >>> read_gloss("Machine Learning，ML")
    Gloss(english='Machine Learning', acronym='ML')
    >>> read_gloss("UNHCR"), read_gloss("2019年5月"), read_gloss("又称 Hemet Memet")
    (Gloss(english='', acronym='UNHCR'), None, None)
    """
    c = content.strip(" \t\n\u3000\u200b")
    c = TRAILING_YEAR.sub("", c)  # （Robert Ross，2015）: the name, not the date
    if not LATIN.search(c) or CITATION.search(c) or _tone_marked_pinyin(c):
        return None
    # English first; whatever Chinese follows a separator is a description (蘭德資深…),
    # unless it labels an acronym (英文缩写 MSS).
    pieces = [GLOSS_LABEL.sub("", p, count=1) for p in regex.split(r"\s*[，；;]\s*", c)]
    if HAN.search(pieces[0]):
        return None  # an aside opening with Chinese: （又称 …）, （当时出现了 TIP …）
    c = ", ".join(p for p in pieces if not HAN.search(p))
    c = c.strip(QUOTES_EDGE + " ")
    if _is_acronym(c):
        return Gloss("", c.rstrip("."))
    english, acronym = c, ""
    m = WITH_ACRONYM.match(c)
    if m and _is_acronym(m["acronym"]) and not _is_acronym(m["english"]):
        english, acronym = m["english"], m["acronym"]
    else:
        m = ACRONYM_FIRST.match(c)
        if m and _is_acronym(m["acronym"]) and LATIN.search(m["english"]):
            english, acronym = m["english"], m["acronym"]
    english = ARTICLE.sub("", english.strip(QUOTES_EDGE + " "))
    if ENUMERATION.match(english) or not LATIN.search(english):
        return None
    return Gloss(english, acronym.rstrip("."))


# --------------------------------------------------------------------------- the Chinese


@dataclass(slots=True)
class _Token:
    text: str  # simplified form
    start: int  # offset in the run
    end: int
    tag: str

    @property
    def han(self) -> bool:
        return bool(HAN.search(self.text))


@functools.cache
def _words_of(word: str) -> frozenset[str]:
    """Content words of the CC-CEDICT definitions of ``word`` itself."""
    from glossary import cedict
    from glossary.extraction.engine import STOP_WORDS as EN_STOP

    out: set[str] = set()
    for entry in cedict.lookup(word):
        for d in entry.definitions:
            if d.startswith(("variant of", "old variant", "see ", "surname ", "CL:")):
                continue
            out.update(w for w in regex.findall(r"[a-z]+", d.lower()) if w not in EN_STOP)
    return frozenset(w for w in out if len(w) > 1)


@functools.cache
def _letters_of(word: str) -> frozenset[str]:
    """Initials a CC-CEDICT entry gives an acronym: every capitalised word of a name
    (``People's Liberation Army``), every word of a short sense (``human rights``), the
    first content word of a longer one."""
    from glossary import cedict
    from glossary.extraction.engine import STOP_WORDS as EN_STOP

    out: set[str] = set()
    for entry in cedict.lookup(word):
        for d in entry.definitions:
            if d.startswith(("variant of", "old variant", "see ", "surname ", "CL:")):
                continue
            words = regex.findall(r"[A-Za-z]+", regex.sub(r"\([^)]*\)", "", d))
            if words and words[0][0].isupper():
                short = len(words) <= 4  # "US dollar": every word; a long name: its capitals
                out.update(w[0].lower() for w in words if w[0].isupper() or short)
            else:
                content = [w.lower() for w in words if w.lower() not in EN_STOP]
                # a short sense gives every word ("human rights"), a long one its head
                out.update(w[0] for w in (content if len(content) <= 3 else content[:1]))
    return frozenset(out)


@functools.cache
def _verb(word: str) -> bool:
    """Most CC-CEDICT senses of ``word`` are verbs ("to exploit", "to use"): 利用, 宣传."""
    from glossary import cedict

    senses = [d for e in cedict.lookup(word) for d in e.definitions if not d.startswith("CL:")]
    return bool(senses) and 2 * sum(d.startswith("to ") for d in senses) > len(senses)


@functools.cache
def _span_letters(han: str, singles: frozenset[int]) -> Counter[str]:
    """Initials (see :func:`_letters_of`) of the words inside ``han``, counted per word."""
    out: Counter[str] = Counter()
    n = len(han)
    for i in range(n):
        if i in singles:
            out.update(_letters_of(han[i]))
        for j in range(i + 2, min(n, i + 8) + 1):
            out.update(_letters_of(han[i:j]))
    return out


@functools.cache
def _span_words(han: str, singles: frozenset[int]) -> frozenset[str]:
    """Definition words of every word of two or more characters inside ``han``, and of
    the single characters at ``singles`` (those jieba left on their own): a single
    character's many senses are evidence only where it stands alone."""
    out: set[str] = set()
    n = len(han)
    for i in range(n):
        if i in singles:
            out |= _words_of(han[i])
        for j in range(i + 2, min(n, i + 8) + 1):
            out |= _words_of(han[i:j])
    return frozenset(out)


def _stem_match(word: str, vocab: frozenset[str]) -> bool:
    from glossary.extraction.engine import _stem_match as match

    return match(word, vocab)


def _tokens(run: str) -> list[_Token]:
    """jieba's words of ``run``, tagged, with offsets (segmented in simplified form)."""
    from glossary.pinyin import _segmenter, _tags
    from glossary.script import to_simplified

    simp = to_simplified(run)
    if len(simp) != len(run):
        simp = run
    tags = _tags()
    out = []
    i = 0
    for w in _segmenter().cut(simp, HMM=False):
        out.append(_Token(w, i, i + len(w), tags.get(w, "")))
        i += len(w)
    return out


def _function_word(t: _Token) -> bool:
    """A particle, preposition, conjunction or pronoun: a term rarely runs across one."""
    return t.text in STOP_WORDS or (len(t.text) > 1 and t.tag in FUNCTION_TAGS)


def _is_stop(t: _Token) -> bool:
    if t.text in STOP_WORDS:
        return True
    if t.text in TITLES:
        return False
    return t.tag in STOP_TAGS or (len(t.text) > 1 and t.han and _verb(t.text))


def _run_start(text: str, end: int, limit: int = MAX_RUN) -> int:
    """Start of the run of Chinese ending at ``end``: back to a clause boundary, an
    unmatched opening quote, or a space between Chinese and something else."""
    i = end
    lo = max(0, end - limit)
    depth = 0  # quotation marks closed inside the run
    while i > lo:
        c = text[i - 1]
        if c in CLOSING and c != '"':
            depth += 1
        elif c in OPENING and c != '"':
            if depth == 0:
                break
            depth -= 1
        elif c in CLAUSE_END or c in "“”":
            break
        elif c.isspace():
            prev = text[i - 2] if i >= 2 else ""
            nxt = text[i] if i < len(text) else ""
            if not (prev in CLOSING or nxt in OPENING or prev in OPENING or nxt in CLOSING):
                break
        elif not (HAN.match(c) or c in NAME_DOTS or c.isalnum() or c in "/-"):
            break
        i -= 1
    while i < end and (text[i].isspace() or (text[i] in CLOSING and text[i] not in OPENING)):
        i += 1
    return i


def _quoted(text: str, end: int) -> tuple[int, int] | None:
    """The inside of a quotation or title mark closing at ``end - 1``."""
    closer = text[end - 1]
    opener = CLOSING.get(closer)
    if opener is None or opener == closer:
        return None
    depth = 0
    i = end - 2
    lo = max(0, end - MAX_SENTENCES)
    while i >= lo:
        c = text[i]
        if c == closer:
            depth += 1
        elif c == opener:
            if depth == 0:
                return (i + 1, end - 1) if HAN.search(text[i + 1 : end - 1]) else None
            depth -= 1
        elif c == "\n" and text.startswith("\n\n", i - 1):
            return None
        i -= 1
    return None


# --------------------------------------------------------------------------- evidence


def _english_words(english: str) -> list[str]:
    from glossary.extraction.engine import STOP_WORDS as EN_STOP

    return [w for w in EN_WORD.findall(english) if w.lower() not in EN_STOP and len(w) > 1]


@dataclass(slots=True)
class _Evidence:
    """The English side, and what each span of the run aligns with."""

    words: list[str]
    letters: Counter[str]
    tokens: list[_Token]
    aligned: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)

    def coverage(self, first: int, stop: int) -> tuple[int, int]:
        """(English words, acronym letters) that tokens ``first:stop`` align with."""
        key = (first, stop)
        if key not in self.aligned:
            han, singles = "", set()
            content, content_singles = "", set()  # 以 "to use" is no evidence of a U
            for t in self.tokens[first:stop]:
                if t.han:
                    if len(t.text) == 1:
                        singles.add(len(han))
                    han += "".join(HAN.findall(t.text))
                    if not _function_word(t):
                        if len(t.text) == 1:
                            content_singles.add(len(content))
                        content += "".join(HAN.findall(t.text))
            vocab = _span_words(han, frozenset(singles)) if han else frozenset()
            words = sum(_stem_match(w, vocab) for w in self.words) if vocab else 0
            letters = 0
            if self.letters and content:
                have = _span_letters(content, frozenset(content_singles))
                letters = sum(min(n, have[c]) for c, n in self.letters.items())
            self.aligned[key] = (words, letters)
        return self.aligned[key]

    def ratio(self, first: int, stop: int) -> float:
        words, letters = self.coverage(first, stop)
        total = len(self.words) + sum(self.letters.values())
        return (words + letters) / total if total else 0.0


def _name_like(english: str) -> bool:
    """Capitalised words and initials only: a person's or a place's name."""
    words = english.split()
    return 1 <= len(words) <= 5 and all(
        w[:1].isupper() or w in {"bin", "ibn", "al", "de", "van", "von", "der", "da", "du"}
        for w in words
    )


def _common_word(word: str) -> bool:
    """A CC-CEDICT word that is no name (every reading lower case): 智库, 人士."""
    from glossary import cedict

    entries = cedict.lookup(word)
    return bool(entries) and all(e.pinyin_numbered[:1].islower() for e in entries)


def _known(word: str) -> bool:
    from glossary import cedict

    return bool(cedict.lookup(word))


def _name_part(t: _Token) -> bool:
    if not t.han or t.text in TITLES:
        return False
    if len(t.text) == 1:
        return t.text not in NOT_IN_NAMES
    if t.text[-1] in ROLE_ENDINGS or any(t.text.endswith(title) for title in TITLES):
        return False  # 英国首相, 执行官: a role, not a name
    if t.tag in {"ns", "nz"}:
        return not _known(t.text)  # 埃兹 (of 埃兹米特), but not 英国 before 伦敦
    return t.tag in NAME_TAGS or not t.tag


def _name_span(tokens: list[_Token], english: str) -> tuple[int, int, int] | None:
    """(first token, characters of it to skip, stop token) of a transliterated name
    ending the run: ``达娜·莫斯``, ``上尉米爾斯`` -> ``米爾斯``, ``王储穆罕默德·本·萨勒曼``;
    a title after the name (``戴維森將軍``) is left out unless the English has one too."""
    stop = len(tokens)
    while stop > 0 and tokens[stop - 1].text in TITLES:
        stop -= 1
    if stop < len(tokens) and any(w.lower().rstrip(".") in TITLE_ENGLISH for w in english.split()):
        stop = len(tokens)
    # The parts joined by middle dots are all the name; before the first dot, the word
    # next to it and the name-like words before that.
    i = stop
    first_dot = None
    while i > 0 and (tokens[i - 1].han or tokens[i - 1].text in NAME_DOTS):
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
                and tokens[i - 1].text not in TITLES
                and tokens[i - 1].text[-1] not in ROLE_ENDINGS
                and not _common_word(tokens[i - 1].text)
                and not _is_stop(tokens[i - 1])
            )
        ):
            i -= 1
        skip = 0
    else:
        i = stop
        while i > 0 and _name_part(tokens[i - 1]):
            i -= 1
        skip = _common_prefix("".join(t.text for t in tokens[i:stop]))
    if not skip and i < stop and len(tokens[i].text) > 1 and tokens[i].text[0] in NOT_IN_NAMES:
        skip = 1  # jieba glued a particle to the name: 由+约翰
    while i < stop and skip >= len(tokens[i].text):
        skip -= len(tokens[i].text)
        i += 1
    if i >= stop or sum(len(t.text) for t in tokens[i:stop] if t.han) - skip < 2:
        return None
    return i, skip, stop


def _common_prefix(name: str) -> int:
    """Length of a common word (智库) opening ``name``, which jieba may have glued to the
    name after it (智/库兰德); 0 if there is none."""
    for n in (3, 2):
        if len(name) - n >= 2 and _common_word(name[:n]):
            return n
    return 0


def _surname_span(tokens: list[_Token], english: str) -> tuple[int, int, int] | None:
    """A Chinese name closing the run: two or three characters from a common surname
    (``蔣萬安``, ``李家超``), the pinyin of the English deciding when it spells them."""
    from glossary.extraction.engine import _spells, _starts_with_surname

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
    return None


def _aligned_suffix(word: str, english: list[str]) -> int:
    """Characters opening ``word`` that align with none of the English while the rest
    keeps its alignment: jieba's one word 英国伦敦 holds 伦敦 (London)."""
    matched = sum(_stem_match(w, _span_words(word, frozenset())) for w in english)
    skip = 0
    for k in range(1, len(word) - 1):
        if sum(_stem_match(w, _span_words(word[k:], frozenset())) for w in english) < matched:
            break
        skip = k
    return skip


# --------------------------------------------------------------------------- choosing


@dataclass(slots=True)
class _Span:
    first: int  # token index
    stop: int  # token index past the last
    skip: int = 0  # characters of the first token left out
    signals: set[str] = field(default_factory=set)
    boundary: float = 0.0  # how surely a clause boundary stands before it


#: The weights of :func:`_score`.
NAME_WEIGHT = 0.6
CHAR_COST = 0.03
STOP_COST = 0.25
UNALIGNED_COST = 0.15


def _score(span: _Span, ev: _Evidence, tokens: list[_Token], han_chars: int) -> float:
    """One score for one span: how much of the English it aligns with, plus the boundary
    and name evidence for its start; less its length, the particles inside it (a term
    rarely runs across one) and the unaligned words opening it (近年来 before 机器学习)
    beyond what the unaligned English words may account for (纳苏古姆 for Nazugum), place
    names excepted (美国 opens 美国国家公共广播电台)."""
    score = ev.ratio(span.first, span.stop) + span.boundary
    if "name" in span.signals:
        score += NAME_WEIGHT
    if "name" not in span.signals:
        for k in range(span.first + (1 if span.skip else 0), span.stop):
            if _function_word(tokens[k]):
                # "and" between two aligned words is likely part of a name: 安全与合作
                linked = (
                    tokens[k].text in LINKS
                    and span.first < k < span.stop - 1
                    and ev.coverage(k - 1, k) != (0, 0)
                    and ev.coverage(k + 1, k + 2) != (0, 0)
                )
                score -= STOP_COST / 2 if linked else STOP_COST
    words, letters = ev.coverage(span.first, span.stop)
    dotted = "name" in span.signals and any(
        t.text in NAME_DOTS for t in tokens[span.first : span.stop]
    )
    if (words or letters) and not dotted:  # the dotted parts of a name belong together
        # Each English word left unaligned may account for about three characters.
        unaligned = -3 * (len(ev.words) - words + sum(ev.letters.values()) - letters)
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
        score -= UNALIGNED_COST * max(0, unaligned)
    # A Chinese character or three per English word or letter is expected; more costs.
    expected = 2.5 * (len(ev.words) + sum(ev.letters.values()) or 1)
    return score - CHAR_COST * max(0.0, han_chars - expected) - 0.005 * han_chars


def _glossable(inside: list[_Token], ratio: float, span: _Span) -> bool:
    """False when the best span is no term: particles, numerals and measure words alone
    (一句 before ``（OK）``), or, with nothing aligned and no name, a span ending in a verb
    (``这个词写作（gaslighting）``: the English word is discussed, not glossed)."""
    if "name" in span.signals or "pinyin" in span.signals:
        return True
    content = [
        t
        for t in inside
        if t.han
        and not _function_word(t)
        and t.tag != "m"
        and not (t.tag == "q" and len(t.text) == 1)
    ]
    if not content:
        return False
    last = inside[-1]
    return bool(ratio or "name" in span.signals or not (last.tag == "v" or _verb(last.text)))


def _choose(
    tokens: list[_Token], gloss: Gloss, run: str
) -> tuple[int, int, list[Candidate], float]:
    """(start, end) offsets in ``run`` of the Chinese the gloss renders, the candidates
    weighed (best first) and the confidence; ``start == end`` when there is none."""
    ev = _Evidence(_english_words(gloss.english), Counter(), tokens)
    if gloss.acronym and not ev.words:  # the letters speak only when no English does
        ev.letters = Counter(c.lower() for c in gloss.acronym if c.isalpha())
    n = len(tokens)
    spans: dict[tuple[int, int, int], _Span] = {(0, 0, n): _Span(0, n, 0, {"clause"}, 0.25)}

    def add(first: int, stop: int, signal: str, boundary: float = 0.0, skip: int = 0) -> None:
        span = spans.setdefault((first, skip, stop), _Span(first, stop, skip))
        span.signals.add(signal)
        span.boundary = max(span.boundary, boundary)

    for k, t in enumerate(tokens[:-1]):
        if _is_stop(t) or not t.han:
            # after 与/和 a name may go on to the left (欧洲安全与合作组织): a weaker end
            add(k + 1, n, "particle", 0.1 if not t.han or t.text in LINKS else 0.25)
        elif t.tag in WEAK_STOP_TAGS:
            add(k + 1, n, "particle", 0.15)
    if _name_like(gloss.english) or not gloss.english:
        name = _name_span(tokens, gloss.english)
        if name is None and gloss.english:
            name = _surname_span(tokens, gloss.english)
        if name is not None and (gloss.english or not ev.coverage(name[0], name[2])[1]):
            add(name[0], name[2], "name", skip=name[1])
    # The shortest span holding the most aligned English words or acronym letters.
    best: tuple[float, int] | None = None
    for k in range(n - 1, -1, -1):
        r = ev.ratio(k, n) if tokens[k].han else 0.0
        if r > 0 and (best is None or r > best[0]):
            best = (r, k)
    if best is not None:
        k = best[1]
        skip = _aligned_suffix(tokens[k].text, ev.words) if ev.words else 0
        add(k, n, "acronym" if gloss.acronym and not ev.words else "cedict", skip=skip)
        # A name without dots that the aligned span explains with less is no name:
        # 英国伦敦 for London is 伦敦.
        for key, span in list(spans.items()):
            if (
                "name" in span.signals
                and (span.first, span.skip) < (k, skip)
                and not any(t.text in NAME_DOTS for t in tokens[span.first : span.stop])
                and ev.ratio(span.first, span.stop) <= best[0]
            ):
                span.signals.discard("name")
                if not span.signals:
                    del spans[key]
    scored = []
    for span in spans.values():
        start, end = tokens[span.first].start + span.skip, tokens[span.stop - 1].end
        han_chars = len(HAN.findall(run[start:end]))
        if han_chars:
            scored.append((_score(span, ev, tokens, han_chars), -start, span))
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
    if not _glossable(tokens[top.first : top.stop], ev.ratio(top.first, top.stop), top):
        return 0, 0, [], 0.0
    confidence = 0.45 + 0.45 * ev.ratio(top.first, top.stop)
    if "name" in top.signals:
        dotted = any(t.text in NAME_DOTS for t in tokens[top.first : top.stop])
        confidence = max(confidence, 0.9 if dotted else 0.8)
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.1:
        confidence -= 0.15
    start, end = tokens[top.first].start + top.skip, tokens[top.stop - 1].end
    return start, end, candidates, max(0.05, min(1.0, confidence))


# --------------------------------------------------------------------------- sentences


def _sentences_back(text: str, lo: int, end: int, count: int) -> int:
    """Start of the last ``count`` sentences of ``text[lo:end]`` (not before an opening
    quotation mark whose closer is not in the span)."""
    i = end
    while i > lo:
        c = text[i - 1]
        if c in SENTENCE_END and i < end:
            count -= 1
            if count == 0:
                break
        elif (c == "\n" and text.startswith("\n\n", i - 2)) or (
            c in OPENING and c != '"' and CLOSING_OF[c] not in text[i:end]
        ):
            break
        i -= 1
    return i


CLOSING_OF = {v: k for k, v in CLOSING.items()}


def _english_sentences(english: str) -> int:
    return 1 + len(regex.findall(r"(?<=\p{Ll}{2}[.!?])\s+(?=\p{Lu})", english))


def _sentence_span(
    text: str, lo: int, end: int, gloss: Gloss
) -> tuple[int, list[Candidate], float] | None:
    """The Chinese sentence(s) an English sentence renders, inside ``text[lo:end]``:
    from the clause of the first sentence that its words align with."""
    start = _sentences_back(text, lo, end, _english_sentences(gloss.english))
    while start < end and (text[start].isspace() or text[start] in OPENING):
        start += 1
    if start >= end or not HAN.search(text[start:end]):
        return None
    region = text[start:end]
    tokens = _tokens(region)
    ev = _Evidence(_english_words(gloss.english), Counter(), tokens)
    n = len(tokens)
    first_end = next((k for k, t in enumerate(tokens) if t.text in SENTENCE_END), n)
    clauses = [0] + [k + 1 for k, t in enumerate(tokens[:first_end]) if t.text in "，,：:"]
    clauses = [k for k in clauses if k < n]
    best = max(ev.ratio(k, n) for k in clauses)
    c = max(i for i, k in enumerate(clauses) if ev.ratio(k, n) == best)
    first = EN_WORD.findall(gloss.english)[:1]
    first_word = first[0].lower() if first else ""
    # A clause opening with a verb or adverb has its subject in the clause before: take
    # that too when the English has a subject of its own ("it is ambiguous …").
    if c > 0 and first_word in EN_SUBJECTS and tokens[clauses[c]].tag in {"v", "d"}:
        c -= 1
    k = clauses[c]
    if first_word not in EN_CONNECTIVES and k < n and tokens[k].text in ZH_CONNECTIVES:
        k += 1
    pos = start + tokens[k].start if k < n else end
    candidates = [Candidate(text[pos:end].strip(), round(best, 3), ("sentence", "cedict"))]
    candidates += [
        Candidate(region[tokens[j].start :].strip(), round(ev.ratio(j, n), 3), ("sentence",))
        for j in clauses
        if j != clauses[c]
    ]
    return pos, candidates, max(0.05, min(1.0, 0.55 + 0.4 * best))


# --------------------------------------------------------------------------- the reader


def _sentence_like(english: str) -> bool:
    """English of :data:`SENTENCE_WORDS` words or more, not in title case: a sentence or a
    clause, which renders one (``Xi Jinping Thought on Socialism with Chinese
    Characteristics for a New Era`` is a name)."""
    words = EN_WORD.findall(english)
    if len(words) < SENTENCE_WORDS:
        return False
    content = _english_words(english)
    capitalised = sum(w[:1].isupper() for w in content)
    return 2 * capitalised < len(content)


def _chinese_span(
    text: str, open_pos: int, gloss: Gloss
) -> tuple[int, int, list[Candidate], float] | None:
    """(start, end, candidates, confidence) of the Chinese before the bracket at ``open_pos``."""
    end = open_pos
    while end > 0 and text[end - 1] in " \t\u3000":
        end -= 1
    if end == 0:
        return None
    long_english = _sentence_like(gloss.english)
    word = WORD_AFTER_QUOTE.search(text, max(0, end - 8), end)
    if word is not None and not long_english:
        end = word.start() + 1  # “内卷”一词（involution）: the quotation is the span
    quote = _quoted(text, end)
    if quote is not None:
        q_start, q_end = quote
        if long_english and text[q_end] not in "》〉":  # a title is whole, however long
            found = _sentence_span(text, q_start, q_end, gloss)
            if found is None:
                return None
            pos, candidates, confidence = found
            return pos, q_end, candidates, confidence
        inside = text[q_start:q_end].strip()
        return q_start, q_end, [Candidate(inside, 1.0, ("quotes",))], 0.9
    if not HAN.match(text[end - 1]):
        return None  # Latin, a digit or a bracket before: nothing Chinese is glossed
    if long_english:
        lo = max(0, end - MAX_SENTENCES)
        found = _sentence_span(text, lo, end, gloss)
        if found is None:
            return None
        pos, candidates, confidence = found
        return pos, end, candidates, confidence
    start = _run_start(text, end)
    run = text[start:end]
    if not HAN.search(run):
        return None
    first, stop, candidates, confidence = _choose(_tokens(run), gloss, run)
    if not candidates:
        return None
    return start + first, start + stop, candidates, confidence


def _context(text: str, start: int, end: int) -> str:
    lo = max(start - 120, 0)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in "。！？\n":
            lo = i + 1
            break
    hi = min(end + 120, len(text))
    for i in range(end, hi):
        if text[i] in "。！？\n":
            hi = i + 1
            break
    return str(regex.sub(r"\s+", " ", text[lo:hi])).strip()


def read_reverse(
    text: str,
    open_pos: int,
    close_pos: int,
    source: str | None = None,
    line: int = 1,
    at: Callable[[int], int] | None = None,
) -> Iterator[Term]:
    """The pair a bracket of Chinese prose glosses with English (nothing if it glosses none).

    Args:
        text: the text; ``open_pos`` and ``close_pos`` index the bracket's opener and closer.
        source: the name the occurrence carries.
        line: the line the bracket opens on.
        at: maps an offset in ``text`` to the offset the occurrence reports (when
            ``text`` is a cleaned copy of the document); the identity by default.

    >>> text = "他曾任职于国家安全部（Ministry of State Security）"
    >>> [(t.chinese, t.english) for t in read_reverse(text, 10, text.index("）"))]
    [('国家安全部', 'Ministry of State Security')]
    """
    gloss = read_gloss(text[open_pos + 1 : close_pos])
    if gloss is None:
        return
    found = _chinese_span(text, open_pos, gloss)
    if found is None:
        return
    start, end, candidates, confidence = found
    chinese = text[start:end].strip()
    if chinese[:1] in OPENING and CLOSING_OF.get(chinese[0]) == chinese[-1:]:
        chinese = chinese[1:-1].strip()
    if not HAN.search(chinese):
        return
    shift = at or (lambda i: i)
    occ = Occurrence(
        source=source,
        line=line,
        start=shift(start),
        end=shift(close_pos + 1),
        english=gloss.english,
        chinese=chinese,
        abbreviation=gloss.acronym,
        context=_context(text, start, close_pos + 1),
        direction=Direction.ZH_EN,
        confidence=round(confidence, 3),
        candidates=tuple(candidates),
    )
    term = Term(
        english=gloss.english,
        chinese=chinese,
        abbreviation=gloss.acronym,
        kind=Kind.TRANSLATION if gloss.english else Kind.ACRONYM,
        confidence=occ.confidence,
    )
    yield term.with_occurrences((occ,))
