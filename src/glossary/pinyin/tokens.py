"""Tokens: text cut into Han runs and the rest, the Han segmented into words with readings.

jieba segments (the caller's override words kept whole); characters jieba split that
CC-CEDICT knows as one word are rejoined, 第 + numeral becomes one ordinal; each word
takes its reading and the places where it is written apart (统一战线 tǒngyī zhànxiàn).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from glossary.pinyin.readings import (
    _NUMERALS,
    _char_reading,
    _known,
    _lower_word,
    _pieces,
    _proper_word,
    _word_reading,
)
from glossary.pinyin.spelling import Syllable
from glossary.pinyin.tables import _cedict, _package_words, _Reading, _segmenter, _tags


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF or c == "〇"


@dataclass
class _Token:
    text: str  # simplified
    orig: str  # as found
    pos: str  # jieba tag, or "x" for punctuation and "eng" for other text
    syls: list[Syllable] = field(default_factory=list)
    proper: bool = False
    #: Words as written: syllable index where each written word starts (first is 0).
    breaks: list[int] = field(default_factory=lambda: [0])
    hyphen: set[int] = field(default_factory=set)
    person: int = 0  # >0: a personal name whose surname has this many syllables
    title: bool = False

    @property
    def han(self) -> bool:
        return bool(self.text) and _is_han(self.text[0])


_ORG_SUFFIX_CHARS = frozenset("会部局站院所盟党厅署委办社团队军厂馆校台组处协联司行")


def _segment(simp: str, orig: str, overrides: Mapping[str, _Reading]) -> list[tuple[str, str, str]]:
    """(simplified, original, tag) words of a Han run; override keys are kept whole."""
    forced = [k for k in overrides if len(k) > 1] + [k for k in _package_words() if len(k) > 3]
    out: list[tuple[str, str, str]] = []
    i = start = 0
    longest = max(map(len, forced), default=0)

    def free(a: int, b: int) -> None:
        k = a
        tags = _tags()
        for w in _segmenter().cut(simp[a:b], HMM=False):
            out.append((w, orig[k : k + len(w)], tags.get(w, "x")))
            k += len(w)

    while i < len(simp):
        for n in range(min(longest, len(simp) - i), 1, -1):
            key = simp[i : i + n]
            if key in forced or orig[i : i + n] in forced:
                if start < i:
                    free(start, i)
                out.append((key, orig[i : i + n], "x_forced"))
                i = start = i + n
                break
        else:
            i += 1
    if start < len(simp):
        free(start, len(simp))
    return out


# jieba tags of content words (nouns, verbs, adjectives, unknown): only these are rejoined
_CONTENT_TAGS = frozenset("nvax")


def _merge_abbreviations(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Rejoin single characters jieba split that CC-CEDICT knows as one word.

    jieba (without its HMM) cuts words it lacks into characters: 中 + 俄, 高 + 雄, 佛 + 系.
    Runs of two or three such characters that CC-CEDICT lists only as a proper noun
    (中俄 Zhong1 E2, 高雄 Gao1 xiong2) become one word again, and so do two content
    characters (nouns, verbs, adjectives) that make a CC-CEDICT word (佛系 fóxì); function
    words (为, 所, 以, 不) are never pulled into a word this way.
    """
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(words):
        for n in (3, 2):
            run = words[i : i + n]
            if len(run) == n and all(len(w) == 1 for w, _, _ in run):
                text = "".join(w for w, _, _ in run)
                content = all(tag[:1] in _CONTENT_TAGS for _, _, tag in run)
                if _proper_word(text) or (n == 2 and content and _lower_word(text)):
                    tag = "nz" if _proper_word(text) else "n"
                    out.append((text, "".join(o for _, o, _ in run), tag))
                    i += n
                    break
        else:
            out.append(words[i])
            i += 1
    return out


def _merge_ordinals(words: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """第 + numeral as one word (dì-sān), the rest of a jieba token (方, 次) split off."""
    out: list[tuple[str, str, str]] = []
    for w, o, tag in words:
        if w.startswith("第") and len(w) > 1 and w[1] in _NUMERALS:
            n = 1
            while n < len(w) and w[n] in _NUMERALS:
                n += 1
            out.append((w[:n], o[:n], "m_ordinal"))
            if n < len(w):
                out.append((w[n:], o[n:], "q"))
            continue
        if out and out[-1][0] == "第" and w and all(c in _NUMERALS for c in w):
            pw, po, _ = out.pop()
            out.append((pw + w, po + o, "m_ordinal"))
            continue
        out.append((w, o, tag))
    return out


def _read_token(tok: _Token, traditional: bool, overrides: Mapping[str, _Reading]) -> None:
    """Fill ``tok.syls`` (and word breaks) from the tables."""
    proper = tok.pos in {"nr", "ns", "nt", "nz"}
    if tok.pos == "m_ordinal":
        pairs = zip(tok.text, tok.orig, strict=True)
        tok.syls = [_char_reading(c, o, traditional) for c, o in pairs]
        tok.hyphen = {1}
        return
    found = _word_reading(tok.text, tok.orig, traditional, proper, overrides)
    if found is not None:
        tok.syls = list(found.syls)
        # an idiom CC-CEDICT happens to capitalise (长风破浪) is still an idiom
        tok.proper = found.proper and not _idiom_text(tok)
        tok.hyphen = set(found.hyphen)
        tok.breaks = _display_breaks(tok, overrides)
        return
    tok.syls, tok.breaks = [], []
    pieces = _pieces(tok.text, tok.orig, overrides)
    for n, (w, o) in enumerate(pieces):
        r = _word_reading(w, o, traditional, proper, overrides) or _Reading(
            tuple(_char_reading(c, oc, traditional) for c, oc in zip(w, o, strict=False))
        )
        if w == "得" and 0 < n < len(pieces) - 1:
            r = _Reading((("de", 5),))  # 说得对: the complement marker inside a word
        elif w == "长" and len(pieces) > 1:
            # a modifier before a noun is cháng 'long' (长臂); a head after one is zhǎng
            # 'chief' (X长); the dictionaries hold the common words of both kinds
            r = _Reading((("chang", 2),) if n < len(pieces) - 1 else (("zhang", 3),))
        k = len(tok.syls)
        if len(r.syls) == len(w):
            for piece in _display_pieces(w, o, overrides):
                tok.breaks.append(k)
                k += len(piece)
        else:
            tok.breaks.append(k)
        tok.syls.extend(r.syls)
        tok.proper = tok.proper or (r.proper and len(w) == len(tok.text))
    if len(pieces) > 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS - _GENERICS:
        tok.breaks.pop()  # 工作 + 部 written as one word: Gōngzuòbù
    if len(tok.breaks) == len(tok.syls):
        tok.breaks = [0]  # an unknown word read char by char: still one word


_GENERICS = frozenset("市省县区路街镇乡村")


def _display_breaks(tok: _Token, overrides: Mapping[str, _Reading]) -> list[int]:
    """Where a long dictionary word is written apart (统一战线 tǒngyī zhànxiàn).

    GB/T 16159 writes compounds of four or more characters by their component words,
    and a place name's generic apart from its specific (Shànghǎi Shì).  The reading of
    the whole word is kept; only the spaces change.
    """
    text = tok.text
    if tok.pos == "x_forced" or len(tok.syls) != len(text):
        return [0]
    if _idiom_text(tok):
        return [0]
    pieces = _display_pieces(text, tok.orig, overrides)
    generic = len(pieces) == 1 and len(text) >= 3 and text[-1] in _GENERICS
    place = tok.pos in {"ns", "nz"} or (
        tok.pos in {"nt", "n"} and _known(text[:-1], tok.orig[:-1], overrides)
    )
    if generic and place:
        return [0, len(text) - 1]  # Shànghǎi Shì
    out, k = [], 0
    for w in pieces:
        out.append(k)
        k += len(w)
    return out


def _display_pieces(text: str, orig: str, overrides: Mapping[str, _Reading]) -> list[str]:
    """A word of four or more characters as its component words, recursively."""
    if len(text) < 4:
        return [text]
    pieces = _pieces(text, orig, overrides, whole=False, cost=_cost)
    if len(pieces) == 2 and len(pieces[-1][0]) == 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS:
        # 国家安全 + 部: the suffix joins the last word of the head (Guójiā Ānquánbù)
        head = _display_pieces(pieces[0][0], pieces[0][1], overrides)
        return [*head[:-1], head[-1] + pieces[-1][0]] if len(head) > 1 else [text]
    if len(pieces) > 2 and len(pieces[-1][0]) == 1 and pieces[-1][0] in _ORG_SUFFIX_CHARS:
        (a, ao), (b, bo) = pieces[-2], pieces[-1]
        pieces[-2:] = [(a + b, ao + bo)]
    if len(pieces) > 1 and all(len(w) > 1 for w, _ in pieces):
        return [p for w, o in pieces for p in _display_pieces(w, o, overrides)]
    return [text]


def _cost(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Fewest single characters first, then fewest pieces."""
    return sum(1 for i, j in spans if j - i == 1), len(spans)


# A Han run, a run of Latin letters and digits (COVID-19, Xi'an), or any one character.
_RUNS = re.compile(
    r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff〇]+"
    r"|[A-Za-z0-9](?:[\w.+/'’-]*[A-Za-z0-9])?"
    r"|.",
    re.S | re.ASCII,
)


def _tokens(
    text: str, overrides: Mapping[str, _Reading], cuts: frozenset[int] | None = None
) -> tuple[list[_Token], bool]:
    """Tokens of ``text`` with readings; ``cuts`` are the caller's word boundaries, if any."""
    from glossary import script

    simp = script.to_simplified(text)
    if len(simp) != len(text):
        simp = text
    # A lone character that is written the same in both scripts (斗) takes the reading
    # valid in both: traditional 斗 is only dǒu, and dǒu is a reading of simplified 斗 too.
    # Longer ambiguous text is read as simplified (the far commoner case: 什么, 干).
    kind = script.detect_script(text)
    lone = sum(1 for c in text if _is_han(c)) == 1
    traditional = kind in {script.Script.TRADITIONAL, script.Script.MIXED} or (
        kind is script.Script.AMBIGUOUS and lone
    )
    tokens: list[_Token] = []
    for m in _RUNS.finditer(text):
        a, b = m.span()
        if not _is_han(text[a]):
            tokens.append(_Token(text[a:b], text[a:b], "x"))
            continue
        if cuts is None:
            words = _merge_abbreviations(_segment(simp[a:b], text[a:b], overrides))
        else:
            edges = [a, *sorted(c for c in cuts if a < c < b), b]
            tags = _tags()
            words = [
                (simp[i:j], text[i:j], tags.get(simp[i:j], "x"))
                for i, j in itertools.pairwise(edges)
            ]
        for w, o, tag in _merge_ordinals(words):
            tok = _Token(w, o, tag)
            _read_token(tok, traditional, overrides)
            tokens.append(tok)
    return tokens, traditional


def _idiom(tok: _Token) -> bool:
    """Four-character idioms are written 2+2 with a hyphen (fēnggāo-làngjí)."""
    return len(tok.syls) == 4 and _idiom_text(tok)


def _idiom_text(tok: _Token) -> bool:
    t = tok.text
    if len(t) != 4:
        return False
    entries = _cedict().get(t, [])
    if any(d.startswith(("(idiom)", "lit. ")) for e in entries for d in e.definitions):
        return True
    if tok.pos == "l" and t[0] == t[2] and t[1] != t[3]:
        return True  # 一时一事: the ABAC pattern
    # jieba tags some free phrases "i" (美好生活): trust it when CC-CEDICT has the word
    # or its halves are not words of their own
    halves = _lower_word(t[:2]) and _lower_word(t[2:])
    return tok.pos == "i" and (bool(entries) or not halves)


def _join_short(tokens: list[_Token]) -> None:
    """A term of two or three characters that jieba cut into pieces is one word (nèijuǎn).

    jieba splits words it does not know into characters; a short term is almost always
    one word, unless it is a name or contains a verb with its object (烧数簿).
    """
    han = [t for t in tokens if t.han]
    if len(han) < 2 or len(han) != len(tokens):
        return
    if any(t.person or t.proper or t.pos in {"m_ordinal", "r", "ul", "uz"} for t in han):
        return
    size = len("".join(t.text for t in han))
    if size > 3 or (size == 3 and any(t.pos[:1] == "v" for t in han)):
        return
    head = han[0]
    for t in han[1:]:
        head.text += t.text
        head.orig += t.orig
        head.syls += t.syls
    head.breaks = [0]
    tokens[:] = [head]
