"""Is the confidence useful?  Measured on the development corpus, run by hand.

    python benchmarks/confidence.py [CORPUS_DIR] [--threshold X]

Extracts the seeds and the dev texts, judges every pair against the gold with the
corpus scorer's own normalisation (``../shared/corpus/score.py``), and prints, for a
range of thresholds and for the documented default
(:data:`glossary.extraction.scoring.DEFAULT_MIN_CONFIDENCE`), how many of the wrong
pairs fall below it (a translator reviewing low-confidence pairs first finds them) and
how right the pairs above it are.  The goal: below the default at least half of the
wrong pairs, above it at least 99% right.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _scorer(corpus: Path) -> ModuleType:
    path = corpus.parent / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: the corpus scorer is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judged(corpus: Path) -> list[tuple[float, bool, str]]:
    """(confidence, right, description) for every pair extracted from the corpus."""
    from glossary.extraction import extract_files

    score = _scorer(corpus)
    seeds = sorted((corpus.parent.parent / "seeds").glob("*.txt"))
    files = seeds + sorted(corpus.glob("*.txt"))
    gold = score.load_gold([str(corpus / "gold")])
    by_doc: dict[str, list[dict[str, str]]] = collections.defaultdict(list)
    for row in gold:
        by_doc[row["doc"]].append(row)
    out = []
    for term in extract_files(files):
        for occ in term.occurrences:
            doc = os.path.basename(occ.source or "")
            rows = by_doc[doc]
            zh = score.han(occ.chinese)
            en = score.norm_en(occ.english)
            pairs = []
            if zh:
                pairs.append(("translation", zh))
            if occ.abbreviation:
                pairs.append(("acronym", occ.abbreviation.strip()))
            for kind, other in pairs:
                key = zh if kind == "translation" else other
                same = [
                    r
                    for r in rows
                    if (score.han(r["other"]) if kind == "translation" else r["other"].strip())
                    == key
                ]
                if any(r["kind"] == "optional" for r in same) and not any(
                    r["kind"] == kind for r in same
                ):
                    continue
                right = any(r["kind"] == kind and en in score.accepted(r) for r in same)
                conf = occ.confidence if occ.confidence is not None else 0.0
                out.append((conf, right, f"{doc}: {kind} {occ.english!r} / {other}"))
    return out


def report(pairs: list[tuple[float, bool, str]], threshold: float) -> tuple[int, int, int, int]:
    """(wrong below, wrong in all, right above, pairs above) at ``threshold``."""
    wrong = [p for p in pairs if not p[1]]
    below = [p for p in wrong if p[0] < threshold]
    above = [p for p in pairs if p[0] >= threshold]
    return len(below), len(wrong), sum(p[1] for p in above), len(above)


def main() -> int:
    from glossary.extraction.scoring import DEFAULT_MIN_CONFIDENCE

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    ap.add_argument("--threshold", type=float, default=DEFAULT_MIN_CONFIDENCE)
    a = ap.parse_args()
    pairs = judged(Path(a.corpus))
    print(f"{len(pairs)} pairs, {sum(not p[1] for p in pairs)} wrong")
    print("threshold  wrong below  pairs below  right above")
    for t in sorted({0.3, 0.4, 0.5, 0.6, 0.7, 0.8, a.threshold}):
        wb, w, ra, n = report(pairs, t)
        mark = "  <- default" if t == a.threshold else ""
        below = len(pairs) - n
        share = ra / max(n, 1)
        print(f"  {t:5.2f}    {wb:3d} / {w:<3d}    {below:5d}        {ra}/{n} = {share:.3f}{mark}")
    print("wrong pairs, lowest confidence first:")
    for conf, _, what in sorted(p for p in pairs if not p[1]):
        print(f"  {conf:.2f}  {what}")
    wb, w, ra, n = report(pairs, a.threshold)
    ok = wb * 2 >= w and ra >= 0.99 * n
    print(f"default {a.threshold}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
