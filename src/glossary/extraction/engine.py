"""Extraction: English prose -> :class:`~glossary.model.Term`, one per bracketed gloss.

The extractor finds every bracket, reads what it holds (Chinese, pinyin, an acronym, a
``lit.`` gloss, labelled fields, asides) and, for a bracket that glosses, decides where
the English phrase it glosses begins.  The English boundary comes from real signals, in
this order: quotation marks; an acronym's long form in the same bracket; a personal name
whose letters spell the Chinese's pinyin; a Title-Case run; a CC-CEDICT alignment of
English words against the Chinese; and last a short noun phrase ending at the bracket.

Brackets are rejected (no pair) when they hold citations and dates, English asides,
romanisation alone, or Chinese that repeats or discusses Chinese standing just before.

Each term comes with one :class:`~glossary.model.Occurrence` giving the source, the
line, the character offsets of the whole match and the surface forms exactly as found.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from glossary.extraction.direction import direction_of
from glossary.extraction.reverse import read_reverse
from glossary.model import Direction, Kind, Occurrence, Term
from glossary.pinyin import toneless
from glossary.syllables import split_syllables

# --------------------------------------------------------------------------- characters

#: Invisible characters dropped before parsing (offsets are mapped back to the original).
INVISIBLE = regex.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
OPENERS = "(（[【"
SIMPLE_BRACKET = regex.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")
OPENER = regex.compile(r"[(（\[【]")
CLOSERS = ")）]】"
#: Longest bracket content considered (a whole quoted quatrain fits).
MAX_BRACKET = 700
HAN = regex.compile(r"\p{Han}")
LATIN_LETTER = regex.compile(r"[A-Za-z\u00c0-\u024f]")

# A run of Chinese: Han characters joined by CJK punctuation, quotes, spaces, ASCII
# punctuation between Han, ellipses and nested brackets holding no Latin letters.
_HAN_UNIT = r"(?:\p{Han}|[(（\[【][^()（）\[\]【】A-Za-z]*\p{Han}[^()（）\[\]【】A-Za-z]*[)）\]】])"
_HAN_SEP = r"[\s,;:!?.、，。；：！？…·・「」『』《》〈〉“”‘’\"'\-—～〜(（)）]"
HAN_RUN = regex.compile(rf"[“‘「『《〈\"']*{_HAN_UNIT}(?:{_HAN_SEP}*{_HAN_UNIT})*[”’」』》〉\"']*")
LINE_BREAK_IN_HAN = regex.compile(r"(?<=\p{Han})[ \t]*\n\s*(?=\p{Han})")
TRAILING_NOTE = regex.compile(r"\s*[(（\[【][^()（）\[\]【】]*[)）\]】]\s*$")

# --------------------------------------------------------------------------- word lists

ARTICLES = frozenset({"the", "a", "an"})
#: Function words: never aligned, never start a span, end a noun phrase.
STOP_WORDS = frozenset(
    """a an the this that these those its his her their our my your some any many much
    more most few several all both each every such no other another which what whose who
    whom of to in on at by for from with without into onto upon about as than via over
    under between among through during against within across toward towards after before
    since until like and or but nor so yet if then when while because although though
    whether is are was were be been being am has have had do does did will would shall
    should can could may might must not also only even just very too it they he she we
    you i them him us me one ones there here where how why called known named termed
    dubbed titled call calls say says said refer refers referred so-called""".split()
)
#: Words linking the capitalised words of a name: "Federation of Returned Overseas Chinese".
NAME_CONNECTORS = frozenset(
    {"of", "and", "for", "the", "on", "in", "de", "du", "van", "von", "&", "at"}
)
#: Weaker links inside long names, crossed only when the words beyond them align.
LINKS = NAME_CONNECTORS | {"a", "an", "with", "to", "by", "under", "from", "against", "into", "as"}
#: Last parts of hyphenated adjectives: "Los Angeles-based", "China-led".
ADJECTIVE_SUFFIXES = frozenset(
    """based led born backed owned run funded style era made affiliated linked oriented
    centered centred controlled sponsored friendly related speaking language aligned
    leaning""".split()
)
#: Titles and roles standing before a personal name: "Premier Su Tseng-chang".
TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor premier president minister
    foreign deputy consul general chairman chairwoman chair secretary vice chief executive
    ambassador governor mayor director editor senator lord sir dame comrade rev rev.
    reverend father brother sister master teacher author scholar historian sociologist
    calligrapher chancellor commissioner representative spokesman spokeswoman
    spokesperson legislator lawmaker councillor councilor judge officer colonel captain
    lieutenant admiral marshal""".split()
)
TITLE_WORDS = frozenset(t.rstrip(".") for t in TITLES)
#: Forms of address: only ever before a person's name.
ADDRESS_WORDS = frozenset(
    """mr mrs ms miss dr prof professor premier president ambassador governor mayor senator
    lord sir dame comrade rev reverend judge colonel captain lieutenant admiral marshal""".split()
)
#: Possessives that belong inside names: "People’s Republic", "Women’s Federation".
NAME_POSSESSIVES = frozenset(
    """people women men workers children peasants farmers citizens nations students youth
    veterans martyrs teachers writers artists journalists soldiers""".split()
)
POSSESSIVE = regex.compile(r"[’']s?$")
#: Labels inside a bracket that name the field after them.
LABEL = regex.compile(
    r"(?i)^(?:simplified(?:\s+chinese)?|traditional(?:\s+chinese)?|chinese|pinyin|"
    r"cantonese|mandarin|hokkien|taiwanese|hakka|jyutping|romani[sz]ed)\s*[:：]\s*"
)
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
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: Dates with a month, Chinese dates and links: what citations carry and glosses do not.
CITATION = regex.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b|\d{{4}}\s*年\s*\d{{1,2}}\s*月"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|https?://|www\.|\baccessed\b"
)
LIT = regex.compile(r"(?i)\b(?:lit(?:\.|erally)|meaning|i\.e\.)\s*,?\s*")
YEARISH = regex.compile(r"^(?:(?:b|d|c|ca|fl)\.\s*)?\d{3,4}(?:\s*[-–—]\s*\d{2,4})?s?$")
ACRONYM = regex.compile(r"^(?=(?:.*\p{Lu}){2})[\p{Lu}\d][\p{L}\d&.\-]{1,9}$")
FOOTNOTE_BEFORE = regex.compile(r"(?:\[\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+)\s*$")
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.&]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]")
ABBREV_DOT = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "vs",
        "u.s",
        "u.k",
        "e.g",
        "i.e",
        "etc",
        "jr",
        "sr",
        "lit",
        "cf",
        "al",
        "inc",
        "ltd",
        "co",
        "gen",
        "gov",
        "rev",
    }
)

# A closing quote, then perhaps 'or' and pinyin, at the end of the text before a bracket:
# “discourse power,” or huayuquan (话语权).
QUOTE_THEN_PINYIN = regex.compile(
    r"([”\"’'»」』])[\s,.;:]*(?:(?:or|i\.e\.|in\s+Chinese)\s+)?([\p{L}\p{M}'’\- ]{0,40}?)[\s,]*$"
)
# ", or tangping" / " or tangping" at the end of the text before a bracket.
OR_PINYIN = regex.compile(r"(?:,\s*|\s+)or\s+([\p{L}\p{M}'’\- ]{2,40}?)\s*$")
# Opening quotation mark -> the closing mark that ends it.
QUOTE_OPENERS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "「": "」", "『": "』"}
# Quotation marks: closing mark -> opening marks that can pair with it.
QUOTE_PAIRS = {"”": '“"', '"': '“"', "’": "‘", "'": "'‘", "»": "«", "」": "「", "』": "『"}

# --------------------------------------------------------------------------- helpers


def han_only(text: str) -> str:
    """The Han characters of ``text``, in order.

    >>> han_only("密切 … 协调和配合")
    '密切协调和配合'
    """
    return "".join(HAN.findall(text))


def is_pinyin(text: str) -> bool:
    """True if every word of ``text`` is written in pinyin syllables (tones optional).

    >>> is_pinyin("qingxu jiazhi"), is_pinyin("Zhōng-É"), is_pinyin("James Yen")
    (True, True, False)
    """
    words = regex.findall(r"[\p{L}\p{M}]+", text)
    if not words:
        return False
    for w in words:
        letters = toneless(w).replace("'", "").replace("’", "")
        if not letters.isascii() or split_syllables(letters) is None:
            return False
    return True


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


# --------------------------------------------------------------------------- brackets


def _find_close(text: str, start: int) -> int:
    """Index of the bracket closing the one opened at ``start``, or -1.

    Any closer closes any opener (``(心理战, xinlizhan]``); if nesting never balances
    (an inner bracket left open) the first closer at depth one is taken instead.
    """
    depth = 0
    first_closer = -1
    limit = min(len(text), start + MAX_BRACKET)
    i = start
    while i < limit:
        c = text[i]
        if c in OPENERS:
            depth += 1
        elif c in CLOSERS:
            depth -= 1
            if first_closer < 0 and i > start:
                first_closer = i
            if depth == 0:
                return i
        elif c == "\n" and text.startswith("\n\n", i):
            break
        i += 1
    return first_closer


def _brackets(text: str) -> Iterator[_Bracket]:
    i = 0
    while True:
        m = OPENER.search(text, i)
        if m is None:
            return
        i = m.start()
        close = _find_close(text, i)
        if close < 0:
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


def _strip_quotes(s: str) -> str:
    return s.strip().strip("“”‘’\"'「」『』").strip()


def _parse_content(content: str) -> _Content:
    """Read a bracket's content into its parts."""
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
        label = regex.search(r"(?i)(simplified|traditional)[^:：]*[:：]\s*$", content[: m.start()])
        if label and label.group(1).lower() == "traditional":
            out.traditional = out.traditional or surface
            continue
        if not out.chinese:
            out.chinese = surface
        elif k > 0:
            out.alternatives.append(surface)
    # Whatever is not Chinese: pinyin, acronyms, labels, lit. glosses, aliases, asides.
    rest = content
    for m in reversed(runs):
        rest = rest[: m.start()] + "\x00" + rest[m.end() :]
    lit = LIT.search(rest)
    if lit:
        gloss = rest[lit.end() :]
        rest = rest[: lit.start()]
        pieces = [p for p in regex.split(r"[/;,，；\x00]", gloss) if p.strip()]
        english = [_strip_quotes(p) for p in pieces if not is_pinyin(p) and LATIN_LETTER.search(p)]
        out.lit = ", ".join(e for e in english if e)
    before_han = rest.split("\x00", 1)[0] if runs else rest
    for piece in regex.split(r"[/;,，；\x00]|\s+(?=[\p{Lu}]{2,}\b)", rest):
        piece = LABEL.sub("", piece.strip()).strip()
        if not piece or not LATIN_LETTER.search(piece):
            continue
        piece = regex.sub(r"^(?:or|also|aka|a\.k\.a\.)\s+", "", piece, flags=regex.I)
        bare = _strip_quotes(piece)
        year_cut = regex.sub(r"\s*(?:(?:b|d)\.\s*)?\d{3,4}(?:\s*[-–—]\s*\d{2,4})?s?$", "", bare)
        if YEARISH.match(bare):
            continue
        if ACRONYM.match(bare) and not out.acronym:
            out.acronym = bare.rstrip(".")
        elif year_cut and is_pinyin(year_cut) and not out.pinyin and runs:
            out.pinyin = year_cut
        elif bare:
            out.aliases.append(year_cut or bare)
            if piece[:1] in QUOTE_OPENERS and len(bare.split()) >= 2:
                out.quoted = out.quoted or bare  # ("不忘初心", "Never forget why you started")
    # An English clause before the Chinese is an aside, not a gloss: "(as is the case
    # with the notions of yin and yang, qian 乾 and kun 坤)".
    lead_words = [
        w for w in WORD.findall(LABEL.sub("", before_han)) if not is_pinyin(w) and not w.isdigit()
    ]
    if len(lead_words) > 5:
        out.aside = True
    # A dated or linked source is a citation, even with Chinese in it: "(新华社, May 8)",
    # "(《人民日报》, 2019年5月)"; life dates and bare years are not ("(李大釗 1889-1927)").
    if CITATION.search(content):
        out.aside = True
    # A Chinese label opening the bracket marks a note, not a gloss: "（編按：…）".
    if regex.match(r"\s*\p{Han}{1,4}\s*[：:]", content) and not LABEL.match(content.strip()):
        out.aside = True
    return out


# --------------------------------------------------------------------------- English spans


@dataclass(slots=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        c = self.text[0]
        if c.isdigit():  # "3rd Year of ...", "1992 Consensus", "Article 23"
            return bool(regex.match(r"\d+(st|nd|rd|th)?$", self.text))
        # "Los Angeles-based" is an adjective, not part of a name.
        last = self.text.rsplit("-", 1)[-1].lower()
        return c.isupper() and not ("-" in self.text and last in ADJECTIVE_SUFFIXES)


def _clause_tokens(text: str, end: int, max_words: int = 40) -> list[_Token]:
    """Words before ``end`` back to the nearest clause boundary, left to right."""
    i = end
    lo = max(0, end - 600)
    while i > lo:
        c = text[i - 1]
        if c in ",;:()（）[]【】«»—–|>\u3002\uff0c\uff1b\uff1a" or (
            c == "\n" and text[i - 2 : i] == "\n\n"
        ):
            break
        if HAN.match(c):
            break
        if c in ".!?":
            word = regex.search(r"(?<![\p{L}.])([\p{L}.]+)\.$", text[max(lo, i - 12) : i])
            # "Dr.", "U.S." and initials ("Walker D. Mills") do not end a sentence
            initial = word is not None and len(word.group(1)) == 1 and word.group(1).isupper()
            if not (c == "." and word and (word.group(1).lower() in ABBREV_DOT or initial)):
                nxt = text[i : i + 2]
                if not nxt or nxt[0].isspace() or nxt[0] in "\"”’'":
                    break
        # Opening quotes end the clause; a closing quote right after a word does not, so
        # that "a “hollowed-out” village" is read whole (and ’ after a letter is an
        # apostrophe anyway).  A closing single quote after no letter is a boundary.
        if c in "“‘" or (c in "\"'" and (i - 2 < lo or text[i - 2].isspace())):
            break
        if c in "’'" and (i - 2 < lo or not text[i - 2].isalnum()):
            break
        if c in '”"' and not text[i - 2].isalnum() and text[i - 2] not in ".,!?":
            break
        i -= 1
    tokens = [_Token(m.group(), i + m.start(), i + m.end()) for m in WORD.finditer(text[i:end])]
    return tokens[-max_words:]


def _drop_article(s: str) -> str:
    """``the Harsh Lives of Hong Kong fishermen`` -> ``Harsh Lives of Hong Kong fishermen``."""
    m = regex.match(r"(?i)(?:the|a|an)\s+(?=\S)", s)
    return s[m.end() :] if m else s


def _strip_possessive(s: str) -> str:
    return regex.sub(r"[’']s?$", "", s) if regex.search(r"\w[’']s?$", s) else s


def _span_text(text: str, start: int, end: int) -> str:
    """The span as one line: line breaks to spaces, hyphenated line breaks joined."""
    s = text[start:end]
    s = regex.sub(r"(\p{Ll})-\n(\p{Ll})", r"\1\2", s)  # word hyphenated at a line break
    return str(regex.sub(r"\s+", " ", s)).strip()


def _quoted_before(text: str, pos: int) -> tuple[int, int] | None:
    """If a quotation ends just before ``pos`` (pinyin or 'or' may stand between),
    return the (start, end) of its inside."""
    head = text[max(0, pos - 80) : pos]
    # "discourse power," or huayuquan (话语权): pinyin and 'or' may stand between.
    m = QUOTE_THEN_PINYIN.search(head)
    if not m:
        return None
    between = m.group(2).strip()
    if between and not is_pinyin(between):
        return None
    close = pos - len(head) + m.start(1)
    closer = text[close]
    if (
        closer in "’'"
        and close > 0
        and text[close - 1].isalpha()
        and text[close + 1 : close + 2].isalpha()
    ):
        return None  # an apostrophe inside a word
    openers = QUOTE_PAIRS[closer]
    i = close - 1
    lo = max(0, close - 1500)
    while i >= lo:
        c = text[i]
        if c == "\n" and text[i - 1 : i + 1] == "\n\n":
            return None
        if c in openers and not (c in "'\"" and i > 0 and text[i - 1].isalnum()):
            if c == closer and c in "'\"" and i + 1 < len(text) and not text[i + 1].strip():
                i -= 1
                continue
            inside = text[i + 1 : close].strip()
            if not inside or HAN.search(inside):
                return None
            s = i + 1
            e = close
            while e > s and text[e - 1] in " ,.;:!?\n":
                e -= 1
            while s < e and text[s].isspace():
                s += 1
            return s, e
        i -= 1
    return None


def _quote_around(text: str, bracket: _Bracket) -> tuple[int, int] | None:
    """The bracket stands inside a quotation that closes right after it:
    ``the subject “prioritizes opinions and stances （意見行先、立場行先）.”``."""
    after = text[bracket.end : bracket.end + 3]
    m = regex.match(r"[.,;:!?]?\s?([”\"’])", after)
    if not m:
        return None
    closer = m.group(1)
    openers = QUOTE_PAIRS[closer]
    i = bracket.open - 1
    lo = max(0, bracket.open - 400)
    while i >= lo:
        c = text[i]
        if c in "\n”" or (c == closer and c not in openers):
            return None
        if c in openers and not (c in "'\"" and i > 0 and text[i - 1].isalnum()):
            s, e = i + 1, bracket.open
            while e > s and text[e - 1] in " \n":
                e -= 1
            return (s, e) if e > s else None
        i -= 1
    return None


@functools.cache
def _definition_words(chinese: str) -> frozenset[str]:
    """Content words of the CC-CEDICT definitions of every substring of ``chinese``."""
    from glossary import cedict

    table = cedict.load()
    words: set[str] = set()
    n = len(chinese)
    for i in range(n):
        for j in range(i + 1, min(n, i + 8) + 1):
            for entry in table.get(chinese[i:j], ()):
                for d in entry.definitions:
                    if d.startswith(("variant of", "old variant", "see ", "surname ", "CL:")):
                        continue
                    for w in regex.findall(r"[a-z]+", d.lower()):
                        if w not in STOP_WORDS and len(w) > 1:
                            words.add(w)
    return frozenset(words)


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


def _stem_match(word: str, vocab: frozenset[str]) -> bool:
    """True if ``word`` matches a definition word: same stem, or a long shared prefix."""
    w = word.lower().replace("’", "'").split("'")[0]
    if w in STOP_WORDS or len(w) < 2:
        return False
    if w in vocab:
        return True
    ws = _stem(w)
    if any(_stem(v) == ws for v in vocab):
        return True
    if len(w) < 4:
        return False
    if len(w) >= 8 and any(len(v) >= 6 and (w.endswith(v) or v.endswith(w)) for v in vocab):
        return True  # reconstruction ~ construction
    for v in vocab:
        if len(v) < 4 or v[:4] != w[:4]:
            continue
        k = 4
        m = min(len(v), len(w))
        while k < m and v[k] == w[k]:
            k += 1
        if k >= m - 3:
            return True
    return False


def _aligned_start(tokens: list[_Token], chinese: str) -> int | None:
    """Index of the first token of the span aligned with ``chinese`` by CC-CEDICT, or None."""
    han = han_only(chinese)
    if not han or not tokens:
        return None
    vocab = _definition_words(han)
    flags = [_stem_match(t.text, vocab) for t in tokens]
    n = len(tokens)
    # The rightmost aligned word must be close to the bracket.
    right = next((i for i in range(n - 1, -1, -1) if flags[i]), None)
    if right is None:
        return None
    tail = tokens[right + 1 :]
    if len(tail) > 4 or sum(t.lower not in STOP_WORDS for t in tail) > 2:
        return None
    # Extend left through gaps of at most two unaligned content words (function words
    # are free, up to four words in all): "hollowing out of the countryside".
    start = right
    content_gap = 0
    gap = 0
    for i in range(right - 1, -1, -1):
        if flags[i]:
            start = i
            content_gap = gap = 0
            continue
        gap += 1
        content_gap += tokens[i].lower not in STOP_WORDS
        if content_gap > 2 or gap > 4:
            break
    return start


def _noun_phrase_start(tokens: list[_Token], max_words: int = 3) -> int | None:
    i = len(tokens)
    while i > 0 and len(tokens) - i < max_words and tokens[i - 1].lower not in STOP_WORDS:
        i -= 1
    return i if i < len(tokens) else None


@functools.cache
def _char_readings(char: str) -> frozenset[str]:
    from glossary import cedict

    out = set()
    for e in cedict.lookup(char):
        for syl in e.pinyin_numbered.split():
            out.add(regex.sub(r"\d", "", syl.lower()).replace("u:", "v"))
    return frozenset(out)


def _spells(letters: str, han: str) -> bool:
    """True if ``letters`` is a concatenation of readings of the characters of ``han``."""
    if not han:
        return not letters
    for r in _char_readings(han[0]):
        if letters.startswith(r) and _spells(letters[len(r) :], han[1:]):
            return True
    return False


def _name_start(tokens: list[_Token], chinese: str) -> int | None:
    """Words that spell the Chinese in pinyin: a name, ``Wu Xiaoming (吳曉明)``, or a
    romanised term used as English, ``the concept of tianxia (天下)``."""
    han = han_only(chinese)
    if not 1 <= len(han) <= 4:
        return None
    for k in range(1, min(3, len(tokens)) + 1):
        letters = "".join(toneless(t.text) for t in tokens[-k:])
        letters = regex.sub(r"[^a-z]", "", letters)
        if _spells(letters, han):
            return len(tokens) - k
    return None


def _starts_with_surname(han: str) -> bool:
    """True if ``han`` starts with a common surname, in either script (劉 as 刘)."""
    from glossary import cedict
    from glossary.pinyin import _surnames

    names = _surnames()
    return han[0] in names or any(e.simplified[:1] in names for e in cedict.lookup(han[0]))


def _extend_by_alignment(tokens: list[_Token], start: int, chinese: str) -> int:
    """Extend a Title-Case run left over weaker links ("for a", "with", "to") when the
    capitalised words gained translate part of the Chinese: "Xi Jinping Thought on
    Socialism with Chinese Characteristics for a New Era", but not "Hong Kong a National
    Security Law (国安法)"."""
    han = han_only(chinese)
    if len(han) < 4:
        return start
    vocab = _definition_words(han)
    while True:
        i = start - 1
        while i >= 0 and tokens[i].lower in LINKS:
            i -= 1
        if i == start - 1 or i < 0 or not tokens[i].capitalised:
            return start
        j = i
        while j > 0 and tokens[j - 1].capitalised:
            j -= 1
        words = tokens[j : i + 1]
        aligned = sum(_stem_match(t.text, vocab) or _spells_part(t.text, han) for t in words)
        if aligned * 2 < len(words):
            return start
        start = j


def _spells_part(word: str, han: str) -> bool:
    """True if ``word`` spells in pinyin some run of the characters of ``han`` (Jinping)."""
    letters = regex.sub(r"[^a-z]", "", toneless(word))
    if not letters:
        return False
    return any(
        _spells(letters, han[i:j])
        for i in range(len(han))
        for j in range(i + 1, min(len(han), i + 4) + 1)
    )


def _title_run_start(tokens: list[_Token], chinese: str) -> int | None:
    """Start of the run of capitalised words (with connectors) ending at the bracket."""
    n = len(tokens)
    if not n or not tokens[-1].capitalised or tokens[-1].lower in STOP_WORDS:
        return None
    start = n - 1
    i = n - 2
    while i >= 0:
        t = tokens[i]
        if t.capitalised:
            start = i
        elif t.lower in NAME_CONNECTORS:
            # "Year of the Xuan King": connectors count when a capitalised word precedes them
            j = i - 1
            while j >= 0 and tokens[j].lower in NAME_CONNECTORS:
                j -= 1
            if j < 0 or not tokens[j].capitalised:
                break
        else:
            break
        i -= 1
    start = _extend_by_alignment(tokens, start, chinese)
    # Leading articles are dropped; other capitalised function words only when they open
    # the clause, where capitals say nothing ("These", "In"): "the All American ..." stays.
    while start < n - 1 and (
        tokens[start].lower in ARTICLES or (start == 0 and tokens[start].lower in STOP_WORDS)
    ):
        start += 1
    # An owner before the name: "China’s State Council", "the CCP’s United Front Work
    # Department"; but "People’s Republic of China" keeps its common-noun possessive.
    for k in range(n - 2, start - 1, -1):
        m = POSSESSIVE.search(tokens[k].text)
        if m and tokens[k].text[: m.start()].lower() not in NAME_POSSESSIVES:
            start = k + 1
            break
    # Titles and roles before a personal name: "Deputy Consul General Wu Xiaoming".
    han = han_only(chinese)
    organisation = any(tokens[k].lower in NAME_CONNECTORS for k in range(start, n))
    # Forms of address mark a person outright ("Captain Walker D. Mills (米爾斯)"); role
    # words also open names of bodies ("Executive Yuan"), so they need a surname.
    if 1 <= len(han) <= 5 and not organisation:
        titles = TITLE_WORDS if _starts_with_surname(han) else ADDRESS_WORDS
        last_title = max(
            (k for k in range(start, n) if tokens[k].lower.rstrip(".") in titles),
            default=None,
        )
        if last_title is not None and last_title < n - 1:
            start = last_title + 1
    return start


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str


def _english_span(
    text: str, bracket: _Bracket, parsed: _Content, acronym_long: _Span | None
) -> _Span | None:
    """Where the English glossed by ``bracket`` stands, or None if nothing does."""
    pos = bracket.open
    # Skip back over spaces, footnote markers and one bracket of no Chinese: "(CAACR) (…)".
    head = text[max(0, pos - 200) : pos]
    k = len(head.rstrip())
    head = head[:k]
    fm = FOOTNOTE_BEFORE.search(head)
    if fm:
        head = head[: fm.start()].rstrip()
    if head and head[-1] in CLOSERS:
        j = len(head) - 1
        depth = 0
        while j >= 0:
            if head[j] in CLOSERS:
                depth += 1
            elif head[j] in OPENERS:
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        if j >= 0 and not HAN.search(head[j:]):
            head = head[:j].rstrip()
    anchor = pos - (pos - max(0, pos - 200) - len(head))  # index just after the English
    if not head:
        return None
    if HAN.match(head[-1]):
        return None  # Chinese right before: a script repeat or Chinese discussed
    # 1. A quotation ending at the bracket, or one the bracket stands inside.
    q = _quoted_before(text, anchor)
    if q is None:
        q = _quote_around(text, bracket)
    if q is not None:
        return _Span(q[0], q[1], _drop_article(_span_text(text, q[0], q[1])))
    # 2. The acronym in the same bracket has a long form: the Chinese names it too.
    if acronym_long is not None:
        return acronym_long
    end_anchor = anchor
    if head[-1] == ".":
        end_anchor -= 1  # "talking past one another. (鸡同鸭讲 …)"
    # "lying flat, or tangping (躺平)": the romanisation stands between English and bracket.
    romanised = OR_PINYIN.search(head)
    if romanised and is_pinyin(romanised.group(1)):
        end_anchor -= len(head) - romanised.start()
    tokens = _clause_tokens(text, end_anchor)
    if tokens and tokens[-1].text.endswith("."):
        last = tokens[-1]
        tokens[-1] = _Token(
            last.text.rstrip("."),
            last.start,
            last.end - (len(last.text) - len(last.text.rstrip("."))),
        )
    tokens = [t for t in tokens if t.text]
    if not tokens:
        if parsed.lit:
            return _Span(anchor, anchor, parsed.lit)
        return None
    start = _name_start(tokens, parsed.chinese)
    if start is None:
        start = _title_run_start(tokens, parsed.chinese)
    if start is None:
        start = _aligned_start(tokens, parsed.chinese)
        if (
            start is not None
            and 0 < start == len(tokens) - 1
            and len(han_only(parsed.chinese)) >= 3
            and tokens[start - 1].lower not in STOP_WORDS
        ):
            # One aligned word for three or more characters: take its modifier too
            # ("absurdist humor (无厘头)").
            start -= 1
        if start is None and (parsed.lit or parsed.quoted):
            return _Span(anchor, anchor, parsed.lit or parsed.quoted)
    if start is None:
        start = _noun_phrase_start(tokens)
    if start is None:
        return None
    s, e = tokens[start].start, tokens[-1].end
    if "." in tokens[-1].text and text[e : e + 1] == ".":
        e += 1  # the full stop of an abbreviation: "the U.S. (美国)"
    span = _strip_possessive(_span_text(text, s, e))
    # A quotation opened just before the span closes inside it: "a ‘hollowed-out’ village".
    if s > 0 and text[s - 1] in QUOTE_OPENERS:
        closer = QUOTE_OPENERS[text[s - 1]]
        span = regex.sub(rf"{regex.escape(closer)}(?=\s|$)", "", span, count=1)
    return _Span(s, e, span)


# --------------------------------------------------------------------------- acronyms


def _initials(tokens: list[_Token]) -> list[tuple[int, int, str]]:
    """(token index, char offset in text, letter) of every word-initial letter, hyphen parts too."""
    out = []
    for k, t in enumerate(tokens):
        for m in regex.finditer(r"(?:^|(?<=[-/]))\p{L}", t.text):
            out.append((k, t.start + m.start(), m.group().lower()))
    return out


def _long_form(text: str, anchor: int, short: str) -> _Span | None:
    """Schwartz–Hearst long form of ``short`` ending at ``anchor``, or None.

    Word-initial letters are tried first (right to left, function words may be skipped);
    the classic character match is the fallback.  The first letter must start a word and
    at least half of the short form's letters must fall on word starts.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if short.endswith("s") and len(letters) > 2 and short[:-1].isupper():
        letters = letters[:-1]  # SEZs
    if len(letters) < 2:
        return None
    tokens = _clause_tokens(text, anchor)
    window = min(len(letters) + 5, len(letters) * 2)
    tokens = tokens[-window:]
    if not tokens:
        return None
    if any(t.text == short for t in tokens[-1:]):
        return None
    # One long capitalised word holding the letters in order: "Kuomintang (KMT)".
    last = tokens[-1]
    if (
        short.isupper()
        and last.capitalised
        and "-" not in last.text
        and len(last.text) >= 2 * len(letters)
        and last.lower[0] == letters[0]
        and regex.match(".*?".join(map(regex.escape, letters)), last.lower)
        and (len(tokens) < 2 or not tokens[-2].capitalised)
    ):
        return _make_long(text, tokens, len(tokens) - 1)
    # Word-initial matching.
    inits = _initials(tokens)
    j = len(inits) - 1
    first_tok = None
    for li in range(len(letters) - 1, -1, -1):
        while j >= 0 and inits[j][2] != letters[li]:
            j -= 1
        if j < 0:
            first_tok = None
            break
        first_tok = inits[j][0]
        j -= 1
    if first_tok is not None:
        skipped = [t for t in tokens[first_tok:] if t.lower not in STOP_WORDS]
        if len(skipped) <= len(letters) + 1:
            return _make_long(text, tokens, first_tok)
    # Character-level Schwartz–Hearst.  In a mixed-case short form (LegCo, DoJ) the
    # capitals are what must fall on word starts; otherwise half of all letters.
    upper = [c.isupper() for c in short if c.isalnum()][: len(letters)]
    mixed = any(upper) and not all(upper)
    joined = text[tokens[0].start : tokens[-1].end].lower()
    base = tokens[0].start
    s_i = len(letters) - 1
    l_i = len(joined) - 1
    on_start = 0
    while s_i >= 0:
        c = letters[s_i]
        while l_i >= 0 and (
            joined[l_i] != c or (s_i == 0 and l_i > 0 and joined[l_i - 1].isalnum())
        ):
            l_i -= 1
        if l_i < 0:
            return None
        at_start = l_i == 0 or not joined[l_i - 1].isalnum()
        if at_start and (upper[s_i] or not mixed):
            on_start += 1
        s_i -= 1
        l_i -= 1
    needed = sum(upper) if mixed else len(letters)
    if on_start * 2 < needed:
        return None
    at = base + l_i + 1
    first = next(k for k, t in enumerate(tokens) if t.start <= at < t.end)
    return _make_long(text, tokens, first)


def _make_long(text: str, tokens: list[_Token], first: int) -> _Span | None:
    while first < len(tokens) - 1 and tokens[first].lower in ARTICLES:
        first += 1
    s, e = tokens[first].start, tokens[-1].end
    span = _strip_possessive(_span_text(text, s, e))
    if not span:
        return None
    return _Span(s, e, span)


# --------------------------------------------------------------------------- driver


class _Lines:
    """Offset -> 1-based line number, by bisection over line starts."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in regex.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _context(text: str, start: int, end: int) -> str:
    lo = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! "))) + 1
    hi_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    if hi - lo > 400:
        lo, hi = max(lo, start - 150), min(hi, end + 150)
    return str(regex.sub(r"\s+", " ", text[lo:hi])).strip()


def _in_chinese_prose(text: str, bracket: _Bracket, reach: int = 400) -> bool:
    """True when the line around ``bracket`` is mostly Chinese (more Han than Latin
    letters within ``reach`` characters either side, the bracket itself left out)."""
    lo = max(0, bracket.open - reach, text.rfind("\n", 0, bracket.open) + 1)
    line_end = text.find("\n", bracket.end)
    hi = min(len(text), bracket.end + reach, line_end if line_end >= 0 else len(text))
    around = text[lo : bracket.open] + " " + text[bracket.end : hi]
    around = SIMPLE_BRACKET.sub(" ", around)  # other glosses on the line do not count
    # A Han character carries about a word: weigh it against a few Latin letters.
    return 2 * len(HAN.findall(around)) > len(LATIN_LETTER.findall(around))


def _clean(text: str) -> tuple[str, list[int]]:
    """Drop invisible characters.

    Returns the clean text and, for each dropped character, the clean offset it stood
    at, so that :func:`_original_offset` can map clean offsets back to ``text``.
    """
    removed = [m.start() - k for k, m in enumerate(INVISIBLE.finditer(text))]
    if not removed:
        return text, removed
    return INVISIBLE.sub("", text), removed


def _original_offset(removed: list[int], i: int) -> int:
    return i + bisect.bisect_right(removed, i)


def extract_terms(text: str, source: str | None = None) -> Iterator[Term]:
    """Yield a :class:`Term` for every bracketed Chinese gloss or acronym in ``text``.

    ``chinese`` is the Chinese as found (annotations in the bracket removed); offsets in
    each occurrence refer to ``text`` as given.

    >>> text = "via the regular bilateral prime ministerial meeting (中俄总理定期会晤)"
    >>> [(t.english, t.chinese) for t in extract_terms(text)]
    [('regular bilateral prime ministerial meeting', '中俄总理定期会晤')]
    """
    clean, removed = _clean(text)

    def orig(i: int) -> int:
        return _original_offset(removed, i) if removed else i

    lines = _Lines(text)
    for b in _brackets(clean):
        if direction_of(clean, b.open, b.close) is Direction.ZH_EN:  # Chinese prose
            yield from read_reverse(clean, b.open, b.close, source, lines.line(orig(b.open)), orig)
            continue
        parsed = _parse_content(b.content)
        has_han = bool(parsed.chinese)
        if not has_han and not parsed.acronym:
            continue
        if has_han and parsed.aside:
            continue
        acronym_only = not has_han and parsed.acronym and not parsed.aliases
        acro_long = None
        if parsed.acronym and (acronym_only or has_han):
            anchor = b.open
            while anchor > 0 and clean[anchor - 1].isspace():
                anchor -= 1
            fm = FOOTNOTE_BEFORE.search(clean[max(0, anchor - 20) : anchor])
            if fm:
                anchor -= len(fm.group())
            acro_long = _long_form(clean, anchor, parsed.acronym)
        if not has_han:
            if acro_long is None:
                continue
            term = Term(english=acro_long.text, abbreviation=parsed.acronym, kind=Kind.ACRONYM)
            span_start = acro_long.start
            chinese_surface = ""
        else:
            span = _english_span(clean, b, parsed, acro_long)
            if span is None or not span.text:
                continue
            english = span.text
            term = Term(
                english=english,
                chinese=LINE_BREAK_IN_HAN.sub("", parsed.chinese),
                traditional=parsed.traditional,
                abbreviation=parsed.acronym if acro_long is not None else "",
                kind=Kind.TRANSLATION,
                given_pinyin=parsed.pinyin,
                note="; ".join(
                    [f"also {a}" for a in parsed.alternatives]
                    + ([f"lit. {parsed.lit}"] if parsed.lit and parsed.lit != english else [])
                ),
            )
            span_start = min(span.start, b.open)
            chinese_surface = parsed.chinese
        start, end = orig(span_start), orig(b.end)
        occ = Occurrence(
            source=source,
            line=lines.line(orig(b.open)),
            start=start,
            end=end,
            english=term.english,
            chinese=chinese_surface,
            abbreviation=term.abbreviation,
            pinyin=parsed.pinyin,
            context=_context(text, start, end),
        )
        yield term.with_occurrences((occ,))
