"""Names and capitals: who and what is written with capital letters.

Personal names (surname readings, 乐 Yuè; Xí Jìnpíng), organisations, meetings, places and
initiatives written in title case, and sentences that start with a capital.
"""

from __future__ import annotations

import re

from glossary.pinyin.readings import _NUMERALS, _is_word, _lower_word
from glossary.pinyin.tables import _cedict, _surnames
from glossary.pinyin.tokens import _GENERICS, _ORG_SUFFIX_CHARS, _is_han, _Token

_NAME_POS = frozenset({"nr", "nrfg", "nrt"})
_ORG_SUFFIX_WORDS = (
    "联合会 联谊会 同乡会 总商会 商会 总会 委员会 代表大会 大会 协会 学会 基金会 联盟 社团 "
    "中心 机场 倡议 会议 论坛 讲坛 研究院 研究所 大学 学院 公司 集团 银行 政府 工作部"
).split()


def _name_parts(text: str) -> int:
    """Length of the surname at the start of ``text`` (0 if it does not start with one)."""
    names = _surnames()
    if text[:2] in names:
        return 2
    return 1 if text[:1] in names else 0


def _apply_person(tok: _Token, surname: int, traditional: bool) -> None:
    """Read and write ``tok`` as a personal name: Xí Jìnpíng, surname readings (乐 Yuè)."""
    names = _surnames()
    text = tok.text
    hyphen: set[int] = set()
    if surname == 1 and len(text) == 4 and text[1] in names:
        # a married woman's double surname, husband's first: Luó-Fàn Jiāofēn
        head = names[text[0]].syls + names[text[1]].syls
        surname, hyphen = 2, {1}
    else:
        head = names[text[:surname]].syls
    syls = list(head) + tok.syls[surname:]
    given = tok.text[surname:]
    given_fix = {"兴": ("xing", 1)}
    for k, c in enumerate(given):
        if c in given_fix:
            syls[surname + k] = given_fix[c]
    tok.syls = syls
    tok.breaks = [0, surname] if len(tok.text) > surname else [0]
    tok.hyphen = hyphen
    tok.proper = True
    tok.person = surname


#: The middle dots between the parts of a transliterated name (卡尔·马克思).
_NAME_DOTS = frozenset("·・•‧．")


def _one_word(tokens: list[_Token], pos: str = "nr") -> _Token:
    """``tokens`` written as one word, their readings kept."""
    word = _Token("".join(t.text for t in tokens), "".join(t.orig for t in tokens), pos)
    word.syls = [s for t in tokens for s in t.syls]
    return word


def _dotted_name(tokens: list[_Token]) -> list[_Token] | None:
    """A term that is a name in parts joined by middle dots, each part one capitalised
    word and the dots left out (GB/T 16159: 卡尔·马克思 Kǎ'ěr Mǎkèsī, 阿沛·阿旺晋美 Āpèi
    Āwàngjìnměi); None for anything else (一·二八, a date, has numerals for parts)."""
    parts: list[list[_Token]] = [[]]
    for t in tokens:
        if t.text in _NAME_DOTS:
            parts.append([])
        elif t.han:
            parts[-1].append(t)
        else:
            return None
    if len(parts) < 2 or not all(parts):
        return None
    out = [_one_word(part) for part in parts]
    if any(all(c in _NUMERALS for c in word.text) for word in out):
        return None
    for word in out:
        word.proper = True
    return out


#: An English name of one word: capitalised letters (an apostrophe or hyphen inside).
_ONE_WORD_NAME = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z]+)*")


def _transliterated_name(tokens: list[_Token], english: str) -> list[_Token] | None:
    """A term whose English is one name, no common English word (``Bozkir``, ``Crassus``),
    and whose Chinese is made of names and single characters only: the transliteration
    of that one word, written as one capitalised word (克拉苏斯 Kèlāsūsī, where jieba's
    pieces gave Kèlā Sū Sī); None for anything else."""
    if len(tokens) < 2 or not _ONE_WORD_NAME.fullmatch(english):
        return None
    if not all(t.han and (len(t.text) == 1 or t.pos in _SOUND_POS) for t in tokens):
        return None
    from glossary.cedict import is_english_word

    if is_english_word(english):
        return None  # "Confucianism", "Clutch": a word translated, not said
    whole = _one_word(tokens)
    if len(whole.syls) != len(whole.text):
        return None  # (one syllable per character, as a name's characters have)
    cut = len(whole.text) - 1 if whole.text[-1] in _AFTER_NAME else len(whole.text)
    # about a character per vowel group of the word, two more at most: not 华盛顿哥伦比亚
    # 特区 for Washington
    if cut > len(_VOWEL_GROUPS.findall(english.lower())) + 2 or cut < 3:
        return None  # (and 密州, 杭州: a Chinese name with its 州 is one word)
    whole.proper = True
    if cut == len(whole.text):
        return [whole]
    # a generic after the name is a word of its own: Fúluólǐdá Zhōu
    return [_part(whole, 0, cut, "nr"), _part(whole, cut, len(whole.text), "n")]


def _part(word: _Token, start: int, end: int, pos: str) -> _Token:
    """Characters ``start`` to ``end`` of ``word`` (one syllable each) as a proper word."""
    part = _Token(word.text[start:end], word.orig[start:end], pos)
    part.syls = word.syls[start:end]
    part.proper = True
    return part


#: A generic a transliterated name may end in, written apart: 州, 城, 号 (a ship).
_AFTER_NAME = _GENERICS | _ORG_SUFFIX_CHARS | frozenset("城州岛湖河山号號症病")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


#: jieba's tags of the words of a transliteration: names, places, other proper nouns.
_SOUND_POS = _NAME_POS | {"nrf", "ns", "nz"}


def _detect_names(tokens: list[_Token], simp: str, traditional: bool) -> list[_Token]:
    """Mark personal names; a whole term of 2-4 characters led by a surname is one, and
    so is a term in parts joined by middle dots (:func:`_dotted_name`)."""
    dotted = _dotted_name(tokens)
    if dotted is not None:
        return dotted
    han = [t for t in tokens if t.han]
    whole = "".join(t.text for t in han)
    if (
        len(han) == len(tokens)
        and _whole_name_shape(whole)
        and not _is_word(whole)
        and not (len(han) == 1 and han[0].pos not in _NAME_POS and _is_word(han[0].text))
        # 解散警队: a verb or adjective word running past the surname is no name
        and not (len(han[0].text) > _name_parts(whole) and han[0].pos[:1] in {"v", "a"})
    ):
        merged = _one_word(han)
        _apply_person(merged, _name_parts(whole), traditional)
        return [merged]
    for t in tokens:
        if (
            t.han
            and t.pos in _NAME_POS
            and 2 <= len(t.text) <= 4
            and _name_parts(t.text)
            and len(t.text) > _name_parts(t.text)
            and not _lower_word(t.text)
            and not _cedict_one_word_name(t.text, _name_parts(t.text))
        ):
            _apply_person(t, _name_parts(t.text), traditional)
    return tokens


def _whole_name_shape(text: str) -> bool:
    """Could ``text`` be a personal name on its own: surname + one or two characters?

    Four characters only with a two-character surname (欧阳 …) or a double surname
    (林郑月娥); never ending in an organisation or place generic (龙阳路站); and never
    a proper noun CC-CEDICT writes as one word (高雄 Gao1 xiong2, a place).
    """
    surname = _name_parts(text)
    if not surname or not 2 <= len(text) <= 4 or len(text) <= surname:
        return False
    if len(text) == 4 and surname == 1 and text[1] not in _surnames():
        return False
    if text[-1] in _GENERICS or text[-1] in _ORG_SUFFIX_CHARS:
        return False
    return not _cedict_one_word_name(text, surname)


def _cedict_one_word_name(text: str, surname: int) -> bool:
    """CC-CEDICT writes ``text`` as one proper noun (高雄 Gao1 xiong2): a place, not a person."""
    for e in _cedict().get(text, []):
        parts = e.pinyin_numbered.split()
        if len(parts) > surname and parts[0][:1].isupper() and not parts[surname][:1].isupper():
            return True
    return False


def _title_case_english(english: str) -> bool:
    words = list(re.findall(r"[A-Za-z][\w'-]*", english))
    small = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "to", "at", "by", "with"}
    content = [w for w in words if w.lower() not in small]
    return bool(content) and all(w[0].isupper() for w in content)


def _named_body(tokens: list[_Token]) -> bool:
    """An organisation, meeting, place or initiative name: title-case every word."""
    han = [t for t in tokens if t.han]
    if not han or any(t.pos == "x" and t.text in "，。,；;！？!?、" for t in tokens):
        return False
    if len(han) == 1 and han[0].pos == "nt":
        if _lower_word(han[0].text):
            return False  # jieba tags 音乐会 nt
        return han[0].text[-1] in _ORG_SUFFIX_CHARS or any(
            han[0].text.endswith(w) for w in _ORG_SUFFIX_WORDS
        )
    last = han[-1]
    if han[0].pos[:1] in {"v", "p", "d", "c", "r"} or len("".join(t.text for t in han)) > 20:
        return False
    if any(last.text.endswith(s) for s in _ORG_SUFFIX_WORDS):
        return len(han) > 1 or not _lower_word(last.text)
    return (
        last.text[-1] in _ORG_SUFFIX_CHARS
        and (len(last.text) == 1 or not _lower_word(last.text))
        and (len(han) > 1 or len(last.text) > 1)
        and any(t.proper or t.pos in {"ns", "nt"} for t in han)
    )


_SENTENCE_END = frozenset("。！？!?")


def _sentence(text: str) -> bool:
    """A full sentence, a multi-clause quotation or a line of verse: an initial capital.

    Sentence-final punctuation; a couplet of five- or seven-character lines
    (读书破万卷，下笔如有神); or three or more clauses of four characters or more joined by
    full-width commas.  Lists joined by 、 and two-part slogans are not sentences.
    """
    body = text.strip()
    if any(c in _SENTENCE_END for c in body):
        return True
    clauses = [sum(map(_is_han, c)) for c in re.split(r"[，；]", body)]
    if len(clauses) >= 2 and len(set(clauses)) == 1 and clauses[0] in {5, 7}:
        return True  # a couplet of five- or seven-character verse lines
    # a longer quotation; a two-part slogan (光复香港，时代革命) is not a sentence
    return len(clauses) >= 3 and all(n >= 4 for n in clauses)
