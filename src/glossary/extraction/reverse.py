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
3. **One scored choice** (:mod:`glossary.extraction.chinese_span`): every signal
   proposes spans (the clause start and the word after a particle or verb, 的, 是, 在,
   称, 所谓, …; a transliterated name, ``达娜·莫斯``, or a name after a title or rank,
   ``上尉米爾斯``; the shortest span CC-CEDICT aligns with the most English words or
   acronym letters), one scoring function weighs them, the best wins, and the occurrence
   keeps the candidates, best first, with a confidence from 0 to 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass

import regex

from glossary.extraction.align import _spells, pinyin_letters
from glossary.extraction.chinese_evidence import EN_WORD, Evidence, english_words
from glossary.extraction.chinese_names import LOST_DOT, NAME_DOTS
from glossary.extraction.chinese_span import choose
from glossary.extraction.chinese_words import HAN, is_pinyin, segment
from glossary.extraction.text import CLOSERS, LATIN_LETTER, OPENERS, one_line
from glossary.extraction.words import footnote_before
from glossary.model import Candidate, Direction, Kind, Occurrence, Term
from glossary.punctuation import safe_nfkc

#: A short form: two capitals at least, letters, digits and ``& . - /``: PRC, A2/AD, LegCo;
#: or a capital and a number: G7, G20; or one small letter before two capitals: fMRI, mRNA.
ACRONYM = regex.compile(
    r"^(?=(?:.*\p{Lu}){2})[\p{Lu}\d][\p{L}\d&.\-/]{0,9}$|^\p{Lu}\d{1,3}$"
    r"|^[a-z](?=\p{Lu}{2})[\p{Lu}\d][\p{L}\d&.\-/]{0,8}$"
)
#: English, a separator, an acronym: ``Machine Learning，ML``, ``… ; ML``.
WITH_ACRONYM = regex.compile(r"(?s)^(?P<english>.*?\S)\s*[,，;；]\s*(?P<acronym>[^\s,，;；]+)$")
#: An acronym, a separator, English: ``ML: Machine Learning``.
ACRONYM_FIRST = regex.compile(
    r"(?s)^(?P<acronym>[^\s,，;；:：]+)\s*[,，;；:：]\s*(?P<english>.*\S)$"
)
#: Labels before the English in the bracket: ``（英文：…）``, ``（简称 WHO）``.  ``又称``
#: (also called) is not among them: it opens an alias, not a gloss.
GLOSS_LABEL = regex.compile(
    r"^(?:(?:英|德|法|日|俄|拉丁|希腊|希臘|西班牙|葡萄牙|意大利|義大利|荷兰|荷蘭|瑞典|韩|韓|阿拉伯"
    r"|土耳其|波兰|波蘭|马来|馬來|印尼|越南|泰|梵|蒙古|粤|粵)(?:文|語|语))?\s*"
    r"(?:名称|名稱|名|全称|全稱|简称|簡稱|缩写|縮寫)?(?:为|為)?\s*[：:]?\s*(?=[A-Za-z])"
    r"|^(?:原文|即)\s*[：:]?\s*(?=[A-Za-z])"
)
#: A name's initial before its full stop: the ``·A`` of ``詹尼佛·A.杜德娜``.
INITIAL_BEFORE = regex.compile(r"[·・•‧\p{Han}][A-Z]\.")
#: A label for the acronym written straight after the English, with no separator:
#: ``（英语：Amnesty International缩写AI）`` reads as ``Amnesty International，AI``.
INLINE_ACRONYM_LABEL = regex.compile(
    r"(?<=[A-Za-z\u00c0-\u024f\u1e00-\u1eff.)])\s*(?:英文|英語|英语)?\s*(?:缩写|縮寫|简称|簡稱)(?:为|為|是)?\s*[：:]?\s*"
    r"(?=[A-Z][A-Za-z0-9&.\-/]*\s*(?:$|[，；;,）)]))"
)
#: The label of the full name, after the acronym: ``（WHO，全称 World Health Organization）``.
FULL_NAME_LABEL = regex.compile(r"^\s*(?:全称|全稱|全名)(?:为|為|是)?\s*[：:]?\s*(?=[A-Za-z])")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: What citations, links and dates carry and glosses do not.
CITATION = regex.compile(
    rf"https?://|www\.|\S@\S|\.(?:com|org|net|gov|htm|html|pdf)\b|\b{_MONTH}\s+\d|\d\s+{_MONTH}"
    r"|\b(?:1[6-9]|20)\d\d\b|\bpp?\.\s*\d|\b(?:vol|no|ed|eds|ibid|et al)\.|\bet al\b|\bibid\b",
    regex.I,
)
#: What a bracket holds that glosses nothing: an account's id (``ID:cyberlawrc``, the
#: boilerplate of articles reposted from WeChat), a unit (``mmol/L``, ``km/h``).
NO_GLOSS = regex.compile(
    r"(?:ID|微信号|微信ID|公众号ID|公众号)\s*[:：]|[a-zμ][A-Za-zμ]{0,4}/[A-Za-z]{1,3}\s*$"
)
#: A statistic or formula: ``p<0.05``, ``t=11.154``, ``(165.6±4.3)``.
FORMULA = regex.compile(r"[=<>≤≥±]\s*-?\.?\d|\d\s*[=<>≤≥±]")
#: Two or more Latin words, then Chinese after a space or dash: a gloss and a description.
LATIN_THEN_HAN = regex.compile(
    r"^(?P<latin>[A-Za-z\u00c0-\u024f\u1e00-\u1eff][^\p{Han}]*?\s[^\p{Han}]*?[A-Za-z.])[\s—–\-:：]+(?=\p{Han})"
)
#: A year, a date or life dates closing the bracket after a separator: ``（Robert Ross，
#: 2015）``, ``（Max Weber, 1864-1920）``, ``（Max Weber，1864年4月21日-1920年6月14日）``.
_YEAR_OR_DATE = r"(?:1[0-9]|20)\d\d\s*(?:年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?)?"
TRAILING_YEAR = regex.compile(
    rf"\s*[,，;；]\s*(?:生于|生於|born\s+|b\.\s*)?{_YEAR_OR_DATE}"
    rf"(?:\s*[-–—~～至]\s*{_YEAR_OR_DATE})?\s*$"
)
#: A US lawmaker's party and state closing the bracket: ``, R-OH``, ``, D-Calif.``.
PARTY_STATE = regex.compile(r"\s*[,，;；]\s*[RDI]-[A-Z][A-Za-z.]{1,12}\s*$")
#: A short Chinese name, the whole of a bracket's first piece: 美联储.
SHORT_NAME = regex.compile(r"\p{Han}{2,8}")
#: Two parts of the English, one of which may be pinyin: ``tianxia, all under heaven``.
PINYIN_BESIDE = regex.compile(r"^(?P<a>[^,，;；]+?)\s*[,，;；]\s*(?P<b>[^,，;；]+)$")
#: Tone marks: pinyin given for the Chinese, not English (``（nèijuǎn）``).
TONE_MARKED = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜăĕĭŏŭ]")
#: Enumerations and roman numerals: ``（a）``, ``（iv）``.
ENUMERATION = regex.compile(r"^(?:[A-Za-z]|[ivxlc]+|[IVXLC]+)$")
ARTICLE = regex.compile(r"^(?:the|a|an)\s+(?=\S)")
QUOTES_EDGE = "“”‘’\"'「」『』《》〈〉"
#: Closing mark -> opening mark, for a quotation or title ending at the bracket.
#: Quotation and title marks; 【】 stand for title marks in much web prose (【跳痛之旅】).
CLOSING = {"”": "“", "」": "「", "』": "『", "》": "《", "〉": "〈", "’": "‘", '"': '"', "】": "【"}
OPENING = frozenset(CLOSING.values())
#: Characters that end a clause (the Chinese run never crosses them).
CLAUSE_END = frozenset("。！？；，、：;:!?,\n—…" + OPENERS + CLOSERS)
SENTENCE_END = frozenset("。！？；")
#: How far back the Chinese run and a quoted sentence may reach.
MAX_RUN = 60
MAX_SENTENCES = 600
#: English with this many words is a sentence (or clause) and renders one.
SENTENCE_WORDS = 8
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
#: Personal pronouns: English opening with one is a clause ("we will not give up").
PRONOUNS = frozenset("i we you he she it they".split())
#: English words that open a clause with its subject: the Chinese clause must have one too.
EN_SUBJECTS = frozenset(
    """it he she they we i you this that these those there the a an his her their its our
    my your one""".split()
)
#: A quotation followed by "the word", "the concept": ``“内卷”一词（involution）``.
WORD_AFTER_QUOTE = regex.compile(
    r"[”」』》]\s*(?:一词|一詞|这个词|這個詞|这一词|這一詞|一语|一語|二字|一说|一說|"
    r"这一概念|這一概念|概念|这个概念|這個概念)$"
    # and a title followed by what it is: 《经济学人》杂志（The Economist）
    r"|[》〉]\s*(?:杂志|雜誌|一书|一書|一文|周刊|週刊|月刊|双月刊|雙月刊|季刊|期刊|丛书|叢書|报告|報告)$"
)


# --------------------------------------------------------------------------- the bracket


@dataclass(frozen=True, slots=True)
class Gloss:
    """What a zh-en bracket holds: the English and its acronym (either may be empty)."""

    english: str
    acronym: str = ""
    #: A short Chinese name standing first in the bracket: ``（美联储，Federal Reserve）``.
    alias: str = ""


def _is_acronym(s: str) -> bool:
    """A short form: ``PRC``, ``A2/AD``, ``LegCo``; not a name with capitals (``Al-Azhar``)."""
    return bool(ACRONYM.match(s)) and not regex.search(r"\p{Ll}{3}|\p{Han}", s)


def _tone_marked_pinyin(text: str) -> bool:
    """Pinyin with tone marks (``nèijuǎn``): the reading of the Chinese, not its English
    (``José Pérez`` has accents too, but is no pinyin)."""
    return bool(TONE_MARKED.search(text)) and is_pinyin(text)


def read_gloss(content: str) -> Gloss | None:
    """The English and acronym in a bracket of Chinese prose, or None if it glosses nothing.

    >>> read_gloss("Machine Learning，ML")
    Gloss(english='Machine Learning', acronym='ML', alias='')
    >>> read_gloss("UNHCR"), read_gloss("2019年5月"), read_gloss("又称 Hemet Memet")
    (Gloss(english='', acronym='UNHCR', alias=''), None, None)
    >>> read_gloss("(MSS")
    Gloss(english='', acronym='MSS', alias='')
    >>> read_gloss("美联储，Federal Reserve")
    Gloss(english='Federal Reserve', acronym='', alias='美联储')
    """
    glosses = _glosses(content)
    return glosses[0] if glosses else None


def _glosses(content: str) -> tuple[Gloss, Gloss] | None:
    """:func:`read_gloss` of ``content``, and the same read as ASCII (full-width letters
    and digits folded: （ＲＳＶ） is an acronym like （RSV）), from which the Chinese span
    is found; the pair keeps the fields as written."""
    folded = safe_nfkc(content)
    ascii_gloss = _read_gloss(folded)
    if ascii_gloss is None or folded == content:
        return None if ascii_gloss is None else (ascii_gloss, ascii_gloss)
    # the folding is one character for one, so each field stands at the same offsets in
    # the bracket as written
    written = Gloss(*(_as_written(f, folded, content) for f in astuple(ascii_gloss)))
    return written, ascii_gloss


def _as_written(field: str, folded: str, content: str) -> str:
    at = folded.find(field) if field else -1
    return content[at : at + len(field)] if at >= 0 else field


def _read_gloss(content: str) -> Gloss | None:
    """:func:`read_gloss` of a bracket with full-width letters and digits folded."""
    c = content.strip(" \t\n\u3000\u200b").lstrip(OPENERS)  # a doubled opener: （（MSS）
    c = TRAILING_YEAR.sub("", c)  # （Robert Ross，2015）: the name, not the date
    c = PARTY_STATE.sub("", c)  # （Steve Chabot, R-OH）: a US lawmaker's party and state
    c = INLINE_ACRONYM_LABEL.sub("，", c)  # （英语：Amnesty International缩写AI）
    if (
        not LATIN_LETTER.search(c)
        or CITATION.search(c)
        or FORMULA.search(c)
        or NO_GLOSS.match(c)
        or _tone_marked_pinyin(c)
    ):
        return None
    # English first; whatever Chinese follows a separator is a description (蘭德資深…),
    # unless it labels an acronym (英文缩写 MSS).
    parts = regex.split(r"(\s*[，；;,]\s*)", c)  # pieces, each followed by its separator
    pieces = [GLOSS_LABEL.sub("", p, count=1) for p in parts[0::2]]
    separators = [*parts[1::2], ""]
    alias = ""
    if len(pieces) > 1 and SHORT_NAME.fullmatch(pieces[0]) and LATIN_LETTER.search(pieces[1]):
        # （美联储，Federal Reserve）: the term's short Chinese name, then its English
        alias = pieces[0]
        parts, pieces, separators = parts[2:], pieces[1:], separators[1:]
    lead = LATIN_THEN_HAN.match(pieces[0])
    if lead:  # （Michael Chase 蘭德資深政治學家）: the name, then a description
        pieces[0] = lead["latin"]
    if HAN.search(pieces[0]):
        return None  # an aside opening with Chinese: （又称 …）, （当时出现了 TIP …）
    # the English pieces as they stand, joined by their own separators (the surface form)
    # a later piece that a label opened (英文缩写 MSS) can only be the acronym: its label is
    # not part of the surface the English spans
    raw = parts[0::2]
    last = len(pieces) - 1
    kept: list[tuple[str, str]] = []
    for i, (p, sep) in enumerate(zip(pieces, separators, strict=True)):
        # after a lone acronym, a piece labelled as the full name is its English:
        # （英文缩写：WHO，全称 World Health Organization）
        full_name = i == 1 and _is_acronym(pieces[0]) and bool(FULL_NAME_LABEL.match(raw[i]))
        if (
            (i and not p)
            or HAN.search(p)
            or not (i == 0 or p == raw[i] or full_name or (i == last and _is_acronym(p)))
        ):
            break  # the English is the run of pieces before the first description
        kept.append((p, sep))
        if lead:  # a description followed the name inside the first piece
            break
    c = "".join(p + sep for p, sep in kept[:-1]) + kept[-1][0]
    c = c.strip(QUOTES_EDGE + " ")
    if _is_acronym(c):
        return Gloss("", c.rstrip("."), alias)
    english, acronym = c, ""
    m = WITH_ACRONYM.match(c)
    if m and _is_acronym(m["acronym"]) and not _is_acronym(m["english"]):
        english, acronym = m["english"], m["acronym"]
    else:
        m = ACRONYM_FIRST.match(c)
        if m and _is_acronym(m["acronym"]) and LATIN_LETTER.search(m["english"]):
            english, acronym = m["english"], m["acronym"]
    english = ARTICLE.sub("", english.strip(QUOTES_EDGE + " "))
    if ENUMERATION.match(english) or not LATIN_LETTER.search(english):
        return None
    return Gloss(english, acronym.rstrip("."), alias)


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
        elif c == LOST_DOT and HAN.match(text[i : i + 1]) and HAN.match(text[i - 2 : i - 1]):
            pass  # a name's dot an encoding lost between Han (約翰?劉易斯?蓋迪斯)
        elif c in CLAUSE_END or c in "“”":
            break
        elif c.isspace():
            prev = text[i - 2] if i >= 2 else ""
            nxt = text[i] if i < len(text) else ""
            if not (prev in CLOSING or nxt in OPENING or prev in OPENING or nxt in CLOSING):
                break
        elif c == "." and not (
            HAN.match(text[i : i + 1])
            and (HAN.match(text[i - 2 : i - 1]) or INITIAL_BEFORE.match(text, max(0, i - 3), i))
        ):
            # a full stop, unless it stands for a name's dot between Han (伊曼紐.夏彭提耶)
            # or closes an initial (詹尼佛·A.杜德娜)
            break
        elif not (HAN.match(c) or c in NAME_DOTS or c.isalnum() or c in "/-‐‑–"):
            break
        i -= 1
    while i < end and (text[i].isspace() or (text[i] in CLOSING and text[i] not in OPENING)):
        i += 1
    return i


def _quoted(text: str, end: int) -> tuple[int, int] | None:
    """The inside of a quotation or title mark closing at ``end - 1``."""
    closer = text[end - 1]
    opener = CLOSING.get(closer)
    if opener is None:
        return None
    if opener == closer:  # straight quotes: the one before, in the same sentence
        i = text.rfind(closer, max(0, end - 80), end - 1)
        inside = text[i + 1 : end - 1] if i >= 0 else ""
        if not inside or not HAN.search(inside) or regex.search(r"[。！？\n]", inside):
            return None
        return i + 1, end - 1
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
    tokens = segment(region)
    ev = Evidence(english_words(gloss.english), Counter(), tokens)
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


def _pinyin_apart(english: str, chinese: str) -> tuple[str, str]:
    """(English, pinyin) of a bracket giving both, the pinyin first or last:
    ``天下（tianxia, all under heaven）``; the pinyin must spell the Chinese, else the
    English stands as it is (``(Hong Kong, China)``)."""
    m = PINYIN_BESIDE.match(english)
    if m is None:
        return english, ""
    han = "".join(HAN.findall(chinese))
    for pinyin, rest in ((m["a"], m["b"]), (m["b"], m["a"])):
        if is_pinyin(pinyin) and LATIN_LETTER.search(rest):
            letters = pinyin_letters(pinyin)
            if letters and _spells(letters, han):
                return rest, pinyin
    return english, ""


def _sentence_like(english: str) -> bool:
    """English of :data:`SENTENCE_WORDS` words or more, or opening with a personal
    pronoun, not in title case: a sentence or a clause, which renders one (``Xi Jinping
    Thought on Socialism with Chinese Characteristics for a New Era`` is a name)."""
    words = EN_WORD.findall(english)
    subject = len(words) >= 3 and words[0].lower() in PRONOUNS  # "we will not give up"
    if len(words) < SENTENCE_WORDS and not subject:
        return False
    content = english_words(english)
    capitalised = sum(w[:1].isupper() for w in content)
    return 2 * capitalised < len(content)


def _chinese_span(
    text: str, open_pos: int, gloss: Gloss
) -> tuple[int, int, list[Candidate], float] | None:
    """(start, end, candidates, confidence) of the Chinese before the bracket at ``open_pos``."""
    end = open_pos
    while end > 0 and text[end - 1] in " \t\u3000":
        end -= 1
    note = footnote_before(text, max(0, end - 8), end)
    if note is not None:  # 阿茲海默氏病[11](英語:Alzheimer's disease): the term is before it
        end = note.start()
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
    if long_english and text[end - 1] in "。！？" and end >= 2 and HAN.match(text[end - 2]):
        end -= 1  # 「…部署部隊。（If the United States …）」: the sentence just ended
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
    first, stop, candidates, confidence = choose(segment(run), gloss.english, gloss.acronym, run)
    if not candidates:
        return None
    return start + first, start + stop, candidates, confidence


#: A question mark between Han: a middle dot an encoding lost (:func:`_run_start`).
LOST_DOT_IN_NAME = regex.compile(r"(?<=\p{Han})\?(?=\p{Han})")


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
    return one_line(text[lo:hi])


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
    glosses = _glosses(text[open_pos + 1 : close_pos])
    if glosses is None:
        return
    gloss, ascii_gloss = glosses  # (the span is found from the ASCII: ＲＳＶ as RSV)
    found = _chinese_span(text, open_pos, ascii_gloss)
    if found is None:
        return
    start, end, candidates, confidence = found
    chinese = text[start:end].strip()
    if chinese[:1] in OPENING and CLOSING_OF.get(chinese[0]) == chinese[-1:]:
        chinese = chinese[1:-1].strip()
    if not HAN.search(chinese):
        return
    english, pinyin = _pinyin_apart(gloss.english, chinese)
    shift = at or (lambda i: i)
    occ = Occurrence(
        source=source,
        line=line,
        start=shift(start),
        end=shift(close_pos) + 1,  # not past invisible characters after the closer
        english=english,
        chinese=chinese,
        abbreviation=gloss.acronym,
        pinyin=pinyin,
        context=_context(text, start, close_pos + 1),
        direction=Direction.ZH_EN,
        confidence=round(confidence, 3),
        candidates=tuple(candidates),
    )
    term = Term(
        english=english,
        # the dot an encoding lost is written as a dot: 約翰?劉易斯 is 約翰·劉易斯
        chinese=LOST_DOT_IN_NAME.sub("·", chinese) if LOST_DOT in chinese else chinese,
        abbreviation=gloss.acronym,
        given_pinyin=pinyin,
        note=f"also {gloss.alias}" if gloss.alias else "",
        kind=Kind.TRANSLATION if gloss.english else Kind.ACRONYM,
        confidence=occ.confidence,
    )
    yield term.with_occurrences((occ,))
