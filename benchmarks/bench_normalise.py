"""Benchmark: the cost of normalisation, cold (start-up) and warm (per term).

Run by hand: ``python benchmarks/bench_normalise.py [GOLD.tsv]``.  Prints absolute times
and ratios against baselines measured in the same run, so figures from different
machines compare:

- import: ``import glossary`` against ``python -c pass``, and ``import
  glossary.normalise`` against ``import glossary`` (each in a fresh interpreter); the
  second ratio must stay close to 1, since nothing heavy loads on import;
- start-up: the first normalised term, which loads OpenCC, jieba, pypinyin and
  CC-CEDICT, against ``python -c pass``;
- warm: per term over the term list after the caches are filled (the same strings
  again: the usual case when a glossary repeats terms), and per distinct new term
  (caches cleared, dictionaries kept), against a trivial per-term loop.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "pinyin_gold.tsv"
FALLBACK = ["全球战略稳定", "信息安全", "中俄总理定期会晤", "不为一时一事所惑", "銀行", "學生"]


def _subprocess_seconds(code: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def _terms(path: Path) -> list[str]:
    if not path.exists():
        return FALLBACK
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            row["chinese"] for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]


def main(argv: list[str] | None = None) -> int:
    """Measure and print; returns 0."""
    args = sys.argv[1:] if argv is None else argv
    chinese = _terms(Path(args[0]) if args else DEFAULT_GOLD)

    python = _subprocess_seconds("pass")
    package = _subprocess_seconds("import glossary")
    imported = _subprocess_seconds("import glossary.normalise")
    first = _subprocess_seconds(
        "from glossary.model import Term; from glossary.normalise import normalise_term; "
        "normalise_term(Term('global strategic stability', '全球战略稳定'))",
        repeat=1,
    )

    from glossary import pinyin, script
    from glossary.model import Term
    from glossary.normalise import normalise_terms

    terms = [Term(f"term {i}", c) for i, c in enumerate(chinese)]
    list(normalise_terms(terms))  # fill the dictionaries and the caches

    start = time.perf_counter()
    rounds = 5
    for _ in range(rounds):
        list(normalise_terms(terms))
    warm = (time.perf_counter() - start) / (rounds * len(terms))

    for f in (pinyin._to_pinyin, script._to_simplified, script._to_traditional):
        f.cache_clear()
    start = time.perf_counter()
    list(normalise_terms(terms))
    fresh = (time.perf_counter() - start) / len(terms)

    start = time.perf_counter()
    sink = [Term(t.english, t.chinese).replace(note="") for t in terms for _ in range(rounds)]
    trivial = (time.perf_counter() - start) / (rounds * len(terms))
    del sink

    print(f"terms: {len(terms)}")
    print(f"python -c pass:            {python * 1000:8.1f} ms (baseline)")
    print(f"import glossary:           {package * 1000:8.1f} ms  x{package / python:6.2f}")
    ratio = imported / package
    print(f"import glossary.normalise: {imported * 1000:8.1f} ms  x{ratio:6.2f} of the above")
    print(f"first term (loads all):    {first * 1000:8.1f} ms  x{first / python:6.2f}")
    print(f"trivial per-term loop:     {trivial * 1e6:8.2f} us (baseline)")
    print(f"warm, cached string:       {warm * 1e6:8.2f} us  x{warm / trivial:6.1f}")
    print(f"warm, new string:          {fresh * 1e6:8.2f} us  x{fresh / trivial:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
