"""Start-up cost of the commands people run most, run by hand (not part of the test suite).

    python benchmarks/bench_startup.py [--runs N] [--baseline-src DIR]

Each command runs as a whole process, ``--runs`` times; the medians are printed beside
``python -c pass`` measured in the same run (this machine is shared: compare ratios, and
quote ``uptime``).  The first ``extract`` runs against an empty cache folder (it builds
the compact dictionaries); the others reuse it.  With ``--baseline-src`` (say, the
``src`` folder of a checkout of main) the same commands also run on that code, for a
before/after in one run.  Bytecode is cached (in a temporary ``PYTHONPYCACHEPREFIX``,
whatever ``PYTHONDONTWRITEBYTECODE`` says), as it is for a package pip installed.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_lookup import bytecode_cached_env

ROOT = Path(__file__).resolve().parents[1]
SMALL = "what both sides call “subversion” (颠覆) and the “nuclear sharing” (核共享).\n"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU is steadier on a loaded machine)."""
    c0, t0 = _cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - t0, _cpu() - c0


def _median(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    times = [_time(cmd, env) for _ in range(runs)]
    return statistics.median(w for w, _ in times), statistics.median(c for _, c in times)


def _row(label: str, wall_cpu: tuple[float, float], base: tuple[float, float]) -> str:
    wall, cpu = wall_cpu
    return (
        f"{label:30} wall {wall:6.3f} s {wall / base[0]:6.1f}x   "
        f"cpu {cpu:6.3f} s {cpu / base[1]:6.1f}x"
    )


def _commands(doc: str) -> dict[str, list[str]]:
    glossary = [sys.executable, "-m", "glossary"]
    return {
        "extract one small file": [*glossary, "extract", doc, "-q"],
        "pinyin 全球战略稳定": [*glossary, "pinyin", "全球战略稳定"],
        "lookup 颠覆": [*glossary, "lookup", "颠覆"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-src", help="another glossary source tree to compare")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        doc = os.path.join(tmp, "small.txt")
        Path(doc).write_text(SMALL, encoding="utf-8")
        env = bytecode_cached_env(
            os.path.join(tmp, "pycache"), GLOSSARY_CACHE_DIR=os.path.join(tmp, "cache")
        )
        cmds = _commands(doc)
        first = _time(cmds["extract one small file"], env)  # builds the cache
        base = _median([sys.executable, "-c", "pass"], env, args.runs)
        load = os.getloadavg()
        print(
            f"load {load[0]:.2f} {load[1]:.2f} (1, 5 min), {os.cpu_count()} cores, "
            f"medians of {args.runs} runs; ratios against python -c pass"
        )
        print(_row("python -c pass", base, base))
        print(_row("extract, first run (builds)", first, base))
        for label, cmd in cmds.items():
            print(_row(label, _median(cmd, env, args.runs), base))
            if args.baseline_src:
                benv = dict(env, PYTHONPATH=os.path.abspath(args.baseline_src))
                cmd = [c for c in cmd if c != "-q"]
                _time(cmd, benv)  # its own warm-up (jieba's cache in /tmp)
                print(_row("  baseline", _median(cmd, benv, args.runs), base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
