"""Pinyin: the rule table in cases/pinyin.tsv, the pure helpers, laziness, overrides."""

from __future__ import annotations

import pytest

from casetables import heavy_modules_after, params
from glossary.pinyin import Style, compare_given, syllables, to_numbers, to_pinyin, toneless


@pytest.mark.parametrize("row", params("pinyin.tsv"))
def test_pinyin_table(row: dict[str, str]) -> None:
    """Each row's Chinese is written exactly as the row expects."""
    got = to_pinyin(row["chinese"], Style(row["style"]), english=row["english"] or None)
    assert got == row["expected"]


@pytest.mark.parametrize(
    ("marked", "numbered"),
    [
        pytest.param("zhànlüè wěndìng", "zhan4lve4 wen3ding4", id="split-inside-word"),
        pytest.param("xìnxī'ānquán", "xin4xi1an1quan2", id="apostrophe-dropped"),
        pytest.param("Xī'ān", "Xi1an1", id="capital-kept"),
        pytest.param("xuésheng", "xue2sheng", id="neutral-unnumbered"),
        pytest.param("Zhōng-É", "Zhong1-E2", id="hyphen-kept"),
        pytest.param("nǚ'ér", "nv3er2", id="u-umlaut-as-v"),
    ],
)
def test_to_numbers(marked: str, numbered: str) -> None:
    """Tone marks become numbers syllable by syllable, even inside a word."""
    assert to_numbers(marked) == numbered


def test_toneless_is_search_key() -> None:
    """The toneless key drops tones and case and writes ü as v."""
    assert toneless("Quánqiú Zhànlüè") == "quanqiu zhanlve"


def test_syllables_accepts_marks_and_numbers() -> None:
    """Marked and numbered spellings parse to the same syllables."""
    assert syllables("zhànlüè") == syllables("zhan4 lu:e4") == [("zhan", 4), ("lve", 4)]


@pytest.mark.parametrize(
    ("given", "ours", "same"),
    [
        pytest.param("huayuquan", "huàyǔquán", True, id="toneless-given-matches-letters"),
        pytest.param("huà yǔ quán", "huàyǔquán", True, id="spacing-ignored"),
        pytest.param("huàyù", "huàyǔ", False, id="given-tone-differs"),
        pytest.param("huayu", "huàyǔquán", False, id="missing-syllable"),
    ],
)
def test_compare_given(given: str, ours: str, same: bool) -> None:
    """Given pinyin is compared by letters always and by tones where it has them."""
    assert compare_given(given, ours) is same


def test_overrides_win_and_stay_local() -> None:
    """A caller's reading wins for that call only; the next call is unaffected."""
    assert to_pinyin("脉脉", overrides={"脉脉": "Mai4 mai4"}) == "Màimài"
    assert to_pinyin("脉脉") == "mòmò"


def test_override_word_is_kept_whole_when_segmenting() -> None:
    """An override key inside longer text is read as one word."""
    got = to_pinyin("意见行先", overrides={"行先": "xing2 xian1"})
    assert got == "yìjiàn xíngxiān"


def test_import_is_lazy() -> None:
    """Importing the normalisation modules loads none of the heavy dependencies."""
    code = "import glossary.pinyin, glossary.script, glossary.normalise, glossary.punctuation"
    assert heavy_modules_after(code + ", glossary.cedict") == []


def test_empty_and_non_chinese_text() -> None:
    """Text without Han passes through; empty text gives empty pinyin."""
    assert to_pinyin("") == ""
    assert to_pinyin("APEC") == "APEC"


def test_segmented_input_is_written_by_its_words() -> None:
    """A word list from any segmenter decides where words start and end."""
    assert to_pinyin(["大", "方向"]) == "dà fāngxiàng"
    assert to_pinyin("大方向") != to_pinyin(["大", "方向"])


@pytest.mark.xfail(strict=True, reason="known limits: readings that need sense or syntax")
@pytest.mark.parametrize(
    ("chinese", "expected"),
    [
        pytest.param("知之者不如好之者", "zhī zhī zhě bùrú hào zhī zhě", id="hao4-classical-love"),
        pytest.param("千金散尽还复来", "qiānjīn sàn jìn huán fù lái", id="huan2-classical-return"),
        pytest.param("不为风高浪急所扰", "bù wéi fēnggāo-làngjí suǒ rǎo", id="idiom-unknown"),
    ],
)
def test_known_limits(chinese: str, expected: str) -> None:
    """Readings we know we get wrong: a fix makes these pass and must move them out."""
    assert to_pinyin(chinese) == expected


def test_syllabic_nasals_do_not_break_a_reading() -> None:
    """Characters read as a syllabic m or n (呣 ḿ, 唔 ń, 呒 m̄) give a reading, never an error."""
    from glossary.pinyin import to_pinyin

    readings = [to_pinyin(c) for c in "呣唔呒"]
    assert all(readings), readings
    assert to_pinyin("唔该") == "wú gāi"
