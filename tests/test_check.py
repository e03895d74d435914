"""The check stage: matchers (tests/cases/check_*.tsv), documents, translations, annotation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casetables import params
from glossary.check import Checker, Finding, FindingKind, annotate, check_document, find_terms
from glossary.check.chinese import ChineseMatcher
from glossary.check.english import EnglishMatcher, Folded
from glossary.glossary import Glossary
from glossary.model import Status, Term

ROOT = Path(__file__).resolve().parents[1]
SEED_1 = ROOT / "examples" / "000_c5ba7a19ec981afd.txt"
SEED_2 = ROOT / "examples" / "001_5a30b6f9219de20d.txt"


def _expected(row: dict[str, str]) -> list[str]:
    return [] if row["found"] == "-" else row["found"].split("|")


@pytest.mark.parametrize("row", params("check_english.tsv"))
def test_english_case(row: dict[str, str]) -> None:
    """Each row's English terms are found in its text exactly where the row says."""
    terms = [t.partition("=") for t in row["terms"].split("|")]
    matcher = EnglishMatcher([[english] for english, _, _ in terms], [a for _, _, a in terms])
    hits = matcher.find(row["text"])
    assert [h.text for h in hits] == _expected(row)
    assert all(row["text"][h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize("row", params("check_chinese.tsv"))
def test_chinese_case(row: dict[str, str]) -> None:
    """Each row's Chinese terms are found in its text exactly where the row says."""
    matcher = ChineseMatcher([[t] for t in row["terms"].split("|")])
    hits = matcher.find(row["text"])
    assert [h.text for h in hits] == _expected(row)
    assert all(row["text"][h.start : h.end] == h.text for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "  lead and trail  ",
        "“quoted”  — and -- dashed\n\n  lines",
        "İstanbul’s “İ” case",
        "",
    ],
)
def test_folded_offsets_map_back(text: str) -> None:
    """Every folded word maps back to the same word, case aside, in the original."""
    folded = Folded(text)
    position = 0
    for word in folded.text.split(" "):
        start = folded.text.index(word, position) if word else position
        position = start + len(word)
        if word:
            a, b = folded.span(start, position)
            assert Folded(text[a:b]).text.strip() == word


@given(st.text(alphabet="ab Ü颠.,-“”—_\xa0 \n\t(（・", max_size=200), st.integers(1, 12))
def test_folded_offsets_across_chunks(text: str, chunk: int) -> None:
    """Folded chunk by chunk (tiny chunks here), the folded text is every word of the text
    between spaces, and every word maps back to itself."""
    import glossary.check.english as english

    saved = english.CHUNK
    english.CHUNK = chunk
    try:
        folded = Folded(text)
    finally:
        english.CHUNK = saved
    words = re.findall(r"\w+", text.lower())
    assert folded.text.split() == words
    assert folded.text.startswith(" ")
    assert folded.text.endswith(" ")
    assert "   " not in folded.text
    position = 0
    for word in words:
        position = folded.text.index(f" {word} ", position) + 1
        a, b = folded.span(position, position + len(word))
        assert text[a:b].lower() == word
        position += len(word)


# -- documents ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_1_glossary() -> Glossary:
    """The glossary extracted from seed 1 alone."""
    from glossary.extraction import extract_file
    from glossary.normalise import normalise_terms

    return Glossary.from_terms(normalise_terms(list(extract_file(SEED_1))))


def _uses(term: Term, text: str) -> bool:
    """An independent oracle: the term's English, Chinese or abbreviation stands in the
    text (English case and hyphen/space blind), by one regular expression per form."""
    import re

    for form, flags in ((term.english, re.I), (term.chinese, 0), (term.abbreviation, 0)):
        if form:
            body = re.escape(form).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
            if re.search(rf"(?<!\w){body}(?!\w)", text, flags):
                return True
    return False


def test_seed_2_against_seed_1_finds_every_shared_term(seed_1_glossary: Glossary) -> None:
    """check of seed 2 with seed 1's glossary finds every seed-1 term seed 2 uses, the
    ones seed 2 writes without Chinese too, and nothing else."""
    text = SEED_2.read_text(encoding="utf-8")
    findings = check_document(text, seed_1_glossary, str(SEED_2))
    found = {f.english for f in findings if f.kind is FindingKind.FOUND}
    used = {t.english for t in seed_1_glossary if _uses(t, text)}
    assert found == used
    english_only = {
        f.english for f in findings if f.kind is FindingKind.FOUND and f.found == f.english
    }
    assert {"nuclear sharing", "global strategic stability"} <= english_only  # no (中文) there
    assert not [f for f in findings if f.problem]


def test_near_miss_is_not_a_match(seed_1_glossary: Glossary) -> None:
    """A seed-1 term with one word changed is a near miss, not a match."""
    text = SEED_2.read_text(encoding="utf-8").replace(
        "“equal and indivisible security” (安全平等且不可分割)", "“equal and indivisible safety”"
    )
    findings = check_document(text, seed_1_glossary, "seed2")
    near = [f for f in findings if f.kind is FindingKind.NEAR_MISS]
    assert [(f.english, f.found) for f in near] == [
        ("equal and indivisible security", "equal and indivisible safety")
    ]
    assert "equal and indivisible security" not in {
        f.english for f in findings if f.kind is FindingKind.FOUND
    }


def test_inflection_is_not_a_near_miss() -> None:
    """A term in the plural is a match, and no near miss besides."""
    findings = check_document(
        "the regular bilateral prime ministerial meetings", Glossary.default(), "x"
    )
    assert [f.kind for f in findings] == [FindingKind.FOUND]


def test_deprecated_rendering_in_a_document() -> None:
    """A deprecated English rendering in a document is reported with the approved one."""
    g = [
        Term("subversion", "颠覆", "顛覆", "diānfù"),
        Term("overthrow", "颠覆", "顛覆", "diānfù", status=Status.DEPRECATED),
    ]
    [f] = check_document("the overthrow of the order", g, "a.txt")
    assert (f.kind, f.expected, f.found, f.segment) == (
        FindingKind.DEPRECATED,
        ("subversion",),
        "overthrow",
        1,
    )


def test_find_terms_defaults_to_the_shipped_glossary() -> None:
    """find_terms with no glossary uses the shipped one, both languages."""
    hits = find_terms("全球战略稳定 means global strategic stability")
    assert [h.text for h in hits] == ["全球战略稳定", "global strategic stability"]


# -- annotation -----------------------------------------------------------------------


def test_annotate_then_extract_round_trips() -> None:
    """annotate(document) then extract gives the glossary's pair for every annotated term."""
    from glossary.extraction import extract

    glossary = Glossary.default()
    bare = SEED_2.read_text(encoding="utf-8")
    for chinese in ("(颠覆)", "(安全平等且不可分割)", "(平等普遍善意)"):
        bare = bare.replace(" " + chinese, "")
    checker = Checker(glossary)
    annotated = annotate(bare, checker)
    assert annotated != bare
    glossed = {
        (t.english, t.chinese)
        for t in glossary
        if t.chinese and f"({t.chinese})" in annotated and f"({t.chinese})" not in bare
    }
    assert len(glossed) >= 5
    extracted = {(t.english.casefold(), t.chinese) for t in extract(annotated, "annotated")}
    for english, chinese in glossed:
        assert (english.casefold(), chinese) in extracted


def test_annotate_pinyin_round_trips() -> None:
    """With pinyin the gloss reads back as the pair and its given pinyin."""
    from glossary.extraction import extract

    checker = Checker(Glossary.default())
    annotated = annotate("They spoke of global strategic stability.", checker, pinyin=True)
    assert annotated == (
        "They spoke of global strategic stability (全球战略稳定, quánqiú zhànlüè wěndìng)."
    )
    [term] = extract(annotated, "a")
    assert (term.english, term.chinese, term.given_pinyin) == (
        "global strategic stability",
        "全球战略稳定",
        "quánqiú zhànlüè wěndìng",
    )


def test_annotate_leaves_glossed_terms_and_later_occurrences() -> None:
    """A term already glossed keeps its gloss; only the first occurrence is annotated."""
    checker = Checker(Glossary.default())
    text = "“nuclear sharing” (核共享) and nuclear sharing; subversion, then subversion."
    assert annotate(text, checker) == (
        "“nuclear sharing” (核共享) and nuclear sharing; subversion (颠覆), then subversion."
    )


def test_finding_json_has_the_interface_fields() -> None:
    """A finding's JSON carries the field names scripts rely on."""
    f = Finding(FindingKind.NEAR_MISS, "a.txt", 4, "x y z", "甲乙", ("x y z",), "x q z")
    assert set(f.to_json()) >= {
        "kind",
        "source",
        "segment",
        "english",
        "chinese",
        "expected",
        "found",
    }
    assert json.loads(json.dumps(f.to_json()))["kind"] == "near_miss"


def test_importing_the_check_stage_is_cheap() -> None:
    """import glossary.check loads no matcher library, XML reader or segmenter."""
    import subprocess
    import sys

    probe = (
        "import glossary, glossary.check, glossary.cli.check\n"
        "import sys\n"
        "heavy = ('ahocorasick', 'translate', 'lxml', 'jieba', 'opencc', 'pypinyin')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
