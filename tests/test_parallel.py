"""Every core: -j N gives the output of -j 1, byte for byte, whatever order workers finish."""

from __future__ import annotations

import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from glossary import parallel
from glossary.cli import main
from glossary.extraction import settle
from glossary.inputs import InputOptions, pieces

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture
def submissions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the batches handed to worker processes."""
    calls: list[int] = []
    submit = ProcessPoolExecutor.submit

    def counting(self: ProcessPoolExecutor, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return submit(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting)
    return calls


def test_two_workers_give_one_process_readings(submissions: list[int]) -> None:
    """Pieces of paragraphs read by two workers settle to the one-process terms."""
    options = InputOptions(piece_chars=400)
    one = settle(parallel.read_all(pieces(map(str, SEEDS), options), jobs=1))
    assert submissions == []
    parallel.BATCH_CHARS, saved = 1000, parallel.BATCH_CHARS
    try:
        two = settle(parallel.read_all(pieces(map(str, SEEDS), options), jobs=2))
    finally:
        parallel.BATCH_CHARS = saved
    assert len(submissions) > 4
    assert two == one
    assert len(one) > 20


def test_settle_ignores_arrival_order() -> None:
    """Readings arriving in any order (workers finishing out of turn) settle the same."""
    readings = parallel.read_all(pieces(map(str, SEEDS), InputOptions(piece_chars=400)))
    shuffled = readings[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert settle(shuffled) == settle(readings)


def test_cli_jobs_output_is_byte_identical(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    submissions: list[int],
) -> None:
    """glossary extract -j 2 writes exactly what -j 1 writes, in every format."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 2000)
    for fmt in ("tsv", "json"):
        one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
        assert main(["extract", *map(str, SEEDS), "-j", "1", "--format", fmt, "-o", str(one)]) == 0
        assert main(["extract", *map(str, SEEDS), "-j", "2", "--format", fmt, "-o", str(two)]) == 0
        assert two.read_bytes() == one.read_bytes()
    assert submissions


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    """-j 0 is a usage error."""
    assert main(["extract", "-", "-j", "0"]) == 2
    assert "at least 1 process" in capsys.readouterr().err


def test_small_input_stays_in_process(submissions: list[int]) -> None:
    """One batch of work is read here: starting workers would cost more than it saves."""
    assert len(parallel.read_all(pieces([str(SEEDS[1])]), jobs=8)) > 0
    assert submissions == []


def test_normalisation_in_workers_equals_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Distinct terms normalised by two workers give the one-process terms, occurrences kept."""
    from glossary.normalise import normalise_terms
    from glossary.script import Standard

    terms = settle(parallel.read_all(pieces(map(str, SEEDS))))
    monkeypatch.setattr(parallel, "NORMALISE_CHUNK", 5)
    two = parallel.normalise_all(terms, Standard.TW, jobs=2)
    one = list(normalise_terms(terms, Standard.TW))
    assert two == one
    assert [t.occurrences for t in two] == [t.occurrences for t in one]
    assert [t.confidence for t in two] == [t.confidence for t in one]


def test_bad_file_stops_a_parallel_run_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad input found while workers are busy stops the run: one line, no output file."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 2000)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"caf\xe9\n")
    out = tmp_path / "out.tsv"
    argv = ["extract", *map(str, SEEDS), str(bad), "-j", "2", "-o", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{bad}:1: byte 0xe9" in err[0]
    assert not out.exists()
