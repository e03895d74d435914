"""Context rules: readings that depend on the neighbours of a word.

为 wéi in 为…所 and 以…为; particles (着 zhe, 了 le, 的 de, 过 guo); locative 上 shang;
一 and 不 in their original tones; measure words after a numeral (万重山 chóng); 长
cháng 'long' or zhǎng 'grow'.
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.pinyin.readings import _NUMERALS
from glossary.pinyin.spelling import Syllable
from glossary.pinyin.tokens import _Token


def _clauses(tokens: list[_Token]) -> Iterator[list[_Token]]:
    clause: list[_Token] = []
    for t in tokens:
        if not t.han and t.pos == "x" and t.text.strip():
            yield clause
            clause = []
        else:
            clause.append(t)
    yield clause


def _is_verbal(t: _Token) -> bool:
    return t.pos[:1] in {"v", "a"}


_ORIGINAL_TONE = {("一", "yi"): 1, ("不", "bu"): 4}


def _no_sandhi(tokens: list[_Token]) -> None:
    """一 and 不 in their original tones (yī, bù): some tables print the sandhi (yígè)."""
    for t in tokens:
        if len(t.syls) != len(t.text):
            continue
        for k, c in enumerate(t.text):
            s, tone = t.syls[k]
            if (c, s) in _ORIGINAL_TONE and tone != 5:
                t.syls[k] = (s, _ORIGINAL_TONE[c, s])


def _measure_after_numeral(
    t: _Token, prev: _Token | None, char: str, old: Syllable, new: Syllable
) -> None:
    """``char`` right after a numeral is a measure word read ``new`` (万重山 chóng, 万卷 juàn)."""
    if len(t.syls) != len(t.text):
        return
    for k, c in enumerate(t.text):
        if c != char or t.syls[k] != old:
            continue
        before = t.text[k - 1] if k else (prev.text[-1:] if prev is not None else "")
        if before and (before in _NUMERALS or (char == "重" and before in "双多")):
            t.syls[k] = new


def _adjective_chang(prev: _Token | None, nxt: _Token | None) -> bool:
    """长 on its own is the adjective cháng 'long' after a noun or an adverb (很长, 头发长)
    or leading a phrase (长租公寓); before an aspect particle or a result it is the verb
    zhǎng 'grow' (长了, 长出)."""
    if nxt is not None and nxt.text[:1] in set("了着过出成起大高"):
        return False
    adverbs = set("很太更最好挺真多")
    if prev is None:
        return nxt is not None  # a modifier leading a phrase: 长租公寓
    return prev.pos[:1] in {"n", "d", "r"} or prev.text in adverbs


def _context_rules(tokens: list[_Token]) -> None:
    """Readings that depend on the neighbours: 为…所, 以…为, particles, locatives."""
    _no_sandhi(tokens)
    for clause in _clauses(tokens):
        han = [t for t in clause if t.han]
        for k, t in enumerate(han):
            prev = han[k - 1] if k else None
            _measure_after_numeral(t, prev, "重", ("zhong", 4), ("chong", 2))
            _measure_after_numeral(t, prev, "卷", ("juan", 3), ("juan", 4))
            nxt = han[k + 1] if k + 1 < len(han) else None
            later = {u.text for u in han[k + 1 :]}
            earlier = {u.text for u in han[:k]}
            if t.text == "为":
                if (
                    "所" in later
                    or "以" in earlier
                    or (prev and prev.text in {"其", "之", "乃", "实", "皆"})
                ):
                    t.syls = [("wei", 2)]
            elif t.text in {"着", "了", "得", "地", "的", "过"} and prev is not None:
                particle = {
                    "uz": "zhe",
                    "ul": "le",
                    "ud": "de",
                    "uv": "de",
                    "uj": "de",
                    "ug": "guo",
                }
                # 过 is a particle only straight after a verb (看过), not in 已过 'passed'
                after_verb = _is_verbal(prev) or t.text != "过"
                if t.pos in particle and after_verb:
                    t.syls = [(particle[t.pos], 5)]
                elif t.text == "得" and _is_verbal(prev) and nxt is not None:
                    t.syls = [("de", 5)]
            elif t.text == "上" and prev is not None and prev.pos[:1] == "n" and "在" in earlier:
                t.syls = [("shang", 5)]  # locative 在纸上: light
            elif t.text == "长" and _adjective_chang(prev, nxt):
                t.syls = [("chang", 2)]
