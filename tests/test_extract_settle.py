"""Reading and settling: confidence, candidates, corpus-level agreement, order independence."""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.extraction import Reading, extract, read, settle

CONFIDENT = "Young people speak of “letting it rot” (摆烂) at work."
UNSURE = "Many chose letting it rot (摆烂) over striving."


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
    assert alone.english == "rot"
    terms = settle(read(CONFIDENT, "a.txt") + read(UNSURE, "b.txt"))
    settled = next(t for t in terms if t.occurrences[0].source == "b.txt")
    occ = settled.occurrences[0]
    assert settled.english == "letting it rot"
    assert UNSURE[occ.start : occ.end] == "letting it rot (摆烂)"
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


def test_cli_min_confidence_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--min-confidence drops the unsure pairs; --explain prints each pair's signals and
    losing candidates to standard error; the JSON carries the same candidates."""
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "the Confucian ideal of the great unity (大同) returned.\n"
        "The “nuclear sharing” (核共享) talks.\n",
        encoding="utf-8",
    )
    assert main(["extract", str(doc), "--format", "json", "--explain"]) == 0
    out, err = capsys.readouterr()
    terms = json.loads(out)["terms"]
    chinese = {t["chinese"] for t in terms}
    unity = next(t for t in terms if t["chinese"] == "大同")
    candidates = unity["occurrences"][0]["candidates"]
    assert candidates[0]["text"] == "great unity"
    assert "noun-phrase" in candidates[0]["signals"]
    assert len(candidates) > 1
    assert chinese == {"大同", "核共享"}
    assert "0.64  great unity = 大同\n" in err
    assert f"      {doc}:1\n" in err
    assert "  lost    Confucian ideal of the great unity  " in err
    assert "  chosen  nuclear sharing  " in err
    assert main(["extract", str(doc), "--format", "json", "--min-confidence", "0.7"]) == 0
    kept = json.loads(capsys.readouterr().out)["terms"]
    assert [t["chinese"] for t in kept] == ["核共享"]
    assert all(float(t["confidence"]) >= 0.7 for t in kept)


def test_cli_min_confidence_must_be_a_fraction(capsys: pytest.CaptureFixture[str]) -> None:
    """A confidence outside 0..1 is a usage error with one clear line."""
    try:
        code = main(["extract", "x.txt", "--min-confidence", "2"])
    except SystemExit as exit_:  # argparse's own exit, or a CLI that reports and returns
        code = exit_.code
    assert code == 2
    assert "2 is not between 0 and 1" in capsys.readouterr().err


def test_every_signal_is_weighed_and_documented() -> None:
    """A signal added to the registry has a prior, a reliability, a docstring and a row in
    docs/extraction.md."""
    from glossary.extraction.scoring import PRIORS, RELIABILITY
    from glossary.extraction.signals import SIGNALS

    docs = (Path(__file__).resolve().parents[1] / "docs" / "extraction.md").read_text("utf-8")
    for name, signal in SIGNALS.items():
        assert name in PRIORS, name
        assert name in RELIABILITY, name
        assert signal.__doc__, name
        assert f"| `{name}` |" in docs, name


def test_reading_in_pieces_settles_like_reading_whole() -> None:
    """A document read in two pieces (offset and line given) settles to the same terms,
    agreement included, as the document read whole."""
    text = f"{CONFIDENT}\nSome other words here.\n{UNSURE}\nThe “nuclear sharing” (核共享) talks.\n"
    cut = text.index(UNSURE)
    line = text[:cut].count("\n") + 1
    pieces = read(text[:cut], "d.txt") + read(text[cut:], "d.txt", offset=cut, line=line)
    whole = settle(read(text, "d.txt"))
    assert [(t.english, t.occurrences) for t in settle(pieces)] == [
        (t.english, t.occurrences) for t in whole
    ]
    assert [t.english for t in whole] == ["letting it rot", "letting it rot", "nuclear sharing"]


def test_explain_shows_the_acronym_of_a_chinese_term() -> None:
    """A Chinese term glossed by an acronym alone reads "ABBR = 中文", not " = 中文"."""
    from glossary.extraction import explain

    text = explain(extract("他后来供职于联合国难民署（UNHCR）。", "a.txt"))
    assert text.splitlines()[0].endswith("  UNHCR = 联合国难民署")
