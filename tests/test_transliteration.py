"""Transliteration: characters that may say an English word by its sound, and words that
they do not say (glossary.extraction.transliteration)."""

from __future__ import annotations

import pytest

from glossary.extraction.transliteration import transliterated_runs, transliterates

#: Names and loanwords as Chinese writes them by sound (common renderings).
SAID = [
    ("Washington", "华盛顿"),
    ("Manhattan", "曼哈顿"),
    ("Obama", "奥巴马"),
    ("Kennedy", "肯尼迪"),
    ("Shakespeare", "莎士比亚"),
    ("Mozart", "莫扎特"),
    ("Kissinger", "基辛格"),  # 基 ji says ki
    ("Zendaya", "千黛亚"),  # 千 qian says zen
    ("Elizabeth", "伊丽莎白"),
    ("Michael", "迈克尔"),
    ("Theodore", "西奥多"),
    ("Omicron", "奥密克戎"),
    ("Juan", "胡安"),
    ("Pinochet", "皮诺切特"),
    ("Churchill", "丘吉尔"),
    ("Bristol", "布里斯托爾"),
    ("Marseille", "马赛"),
    ("Susquehanna", "萨斯奎汉纳"),
    ("Pangaea", "潘吉亚"),
    ("Brooklyn", "布鲁克林"),  # a cluster's liquid unsaid: br
]

#: Words and characters that do not say them.
NOT_SAID = [
    ("University", "大学"),
    ("Finance", "金融"),
    ("Knowledge", "知识"),
    ("Region", "范围"),
    ("Washington", "加拿大"),
    ("Athens", "希腊"),
    ("Tom", "汤姆"),  # three letters: too short to tell by sound
]


@pytest.mark.parametrize(("word", "han"), SAID, ids=[w for w, _ in SAID])
def test_common_transliterations_say_their_word(word: str, han: str) -> None:
    assert transliterates(word, han)


@pytest.mark.parametrize(("word", "han"), NOT_SAID, ids=[w for w, _ in NOT_SAID])
def test_other_words_do_not(word: str, han: str) -> None:
    assert not transliterates(word, han)


def test_accents_are_letters_and_the_first_sound_is_said_first() -> None:
    """José reads as jose; a run must open on the word's first sound (胡安 says Juan, but
    安 alone, which says only its end, does not)."""
    assert transliterates("José", "何塞")
    assert not transliterates("Juan", "安胡")


def test_the_run_found_is_the_one_that_says_all_of_the_word() -> None:
    """From each start, the run leaving least of the word unsaid: 萨斯奎汉纳, not 萨斯奎;
    a run from a later start (斯奎汉纳, leaving the Su unsaid) costs more."""
    runs = transliterated_runs("Susquehanna", "宾州的萨斯奎汉纳大学")
    assert min(runs, key=lambda r: r[2]) == (3, 8, 0)
    assert all(j == 8 and cost > 0 for i, j, cost in runs if i != 3)


def _sounded(run: str, english: str) -> list[tuple[int, int, int]]:
    from collections import Counter

    from glossary.extraction.chinese_evidence import Evidence, english_words
    from glossary.extraction.chinese_words import segment

    ev = Evidence(english_words(english), Counter(), segment(run))
    ev._align()
    return ev.sounded


def test_the_span_chooser_hears_names_not_common_words() -> None:
    """The reverse reader's evidence takes a transliteration for a name no dictionary
    knows (Susquehanna), never for a common English word, which Chinese translates
    (关键 sounds like "Clutch", but is "crucial")."""
    assert _sounded("他们在美国宾州的萨斯奎汉纳大学", "Susquehanna University") == [(8, 13, 0)]
    assert _sounded("比赛进入了关键时刻", "Clutch Time") == []
