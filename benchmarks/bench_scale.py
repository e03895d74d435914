"""Throughput and memory of ``glossary extract`` on large corpora, run by hand.

    python benchmarks/bench_scale.py [--sizes 5,50,500] [--jobs 1,2] [--format json] [CORPUS_DIR]
    python benchmarks/bench_scale.py --dask 1,2 [--sizes 20] [CORPUS_DIR]

For each size (MB) a corpus is generated in a temporary folder by repeating the texts of
CORPUS_DIR (default: the shared development corpus, else ``examples/``) into files of
about 1 MB; it is never kept.  Each run is a whole ``glossary extract DIR -j N`` process;
printed are wall and CPU seconds (the workers' included), MB/s of wall and of CPU time
(the one to compare on a loaded machine), and the peak resident memory of the largest
process (the one that collects the readings).  Files are read one at a time in bounded
pieces, and past :data:`glossary.extraction.spill.SPILL_AFTER` pairs the readings go to a
temporary SQLite file and the output (TSV, or JSON with ``--format json``) is written
entry by entry, so the peak stops growing with the corpus: it grows with the distinct
terms.  The machine is shared: quote
``uptime`` with the figures.

With ``--dask``, the extraction step alone (read and settle, no normalisation) runs on a
``distributed.LocalCluster`` of that many single-threaded worker processes, beside the
same step in one process: medians of ``--repeat`` runs (default 3) of the wall time, the
CPU time of the workers (all, and the busiest one's: the wall time of an idle cluster)
and that of this process (the client, which gathers and settles the readings), over the
corpus's many files and over the same text in one file, read whole by one worker and in
byte ranges of ``--split-mb`` MB (default 4) spread over the workers.  The workers load
their dictionaries before the clock starts.  ``same`` says whether the terms equal the
one-process terms of the same input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Runs the command as a child and prints its CPU seconds and the peak RSS (KiB) of the
# largest process among it and its workers: a fresh parent per run, so the peak is this
# run's alone.
_WRAPPER = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss)
"""


def _corpus(source: Path, megabytes: int, folder: Path) -> int:
    texts = [p.read_bytes() for p in sorted(source.glob("*.txt"))]
    blob = b"\n\n".join(texts)
    per_file = b"\n\n".join([blob] * max(1, (1 << 20) // len(blob)))
    total = 0
    n = 0
    while total < megabytes << 20:
        (folder / f"doc{n:05d}.txt").write_bytes(per_file)
        total += len(per_file)
        n += 1
    return total


def _pairs(out: Path) -> int:
    """The occurrences a TSV or JSON output holds."""
    if out.suffix == ".json":
        doc = json.loads(out.read_text(encoding="utf-8"))
        return sum(len(t["occurrences"]) for t in doc["terms"])
    # the csv module, as the TSV reader: a cell may hold a line break (in double quotes)
    csv.field_size_limit(1 << 30)  # the sources of an entry found 10,000 times
    rows = csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline=""), delimiter="\t")
    header = next(rows)
    column = header.index("sources")
    return sum(len(row[column].split("; ")) for row in rows if row[column])


def _run(folder: Path, jobs: int, out: Path) -> tuple[float, float, int]:
    cmd = [sys.executable, "-m", "glossary", "extract", str(folder), "-j", str(jobs), "-q"]
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *cmd, "-o", str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall, cpu, rss = done.stdout.split()
    return float(wall), float(cpu), int(rss)


def _timed(client: Any, paths: list[str], split_mb: int) -> tuple[float, float, float, float, Any]:
    """Wall seconds, worker CPU seconds (all, and the busiest worker's) and this process's
    CPU seconds of the extraction step on the cluster, and the terms; a plain file over
    ``split_mb`` MB is read in byte ranges (0: whole)."""
    from glossary.distributed import read_files, settle_bag
    from glossary.inputs import InputOptions

    options = InputOptions(split_bytes=split_mb << 20)
    before = client.run(time.process_time)
    t0, c0 = time.perf_counter(), time.process_time()
    terms = settle_bag(read_files(paths, options), scheduler=client)
    wall, here = time.perf_counter() - t0, time.process_time() - c0
    after = client.run(time.process_time)
    used = [after[w] - before[w] for w in before]
    assert terms
    return wall, sum(used), max(used), here, terms


def _row(mb: float, label: str, where: str, times: list[tuple[float, ...]], same: str) -> None:
    wall, cpu, busiest, here = (statistics.median(t[k] for t in times) for k in range(4))
    print(
        f"{mb:5.0f} {label:>9} {where:>22} {wall:8.1f} {cpu:8.1f} {busiest:9.1f} {here:8.1f} "
        f"{mb / wall:6.2f} {mb / cpu:8.2f} {same:>5}",
        flush=True,
    )


def _dask_table(
    source: Path, sizes: list[int], workers: list[int], split_mb: int, repeat: int
) -> None:
    """Many files of ~1 MB against the same text in one file, read whole or in ranges,
    each the median of ``repeat`` runs."""
    from distributed import Client, LocalCluster

    from glossary.extraction import settle
    from glossary.inputs import pieces
    from glossary.parallel import read_all

    print(
        f"{'MB':>5} {'input':>9} {'where':>22} {'wall s':>8} {'cpu s':>8} {'busiest s':>9} "
        f"{'here s':>8} "
        f"{'MB/s':>6} {'MB/cpu-s':>8} {'same':>5}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp, "corpus")
            folder.mkdir()
            mb = _corpus(source, size, folder) / (1 << 20)
            files = sorted(folder.iterdir())
            single = Path(tmp, "one.txt")
            with single.open("wb") as out:
                for k, path in enumerate(files):
                    out.write(b"\n\n" * (k > 0) + path.read_bytes())
            inputs = {"files": [str(folder)], "one file": [str(single)]}
            ones = {}
            for label, paths in inputs.items():
                times = []
                for _ in range(repeat):
                    t0, c0 = time.perf_counter(), time.process_time()
                    ones[label] = settle(read_all(pieces(paths)))
                    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                    times.append((wall, cpu, cpu, cpu))
                _row(mb, label, "one process", times, "")
            for n in workers:
                with (
                    LocalCluster(
                        n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0"
                    ) as cluster,
                    Client(cluster) as client,
                ):
                    # every worker loads its dictionaries before the clock starts
                    client.run(lambda: __import__("glossary.extraction").extraction.read("(颠覆)"))
                    for label, paths in inputs.items():
                        for split in [0, split_mb] if label == "one file" else [0]:
                            runs = [_timed(client, paths, split) for _ in range(repeat)]
                            same = all(r[4] == ones[label] for r in runs)
                            where = f"{n} worker{'s' * (n > 1)}"
                            where += f", {split} MB ranges" if split else ""
                            _row(mb, label, where, [r[:4] for r in runs], "yes" if same else "NO")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?")
    parser.add_argument("--sizes", default="5,50,500", help="corpus sizes in MB")
    parser.add_argument("--jobs", default="1,2", help="values of -j to run")
    parser.add_argument("--format", choices=("tsv", "json"), default="tsv", help="output")
    parser.add_argument("--dask", help="LocalCluster worker counts to run instead, e.g. 1,2")
    parser.add_argument(
        "--split-mb", type=int, default=4, help="with --dask: byte ranges of the one file (MB)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="with --dask: runs per figure")
    args = parser.parse_args()
    source = Path(args.corpus) if args.corpus else ROOT.parent / "shared" / "corpus" / "dev"
    if not any(source.glob("*.txt")):
        source = ROOT / "examples"
    load = os.getloadavg()
    print(f"corpus from {source}; load {load[0]:.2f} {load[1]:.2f}; {os.cpu_count()} cores")
    if args.dask:
        sizes = [int(s) for s in args.sizes.split(",")]
        workers = [int(n) for n in args.dask.split(",")]
        _dask_table(source, sizes, workers, args.split_mb, args.repeat)
        print(f"finished {time.strftime('%H:%M:%S')}; load {os.getloadavg()[0]:.2f}")
        return 0
    print(
        f"{'MB':>5} {'-j':>3} {'wall s':>8} {'cpu s':>8} {'MB/s':>6} {'MB/cpu-s':>8} "
        f"{'peak MiB':>9} {'pairs':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp, "corpus")
            folder.mkdir()
            total = _corpus(source, size, folder)
            outputs = []
            for jobs in (int(j) for j in args.jobs.split(",")):
                out = Path(tmp, f"out-{jobs}.{args.format}")
                wall, cpu, rss = _run(folder, jobs, out)
                pairs = _pairs(out)
                outputs.append(out.read_bytes())
                mb = total / (1 << 20)
                print(
                    f"{mb:5.0f} {jobs:3d} {wall:8.1f} {cpu:8.1f} {mb / wall:6.2f} "
                    f"{mb / cpu:8.2f} {rss / 1024:9.0f} {pairs:8d}",
                    flush=True,
                )
            same = all(o == outputs[0] for o in outputs)
            print(f"      outputs of every -j identical: {same}")
    print(f"finished {time.strftime('%H:%M:%S')}; load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
