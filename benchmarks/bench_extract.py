"""Extraction speed on the development corpus, run by hand (not part of the test suite).

    python benchmarks/bench_extract.py [CORPUS_DIR]

Prints the cold cost (a fresh interpreter: import, CC-CEDICT load on first alignment, one
pass) and the warm cost per pass and per bracket, each as a ratio against a baseline
measured in the same run (`python -c pass` for processes, a plain `str.count` scan of the
same text for in-process passes), because this machine is shared and noisy; the CPU time
of a warm pass (``time.process_time``, median of seven) is the steadiest figure.  To
compare with another checkout, run it with ``PYTHONPATH=OTHER/src``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _best(cmd: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "dev"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        print(f"no .txt files in {corpus}", file=sys.stderr)
        return 1
    texts = [f.read_text(encoding="utf-8") for f in files]
    size = sum(len(t) for t in texts)

    base = _best([sys.executable, "-c", "pass"])
    cold_code = (
        "import sys\nfrom glossary.extraction import extract_files\n"
        "n = sum(1 for _ in extract_files(sys.argv[1:]))\n"
    )
    cold = _best([sys.executable, "-c", cold_code, *map(str, files)])

    from glossary.extraction import extract

    brackets = sum(1 for t in texts for _ in extract(t))  # also warms the caches
    warm = []
    cpu = []
    scan = []
    for _ in range(7):
        t0 = time.perf_counter()
        c0 = time.process_time()
        for t in texts:
            for _ in extract(t):
                pass
        cpu.append(time.process_time() - c0)
        warm.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for t in texts:
            t.count("(")
        scan.append(time.perf_counter() - t0)
    w = statistics.median(warm)
    c = statistics.median(cpu)
    s = statistics.median(scan)
    print(f"corpus: {len(files)} files, {size:,} characters, {brackets} terms")
    print(f"python -c pass            {base * 1000:8.1f} ms")
    print(f"cold extract (process)    {cold * 1000:8.1f} ms   {cold / base:6.1f}x python -c pass")
    print(f"warm extract (one pass)   {w * 1000:8.1f} ms   {size / w / 1e6:6.2f} M chars/s")
    print(f"warm extract (CPU time)   {c * 1000:8.1f} ms   {size / c / 1e6:6.2f} M chars/s")
    print(f"warm per term             {w / max(brackets, 1) * 1e6:8.1f} µs")
    print(f"str.count scan baseline   {s * 1e6:8.1f} µs   warm pass = {w / s:,.0f}x the scan")
    return 0


if __name__ == "__main__":
    sys.exit(main())
