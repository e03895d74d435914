"""Reading and settling: confidence, candidates, corpus-level agreement, order independence."""

from __future__ import annotations

import pickle
import random

from glossary.extraction import Reading, extract, read, settle

CONFIDENT = "Confucius praised being “immersed in the arts” (游於藝) as an ideal."
UNSURE = "In her later years she was immersed in the arts (游於藝) every day."


def test_every_pair_has_a_confidence_and_its_candidates() -> None:
    """The chosen span is the first candidate; the losers follow, best first."""
    term = next(iter(extract(UNSURE)))
    occ = term.occurrences[0]
    assert term.confidence == occ.confidence
    assert occ.confidence is not None
    assert 0 <= occ.confidence <= 1
    assert occ.candidates[0].text == term.english
    scores = [c.score for c in occ.candidates]
    assert scores == sorted(scores, reverse=True)


def test_a_confident_reading_settles_a_less_confident_one() -> None:
    """The quoted span of one document settles the unquoted gloss of the same Chinese in
    another, with its offset moved to the author's words there."""
    alone = next(iter(extract(UNSURE, "b.txt")))
    assert alone.english == "arts"
    terms = settle(read(CONFIDENT, "a.txt") + read(UNSURE, "b.txt"))
    settled = next(t for t in terms if t.occurrences[0].source == "b.txt")
    occ = settled.occurrences[0]
    assert settled.english == "immersed in the arts"
    assert UNSURE[occ.start : occ.end] == "immersed in the arts (游於藝)"
    assert "agreement" in occ.candidates[0].signals
    assert (occ.confidence or 0) > (alone.confidence or 0)


def test_settling_does_not_depend_on_order() -> None:
    """Any order in, the same terms out, sorted by source and position."""
    readings = (
        read(CONFIDENT, "a.txt")
        + read(UNSURE, "b.txt")
        + read("the “nuclear sharing” (核共享) and “subversion” (颠覆)", "c.txt")
    )
    expected = settle(readings)
    for seed in range(5):
        shuffled = readings[:]
        random.Random(seed).shuffle(shuffled)
        got = settle(shuffled)
        assert [(t.english, t.occurrences) for t in got] == [
            (t.english, t.occurrences) for t in expected
        ]
    keys = [(t.occurrences[0].source, t.occurrences[0].start) for t in expected]
    assert keys == sorted(keys)


def test_readings_pickle() -> None:
    """Readings cross process boundaries unchanged."""
    readings = read(UNSURE, "b.txt")
    assert pickle.loads(pickle.dumps(readings)) == readings
    assert isinstance(readings[0], Reading)
