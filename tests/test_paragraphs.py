"""Reading a paragraph at a time, and replaying a paragraph read before (exactly)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.extraction import extract, read
from glossary.extraction.paragraphs import MEMO, _Memo, memo_off, paragraph_starts

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
TEXTS = sorted(DEV.glob("*.txt")) + sorted((DEV / "reverse").glob("*.txt"))


@pytest.mark.parametrize("path", TEXTS[::3], ids=lambda p: p.name[:12])
def test_a_replay_equals_a_fresh_reading(path: Path) -> None:
    """A document read again, under another name, further on in a larger text, gives
    the pairs a fresh reading gives there: replayed from the memo, not read."""
    text = path.read_text(encoding="utf-8")
    read(text, "first.txt")
    read(text, "first.txt")  # (now in the memo: a paragraph is kept when read again)
    hits_before = len(MEMO.kept)
    replayed = read(text, "second.txt", offset=1000, line=40)
    assert len(MEMO.kept) == hits_before  # nothing new was read
    with memo_off():
        fresh = read(text, "second.txt", offset=1000, line=40)
    assert replayed == fresh
    assert replayed  # (every development text has pairs)
    assert {r.occurrence.source for r in replayed} == {"second.txt"}


def test_a_paragraph_repeated_gives_its_pairs_where_it_stands_again() -> None:
    paragraph = "Both sides call it “subversion” (颠覆), he said.\nA second line."
    text = f"{paragraph}\n\n{paragraph}"
    first, second = (t.occurrences[0] for t in extract(text, "a.txt"))
    assert (first.line, second.line) == (1, 4)
    assert second.start - first.start == len(paragraph) + 2
    assert text[second.start : second.end] == text[first.start : first.end]


@pytest.mark.parametrize("path", TEXTS[1::4], ids=lambda p: p.name[:12])
def test_a_paragraph_reads_the_same_alone_and_in_its_document(path: Path) -> None:
    """What makes a replay exact: nothing outside a paragraph changes its pairs."""
    text = path.read_text(encoding="utf-8")
    starts = paragraph_starts(text)
    with memo_off():
        whole = read(text, "a.txt")
        alone = [
            r
            for start, end in zip(starts, [*starts[1:], len(text)], strict=True)
            for r in read(
                text[start:end], "a.txt", offset=start, line=text.count("\n", 0, start) + 1
            )
        ]
    assert whole == alone
    assert len(starts) > 10  # (a document of many paragraphs)


def test_a_headword_before_a_blank_line_is_glossed_by_the_bracket_after_it() -> None:
    text = "Red Spear Society\n\n(红枪会) was a rural militia of the 1920s."
    assert [(t.english, t.chinese) for t in extract(text)] == [("Red Spear Society", "红枪会")]


def test_page_furniture_does_not_end_a_paragraph() -> None:
    text = "the “integrated\n\n12 CNA REPORT\n\njoint operations” (一体化联合作战) spread"
    assert paragraph_starts(text) == [0]
    assert [t.english for t in extract(text)] == ["integrated joint operations"]


def _put(memo: _Memo, paragraph: str) -> None:
    memo.put(paragraph, (), None, 0, 1)


def test_a_paragraph_is_kept_the_second_time_it_is_read() -> None:
    """New text mostly never comes back: its first reading is only marked."""
    memo = _Memo()
    _put(memo, "a paragraph")
    assert memo.get("a paragraph") is None
    _put(memo, "a paragraph")
    assert memo.get("a paragraph") == (b"", None, 0, 1)


def test_the_memo_keeps_the_most_recently_used_within_its_budget() -> None:
    memo = _Memo(budget=30, longest=20)
    for p in ("a" * 10, "b" * 10, "c" * 15, "d" * 21):
        _put(memo, p)  # (seen once: marked, not kept)
    _put(memo, "a" * 10)
    _put(memo, "b" * 10)
    assert memo.get("a" * 10) is not None  # a is now the most recently used
    _put(memo, "c" * 15)  # 35 characters: b, the least recent, goes
    assert sorted(k[0] for k in memo.kept) == ["a", "c"]
    assert memo.size == 25 <= memo.budget
    _put(memo, "d" * 21)  # longer than the longest kept
    assert memo.get("d" * 21) is None
