"""A cluster: extraction on a Dask LocalCluster equals the one-process result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.extraction import settle
from glossary.inputs import pieces

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-worker LocalCluster of separate processes; yields the scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # None still serves HTTP on 8787: clashes with other runs
        scheduler_port=0,
        silence_logs=50,
    ) as local:
        yield local.scheduler_address


def test_cluster_terms_equal_one_process(cluster: str) -> None:
    """read_files over two worker processes settles to the one-process terms."""
    from distributed import Client

    from glossary.distributed import extract_on, read_files, settle_bag
    from glossary.parallel import read_all

    one = settle(read_all(pieces(map(str, SEEDS))))
    with Client(cluster) as client:
        assert extract_on(client, list(map(str, SEEDS))) == one
        bag = read_files(list(map(str, SEEDS)), npartitions=2)
        assert bag.npartitions == 2
        assert settle_bag(bag, scheduler=client) == one
        workers = client.run(lambda: "glossary.extraction" in __import__("sys").modules)
        assert sorted(workers.values()) == [True, True]  # both workers did the reading


def test_cli_scheduler_output_is_byte_identical(cluster: str, tmp_path: Path) -> None:
    """glossary extract --scheduler ADDRESS writes exactly what a local run writes."""
    local, remote = tmp_path / "local.json", tmp_path / "remote.json"
    argv = ["extract", *map(str, SEEDS), "--format", "json", "-o"]
    assert main([*argv, str(local), "-j", "1"]) == 0
    assert main([*argv, str(remote), "--scheduler", cluster]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert len(json.loads(local.read_text(encoding="utf-8"))["terms"]) > 20


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_cli_scheduler_spills_like_a_local_run(
    cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Partitions from the cluster go into the reading store as they arrive, so a large
    corpus's readings spill to disk here too: the output is still a local run's."""
    from glossary.extraction import spill

    local, remote = tmp_path / f"local.{fmt}", tmp_path / f"remote.{fmt}"
    argv = ["extract", *map(str, SEEDS), "-o"]
    assert main([*argv, str(local), "-j", "1"]) == 0
    monkeypatch.setattr(spill, "SPILL_AFTER", 7)
    assert main([*argv, str(remote), "--scheduler", cluster, "--split-size", "2K"]) == 0
    assert remote.read_bytes() == local.read_bytes()


def test_jsonl_records_through_a_bag(cluster: str) -> None:
    """read_documents turns a bag of JSON records into readings with the record ids."""
    import dask.bag as db
    from distributed import Client

    from glossary.distributed import read_documents, settle_bag

    records = [
        {"id": f"doc-{i}", "text": path.read_text(encoding="utf-8")} for i, path in enumerate(SEEDS)
    ]
    with Client(cluster) as client:
        terms = settle_bag(
            read_documents(db.from_sequence(records, npartitions=2), field="text"),
            scheduler=client,
        )
    assert {o.source for t in terms for o in t.occurrences} == {"doc-0", "doc-1"}
    by_doc = [t for t in terms if t.occurrences[0].source == "doc-1"]
    assert [t.chinese for t in by_doc] == [
        t.chinese for t in settle(read_all_of(SEEDS[1], "doc-1"))
    ]


def read_all_of(path: Path, source: str) -> list[object]:
    """The one-process readings of ``path`` under the name ``source``."""
    from glossary.extraction import read

    return read(path.read_text(encoding="utf-8"), source)  # type: ignore[return-value]


def test_unreachable_scheduler_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A scheduler that does not answer is one error line, exit 1."""
    assert main(["extract", str(SEEDS[1]), "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "tcp://127.0.0.1:9: cannot reach the Dask scheduler" in err[0]


SPLIT = 300  # bytes: a tiny range size, so one small file is read as several ranges


def _split_corpus(path: Path) -> bytes:
    """A file whose 300-byte cuts fall on a blank line, inside a character of a line
    with no break near, and in a run of lines with no blank line; CRLF and LF both."""
    para = "Both sides call it “subversion” (颠覆) in the talks.\r\n\r\n"
    first = para + "x" * (SPLIT - len(para.encode()) - len(para.encode())) + para
    prose = "中文说明：国家安全部（Ministry of State Security）负责反间谍工作。"
    line = ("y" * (2 * SPLIT - 1 - len(first.encode()))) + prose * 8 + "\n"
    lines = "".join(f"line {i}: the “nuclear sharing” (核共享) deal\n" for i in range(12))
    data = (first + line + lines + para * 3).encode()
    path.write_bytes(data)
    return data


def test_one_large_file_is_read_in_ranges_on_the_workers(cluster: str, tmp_path: Path) -> None:
    """A file split into byte ranges read on two workers settles to the one-process terms
    of the same ranges, with offsets and lines of the whole file."""
    from distributed import Client

    from glossary.distributed import read_files, settle_bag
    from glossary.inputs import InputOptions, byte_ranges, find_cut
    from glossary.parallel import read_all

    path = tmp_path / "big.txt"
    data = _split_corpus(path)
    options = InputOptions(split_bytes=SPLIT)
    ranges = byte_ranges(str(path), options)
    assert len(ranges) == 7  # 2,088 bytes
    assert data[:SPLIT].endswith(b"\r\n\r\n")  # a blank line exactly at the first cut
    assert 0x80 <= data[2 * SPLIT] < 0xC0  # the second cut inside a character
    assert find_cut(data, 2 * SPLIT, SPLIT // 2) == 2 * SPLIT + 2  # no line end near it
    assert b"\n\n" not in data[3 * SPLIT - 150 : 4 * SPLIT + 150]  # lines, no blank line

    one = settle(read_all(pieces([str(path)], options)))
    with Client(cluster) as client:
        bag = read_files([str(path), str(SEEDS[0])], options)
        assert bag.npartitions == len(ranges) + len(byte_ranges(str(SEEDS[0]), options))
        terms = settle_bag(bag, scheduler=client)
        fewer = read_files([str(path)], options, npartitions=3)  # ranges grouped
        assert settle_bag(fewer, scheduler=client) == one
    assert [t for t in terms if t.occurrences[0].source == str(path)] == one
    assert terms == settle(read_all(pieces([str(path), str(SEEDS[0])], options)))

    text = data.decode().replace("\r\n", "\n")
    assert {t.chinese for t in one} >= {"颠覆", "核共享", "国家安全部"}
    for term in one:
        for occ in term.occurrences:
            found = text[occ.start : occ.end]
            assert occ.english in found
            assert (occ.chinese or occ.abbreviation) in found
            assert occ.line == text.count("\n", 0, occ.start) + 1
    lines = [o.line for t in one if t.chinese == "核共享" for o in t.occurrences]
    assert lines == list(range(6, 18))


def test_cli_split_size_on_the_cluster_writes_the_local_output(
    cluster: str, tmp_path: Path
) -> None:
    """extract --scheduler --split-size writes what a local run with the same split does."""
    path = tmp_path / "big.txt"
    _split_corpus(path)
    local, remote = tmp_path / "local.tsv", tmp_path / "remote.tsv"
    argv = ["extract", str(path), "--split-size", str(SPLIT), "-q", "-o"]
    assert main([*argv, str(local), "-j", "1"]) == 0
    assert main([*argv, str(remote), "--scheduler", cluster]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert "核共享" in local.read_text(encoding="utf-8")


def test_a_bad_byte_in_a_range_on_a_worker_is_the_local_error_line(
    cluster: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An undecodable byte found by a worker in its range is the one line a local run
    prints, with the offset and line in the whole file, exit 1."""
    path = tmp_path / "bad.txt"
    path.write_bytes(("“subversion” (颠覆)\n\n" * 20).encode() + "國家".encode("big5") + b"\n")
    argv = ["extract", str(path), "--split-size", "100", "-q"]
    assert main([*argv, "-j", "1"]) == 1
    local = capsys.readouterr().err
    assert main([*argv, "--scheduler", cluster]) == 1
    remote = capsys.readouterr().err
    assert remote == local
    assert remote.startswith(f"glossary: {path}:41: byte 0xb0 at offset 540 is not UTF-8")
    assert len(remote.splitlines()) == 1
