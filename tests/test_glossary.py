"""The glossary store: merging, provenance, conflicts, curated fields, loading and rendering."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest

from glossary.conflicts import ConflictKind, conflicts_to_json, format_conflicts
from glossary.glossary import Glossary, merge_terms
from glossary.lookup import fold_chinese, fold_english
from glossary.model import Occurrence, Status, Term

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
SEEDS_GOLD = SHARED / "corpus" / "dev" / "gold" / "seeds.tsv"
DEV_CORPUS = SHARED / "corpus" / "dev"


def _term(english: str, chinese: str, source: str, line: int = 1, **fields: object) -> Term:
    occurrence = Occurrence(source, line, 0, 0, english, chinese)
    return Term(english, chinese, occurrences=(occurrence,), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("subversion", "Subversion", id="case"),
        pytest.param("subversion", "“subversion”", id="curly_quotes"),
        pytest.param("nuclear sharing", "the nuclear-sharing", id="article_and_hyphen"),
        pytest.param("global strategic stability", "global  strategic\nstability", id="spaces"),
    ],
)
def test_same_entry_after_english_folding(a: str, b: str) -> None:
    """English differing only in case, quotes, article, hyphen or spacing is one entry."""
    g = Glossary.from_terms([_term(a, "全球战略稳定", "a.txt"), _term(b, "全球战略稳定", "b.txt")])
    [entry] = g
    assert entry.english == a
    assert entry.sources == ("a.txt", "b.txt")


def test_chinese_punctuation_and_width_fold() -> None:
    """Full- and half-width brackets or spaced ellipses in the Chinese do not split an entry."""
    g = Glossary.from_terms(
        [
            _term("closely coordinate and cooperate", "密切……协调和配合", "a.txt"),
            _term("closely coordinate and cooperate", "密切 … 协调和配合", "b.txt"),
        ]
    )
    assert len(g) == 1


def test_different_english_stays_visible_as_variants() -> None:
    """One Chinese in two English renderings is two entries, each the other's variant."""
    g = Glossary.from_terms(
        [_term("Tanka people", "疍家", "24.txt", 3), _term("Boat People", "疍家", "24.txt", 9)]
    )
    assert [t.english for t in g] == ["Tanka people", "Boat People"]
    assert [t.english for t in g.variants(g.terms[0])] == ["Boat People"]


def test_conflicts_report_counts_and_sources() -> None:
    """conflicts() lists one Chinese with several English, counted, with their sources."""
    g = Glossary.from_terms(
        [
            _term("subversion", "颠覆", "a.txt", 1),
            _term("subversion", "颠覆", "b.txt", 4),
            _term("overthrow", "颠覆", "c.txt", 2),
            _term("nuclear sharing", "核共享", "a.txt", 5),
        ]
    )
    [conflict] = g.conflicts()
    assert conflict.kind is ConflictKind.ENGLISH
    assert conflict.form == "颠覆"
    assert [(r.text, r.count, r.sources) for r in conflict.renderings] == [
        ("subversion", 2, ("a.txt", "b.txt")),
        ("overthrow", 1, ("c.txt",)),
    ]


def test_conflicts_report_one_english_with_several_chinese() -> None:
    """One English written with two different Chinese is a conflict of the other kind."""
    g = Glossary.from_terms(
        [_term("involution", "内卷", "16.txt"), _term("Involution", "卷", "17.txt")]
    )
    [conflict] = g.conflicts()
    assert conflict.kind is ConflictKind.CHINESE
    assert sorted(r.text for r in conflict.renderings) == ["内卷", "卷"]


def test_curated_fields_survive_merging_either_way() -> None:
    """A translator's note, status and domain survive a merge with freshly extracted terms."""
    mine = Glossary.from_terms(
        [
            Term(
                "subversion",
                "颠覆",
                "顛覆",
                "diānfù",
                note="PRC criminal law",
                status=Status.PREFERRED,
                domain="law",
            )
        ]
    )
    fresh = Glossary.from_terms([_term("Subversion", "颠覆", "new.txt", 7)])
    for merged in (mine.merge(fresh), fresh.merge(mine)):
        [entry] = merged
        assert (entry.note, entry.status, entry.domain) == (
            "PRC criminal law",
            Status.PREFERRED,
            "law",
        )
        assert entry.sources == ("new.txt",)


def test_first_side_wins_status_and_notes_combine() -> None:
    """Conflicting curated fields: the left side's status wins, notes of both are kept."""
    left = Term("subversion", "颠覆", status=Status.ADMITTED, note="court usage")
    right = Term("subversion", "颠覆", status=Status.DEPRECATED, note="press usage")
    merged = merge_terms([left, right])
    assert merged.status is Status.ADMITTED
    assert merged.note == "court usage; press usage"


def test_merging_twice_changes_nothing() -> None:
    """A glossary merged with itself keeps its entries and occurrences (no duplicates)."""
    g = Glossary.from_terms(
        [_term("subversion", "颠覆", "a.txt"), _term("overthrow", "颠覆", "b.txt")]
    )
    twice = g.merge(g)
    assert list(twice) == list(g)
    assert [t.occurrences for t in twice] == [t.occurrences for t in g]


def test_load_and_merge_tsv_with_json(tmp_path: Path) -> None:
    """Files in different formats load into one merged glossary with all their sources."""
    a = Glossary.from_terms([_term("subversion", "颠覆", "a.txt")])
    b = Glossary.from_terms([_term("Subversion", "颠覆", "b.txt")])
    a.save(tmp_path / "a.tsv")
    b.save(tmp_path / "b.json")
    [entry] = Glossary.load(tmp_path / "a.tsv", tmp_path / "b.json")
    assert entry.sources == ("a.txt", "b.txt")


def _shared_gold_pairs() -> set[tuple[str, str]]:
    """(English, Chinese) translations the gold lists for both seed documents."""
    by_doc: dict[str, set[tuple[str, str]]] = {}
    with SEEDS_GOLD.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["kind"] == "translation":
                pair = (fold_english(row["english"]), fold_chinese(row["other"]))
                by_doc.setdefault(row["doc"], set()).add(pair)
    docs = list(by_doc.values())
    return set.intersection(*docs)


@pytest.mark.skipif(not SEEDS_GOLD.is_file(), reason=f"seed gold not found at {SEEDS_GOLD}")
def test_seed_documents_share_terms_once_with_both_sources() -> None:
    """Merging both seeds: each translation they share is one entry listing both documents."""
    from glossary.extraction import extract_files

    seeds = sorted(SEEDS.glob("*.txt"))
    g = Glossary.from_terms(extract_files(seeds))
    shared = _shared_gold_pairs()
    assert len(shared) == 4  # the acceptance count, read from the gold
    for english, chinese in shared:
        entries = [
            t
            for t in g
            if fold_english(t.english) == english and fold_chinese(t.chinese) == chinese
        ]
        assert len(entries) == 1, (english, chinese)
        assert {Path(s).name for s in entries[0].sources} == {p.name for p in seeds}


@cache
def _dev_glossary() -> Glossary:
    from glossary.extraction import extract_files
    from glossary.normalise import normalise_term

    files = sorted(DEV_CORPUS.glob("*.txt"))
    return Glossary.from_terms(normalise_term(t) for t in extract_files(files))


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason=f"dev corpus not found at {DEV_CORPUS}")
def test_dev_corpus_conflicts_are_real_variants() -> None:
    """conflicts on the dev corpus: each has distinct renderings, each found somewhere."""
    conflicts = _dev_glossary().conflicts()
    assert conflicts
    for c in conflicts:
        fold = fold_english if c.kind is ConflictKind.ENGLISH else fold_chinese
        assert len({fold(r.text) for r in c.renderings}) == len(c.renderings) >= 2
        assert all(r.count >= 1 and r.sources for r in c.renderings)
    assert any(c.kind is ConflictKind.ENGLISH for c in conflicts)
    assert any(c.kind is ConflictKind.CHINESE for c in conflicts)


def test_format_conflicts_aligns_renderings() -> None:
    """The conflicts report names the shared form, then one aligned row per rendering."""
    g = Glossary.from_terms(
        [_term("Tanka people", "疍家", "24.txt"), _term("Boat People", "疍家", "24.txt")]
    )
    lines = format_conflicts(g.conflicts()).splitlines()
    assert lines[0] == "疍家: one Chinese, several English"
    assert lines[1].index(" 1 ") == lines[2].index(" 1 ")
    assert format_conflicts([]) == "no conflicts"


def test_conflicts_json() -> None:
    """conflicts --format json: kind, form, renderings with counts and sources."""
    g = Glossary.from_terms(
        [_term("Tanka people", "疍家", "24.txt"), _term("Boat People", "疍家", "x.txt")]
    )
    [doc] = json.loads(conflicts_to_json(g.conflicts()))
    assert doc["kind"] == "english"
    assert doc["form"] == "疍家"
    assert {r["text"]: r["sources"] for r in doc["renderings"]} == {
        "Tanka people": ["24.txt"],
        "Boat People": ["x.txt"],
    }


def test_default_glossary_is_read_once() -> None:
    """Glossary.default() reads the shipped file once and shares the result."""
    assert Glossary.default() is Glossary.default()
    assert len(Glossary.default()) > 0


def test_merged_entry_keeps_its_best_confidence() -> None:
    """A merged entry's confidence is that of its most confident occurrence, whatever the
    order the documents came in."""
    from glossary.glossary import merge_terms

    low = Term("subversion", "颠覆", "顛覆", "diānfù", confidence=0.4)
    high = Term("Subversion", "颠覆", "顛覆", "diānfù", confidence=0.9)
    hand = Term("subversion", "颠覆", "顛覆", "diānfù")
    assert merge_terms([low, high]).confidence == 0.9
    assert merge_terms([high, hand, low]).confidence == 0.9
    assert merge_terms([hand]).confidence is None
