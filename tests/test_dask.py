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
        dashboard_address=None,
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
