"""The reverse direction: every phenomenon in tests/cases/reverse.tsv, plus whole-text checks.

Columns of ``reverse.tsv``: ``label`` (the phenomenon), ``text`` (Chinese prose),
``english``, ``chinese`` and ``abbreviation`` (the pair expected, all empty when the text
must yield nothing; the Chinese is compared without whitespace), ``note``.  A label
starting ``limit-`` marks a known limit (a strict xfail).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from casetables import params
from glossary import Kind, extract
from glossary.cli import main
from glossary.model import Direction


def _pairs(text: str) -> list[tuple[str, str, str]]:
    return [
        (t.english, regex.sub(r"\s+", "", t.occurrences[0].chinese), t.abbreviation)
        for t in extract(text, "case.txt")
    ]


def _rows() -> list[object]:
    """The case rows; a ``limit-…`` row is a known limit, a strict xfail giving its note."""
    out: list[object] = []
    for p in params("reverse.tsv"):
        (row,) = p.values
        if p.id.startswith("limit-"):
            p = pytest.param(row, marks=pytest.mark.xfail(strict=True, reason=row["note"]), id=p.id)
        out.append(p)
    return out


@pytest.mark.parametrize("row", _rows())
def test_case_table(row: dict[str, str]) -> None:
    """Each row's text yields exactly the pair in the row (or none when it is empty)."""
    expected = (
        [(row["english"].strip(), regex.sub(r"\s+", "", row["chinese"]), row["abbreviation"])]
        if row["chinese"].strip() or row["english"].strip()
        else []
    )
    assert _pairs(row["text"]) == expected


def test_occurrence_records_direction_confidence_and_candidates() -> None:
    """A zh-en pair says so, with a confidence from 0 to 1 and its chosen span first."""
    (term,) = extract("他曾在国家安全部（Ministry of State Security）工作多年。")
    occ = term.occurrences[0]
    assert occ.direction is Direction.ZH_EN
    assert occ.confidence is not None
    assert 0 < occ.confidence <= 1
    assert term.confidence == occ.confidence
    assert occ.candidates[0].text == "国家安全部"
    assert [c.score for c in occ.candidates] == sorted(
        (c.score for c in occ.candidates), reverse=True
    )


def test_offsets_run_from_the_chinese_through_the_closing_bracket() -> None:
    """``start`` is where the Chinese begins, ``end`` after the closer, in the text as given."""
    text = "第一段。\n\n近年来\u200b机器学习（Machine Learning，ML）发展迅速。"
    (term,) = extract(text)
    occ = term.occurrences[0]
    assert text[occ.start : occ.end] == "机器学习（Machine Learning，ML）"
    assert occ.line == 3


def test_acronym_alone_is_an_acronym_term() -> None:
    """``中文（ABBR）`` gives the Chinese with its abbreviation and no English."""
    (term,) = extract("他后来供职于联合国难民署（UNHCR）。")
    assert (term.kind, term.english, term.chinese, term.abbreviation) == (
        Kind.ACRONYM,
        "",
        "联合国难民署",
        "UNHCR",
    )


def test_one_document_reads_both_directions() -> None:
    """The direction is decided per sentence, so an English and a Chinese paragraph mix."""
    text = (
        "The Ministry of State Security (国家安全部) runs the case.\n\n"
        "报道称，国家安全部（Ministry of State Security）否认了这一说法。"
    )
    got = [(t.english, t.chinese, t.occurrences[0].direction) for t in extract(text)]
    assert got == [
        ("Ministry of State Security", "国家安全部", Direction.EN_ZH),
        ("Ministry of State Security", "国家安全部", Direction.ZH_EN),
    ]


def test_an_english_sentence_among_chinese_lines_is_english() -> None:
    """A sentence with English words and no Chinese outside its brackets is English, even
    in a paragraph of Chinese lines (no blank line between them)."""
    text = (
        "她主演的新片下月上映。\n"
        "Her book Mao, Stalin, and the Korean War (毛泽东、斯大林与朝鲜战争) sold well.\n"
        "该书的中文版随后出版，评论界反响热烈，多家媒体刊发了书评。\n"
    )
    got = [(t.english, t.chinese, t.occurrences[0].direction) for t in extract(text)]
    assert got == [("Mao, Stalin, and the Korean War", "毛泽东、斯大林与朝鲜战争", Direction.EN_ZH)]


def test_a_lost_middle_dot_is_written_as_a_dot() -> None:
    """The term writes the dot an encoding lost as a middle dot; the occurrence keeps the
    question mark of the text, where the name stands as written."""
    (term,) = extract("历史学家约翰?刘易斯?盖迪斯(John Lewis Gaddis)认为冷战是长期和平。")
    assert (term.english, term.chinese) == ("John Lewis Gaddis", "约翰·刘易斯·盖迪斯")
    assert term.occurrences[0].chinese == "约翰?刘易斯?盖迪斯"


def test_english_endnote_with_a_long_chinese_title_stays_english() -> None:
    """A line of an English endnote dominated by a Chinese title is still English prose."""
    text = (
        "12 Wang Yi (王毅), “On Building a Community with a Shared Future,”\n"
        "(关于构建人类命运共同体的讲话全文及其在国际社会引起的广泛反响与深远影响), "
        "Xinhua (新华社), 2021.\n"
    )
    got = [(t.english, t.chinese, t.occurrences[0].direction) for t in extract(text)]
    assert ("Wang Yi", "王毅", Direction.EN_ZH) in got
    assert all(d is Direction.EN_ZH for _, _, d in got)
    assert any(c.startswith("关于构建") for _, c, _ in got)


def test_json_output_names_the_direction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``glossary extract --format json`` writes ``direction`` on every occurrence."""
    src = tmp_path / "zh.txt"
    src.write_text("会议由約翰・史密斯（John Smith）主持。", encoding="utf-8")
    assert main(["extract", str(src), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (occ,) = doc["terms"][0]["occurrences"]
    assert (occ["direction"], occ["english"], occ["chinese"]) == (
        "zh-en",
        "John Smith",
        "約翰・史密斯",
    )


_PIECES = [
    *"（）()“”「」《》，。、；: ·\n\u200b",
    "国家安全部",
    "機器學習",
    "的",
    "是",
    "Ministry of State Security",
    "ML",
    "UNHCR",
    "Dana Moss",
    "2019年",
    "https://x.org",
    "达娜",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_chinese_text_extracts_without_error(text: str) -> None:
    """On any mix of Chinese, English and brackets, a zh-en span starts before its bracket,
    ends on the closer, and its Chinese stands in the text."""
    for term in extract(text):
        occ = term.occurrences[0]
        assert 0 <= occ.start < occ.end <= len(text)
        assert text[occ.end - 1] in ")）]】"
        if occ.direction is Direction.ZH_EN:
            assert occ.chinese in text[occ.start : occ.end]
            assert occ.confidence is not None
            assert 0 <= occ.confidence <= 1
