"""English word lists: function words, name connectors, titles, possessives, abbreviations."""

from __future__ import annotations

import re

import regex

# --------------------------------------------------------------------------- word lists

ARTICLES = frozenset({"the", "a", "an"})
#: A leading article, dropped from spans.
ARTICLE = regex.compile(r"(?i)(?:the|a|an)\s+(?=\S)")
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
    {"of", "and", "for", "the", "on", "in", "de", "du", "van", "von", "&", "at", "v.", "v", "vs."}
)
#: Words that open a noun phrase of their own: a term rendered by the bracket's Chinese
#: does not reach back across one ("videos with its new Channels (视频号)").
POSSESSIVE_DETERMINERS = frozenset({"its", "their", "his", "her", "our", "your", "my"})
#: The connectors that join two names ("X and the Y"), not the words of one.
AND_WORDS = frozenset({"and", "&"})
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
    lieutenant admiral marshal speaker youtuber blogger influencer""".split()
)
TITLE_WORDS = frozenset(t.rstrip(".") for t in TITLES)
#: Words for words: a phrase ending in one that renders none of the Chinese only names
#: what the bracket holds ("the traditional Chinese saying (以柔克剛)").
WORDS_FOR_WORDS = frozenset(
    """word words term terms phrase phrases saying sayings character characters idiom idioms
    expression expressions slogan slogans proverb proverbs motto mottos adage maxim
    catchphrase catchword buzzword buzzwords neologism name names""".split()
)
#: Verbs that name: what follows one is the name ("ships called treasure ships").
NAMING_WORDS = frozenset("called named termed dubbed nicknamed titled".split())
#: Words standing for an item already named: "the first (穷) … the second (丑)".
REFERENTS = frozenset("first second third fourth latter former last".split())
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
#: How every word :data:`POSSESSIVE` matches in ends (told without a regex).
POSSESSIVE_ENDS = ("’s", "'s", "’", "'")
FOOTNOTE_BEFORE = regex.compile(
    r"(?:\[(?:注\s*)?\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070-\u2079]+|(?<=\p{Ll}\p{Ll}|[”\"’.,;])\d{1,3}"
    r"|\$\^\{?\d{1,3}\}?\$|<sup>\s*\d{1,3}\s*</sup>)\s*$"
)


#: A list item's bullet or number: ``-``, ``•``, ``3.``, ``2)``.
BULLET = r"[-*•‣▪◦]|\d{1,3}[.)]"
#: A web address, from its scheme or from the ``//`` after it (a walk back that stops at
#: the colon of ``https:`` sees only that), or from ``www.``.
WEB_ADDRESS = regex.compile(r"(?:\b[A-Za-z][\w+.-]*:)?//\S+|\bwww\.\S+")


def footnote_before(text: str, lo: int, hi: int) -> regex.Match[str] | None:
    """:data:`FOOTNOTE_BEFORE` searched in ``text[lo:hi]``; the common case, no mark, is
    told by the last character (every mark ends in a digit, ``]``, ``$`` or ``>``).

    >>> footnote_before("the Party[12]", 0, 13).group(), footnote_before("the Party", 0, 9)
    ('[12]', None)
    """
    if hi > lo:
        c = text[hi - 1]
        if not (c in "]$>" or c.isdigit() or "\u2070" <= c <= "\u2079" or c.isspace()):
            return None
    return FOOTNOTE_BEFORE.search(text, lo, hi)


WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}’'\-.&]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]")
#: :data:`WORD` in text of ASCII and typographic quotes and dashes alone (no letter, mark
#: or number among them but ASCII's): the same words, found by ``re``, which matches
#: them in about half the time; :data:`NOT_PLAIN` finds a character outside that text.
PLAIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'\-.&]*[A-Za-z0-9]|[A-Za-z0-9]")
NOT_PLAIN = re.compile("[^\x00-\x7f‘’“”–—…]")


def word_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of every :data:`WORD` in ``text[lo:hi]``, in order.

    >>> word_spans("the U.S.-led “order” (秩序)", 0, 20)
    [(0, 3), (4, 12), (14, 19)]
    """
    pattern = WORD if NOT_PLAIN.search(text, lo, hi) else PLAIN_WORD
    return [m.span() for m in pattern.finditer(text, lo, hi)]


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
        "v",
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
#: Surnames as Cantonese and Wade–Giles romanise them, which pinyin cannot spell: with a
#: Chinese name that starts with a surname, one of these in a run of capitalised words
#: marks where the person's name begins ("Secretary for Security John Lee Ka-chiu").
SURNAME_ROMANISATIONS = frozenset(
    """au chan chang chau cheng cheung chiang chiu choi chou chow chu chuang chung fok fong
    fung hau ho hsiao hsieh hsu hsueh hu hui hung ip kam kao ko kong ku kuan kung kuo kwan
    kwok kwong lai lam lau law lee leung li liang lin liu lo lui lung mak man mok ng ngai
    pang poon shek shih shum sin siu so sung szeto tai tam tang tong tsai tsang tse tseng
    tso tsoi tsui tung wan wong woo wu yam yau yeung yim yip yiu yu yuen yung koo cho yeh
    chien tsao hsiung tsou chai chong ong tan teh toh yeo lim goh khoo quek tay""".split()
)
