"""Start-up cost of the commands people run most, run by hand (not part of the test suite).

    python benchmarks/bench_startup.py [--runs N] [--baseline-src DIR]

Each command runs as a whole process, the way the installed ``glossary`` script runs it,
``--runs`` times, interleaved with the others; the medians are printed beside
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


def _medians(
    runs: int, cmds: dict[str, tuple[list[str], dict[str, str]]]
) -> dict[str, tuple[float, float]]:
    """Wall and CPU medians of each command, the runs interleaved (a change in the machine's
    load falls on all of them alike)."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, (cmd, env) in cmds.items():
            times[name].append(_time(cmd, env))
    return {
        name: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        for name, t in times.items()
    }


def _row(label: str, wall_cpu: tuple[float, float], base: tuple[float, float]) -> str:
    wall, cpu = wall_cpu
    return (
        f"{label:30} wall {wall:6.3f} s {wall / base[0]:6.1f}x   "
        f"cpu {cpu:6.3f} s {cpu / base[1]:6.1f}x"
    )


#: What the installed ``glossary`` script runs (pip writes a script that imports ``re`` and
#: calls the entry point; a baseline from before ``run`` existed called ``main``).
SCRIPT = (
    "import re, sys\n"
    "import glossary.cli as cli\n"
    "sys.argv[0] = 'glossary'\n"
    "sys.exit(cli.run() if hasattr(cli, 'run') else cli.main())\n"
)


def _commands(doc: str) -> dict[str, list[str]]:
    glossary = [sys.executable, "-c", SCRIPT]
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
        runs: dict[str, tuple[list[str], dict[str, str]]] = {
            "python -c pass": ([sys.executable, "-c", "pass"], env)
        }
        for label, cmd in cmds.items():
            runs[label] = (cmd, env)
            if args.baseline_src:
                benv = dict(env, PYTHONPATH=os.path.abspath(args.baseline_src))
                cmd = [c for c in cmd if c != "-q"]
                _time(cmd, benv)  # its own warm-up (jieba's cache in /tmp)
                runs[f"{label} (baseline)"] = (cmd, benv)
        load = os.getloadavg()
        medians = _medians(args.runs, runs)
        base = medians["python -c pass"]
        print(
            f"load {load[0]:.2f} {load[1]:.2f} (1, 5 min) before, "
            f"{os.getloadavg()[0]:.2f} after; {os.cpu_count()} cores; medians of "
            f"{args.runs} interleaved runs; ratios against python -c pass"
        )
        print(_row("extract, first run (builds)", first, base))
        for label, wall_cpu in medians.items():
            print(_row(label.replace(" (baseline)", ": baseline"), wall_cpu, base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
