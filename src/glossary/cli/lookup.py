"""``glossary lookup`` and ``glossary conflicts``: reading a glossary."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from glossary.cli._common import EXIT_INPUT, EXIT_OK, load_glossary


def register(add: Any) -> None:
    """Add the ``lookup`` and ``conflicts`` subcommands."""
    p = add("lookup", help="look a term up by English, Chinese (简/繁) or pinyin in any form")
    p.add_argument("query", nargs="+", help="what to look up")
    p.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help="glossary file (TSV or JSON), repeatable; default: the shipped glossary",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--limit", type=int, default=10, help="at most this many results")
    p.set_defaults(handler=run_lookup)

    p = add("conflicts", help="one Chinese with several English renderings, and the reverse")
    p.add_argument("--glossary", action="append", metavar="FILE", help="glossary file, repeatable")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_conflicts)


def run_lookup(args: argparse.Namespace) -> int:
    """Print the entries matching the query."""
    from glossary.lookup import format_matches_table, matches_to_json

    glossary = load_glossary(args.glossary)
    query = " ".join(args.query)
    matches = glossary.lookup(query, limit=args.limit)
    if args.format == "json":
        sys.stdout.write(matches_to_json(matches) + "\n")
    elif matches:
        sys.stdout.write(format_matches_table(matches) + "\n")
    if not matches:
        print(f"glossary: no entry matches {query!r}; try fewer characters", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def run_conflicts(args: argparse.Namespace) -> int:
    """Print the conflicts of the glossary."""
    from glossary.glossary import conflicts_to_json, format_conflicts

    glossary = load_glossary(args.glossary)
    conflicts = glossary.conflicts()
    if args.format == "json":
        sys.stdout.write(conflicts_to_json(conflicts) + "\n")
    else:
        sys.stdout.write(format_conflicts(conflicts) + "\n" if conflicts else "no conflicts\n")
    return EXIT_OK
