"""Extraction: every phenomenon in tests/cases/extract.tsv, plus whole-document checks."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from casetables import params
from glossary import Kind, extract


@pytest.mark.parametrize("row", params("extract.tsv"))
def test_case_table(row: dict[str, str]) -> None:
    """Each row's text yields exactly the pair in the row (or none when it is empty)."""
    terms = list(extract(row["text"], "case.txt"))
    expected = (
        [(row["english"], row["chinese"], row["abbreviation"], row["pinyin"])]
        if (row["english"] or row["chinese"].strip())
        else []
    )
    got = [(t.english, t.occurrences[0].chinese, t.abbreviation, t.given_pinyin) for t in terms]
    if expected and not expected[0][1]:
        got = [g for g in got if g[2]]  # acronym rows: only the acronym term is asked for
    elif expected:
        got = [g for g in got if g[1]]
    assert [(e, regex.sub(r"\s+", "", c), a, p) for e, c, a, p in got] == [
        (e, regex.sub(r"\s+", "", c), a, p) for e, c, a, p in expected
    ]


def test_offsets_refer_to_the_text_as_given() -> None:
    """With zero-width characters dropped for parsing, offsets still index the original text."""
    text = (
        "a\u200b\u200bb. These ideological formulations (tifa 提法\u200b) and “work unit” (单位)."
    )
    for term in extract(text):
        occ = term.occurrences[0]
        span = text[occ.start : occ.end]
        assert span.startswith(term.english.split()[0])
        assert span.rstrip(")").endswith(
            occ.chinese + "\u200b" if "\u200b" in span else occ.chinese
        )


def test_lines_are_counted_from_one() -> None:
    """The occurrence line is the line the bracket opens on."""
    text = "Title\n\nthe “nuclear sharing” (核共享)\nalliances and “subversion”\n(颠覆)"
    assert [(t.chinese, t.occurrences[0].line) for t in extract(text)] == [
        ("核共享", 3),
        ("颠覆", 5),
    ]


def test_kinds() -> None:
    """Chinese glosses are translations; a bare acronym bracket is an acronym."""
    text = "the Shanghai Cooperation Organization (SCO) and “subversion” (颠覆)"
    assert [t.kind for t in extract(text)] == [Kind.ACRONYM, Kind.TRANSLATION]


_PIECES = [
    *"abc XYZ()（）[]【】“”‘’\"'.,;:/-\n\u200b",
    "颠覆",
    "全球战略稳定",
    "lit.",
    "Simplified Chinese:",
    "(SCO)",
    "Wang Yi ",
    "the ",
    "neijuan/",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_text_extracts_without_error(text: str) -> None:
    """On any mix of brackets, quotes and Chinese, offsets stay in the text and end on a closer."""
    for term in extract(text):
        occ = term.occurrences[0]
        assert 0 <= occ.start < occ.end <= len(text)
        assert text[occ.end - 1] in ")）]】"
        assert term.chinese or term.abbreviation


def test_a_long_form_holding_the_acronym_is_no_expansion_of_it() -> None:
    """“TikTok refugees” (TikTok难民): TikTok is a word of the English, not its acronym."""
    terms = list(extract("The “TikTok refugees” (TikTok难民) joined RedNote."))
    assert [t.english for t in terms] == ["TikTok refugees"]
    assert all(not t.abbreviation for t in terms)


def test_another_bracket_after_a_gloss_renders_the_same_english() -> None:
    """A bracket right after one that glossed an English phrase is another Chinese for
    it, its occurrence running from the English through it; across a line break (where
    ``-j`` may cut the text into pieces) it is not."""
    text = "Cultivation (修炼 xiūliàn) (修真 xiūzhēn) is the core.\nAnd (修仙) too."
    terms = list(extract(text))
    assert [(t.english, t.chinese) for t in terms] == [
        ("Cultivation", "修炼"),
        ("Cultivation", "修真"),
    ]
    occ = terms[1].occurrences[0]
    assert text[occ.start : occ.end] == "Cultivation (修炼 xiūliàn) (修真 xiūzhēn)"
    assert terms[1].given_pinyin == "xiūzhēn"
    lines = list(extract("Cultivation (修炼)\n(修真) is the core."))
    assert [t.chinese for t in lines] == ["修炼"]
