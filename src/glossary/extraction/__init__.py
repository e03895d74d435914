"""Extraction: prose -> :class:`~glossary.model.Term`, one per bracketed gloss.

The stage runs in two steps, so that it can be spread over processes and machines:

* :func:`read` reads one document (or one piece of a large document) and returns its
  :class:`Reading`\\ s, one per bracket that yields a pair; it needs nothing but the text.
* :func:`settle` takes the readings of any number of documents, in any order, and returns
  the terms: readings that share a :attr:`Reading.key` are settled together (corpus-level
  agreement), and the result does not depend on the order the readings came in.

:func:`extract` is both steps on one text; :func:`extract_files` on several files;
:func:`explain` prints why each pair was chosen.

The rooms of the package, in the order the data flows through them:

* ``text``: character classes, invisible characters, line numbers, context;
* ``brackets``: where each bracket opens and closes, and what it holds;
* ``english`` and ``words``: the words before a bracket, quotations, word lists;
* ``align``: CC-CEDICT and pinyin evidence that English words render the Chinese;
* ``acronyms``: the long form of an acronym;
* ``titles``: runs of capitalised words ending at a bracket (names, bodies, works);
* ``context``: what every signal reads about one bracket, built once per bracket;
* ``signals``: the registry of signals, each proposing English spans;
* ``scoring``: one function weighing the proposals, and the confidence;
* ``engine``: the driver, one scored decision per bracket of one paragraph;
* ``paragraphs``: a document a paragraph at a time, a paragraph met before replayed;
* ``direction``, ``reverse``, ``chinese_words``, ``chinese_names``, ``transliteration``,
  ``chinese_evidence``, ``chinese_span``: Chinese prose with English in brackets (which
  direction a bracket reads in, what the bracket holds, jieba's words, names, characters
  that say an English word by sound, what the characters render, and the scored choice
  of where the Chinese begins).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from glossary.formats._io import read_text
from glossary.model import Candidate, Occurrence, Term


@dataclass(frozen=True, slots=True)
class Reading:
    """One bracket read: the pair found, and the key it is settled by.

    ``key`` groups the readings that :func:`settle` must see together (the Han characters
    of the Chinese, or the abbreviation of an acronym); readings with different keys are
    independent, so a cluster can settle each key group on its own.  Readings pickle.

    >>> r = read("what both sides call “subversion” (颠覆)")[0]
    >>> r.key, r.term.english
    ('颠覆', 'subversion')
    """

    key: str
    term: Term
    #: Spans another reading may settle this one on: (English, start offset), the
    #: occurrence's candidates first; a less confident reading also lists every run of
    #: words ending at its bracket.
    spans: tuple[tuple[str, int], ...] = ()

    @property
    def occurrence(self) -> Occurrence:
        """Where the pair was found."""
        return self.term.occurrences[0]


#: A reading at least this confident settles the less confident readings of the same
#: Chinese in one run (:func:`settle`); defined here, where settling happens, so that
#: the per-reading steps need no import (``scoring`` gives it under the same name).
SETTLING_CONFIDENCE = 0.8


def _key(term: Term, han_only: Callable[[str], str]) -> str:
    """What groups ``term`` with the readings it settles with (``han_only`` passed in by
    the caller, which imports it once per document, not once per reading)."""
    return han_only(term.chinese) or term.abbreviation.casefold() or term.english.casefold()


def read(text: str, source: str | None = None, *, offset: int = 0, line: int = 1) -> list[Reading]:
    """The readings of one document, or of one piece of a larger one, read a paragraph at
    a time (a paragraph read before in this process is replayed, not read again:
    :mod:`~glossary.extraction.paragraphs`).

    Args:
        text: the document (or piece).
        source: the name its occurrences carry (a path, a record id).
        offset: the position of ``text`` in the whole document, added to every offset.
        line: the line number ``text`` starts on in the whole document.

    >>> [r.occurrence.start for r in read("the “nuclear sharing” (核共享)", offset=100)]
    [105]
    """
    if not isinstance(text, str):  # one clear message, not "a bytes-like object is required"
        from glossary.errors import NotTextError

        raise NotTextError(text)
    from glossary.extraction.paragraphs import read_paragraphs
    from glossary.extraction.text import han_only

    out = []
    for term, spans in read_paragraphs(text, source, offset, line):
        out.append(Reading(_key(term, han_only), term, spans))
    return out


def _order(reading: Reading) -> tuple[str, int, int]:
    occ = reading.occurrence
    return (occ.source or "", occ.start, occ.end)


#: Votes for one key's English: casefolded English -> [readings, best confidence].
_Votes = dict[str, list[float]]


def _vote(votes: _Votes, reading: Reading) -> None:
    """Count ``reading`` in its key's ``votes`` if it is confident enough to settle others."""
    conf = reading.term.confidence or 0.0
    if conf >= SETTLING_CONFIDENCE:
        ballot = votes.get(reading.term.english.casefold())
        if ballot is None:
            votes[reading.term.english.casefold()] = [1, conf]
        else:
            ballot[0] += 1
            ballot[1] = max(ballot[1], conf)


def _reference(votes: _Votes) -> tuple[str, float] | None:
    """The English the confident readings of one key agree on (most votes, then the
    higher confidence, then the text) and the confidence a reading settled on it takes
    (capped at the settling confidence); None when no reading is confident."""
    if not votes:
        return None
    english, (_, best) = max(votes.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0]))
    return english, min(best, SETTLING_CONFIDENCE)


def _agree_one(reading: Reading, agreed: tuple[str, float] | None) -> Reading:
    """``reading`` settled on its key's :func:`_reference` ``agreed``.

    A reading below the settling confidence whose candidates include the reference takes
    it: the author's own spelling of it in that document, its offset, and the reference's
    confidence (capped, since the span was not its own first choice).  Any other reading
    is returned as it is.
    """
    if agreed is None:
        return reading
    ref, settled_conf = agreed
    conf = reading.term.confidence or 0.0
    if conf >= SETTLING_CONFIDENCE or reading.term.english.casefold() == ref:
        return reading
    k = next((i for i, (e, _) in enumerate(reading.spans) if e.casefold() == ref), None)
    if k is None:
        return reading
    occ = reading.occurrence
    english, start = reading.spans[k]
    lost = [c for c in occ.candidates if c.text != english]
    found = next((c for c in occ.candidates if c.text == english), None)
    chosen = Candidate(
        english,
        found.score if found else 0.0,
        (
            *(found.signals if found else ()),
            "agreement",
        ),
    )
    new_occ = occ.replace(
        start=start,
        english=english,
        confidence=settled_conf,
        candidates=(chosen, *lost),
    )
    term = reading.term.replace(english=english, confidence=settled_conf)
    return Reading(reading.key, term.with_occurrences((new_occ,)), reading.spans)


def _agree(group: list[Reading]) -> list[Reading]:
    """Readings of one key, the less confident ones settled by the confident ones
    (:func:`_reference`, :func:`_agree_one`); the result does not depend on the order of
    ``group``."""
    votes: _Votes = {}
    for r in group:
        _vote(votes, r)
    agreed = _reference(votes)
    return group if agreed is None else [_agree_one(r, agreed) for r in group]


def settle(readings: Iterable[Reading]) -> list[Term]:
    """The terms of readings from any number of documents, in document order.

    Readings that share a key are settled together (corpus-level agreement): when one
    reading of a Chinese term is confident, a less confident reading of the same Chinese
    whose candidates include the confident English takes it.  The result is the same
    whatever order the readings arrive in (from parallel workers, say).

    >>> a = read("the “nuclear sharing” (核共享)", "b.txt")
    >>> b = read("“subversion” (颠覆)", "a.txt")
    >>> [t.chinese for t in settle(a + b)] == [t.chinese for t in settle(b + a)]
    True
    """
    groups: dict[str, list[Reading]] = {}
    for r in readings:
        groups.setdefault(r.key, []).append(r)
    settled = [s for group in groups.values() for s in _agree(group)]
    return [r.term for r in sorted(settled, key=_order)]


def extract(text: str, source: str | None = None) -> Iterator[Term]:
    """Yield a :class:`Term` for every bracketed Chinese gloss or acronym in ``text``.

    ``chinese`` is the Chinese as found (annotations in the bracket removed); offsets in
    each occurrence refer to ``text`` as given.

    >>> text = "via the regular bilateral prime ministerial meeting (中俄总理定期会晤)"
    >>> [(t.english, t.chinese) for t in extract(text)]
    [('regular bilateral prime ministerial meeting', '中俄总理定期会晤')]
    """
    yield from settle(read(text, source))


def extract_file(path: str | os.PathLike[str]) -> Iterator[Term]:
    """Extract from one UTF-8 file; the occurrences' source is the path as given.

    Raises :class:`~glossary.errors.InputError` for a missing file, a directory or bytes
    that are not UTF-8.
    """
    yield from extract(read_text(path), os.fspath(path))


def extract_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Term]:
    """Extract from several files, settled together (every file is read before any term
    is yielded, so a bad file stops the run before any output is produced).

    The files are read one at a time, and a large corpus's readings are kept on disk
    (:mod:`glossary.extraction.spill`), so memory does not grow with the corpus.
    """
    from glossary.extraction.spill import ReadingStore

    with ReadingStore() as store:
        for p in paths:
            store.add(read(read_text(p), os.fspath(p)))
        yield from store.settle()


def explain(terms: Iterable[Term]) -> str:
    """For each pair, in order: its confidence, the pair, where it stood, then the
    candidates with their scores and signals, the chosen one first (what ``glossary
    extract --explain`` prints).

    >>> text = "Xunzi argued for “both law and governance by ritual” (lizhi 礼治)."
    >>> print(explain(extract(text, "a.txt")), end="")
    0.56  governance by ritual = 礼治
          a.txt:1
      chosen  governance by ritual  1  quote-part, cedict
      lost    both law and governance by ritual  0.842  quotes
      lost    ritual  0.8  quote-part, noun-phrase
      lost    law and governance by ritual  0.592  quote-part
    """
    lines = []
    for term in terms:
        for occ in term.occurrences:
            other = occ.chinese or occ.abbreviation
            # a Chinese term with only an acronym in its bracket shows the acronym
            english = occ.english or (occ.abbreviation if occ.chinese else "")
            conf = "   -" if occ.confidence is None else f"{occ.confidence:.2f}"
            lines.append(f"{conf}  {english} = {other}")
            lines.append(f"      {occ.sources_label}")
            for k, c in enumerate(occ.candidates):
                label = "chosen" if k == 0 else "lost  "
                lines.append(f"  {label}  {c.text}  {c.score:g}  {', '.join(c.signals)}")
    return "".join(line + "\n" for line in lines)
