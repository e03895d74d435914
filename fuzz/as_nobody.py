"""Run every command as an unprivileged user and check what issue 13 promises for one.

    sudo python fuzz/as_nobody.py [--user nobody]

As root it drops to the user with ``setpriv`` (run as another user it runs as that user);
each command runs in a fresh folder owned by the user, with HOME and XDG_CACHE_HOME inside
it and no GLOSSARY_CACHE_DIR, so caches go where a real user's would.  For each command it
checks, with the machinery of the bad-input table (tests/test_bad_inputs.py): the exit
status, no traceback, one error line on failure, inputs unchanged, and nothing written by
the user in /tmp, /var/tmp or /dev/shm outside its own folder.  Then it runs the table's
rows that name a user (``user nobody``), pending ones included, and prints one line a row.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

DOC = "file doc.txt the “nuclear sharing” (核共享) and “subversion” (颠覆) plan"
GLOSSARY = "file g.tsv english\\x09chinese\\nsubversion\\x09颠覆\\noverthrow\\x09颠覆\\n"

#: (label, make, command, exit): every command, working and failing, as the user.
COMMANDS = [
    ("extract", DOC, "glossary extract doc.txt", 0),
    ("extract-json-output", DOC, "glossary extract doc.txt --format json -o out.json", 0),
    ("extract-stdin", "stdin the “nuclear sharing” (核共享)", "glossary extract -", 0),
    ("pinyin", "", "glossary pinyin 全球战略稳定", 0),
    ("convert", "", "glossary convert --to traditional 全球战略稳定", 0),
    ("lookup-default", "", "glossary lookup quanqiu", 0),
    ("lookup-own", GLOSSARY, "glossary lookup dianfu --glossary g.tsv", 0),
    ("conflicts", GLOSSARY, "glossary conflicts --glossary g.tsv", 0),
    ("error-missing-input", "", "glossary extract nope.txt", 1),
    ("error-unreadable-input", DOC + " ;; chmod 000 doc.txt", "glossary extract doc.txt", 1),
    ("error-readonly-folder", DOC + " ;; dir ro ;; chmod 555 ro",
     "glossary extract doc.txt -o ro/x.tsv", 1),
    ("error-output-folder", DOC + " ;; dir out", "glossary extract doc.txt -o out", 1),
    ("error-usage", "", "glossary pinyin --style loud x", 2),
]  # fmt: skip


def main(argv: list[str]) -> int:
    """Run the commands and the table's user rows; one line each, then a summary."""
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--user", default="nobody", help="the unprivileged user (default nobody)")
    args = p.parse_args(argv)
    import test_bad_inputs as t

    rows = [
        {"label": label, "make": f"user {args.user} ;; {make}".rstrip(" ;"), "command": command,
         "message": "", "exit": str(code)}
        for label, make, command, code in COMMANDS
    ]  # fmt: skip
    for name in ("bad_inputs.tsv", "bad_inputs_pending.tsv"):
        rows += [r for r in t.table(name) if "user " in r["make"]]
    failed = 0
    for row in rows:
        try:
            t.run_row(row, None, None)  # type: ignore[arg-type]  (user rows run as processes)
        except AssertionError as exc:
            failed += 1
            first = str(exc).strip().splitlines()
            err = str(exc).partition("--- stderr")[2].strip().splitlines() or first
            print(f"FAIL {row['label']}: exit {first[0].split()[-1]}: {' / '.join(err[-2:])[:300]}")
        except Exception:
            failed += 1
            print(f"ERROR {row['label']}: {traceback.format_exc().splitlines()[-1]}")
        else:
            print(f"ok   {row['label']}: {row['command']}")
    print(f"{len(rows) - failed} of {len(rows)} as {args.user}: no traceback, nothing outside")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
