"""Memory bounded by what is kept: readings spilled to disk give the in-memory output,
byte for byte, and the temporary folder never outlives the run."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import parallel
from glossary.cli import main
from glossary.extraction import read, settle, spill
from glossary.extraction.spill import ReadingStore
from glossary.inputs import InputOptions, pieces
from glossary.model import Occurrence

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))

CONFIDENT = "Young people speak of “letting it rot” (摆烂) at work."
UNSURE = "Many chose letting it rot (摆烂) over striving."


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """The examples, and two documents where corpus-level agreement moves a pair (a
    confident reading in one settles an unsure one in the other, so its offset moves)."""
    (tmp_path / "agree-a.txt").write_text(CONFIDENT * 3, encoding="utf-8")
    (tmp_path / "agree-b.txt").write_text(f"{UNSURE}\n\n{UNSURE}\n", encoding="utf-8")
    return [str(tmp_path / "agree-b.txt"), *map(str, SEEDS), str(tmp_path / "agree-a.txt")]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder temporary files go to, to see that the spill leaves nothing behind."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _extract(tmp_path: Path, name: str, corpus: list[str], *options: str) -> bytes:
    out = tmp_path / name
    assert main(["extract", *corpus, "-q", *options, "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.mark.parametrize(
    "options",
    [
        ("--format", "tsv"),
        ("--format", "json"),
        ("--format", "json", "--min-confidence", "0.5"),
        ("--format", "tsv", "--sort", "source"),
        ("--format", "json", "--sort", "pinyin"),
        ("--format", "md", "--sort", "english"),
    ],
)
def test_spilled_output_is_the_in_memory_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    corpus: list[str],
    scratch: Path,
    options: tuple[str, ...],
) -> None:
    """Past the threshold the readings go to SQLite; the output does not change."""
    in_memory = _extract(tmp_path, "memory.out", corpus, "-j", "1", *options)
    spilled: list[ReadingStore] = []
    close = ReadingStore.close

    def watched(self: ReadingStore) -> None:
        if self.spilled:
            spilled.append(self)
        close(self)

    monkeypatch.setattr(ReadingStore, "close", watched)
    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    assert _extract(tmp_path, "spilled.out", corpus, "-j", "1", *options) == in_memory
    assert spilled, "the tiny threshold did not spill"
    assert list(scratch.iterdir()) == []
    if "json" in options and "--min-confidence" not in options:
        doc = json.loads(in_memory)
        signals = [
            c["signals"]
            for t in doc["terms"]
            for o in t["occurrences"]
            for c in o["candidates"][:1]
        ]
        assert sum("agreement" in s for s in signals) >= 2  # agreement was in play


def test_spilled_output_with_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: list[str]
) -> None:
    """-j 2 spilling writes what -j 1 writes in memory."""
    in_memory = _extract(tmp_path, "memory.json", corpus, "-j", "1", "--format", "json")
    monkeypatch.setattr(parallel, "BATCH_CHARS", 2000)
    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    assert _extract(tmp_path, "two.json", corpus, "-j", "2", "--format", "json") == in_memory


def test_store_settles_like_settle_whatever_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spilled terms come back in settle's order, agreement applied, from readings
    in any order (ties at one position included: several keys read from one bracket),
    written and agreed a few rows at a time."""
    monkeypatch.setattr(spill, "_ROWS", 4)
    readings = [
        r
        for p in pieces(map(str, SEEDS), InputOptions(piece_chars=2000))
        for r in read(p.text, p.source, offset=p.offset, line=p.line)
    ]
    readings += read(CONFIDENT, "z.txt") + read(UNSURE, "y.txt") + read(UNSURE, "x.txt")
    for seed in range(3):
        random.Random(seed).shuffle(readings)
        expected = settle(readings)
        with ReadingStore(spill_after=10) as store:
            store.add(readings[:50])
            store.add(readings[50:])
            got = store.settle()
            assert store.spilled
            assert len(got) == len(expected)
            assert [(t, t.occurrences, t.confidence) for t in got] == [
                (t, t.occurrences, t.confidence) for t in expected
            ]
            agreed = [t for t in got if "agreement" in t.occurrences[0].candidates[0].signals]
            assert {"x.txt", "y.txt"} <= {t.occurrences[0].source for t in agreed}


def test_store_below_the_threshold_stays_in_memory() -> None:
    """A small run is settled in memory, as before."""
    readings = read(CONFIDENT, "a.txt") + read(UNSURE, "b.txt")
    with ReadingStore() as store:
        store.add(readings)
        assert not store.spilled
        assert store.settle() == settle(readings)


def test_temporary_folder_removed_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: list[str], scratch: Path
) -> None:
    """A run that fails while writing, after spilling, leaves no database behind, no
    temporary output, and the previous output as it was."""
    occurrences = spill.SpilledTerms.occurrences
    written: list[object] = []

    def failing(self: spill.SpilledTerms, entry: spill.Entry) -> Iterator[Occurrence]:
        if len(written) == 3:
            raise RuntimeError("the disk went away")
        written.append(entry)
        return occurrences(self, entry)

    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    monkeypatch.setattr(spill.SpilledTerms, "occurrences", failing)
    out = tmp_path / "out.tsv"
    out.write_text("before\n", encoding="utf-8")
    assert main(["extract", *corpus, "-q", "-j", "1", "-o", str(out)]) == 70
    assert written
    assert out.read_text(encoding="utf-8") == "before\n"
    assert list(scratch.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_extract_files_spills_to_the_same_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python API keeps a large corpus's readings on disk too, with the same result."""
    from glossary.extraction import extract_files

    in_memory = list(extract_files(SEEDS))
    monkeypatch.setattr(spill, "SPILL_AFTER", 3)
    spilled = list(extract_files(SEEDS))
    assert [(t, t.occurrences) for t in spilled] == [(t, t.occurrences) for t in in_memory]
    assert len(in_memory) > 20


def test_a_full_disk_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    corpus: list[str],
    scratch: Path,
) -> None:
    """No room for the spilled readings: one line naming the folder and what to do, exit
    1, no output, nothing left behind."""
    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    monkeypatch.setattr(spill, "_PRAGMAS", (*spill._PRAGMAS, "max_page_count=3"))
    out = tmp_path / "out.tsv"
    assert main(["extract", *corpus, "-q", "-j", "1", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"glossary: {scratch}: cannot keep the readings")
    assert "cannot keep the readings of a large corpus here (database or disk is full)" in err
    assert "set TMPDIR" in err
    assert not out.exists()
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("suffix", [".tsv", ".csv"])
def test_an_entry_found_ten_thousand_times_reads_back(tmp_path: Path, suffix: str) -> None:
    """A large corpus's TSV (or CSV) has sources cells longer than csv's default limit
    (128K)."""
    from glossary.formats import load, save
    from glossary.model import Term

    occurrences = tuple(
        Occurrence(f"crawl/doc{n:05d}.txt", n + 1, 0, 10, "subversion", "颠覆")
        for n in range(10_000)
    )
    path = tmp_path / f"big{suffix}"
    save([Term("subversion", "颠覆", "顛覆", "diānfù", occurrences=occurrences)], path)
    assert len(path.read_text(encoding="utf-8")) > 200_000
    (term,) = load(path)
    assert len(term.occurrences) == 10_000
    assert term.occurrences[-1].line == 10_000


def test_spilled_explain_and_standard_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], corpus: list[str]
) -> None:
    """--explain (read back one term at a time) and TSV on standard output (written a row
    at a time) are the same spilled or not."""
    args = ["extract", *corpus, "-q", "-j", "1", "--explain", "--min-confidence", "0.3"]
    assert main(args) == 0
    in_memory = capsys.readouterr()
    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    assert main(args) == 0
    spilled = capsys.readouterr()
    assert spilled.out == in_memory.out
    assert spilled.err == in_memory.err
    assert "agreement" in in_memory.err
    assert in_memory.out.count("\n") > 20
