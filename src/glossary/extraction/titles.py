"""Title runs: the capitalised words, with their connectors, that end at a bracket.

A run of Title-Case words names a body, a work or a person (``the 3rd Year of the Xuan
King Jing of Zhou (周宣王三年)``); :func:`_title_run_start` finds where it begins, extended
over weaker links when the words gained render the Chinese and trimmed of articles,
owners and titles before a name.  The ``title-case``, ``title-owner`` and ``title-colon``
signals (:mod:`glossary.extraction.signals`) propose the spans it finds.
"""

from __future__ import annotations

import regex

from glossary.extraction.align import (
    _extend_by_alignment,
    _renders_half,
    _spells,
    _starts_with_surname,
    pinyin_letters,
)
from glossary.extraction.english import _Token, common_words
from glossary.extraction.text import han_only
from glossary.extraction.words import (
    ADDRESS_WORDS,
    AND_WORDS,
    ARTICLES,
    NAME_CONNECTORS,
    NAME_POSSESSIVES,
    POSSESSIVE,
    POSSESSIVE_ENDS,
    STOP_WORDS,
    SURNAME_ROMANISATIONS,
    TITLE_WORDS,
)


def _title_run_start(
    tokens: list[_Token], chinese: str, *, shortest: int = 4, owners: bool = True
) -> int | None:
    """Start of the run of capitalised words (with connectors) ending at the bracket."""
    han = han_only(chinese)
    run = _capitalised_run(tokens, han, chinese.startswith("《"))
    if run is None:
        return None
    return _title_run_from(tokens, run, han, shortest, owners)


def _capitalised_run(tokens: list[_Token], han: str = "", work: bool = False) -> int | None:
    """Start of the run of capitalised words (with connectors) ending at the bracket,
    before any extension or trimming (the part of :func:`_title_run_start` that does not
    depend on its options: worked out once per bracket).  An "and" joins two names only
    when the words before it render part of the Chinese (``han``): "Chiang Shi-mei and
    the Happy Puppetry Company (真快樂掌中劇團)" is a person and a company; a ``work``'s
    title (its Chinese in 《》) needs no such evidence."""
    n = len(tokens)
    if not n or not tokens[-1].capitalised or tokens[-1].lower in STOP_WORDS:
        return None
    start = n - 1
    i = n - 2
    while i >= 0:
        t = tokens[i]
        if t.capitalised:
            start = i
            if t.lower == "the" and i and not tokens[i - 1].text.endswith(POSSESSIVE_ENDS):
                # a capital The opens the run: a heading before it is no part of it (but
                # an owner may stand before a title: "Sun Tzu’s The Art of War")
                break
        elif t.lower in NAME_CONNECTORS:
            # "Year of the Xuan King": connectors count when a capitalised word precedes them
            j = i - 1
            while j >= 0 and tokens[j].lower in NAME_CONNECTORS:
                j -= 1
            if j < 0 or not tokens[j].capitalised:
                break
            if han and not work and any(x.lower in AND_WORDS for x in tokens[j + 1 : i + 1]):
                k = j
                while k > 0 and tokens[k - 1].capitalised:
                    k -= 1
                if not _renders_half(tokens[k : j + 1], han):
                    break
        else:
            break
        i -= 1
    return _after_repeat(tokens, start)


def _after_repeat(tokens: list[_Token], start: int) -> int:
    """``start``, or later when the run's last two words or more stood in it before: a
    page's heading then the sentence naming the thing again ("Boat People ANN HUI'S BOAT
    PEOPLE Boat People (投奔怒海)" gives "Boat People")."""
    n = len(tokens)
    words = [t.lower for t in tokens]
    for size in (4, 3, 2):
        if n - start < 2 * size:
            continue
        tail = words[n - size :]
        for k in range(n - size - 1, start - 1, -1):
            if words[k : k + size] == tail:
                return k + size
    return start


def _title_run_from(tokens: list[_Token], start: int, han: str, shortest: int, owners: bool) -> int:
    """:func:`_title_run_start` from the :func:`_capitalised_run` ``start`` (``han``: the
    Han characters of the Chinese)."""
    return _trim_title_run(tokens, _extend_by_alignment(tokens, start, han, shortest), han, owners)


def _trim_title_run(tokens: list[_Token], start: int, han: str, owners: bool) -> int:
    """The start of a title run extended to ``start``, with leading articles, an owner
    (unless ``owners``) and titles before a personal name left out (``han``: the Han
    characters of the Chinese)."""
    n = len(tokens)
    # Leading articles are dropped; other capitalised function words only when they open
    # the clause, where capitals say nothing ("These", "In"): "the All American ..." stays,
    # and so does a surname spelled like one ("…, You Si-kun (游錫堃)", "He Lifeng (何立峰)").
    while start < n - 1 and (
        tokens[start].lower in ARTICLES
        or (
            start == 0
            and tokens[start].lower in STOP_WORDS
            and not (2 <= len(han) <= 4 and _surname_word(tokens[start].lower, han))
        )
    ):
        start += 1
    # An owner before the name: "China’s State Council", "the CCP’s United Front Work
    # Department"; but "People’s Republic of China" keeps its common-noun possessive.
    for k in range(n - 2, start - 1, -1):
        if not owners:
            break
        word = tokens[k].text
        if not word.endswith(POSSESSIVE_ENDS):
            continue  # no possessive, known without a regex
        m = POSSESSIVE.search(word)
        if m and word[: m.start()].lower() not in NAME_POSSESSIVES:
            start = k + 1
            break
    # Titles and roles before a personal name: "Deputy Consul General Wu Xiaoming".
    if not 1 <= len(han) <= 5:
        return start
    words = [t.lower for t in tokens[start:]]
    organisation = not NAME_CONNECTORS.isdisjoint(words)
    # Forms of address mark a person outright ("Captain Walker D. Mills (米爾斯)"); role
    # words also open names of bodies ("Executive Yuan"), so they need a surname.
    if not organisation:
        titles = TITLE_WORDS if _starts_with_surname(han) else ADDRESS_WORDS
        for k in range(len(words) - 1, -1, -1):
            if _title(words[k], titles):  # the last title
                if start + k < n - 1:
                    start += k + 1
                break
    # Before a person's name (and its English given name), capitalised words the
    # dictionary writes in lower case are a role ("Prosecutor Anthony Chau (周天行)"), and
    # another name joined by "and" is no part of it ("Cheng Kum-cheung and Chan
    # Chai-chung (陳齊頌)").
    first = person_start(tokens[start:], han)
    if first:
        before = [t.lower for t in tokens[start : start + first]]
        if "and" in before or (not organisation and all(w in common_words() for w in before)):
            start += first
    return start


def person_start(tokens: list[_Token], han: str) -> int | None:
    """Where a person's name begins among the last three of ``tokens``, when ``han`` is
    one (two to four characters starting with a surname): at the word romanising the
    surname (pinyin, Cantonese or Wade–Giles), or at an English given name before it."""
    if not 2 <= len(han) <= 4 or not _starts_with_surname(han):
        return None
    for k in range(max(0, len(tokens) - 3), len(tokens)):
        if _surname_word(tokens[k].lower, han):
            # romanised in full: a syllable for every character (Tsai Chi-chang, 蔡其昌)
            whole = sum(t.text.count("-") + 1 for t in tokens[k:]) >= len(han)
            if k > 0 and tokens[k - 1].capitalised and _given_name(tokens[k - 1].lower, whole):
                return k - 1  # an English given name: "John Lee Ka-chiu", "Frank Wu"
            return k
    # A surname spelled some other way, then a given name of two syllables joined by a
    # hyphen, for the three characters: "Sheng Jong-chin (沈榮津)".
    if (
        len(han) == 3
        and len(tokens) >= 2
        and HYPHENATED_GIVEN_NAME.fullmatch(tokens[-1].text)
        and tokens[-2].capitalised
        and "-" not in tokens[-2].text
        and not _title(tokens[-2].lower, TITLE_WORDS)
    ):
        return len(tokens) - 2
    return None


#: A given name of two syllables joined by a hyphen, as Taiwan and Hong Kong write them.
HYPHENATED_GIVEN_NAME = regex.compile(r"\p{Lu}\p{Ll}{1,5}-\p{Ll}{1,6}")


def _surname_word(word: str, han: str) -> bool:
    """Whether ``word`` (lower-cased) romanises the surname ``han`` opens with: in pinyin,
    or as Cantonese and Wade–Giles spell it (``Lee``, ``Chan``, ``Hsu``)."""
    word = word.split("-")[0]
    letters = pinyin_letters(word)
    return word in SURNAME_ROMANISATIONS or bool(letters and _spells(letters, han[:1]))


def _given_name(word: str, whole: bool) -> bool:
    """Whether a capitalised ``word`` (lower-cased) before a surname may be an English given
    name: never a title or role (``Speaker``, ``Secretary-General``); when the name after
    it is romanised in full (``whole``), not a word the dictionary writes in lower case
    either (``Minister of Agriculture Chen Junne-jih``, but ``Frank Wu (吳豊山)``, whose
    Chinese given name is not romanised, and ``John Lee Ka-chiu``); never an owner."""
    if word.endswith(POSSESSIVE_ENDS):
        return False  # an owner: "the KMT’s Ko Chih-en (柯志恩)"
    return not _title(word, TITLE_WORDS) and not (whole and word in common_words())


def _title(word: str, titles: frozenset[str]) -> bool:
    """Whether ``word`` (lower-cased) is one of ``titles``, whole or by a part of it:
    ``secretary-general``, ``vice-chair``, ``president-elect``."""
    return any(part in titles for part in word.rstrip(".").split("-"))
