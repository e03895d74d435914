"""Term normalisation: scripts, pinyin, the source form kept, given pinyin compared."""

from __future__ import annotations

import pytest

from glossary.model import Term
from glossary.normalise import Overrides, normalise_term, normalise_terms, pinyin_mismatch
from glossary.script import Standard


def test_simplified_source() -> None:
    """A simplified term gets its Taiwan traditional form and pinyin."""
    t = normalise_term(Term("Global Civilization Initiative", "全球文明倡议"))
    assert (t.chinese, t.traditional, t.pinyin) == (
        "全球文明倡议",
        "全球文明倡議",
        "Quánqiú Wénmíng Chàngyì",
    )


def test_traditional_source_form_wins() -> None:
    """A traditional source keeps its own form, not a re-conversion of the simplified."""
    t = normalise_term(Term("Tanka", "疍家"), standard=Standard.OPENCC)
    assert t.traditional == "疍家"
    t = normalise_term(Term("tiny", "裏面"), standard=Standard.TW)
    assert (t.chinese, t.traditional) == ("里面", "裏面")


def test_standard_is_selectable() -> None:
    """The traditional standard chooses the converted form."""
    assert normalise_term(Term("inside", "里面"), Standard.HK).traditional == "裏面"
    assert normalise_term(Term("inside", "里面"), Standard.TW).traditional == "裡面"


def test_punctuation_normalised_first() -> None:
    """Punctuation is normalised before the scripts and pinyin are made."""
    t = normalise_term(Term("x", "不针对第三方,也不受制于任何第三方"))
    assert t.chinese == "不针对第三方，也不受制于任何第三方"
    assert t.pinyin == "bù zhēnduì dì-sān fāng, yě bù shòuzhì yú rènhé dì-sān fāng"


def test_given_pinyin_kept_and_agreeing() -> None:
    """Agreeing given pinyin is kept and adds no note."""
    t = normalise_term(Term("discourse power", "话语权", given_pinyin="huayuquan"))
    assert t.given_pinyin == "huayuquan"
    assert t.note == ""


def test_given_pinyin_mismatch_is_reported() -> None:
    """Disagreeing given pinyin is kept and the mismatch is noted, not dropped."""
    t = normalise_term(
        Term("discourse power", "话语权", given_pinyin="huayuqian", note="seen twice")
    )
    assert t.given_pinyin == "huayuqian"
    assert t.note == "seen twice; given pinyin 'huayuqian' differs from 'huàyǔquán'"
    assert pinyin_mismatch(t) is not None


def test_overrides_reach_both_stages() -> None:
    """Per-glossary overrides change the pinyin and the traditional form."""
    o = Overrides(pinyin={"脉脉": "Mai4 mai4"}, traditional={"脉脉": "脈脈"})
    t = normalise_term(Term("Maimai", "脉脉"), overrides=o)
    assert (t.pinyin, t.traditional) == ("Màimài", "脈脈")


def test_term_without_chinese_is_unchanged() -> None:
    """An acronym or gloss row without Chinese passes through."""
    t = Term("Shanghai Cooperation Organization", abbreviation="SCO")
    assert normalise_term(t) == t


@pytest.mark.parametrize("count", [1, 3])
def test_normalise_terms_keeps_order(count: int) -> None:
    """normalise_terms yields one term per input, in order."""
    terms = [Term("bank", "银行"), Term("Beijing", "北京"), Term("student", "学生")][:count]
    out = list(normalise_terms(terms))
    assert [t.english for t in out] == [t.english for t in terms]
    assert all(t.pinyin for t in out)


def test_traditional_given_by_the_author_is_kept() -> None:
    """A traditional form labelled in the bracket wins over OpenCC's conversion."""
    from glossary.extraction import extract

    text = "the bank (Simplified Chinese: 银行; Traditional Chinese: 銀行) of"
    [term] = list(extract(text))
    assert term.traditional == "銀行"
    fake = term.replace(traditional="銀航")  # not what OpenCC would write: proves it is kept
    assert normalise_term(fake).traditional == "銀航"
