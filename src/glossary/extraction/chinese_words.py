"""The Chinese before a zh-en bracket, word by word: jieba's words of the run with their
tags, and what CC-CEDICT says of each word (its senses' words, the initials it gives an
acronym, whether it is a verb).  :mod:`glossary.extraction.chinese_span` weighs spans of
these words; the per-word answers are remembered (bounded caches).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

HAN = regex.compile(r"\p{Han}")
#: Entries kept by each per-word cache (bounded, so a large corpus does not grow them).
CACHE_SIZE = 1 << 16
# Function words that end a clause before a term: particles, prepositions, copulas,
# conjunctions, pronouns and the verbs that introduce a name (simplified forms; the
# prose is segmented in its simplified form).
STOP_WORDS = frozenset(
    """的 地 得 之 是 为 在 和 与 及 以及 或 或者 被 由 据 称 即 了 对 向 把 将 从 以 让 使 给 跟
    同 等 如 并 而 但 也 都 又 还 就 才 已 已经 曾 于 至 着 过 所 其 该 此 这 那 这个 那个 这些
    那些 这一 每 各 某 说 道 指 称为 叫 叫做 名为 所谓 包括 例如 比如 像 如同 作为 成为 有 没有
    并且 而且 但是 然而 因为 所以 如果 即使 虽然 当 他 她 它 他们 她们 我们 你 我 即是 就是 亦 乃
    叫作 称作 意为 指出 表示 认为 引述 写道 说道 以及 及其 这是 那是 即为 又称 又名 也称
    俗称 简称 通称 统称 全称 亦称 别称 昵称 人称 号称 名叫 称之为 译为 译作 於 暨""".split()
)
#: jieba tags of words a term does not run across: prepositions, conjunctions, particles,
#: pronouns, verbs and verb morphemes (遣), numerals, measure words and time words (今年,
#: 近年来).
STOP_TAGS = frozenset(
    {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "v", "vg", "m", "q", "t"}
)
FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r"})
#: Measure words: after 一 they make the indefinite article (一个, 一种, 一位).
MEASURE_WORDS = frozenset("个個种種位名项項场場次件家条條份本部座台批支只隻张張篇句套段类類")
#: Titles and ranks standing next to a name (jieba tags some of them as names).
TITLES = frozenset(
    """将军 先生 女士 小姐 博士 教授 总统 主席 总理 首相 部长 大使 王储 国王 王子 公主 上尉 上校
    中校 少校 少将 中将 上将 司令 议员 参议员 众议员 董事 会长 校长 院长 局长 市长 州长 省长 学者
    诗人 作家 记者 律师 法官 牧师 神父 夫人 阁下 主任 总裁 主编 编辑 研究员 分析家 历史学家 国务卿
    外长 发言人 领导人 创始人 书记 委员 总督 太太 妻子 丈夫 儿子 女儿 父亲 母亲 兄弟 姐妹 高官 官员
    首领 领袖 主帅 主教练 总教练 球员 前锋 中场 后卫 门将 演员 歌手 画家 医生 警官 检察官 党首 党魁
    大法官 爵士 勋爵 男爵 伯爵 公爵 子爵 侯爵 教宗 教皇 主教 大主教 枢机 枢机主教 红衣主教 神甫 修女
    法师 住持 方丈 喇嘛 拉比 伊玛目 女王 皇帝 皇后 天皇 亲王 苏丹 酋长""".split()
)


# --------------------------------------------------------------------------- shared
# The English reader's word list and CC-CEDICT matching, imported on first use (the
# English reader imports this module).  In the scored extractor they live in
# extraction.words (STOP_WORDS), extraction.align (_stem_match, _spells,
# _starts_with_surname) and extraction.text (is_pinyin): change the imports here only.


def english_stop_words() -> frozenset[str]:
    """The English function words the English reader never aligns.

    >>> "the" in english_stop_words()
    True
    """
    from glossary.extraction.words import STOP_WORDS

    return STOP_WORDS


def _stem_match(word: str, vocab: frozenset[str]) -> bool:
    from glossary.extraction.align import _stem_match as match

    return match(word, vocab)


def is_pinyin(text: str) -> bool:
    """True if every word of ``text`` is pinyin (the English reader's test).

    >>> is_pinyin("nèijuǎn"), is_pinyin("José Pérez")
    (True, False)
    """
    from glossary.extraction.text import is_pinyin as test

    return test(text)


# --------------------------------------------------------------------------- the Chinese


@dataclass(slots=True)
class Token:
    text: str  # simplified form
    start: int  # offset in the run
    end: int
    tag: str

    @property
    def han(self) -> bool:
        return bool(HAN.search(self.text))


def _senses(word: str) -> Iterator[str]:
    """The CC-CEDICT senses of ``word`` that say what it means (not "variant of", "see",
    "surname" or a classifier)."""
    from glossary import cedict
    from glossary.extraction.align import EMPTY_SENSE

    for entry in cedict.lookup(word):
        for d in entry.definitions:
            if not d.startswith(EMPTY_SENSE):
                yield d


#: How a note that says how a verb is done begins: 论证 "to prove (through argument)".
MANNER_NOTE = regex.compile(r"\((?:through|by|with|by means of|via|using)\b")


@functools.lru_cache(maxsize=CACHE_SIZE)
def _words_of(word: str) -> frozenset[str]:
    """Content words of the CC-CEDICT definitions of ``word`` itself, notes and all; but
    a verb's notes name what it takes, not what it means, unless they say how it is done:
    采取 "to carry out (measures, policies, course of action)" renders no "actions", while
    论证 "to prove (through argument)" is "argument"."""
    from glossary.extraction.align import definition_words

    if not _verb(word) or any(MANNER_NOTE.search(d) for d in _senses(word)):
        return definition_words(word, notes=True)
    return definition_words(word, notes=False)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _letters_of(word: str) -> frozenset[str]:
    """Initials a CC-CEDICT entry gives an acronym: every capitalised word of a name
    (``People's Liberation Army``), every word of a short sense (``human rights``), the
    first content word of a longer one."""
    en_stop = english_stop_words()
    out: set[str] = set()
    for d in _senses(word):
        words = regex.findall(r"[A-Za-z]+", regex.sub(r"\([^)]*\)", "", d))
        if words and words[0][0].isupper():
            short = len(words) <= 4  # "US dollar": every word; a long name: its capitals
            out.update(w[0].lower() for w in words if w[0].isupper() or short)
        else:
            content = [w.lower() for w in words if w.lower() not in en_stop]
            # a short sense gives every word ("human rights"), a long one its head
            out.update(w[0] for w in (content if len(content) <= 3 else content[:1]))
    return frozenset(out)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _verb(word: str) -> bool:
    """Most CC-CEDICT senses of ``word`` are verbs ("to exploit", "to use"): 利用, 宣传."""
    from glossary import cedict

    senses = [d for e in cedict.lookup(word) for d in e.definitions if not d.startswith("CL:")]
    return bool(senses) and 2 * sum(d.startswith("to ") for d in senses) > len(senses)


@functools.lru_cache(maxsize=CACHE_SIZE)
def _matches(word: str, piece: str) -> bool:
    """True if the English ``word`` matches a word of the CC-CEDICT senses of ``piece``."""
    vocab = _words_of(piece)
    return bool(vocab) and _stem_match(word, vocab)


@functools.lru_cache(maxsize=CACHE_SIZE)
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


def segment(run: str) -> list[Token]:
    """jieba's words of ``run``, tagged, with offsets (segmented in simplified form, so
    that traditional prose reads alike).

    >>> [(t.text, t.start) for t in segment("他曾在國家安全部")]
    [('他', 0), ('曾', 1), ('在', 2), ('国家安全部', 3)]
    """
    from glossary.pinyin import _segmenter, _tags
    from glossary.script import to_simplified

    simp = to_simplified(run)
    if len(simp) != len(run):
        simp = run
    tags = _tags()
    out = []
    i = 0
    for w in _segmenter().cut(simp, HMM=False):
        out.append(Token(w, i, i + len(w), tags.get(w, "")))
        i += len(w)
    return out


def _function_word(t: Token) -> bool:
    """A particle, preposition, conjunction or pronoun, or 一 and a measure word (一个,
    一种: the indefinite article): a term rarely runs across one."""
    return t.text in STOP_WORDS or (
        len(t.text) > 1
        and (t.tag in FUNCTION_TAGS or (t.text[0] == "一" and t.text[1:] in MEASURE_WORDS))
    )


def _is_stop(t: Token) -> bool:
    if t.text in STOP_WORDS:
        return True
    if t.text in TITLES:
        return False
    if len(t.text) > 1 and t.tag == "d":
        return True  # an adverb of two characters or more: 莫过于, 已经 (极 may open a term)
    if t.tag in STOP_TAGS:
        return True
    # a verb CC-CEDICT knows; of a single character, only one jieba knows as no word of
    # its own (tag zg): 抵 of 抵馬六甲 (arrived at Malacca), but not 土 of 土團黨
    return t.han and (len(t.text) > 1 or t.tag == "zg") and _verb(t.text)
