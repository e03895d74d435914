"""Reading brackets: where each bracket opens and closes, and what it holds (Chinese,
pinyin, an acronym, a ``lit.`` gloss, labelled fields, asides)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from glossary.extraction.text import (
    ASCII_OPENERS,
    CACHE_SIZE,
    CLOSE,
    CLOSERS,
    HAN_RUN,
    LATIN_LETTER,
    MAX_BRACKET,
    OPEN,
    OPENERS,
    QUOTE_OPENERS,
    TRAILING_NOTE,
    han_only,
    is_pinyin,
)
from glossary.extraction.words import WORD

#: Labels inside a bracket that name the field after them.
LABEL = regex.compile(
    r"(?i)^(?:simplified(?:\s+chinese)?|traditional(?:\s+chinese)?|chinese|pinyin|"
    r"cantonese|mandarin|hokkien|taiwanese|hakka|jyutping|romani[sz]ed)\s*[:：]\s*"
    r"|^pinyin\s+(?=\S)"  # "(民国纪元历, pinyin mínguó jìyuánlì)"
)
#: Eras after a year: "624-705 CE".
ERAS = frozenset({"CE", "BCE", "BC", "AD", "B.C", "A.D", "B.C.E", "C.E"})
#: Chinese labels of bracket fields, and the English labels they stand for.
ZH_LABELS = {
    "简体": "Simplified",
    "簡體": "Simplified",
    "简体字": "Simplified",
    "簡體字": "Simplified",
    "繁体": "Traditional",
    "繁體": "Traditional",
    "繁体字": "Traditional",
    "繁體字": "Traditional",
    "中文": "Chinese",
    "拼音": "Pinyin",
    "粤语": "Cantonese",
    "粵語": "Cantonese",
    "粤拼": "Jyutping",
    "粵拼": "Jyutping",
    "原文": "Chinese",
}
ZH_LABEL = regex.compile(
    r"(?:(?<=^|[;；,，/]\s*))("
    + "|".join(sorted(ZH_LABELS, key=len, reverse=True))
    + r")\s*[：:]\s*"
)

#: What stands between two forms of one term.
FORM_SEPARATOR = regex.compile(r"\s*[,，、/;；]\s*")
#: A script label ending just before a run.
SCRIPT_LABEL_BEFORE = regex.compile(r"(?i)(simplified|traditional)[^:：]*[:：]\s*$")
#: What separates the fields of a bracket (\x00 marks a Chinese run).
FIELD_SEPARATOR = regex.compile(r"[/;,，；\x00]")
#: ... and a space before an acronym.
PIECE_SEPARATOR = regex.compile(r"[/;,，；\x00]|\s+(?=[\p{Lu}]{2,}\b)")
#: Words introducing an alias: "or", "aka", "known (internationally) as".
ALIAS_WORD = regex.compile(
    r"(?i)^(?:or|also|aka|a\.k\.a\.|(?:also\s+)?(?:known|called)(?:\s+\w+ly)?\s+as)\s+"
)
#: Years or life dates ending a field.
TRAILING_YEARS = regex.compile(r"\s*(?:(?:b|d)\.\s*)?\d{3,4}(?:\s*[-–—]\s*\d{2,4})?s?$")

#: The characters :func:`_find_close` looks at (``re``: a plain class scans fastest).
_BRACKET_WALK = re.compile(f"[{OPEN}{CLOSE}\n。！？.?!]")
#: Deeper nesting than this is not prose; the bracket is left unread.
MAX_DEPTH = 6
#: Characters that never stand in real Chinese text: the replacement character,
#: private-use glyphs (a PDF font's own codes) and C1 controls.
MANGLED = regex.compile(r"[\ufffd\ue000-\uf8ff\x80-\x9f]")
#: Words opening an English alias before the Chinese in a bracket: a name, not an aside.
ALIAS_LEAD = regex.compile(
    r"(?i)\s*(?:also|formerly|officially|formally|full(?:\s+name)?|known\s+as|a\.k\.a\.?"
    r"|aka|short\s+for|abbreviated\s+as|in\s+full|or)\b"
)
#: An acronym, then an aside in lower case: "CAC, the internet regulator".
ACRONYM_THEN_ASIDE = regex.compile(r"\s*[\p{Lu}\d][\p{L}\d&.\-]{1,9}\s*[,;:]\s+\p{Ll}")
#: The end of a sentence: a full stop, question or exclamation mark before a capital.
SENTENCE_END = regex.compile(r"[。！？]|[.?!]\s+[\p{Lu}“\"‘]")
#: Chinese labels that open an editor's, translator's or author's note.
NOTE_LABEL = regex.compile(
    r"\s*(?:[编編][按注註]|[编編]者[按注註]|[译譯]者?[注註按]|作者[注註按]|原[注註]|[注註][释釋]?"
    r"|按|[备備][注註]|[说說]明|附[注註]|[补補]充|更正|[案按]语|[案按]語)\s*[：:]"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Dates with a month, Chinese dates, links, page numbers and a cross-reference opening the
#: bracket: what citations carry and glosses do not.
CITATION = regex.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\d{{4}}\s*年\s*\d{{1,2}}\s*月"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|https?://|www\.|\baccessed\b"
    r"|\bpp?\.\s*\d|\d\s*页|^\s*(?i:see|cf\.)\s"
)
#: Life dates, which biographies put in the bracket with the name: "25 September 1881 –
#: 19 October 1936", "September 30, 1920 – September 8, 1995", "born 31 August 1956".
_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s+\d{{3,4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{3,4}}|\d{{3,4}})"
LIFE_DATES = regex.compile(
    rf"(?i){_DATE}\s*[-–—]\s*{_DATE}"
    rf"|\b(?:born|b\.|died|d\.)\s+(?:on\s+|in\s+)?{_DATE}(?:\s+or\s+{_DATE})?"
)
LIT = regex.compile(r"(?i)\b(?:lit(?:\.|erally)|meaning|i\.e\.)\s*,?\s*")
#: A date written inside a Chinese name, Han on both sides: 国防部1月28日例行记者会 (a
#: title, not a dated citation).
DATE_IN_NAME = regex.compile(r"(?<=\p{Han})(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?=\p{Han})")
YEARISH = regex.compile(r"^(?:(?:b|d|c|ca|fl)\.\s*)?\d{3,4}(?:\s*[-–—]\s*\d{2,4})?s?$")
ACRONYM = regex.compile(
    r"^(?=(?:.*\p{Lu}){2}|\p{Lu}[2-5]$)[\p{Lu}\d][\p{L}\d&.\-]{1,9}$"
    r"|^[a-z](?=\p{Lu}{2})[\p{Lu}\d][\p{L}\d&.\-]{1,8}$"  # one small letter first: fMRI, mRNA
)
#: A first word, "or", and another name: "MSS or Guoanbu".
ACRONYM_OR = regex.compile(r"^(\S+)\s+or\s+(\S.*)$")


@dataclass(slots=True)
class _Bracket:
    open: int  # index of the opening bracket in the clean text
    close: int  # index of the closing bracket
    content: str

    @property
    def end(self) -> int:
        return self.close + 1


@dataclass(slots=True)
class _Content:
    """What a bracket holds."""

    chinese: str = ""  # surface of the main Chinese run (annotations dropped)
    traditional: str = ""  # a run labelled "Traditional Chinese:"
    alternatives: list[str] = field(default_factory=list)
    pinyin: str = ""
    acronym: str = ""
    lit: str = ""
    aliases: list[str] = field(default_factory=list)
    aside: bool = False
    quoted: str = ""  # quoted English inside the bracket, a rendering of its own
    glossed: bool = False  # an acronym first, then an aside: "(CAC, the internet regulator)"


# --------------------------------------------------------------------------- brackets


def _find_close(text: str, start: int) -> int:
    """Index of the bracket closing the one opened at ``start``, or -1.

    Any closer closes any opener (``(心理战, xinlizhan]``); if nesting never balances
    (an inner bracket left open) the first closer at depth one is taken instead, unless a
    sentence ends before it: an unclosed bracket closes at the sentence end, so a stray
    ``(`` never swallows a later gloss.
    """
    limit = min(len(text), start + MAX_BRACKET)
    # Most brackets hold no bracket, line break or sentence end: the first character the
    # walk would look at after the opener is its closer, found by one search.
    first = _BRACKET_WALK.search(text, start + 1, limit)
    if first is not None and first.group() in CLOSERS and text[start] in OPENERS:
        return first.start()
    depth = 0
    first_closer = -1
    sentence_end = -1
    # Only brackets, line breaks and sentence punctuation matter: the regex steps over
    # the rest at C speed.
    for m in _BRACKET_WALK.finditer(text, start, limit):
        c = m.group()
        i = m.start()
        if c in OPENERS:
            depth += 1
            if depth > MAX_DEPTH:
                break  # "((((((": not prose
        elif c in CLOSERS:
            depth -= 1
            if first_closer < 0 and i > start:
                first_closer = i
            if depth == 0:
                return i
        elif c == "\n":
            if text.startswith("\n\n", i):
                break
        elif sentence_end < 0 and depth == 1 and SENTENCE_END.match(text, i):
            sentence_end = i
    if 0 <= sentence_end < first_closer:
        return -1
    return first_closer


def _openers(text: str, start: int = 0, end: int | None = None) -> Iterator[int]:
    """Offsets of the openers in ``text[start:end]``, in order (by ``str.find`` per kind
    of opener, which outruns a regex over the whole text)."""
    end = len(text) if end is None else end
    # the next offset of each kind still ahead (a kind no longer found is dropped); an
    # ASCII text (a flag Python keeps, not a scan) can hold only the ASCII kinds
    kinds = ASCII_OPENERS if text.isascii() else OPENERS
    ahead = {c: i for c in kinds if (i := text.find(c, start, end)) >= 0}
    while ahead:
        i = min(ahead.values())
        yield i
        c = text[i]
        j = text.find(c, i + 1, end)
        if j < 0:
            del ahead[c]
        else:
            ahead[c] = j


def _brackets(text: str, start: int = 0, end: int | None = None) -> Iterator[_Bracket]:
    """The brackets of ``text[start:end]`` (offsets into ``text``), in order; a bracket
    inside one already yielded is not (:mod:`~glossary.extraction.engine` reads those
    of a bracket that glossed nothing by calling again on its inside)."""
    end = len(text) if end is None else end
    i = start
    for at in _openers(text, start, end):
        if at < i:
            continue  # inside the bracket just read
        i = at
        close = _find_close(text, i)
        if close < 0 or close >= end:
            i += 1
            continue
        content = text[i + 1 : close]
        # ((…)): a doubled bracket is read as one.
        inner = content.strip()
        if (
            len(inner) > 2
            and inner[0] in OPENERS
            and inner[-1] in CLOSERS
            and _find_close(inner, 0) == len(inner) - 1
        ):
            content = inner[1:-1]
        yield _Bracket(i, close, content)
        i = close + 1


# --------------------------------------------------------------------------- contents


_QUOTES = "“”‘’\"'「」『』"
_CLOSER_OF = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}


def _strip_quotes(s: str) -> str:
    """``s`` without the quote marks around it; a quote mark that pairs with one inside
    stays: ``“十四五”规划`` keeps its quotes."""
    s = s.strip()
    while s and s[0] in _QUOTES:
        closer = _CLOSER_OF.get(s[0], "")
        if closer and closer in s[1:-1] and not s.endswith(closer):
            break
        s = s[1:].strip()
    while s and s[-1] in _QUOTES:
        opener = next((o for o, c in _CLOSER_OF.items() if c == s[-1] and o != c), "")
        if opener and opener in s[:-1]:
            break
        s = s[:-1].strip()
    return s


def _variants(a: str, b: str) -> bool:
    """True if the characters ``a`` and ``b`` are one character in two scripts (報, 报)."""
    from glossary import cedict

    return a == b or any(
        (e.traditional, e.simplified) in ((a, b), (b, a))
        for e in cedict.lookup(a)
        if len(e.traditional) == 1
    )


def _script_pair(chinese: str) -> tuple[str, str] | None:
    """A traditional and a simplified form side by side, ``人民日報, 人民日报`` or ``马,
    馬``: two forms of one term, not one long term."""
    parts = FORM_SEPARATOR.split(chinese)
    if len(parts) != 2:
        return None
    a, b = (han_only(p) for p in parts)
    if a == b or len(a) != len(b) or not a or len(a) != len(parts[0]):
        return None
    if all(_variants(x, y) for x, y in zip(a, b, strict=True)):
        return parts[0], parts[1]
    return None


def _mangled(content: str, han: str) -> bool:
    """True if the Chinese of a bracket is mojibake: replacement characters, private-use
    glyphs or C1 controls in it, or four or more characters of which some are unknown to
    CC-CEDICT and no two form a word (``鍥藉跺畨鍏ㄩ儴`` for 国家安全部)."""
    if MANGLED.search(content):
        return True
    if len(han) < 4:
        return False
    from glossary import cedict

    table = cedict.load()
    if all(c in table for c in han):
        return False
    return not any(han[i : i + 2] in table for i in range(len(han) - 1))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _parse_content(content: str) -> _Content:
    """Read a bracket's content into its parts.

    Remembered per content (a term is glossed again and again): the result is shared
    between callers, to be read and never changed."""
    out = _Content()
    # Chinese field labels read as their English equivalents: "(简体：…；繁體：…)".
    content = ZH_LABEL.sub(lambda m: ZH_LABELS[m.group(1)] + ": ", content)
    runs = list(HAN_RUN.finditer(content))
    # Chinese runs; a trailing nested bracket is an annotation ([簡稱], [簡稱南華聯]).
    for k, m in enumerate(runs):
        surface = _strip_quotes(TRAILING_NOTE.sub("", m.group()))
        surface = surface.strip(" ,;:、，；：")
        if not han_only(surface):
            continue
        label = SCRIPT_LABEL_BEFORE.search(content, 0, m.start())
        if label and label.group(1).lower() == "traditional":
            out.traditional = out.traditional or surface
            continue
        if not out.chinese:
            out.chinese = surface
        elif k > 0:
            out.alternatives.append(surface)
    if not out.chinese and out.traditional:
        # only a labelled traditional form: "(traditional Chinese: 劉銘傳)"
        out.chinese = out.traditional
    pair = _script_pair(out.chinese)
    if pair is not None:
        out.chinese = pair[0]
        out.alternatives.insert(0, pair[1])
    # Whatever is not Chinese: pinyin, acronyms, labels, lit. glosses, aliases, asides.
    rest = content
    for m in reversed(runs):
        rest = rest[: m.start()] + "\x00" + rest[m.end() :]
    lit = LIT.search(rest)
    if lit:
        gloss = rest[lit.end() :]
        rest = rest[: lit.start()]
        pieces = [p for p in FIELD_SEPARATOR.split(gloss) if p.strip()]
        english = [_strip_quotes(p) for p in pieces if not is_pinyin(p) and LATIN_LETTER.search(p)]
        out.lit = ", ".join(e for e in english if e)
    before_han = rest.split("\x00", 1)[0] if runs else rest
    for piece in PIECE_SEPARATOR.split(rest):
        piece = LABEL.sub("", piece.strip()).strip(" -–—`")  # "(国庆节 – guó qìng jié)"
        if not piece or not LATIN_LETTER.search(piece):
            continue
        piece = ALIAS_WORD.sub("", piece)
        bare = _strip_quotes(piece).strip(" -–—`")
        year_cut = TRAILING_YEARS.sub("", bare)
        if YEARISH.match(bare) or bare.rstrip(".").upper() in ERAS:
            continue  # a year, or the era after one: "(武則天, 624-705 CE)"
        alternative = ACRONYM_OR.match(bare)  # "(MSS or Guoanbu; …)": another name after it
        if alternative and ACRONYM.match(alternative[1]) and not out.acronym:
            out.acronym = alternative[1].rstrip(".")
            out.aliases.append(alternative[2])
        elif ACRONYM.match(bare) and not out.acronym:
            out.acronym = bare.rstrip(".")
        elif (
            year_cut
            and not out.pinyin
            and runs
            and is_pinyin(year_cut)
            and not LABEL.match(f"{year_cut}:")  # a label word spelling pinyin: "Chinese"
            and not any(c.isdigit() for c in year_cut)
        ):
            out.pinyin = year_cut  # (not "Chinese" of "(Chinese 民國紀元曆)", nor "1597-ca.")
        elif bare:
            out.aliases.append(year_cut or bare)
            if piece[:1] in QUOTE_OPENERS and len(bare.split()) >= 2:
                out.quoted = out.quoted or bare  # ("不忘初心", "Never forget why you started")
    # An English clause before the Chinese is an aside, not a gloss: "(as is the case
    # with the notions of yin and yang, qian 乾 and kun 坤)".
    lead_words = [
        w for w in WORD.findall(LABEL.sub("", before_han)) if not is_pinyin(w) and not w.isdigit()
    ]
    if len(lead_words) > 5 and not ALIAS_LEAD.match(before_han):
        out.aside = True  # but "(also known as the Taiwan Affairs Office …, 国台办)" glosses
    # An acronym opening the bracket, then a lower-case aside, is still a definition.
    if (
        out.acronym
        and not runs
        and ACRONYM_THEN_ASIDE.match(content)
        and not CITATION.search(content)
    ):
        out.glossed = True
    # Chinese mangled by a PDF font or a wrong decoding is refused, not paired.
    if out.chinese and _mangled(content, han_only(out.chinese)):
        out.aside = True
    # A dated or linked source is a citation, even with Chinese in it: "(新华社, May 8)",
    # "(《人民日报》, 2019年5月)"; life dates and bare years are not ("(李大釗 1889-1927)").
    if CITATION.search(DATE_IN_NAME.sub("日", LIFE_DATES.sub(" ", content))):
        out.aside = True
    # A note label opening the bracket marks a note, not a gloss: "（編按：…）"; a name
    # before a colon is the head of a title: "(习近平:努力建设…)".
    if NOTE_LABEL.match(content):
        out.aside = True
    return out
