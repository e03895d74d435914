"""Extraction throughput on the development corpus repeated, run by hand (not part of the tests).

    pip install -e '.[bench]'      # the Schwartz–Hearst ``abbreviations`` package
    python benchmarks/bench_extract.py [--mb 50] [--runs 3] [CORPUS_DIR]

The texts of CORPUS_DIR (default: the shared development corpus) are repeated, as
separate documents, until they make ``--mb`` MB of UTF-8; every figure is a median of
``--runs`` runs over all of it, the runs of the contenders interleaved so that a change
in the machine's load falls on all of them alike:

* **glossary**: :func:`glossary.extraction.extract` of each document, warm (one pass over
  the texts first loads CC-CEDICT, fills the per-string caches and marks the paragraphs
  in the memo of :mod:`glossary.extraction.paragraphs`; the next keeps them, and every
  later pass replays them: the figure for a corpus whose paragraphs repeat, as a crawl's
  boilerplate does);
* **glossary, no memo**: the same with the paragraph memo off, every paragraph read
  afresh (the per-string caches still warm): what reading costs;
* **glossary unseen**: the same on text that never repeats, where neither the memo nor
  the per-string caches help much: every pass over the texts (``--unseen-mb`` MB in all,
  5 by default) has the words of each sentence shuffled afresh, brackets and Chinese left
  where they stand (only the extraction is timed, not the shuffling);
* **glossary zh prose**: the Chinese-prose development texts (``dev/reverse``, English in
  brackets) repeated to ``--zh-mb`` MB (2 by default), memo off: every bracket there is
  read in the reverse direction, with jieba and CC-CEDICT, and far denser than in English
  prose;
* **abbreviations**: the Schwartz–Hearst algorithm of the ``abbreviations`` package
  (``extract_abbreviation_definition_pairs(doc_text=...)``) on the same documents: it
  finds acronyms only, where glossary reads every bracket in both directions;
* **glossary, no Han**: the same texts with every Han character replaced by a letter,
  memo off, so that no bracket yields a gloss of Chinese: the scan alone (brackets, direction,
  cheap tests, acronyms); from it, what reading one bracket of Han costs;
* **naive regex**: a bracket of Han found by one regex, the four words before it taken
  as its English: the floor of any bracket-anchored reader;
* **read+decode**: reading each file's bytes and decoding them as UTF-8.

"found" counts terms for glossary, pairs for abbreviations and the naive reader, and
characters for read+decode.

MB/s are of CPU time (``time.process_time``): the figure to compare on a shared machine,
with the load (``os.getloadavg``) printed before and after.  Also printed: the cold
cost of a whole ``glossary``-extracting process against ``python -c pass``.  To compare
with another checkout, run it with ``PYTHONPATH=OTHER/src``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex

from glossary.extraction.text import CLOSE, OPEN

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "corpus").is_dir()),
    ROOT.parent / "shared",
)
#: A bracket of Han, and the words before it: the naive reader.
NAIVE = regex.compile(r"[(（](\p{Han}+)[)）]")
WORDS_BEFORE = regex.compile(r"(?:[\p{L}’'-]+\s+){0,3}[\p{L}’'-]+\s*$")


def _naive(text: str) -> int:
    found = 0
    for m in NAIVE.finditer(text):
        english = WORDS_BEFORE.search(text, max(0, m.start() - 60), m.start())
        found += english is not None
    return found


#: A Han character, and a bracket holding one (no bracket inside): what the scan-alone
#: line replaces and counts.
HAN_CHAR = regex.compile(r"\p{Han}")
HAN_BRACKET = regex.compile(rf"[{OPEN}][^{OPEN}{CLOSE}]*\p{{Han}}[^{OPEN}{CLOSE}]*[{CLOSE}]")


#: A word the shuffle leaves in place: one holding a bracket or Chinese.
FIXED = regex.compile(r"[()（）\[\]【】\u2e80-\U0010ffff]")


def _shuffled(text: str, rnd: random.Random) -> str:
    """``text`` with the words of each sentence (split at ". " within each line) shuffled
    among themselves, the words holding a bracket or Chinese kept where they stand."""
    lines = []
    for line in text.split("\n"):
        sentences = []
        for sentence in line.split(". "):
            words = sentence.split(" ")
            free = [k for k, w in enumerate(words) if not FIXED.search(w)]
            moved = [words[k] for k in free]
            rnd.shuffle(moved)
            for k, w in zip(free, moved, strict=True):
                words[k] = w
            sentences.append(" ".join(words))
        lines.append(". ".join(sentences))
    return "\n".join(lines)


def _cold(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus" / "dev")
    ap.add_argument("--mb", type=float, default=50.0, help="MB of text to read (default 50)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each contender (median)")
    ap.add_argument(
        "--unseen-mb", type=float, default=5.0, help="MB of never-repeated text per run (5)"
    )
    ap.add_argument(
        "--zh-mb", type=float, default=2.0, help="MB of the Chinese-prose texts per run (2)"
    )
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.corpus}", file=sys.stderr)
        return 1
    texts = [f.read_text(encoding="utf-8") for f in files]
    size = sum(len(t.encode("utf-8")) for t in texts)
    copies = max(1, round(args.mb * 1e6 / size))
    docs = [(f"{k}/{f.name}", t) for k in range(copies) for f, t in zip(files, texts, strict=True)]
    total = size * copies

    from glossary.extraction import extract

    try:
        from glossary.extraction.paragraphs import memo_off
    except ImportError:  # a checkout from before the memo (PYTHONPATH=OTHER/src)
        from contextlib import nullcontext as memo_off

    terms = sum(1 for name, t in docs[: len(files)] for _ in extract(t, name))  # warms up

    def glossary_run() -> int:
        return sum(1 for name, t in docs for _ in extract(t, name))

    def no_memo_run() -> int:
        with memo_off():
            return glossary_run()

    zh_files = sorted((args.corpus / "reverse").glob("*.txt"))
    zh_texts = [f.read_text(encoding="utf-8") for f in zh_files]
    zh_size = sum(len(t.encode("utf-8")) for t in zh_texts)
    zh_copies = max(1, round(args.zh_mb * 1e6 / zh_size)) if zh_size else 0
    zh_docs = [
        (f"zh{k}/{f.name}", t)
        for k in range(zh_copies)
        for f, t in zip(zh_files, zh_texts, strict=True)
    ]
    for name, t in zh_docs[: len(zh_files)]:
        sum(1 for _ in extract(t, name))  # warms up

    def zh_run() -> int:
        with memo_off():
            return sum(1 for name, t in zh_docs for _ in extract(t, name))

    unseen_passes = max(1, round(args.unseen_mb * 1e6 / size))
    unseen_cpu: list[float] = []
    rnd = random.Random(0)

    def unseen_run() -> int:
        found = 0
        cpu = 0.0
        for k in range(unseen_passes):
            fresh = [
                (f"u{k}/{f.name}", _shuffled(t, rnd)) for f, t in zip(files, texts, strict=True)
            ]
            c0 = time.process_time()
            found += sum(1 for name, t in fresh for _ in extract(t, name))
            cpu += time.process_time() - c0
        unseen_cpu.append(cpu)
        return found

    # The same texts with every Han character replaced by a letter: no bracket yields a
    # gloss of Chinese, so this is the scan alone (brackets, direction, cheap tests, the
    # acronyms); the difference per bracket of Han is what reading one costs.
    no_han = [(f"nh/{f.name}", HAN_CHAR.sub("x", t)) for f, t in zip(files, texts, strict=True)]
    han_brackets = sum(len(HAN_BRACKET.findall(t)) for t in texts)

    def scan_run() -> int:
        with memo_off():
            return sum(1 for _ in range(copies) for name, t in no_han for _ in extract(t, name))

    def decode_run() -> int:
        return sum(len(f.read_bytes().decode("utf-8")) for _ in range(copies) for f in files)

    def naive_run() -> int:
        return sum(_naive(t) for _, t in docs)

    contenders: dict[str, Callable[[], int]] = {
        "glossary": glossary_run,
        "glossary, no memo": no_memo_run,
        "glossary unseen": unseen_run,
        "glossary, no Han": scan_run,
    }
    if zh_docs:
        contenders["glossary zh prose"] = zh_run
    try:
        import logging

        from abbreviations import schwartz_hearst

        logging.getLogger(schwartz_hearst.__name__).setLevel(logging.WARNING)

        def abbreviations_run() -> int:
            return sum(
                len(schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=t))
                for _, t in docs
            )

        contenders["abbreviations"] = abbreviations_run
    except ImportError:
        print("abbreviations is not installed (pip install -e '.[bench]'): no ratio to it")
    contenders["naive regex"] = naive_run
    contenders["read+decode"] = decode_run

    print(f"corpus: {len(files)} files, {size:,} bytes, x{copies} = {total / 1e6:.1f} MB")
    print(f"load before: {_load()}")
    cpu: dict[str, list[float]] = {name: [] for name in contenders}
    found: dict[str, int] = {}
    for _ in range(args.runs):
        for name, run in contenders.items():
            c0 = time.process_time()
            found[name] = run()
            cpu[name].append(time.process_time() - c0)
    print(f"load after:  {_load()}")
    print(f"{'':18}{'CPU s':>8}{'MB/s':>9}{'found':>13}  (median of {args.runs})")
    cpu["glossary unseen"] = unseen_cpu  # the extraction alone, not the shuffling
    rate = {}
    for name, times in cpu.items():
        c = statistics.median(times)
        size_run = {
            "glossary unseen": size * unseen_passes,
            "glossary zh prose": zh_size * zh_copies,
        }.get(name, total)
        rate[name] = size_run / c / 1e6
        print(f"{name:18}{c:8.2f}{rate[name]:9.1f}{found[name]:13,}")
    unseen_per_pass = statistics.median(unseen_cpu) / unseen_passes
    print(
        f"glossary unseen: {unseen_passes} passes of fresh text per run, "
        f"{unseen_per_pass * 1000:.1f} ms CPU per pass"
    )
    per_pass = statistics.median(cpu["glossary"]) / copies
    print(f"glossary per pass of the texts: {per_pass * 1000:.1f} ms CPU, {terms} terms")
    read_pass = statistics.median(cpu["glossary, no memo"]) / copies
    scan = statistics.median(cpu["glossary, no Han"]) / copies
    print(
        f"memo off: {read_pass * 1000:.1f} ms per pass; the scan alone (Han replaced by "
        f"letters) {scan * 1000:.1f} ms; reading a bracket of Han: "
        f"{(read_pass - scan) / max(1, han_brackets) * 1e6:.0f} µs ({han_brackets} per pass)"
    )
    if "abbreviations" in rate:
        for name in ("glossary", "glossary, no memo", "glossary unseen"):
            print(f"{name} / abbreviations: {rate[name] / rate['abbreviations']:.2f}x")
    base = _cold([sys.executable, "-c", "pass"])
    cold_code = (
        "import sys\nfrom glossary.extraction import extract_files\n"
        "n = sum(1 for _ in extract_files(sys.argv[1:]))\n"
    )
    cold = _cold([sys.executable, "-c", cold_code, *map(str, files)])
    print(f"cold extract (a process, wall): {cold:.2f} s = {cold / base:.0f}x python -c pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
