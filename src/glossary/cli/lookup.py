"""``glossary lookup`` and ``glossary conflicts``: reading a glossary."""

from __future__ import annotations

import argparse
import sys

from glossary.cli._common import (
    EXIT_INPUT,
    EXIT_OK,
    add_glossary_option,
    load_glossary,
    positive_int,
    terminal_columns,
)

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import Any


def register(add: Any) -> None:
    """Add the ``lookup`` and ``conflicts`` subcommands."""
    p = add(
        "lookup",
        help="look a term up by English, Chinese (简/繁) or pinyin in any form",
        description="Look a term up by English, simplified or traditional Chinese, a "
        "fragment of either, or pinyin with tone marks, tone numbers or none.  Each query "
        "is looked up on its own: quote a phrase ('united front') to look it up as one.  "
        "Exits 1 when a query finds nothing.",
    )
    p.add_argument("query", nargs="+", help="a term to look up (several: each on its own)")
    add_glossary_option(p)
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="output: an aligned table (fitted to the terminal; whole when piped) or JSON",
    )
    p.add_argument(
        "--limit",
        type=positive_int,
        default=10,
        metavar="N",
        help="show at most N entries per query (default: 10)",
    )
    p.set_defaults(handler=run_lookup)

    p = add(
        "conflicts",
        help="one Chinese with several English renderings, and the reverse",
        description="One Chinese with several English renderings, and one English written "
        "with several Chinese: the glossary's inconsistencies for review, with how often "
        "and where each rendering was found.  Exits 1 when there are conflicts (so a check "
        "can fail on them), 0 when there are none.",
    )
    add_glossary_option(p)
    p.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="output: a report for people (fitted to the terminal) or JSON",
    )
    p.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are conflicts",
    )
    p.set_defaults(handler=run_conflicts)


def terminal_width() -> int | None:
    """The width to fit tables to: the terminal's when standard output is one, else None
    (piped output keeps every cell whole)."""
    if not sys.stdout.isatty():
        return None
    try:
        fd = sys.stdout.fileno()
    except (ValueError, OSError):
        return 80
    return terminal_columns(fd)


def run_lookup(args: argparse.Namespace) -> int:
    """Print the entries matching each query."""
    from glossary.lookup.display import (
        format_matches_table,
        json_text,
        match_to_record,
        matches_to_json,
        safe,
    )

    glossary = load_glossary(args.glossary)
    queries = args.query
    several = len(queries) > 1
    results = [(q, glossary.lookup(q, limit=args.limit)) for q in queries]
    if args.format == "json":
        if several:
            doc = [{"query": q, "matches": [match_to_record(m) for m in ms]} for q, ms in results]
            sys.stdout.write(json_text(doc) + "\n")
        else:
            sys.stdout.write(matches_to_json(results[0][1]) + "\n")
    else:
        width = terminal_width()
        blocks = []
        for q, matches in results:
            if matches:
                table = format_matches_table(matches, width)
                blocks.append(f"{safe(q)}:\n{table}" if several else table)
        if blocks:
            sys.stdout.write("\n\n".join(blocks) + "\n")
    code = EXIT_OK
    for q, matches in results:
        if not matches:
            from glossary.lookup.suggest import suggest

            advice = suggest(glossary.store, q)
            print(f"glossary: no entry matches {safe(q)!r}; {advice}", file=sys.stderr)
            code = EXIT_INPUT
    if several and all(q.replace(" ", "").isalpha() and q.isascii() for q in queries):
        phrase = " ".join(queries)
        if any(m.reason == "exact English" for m in glossary.lookup(phrase, limit=1)):
            print(
                f"glossary: note: each word was looked up on its own; {phrase!r} is an entry "
                f"too (quote a phrase to look it up as one)",
                file=sys.stderr,
            )
    return code


def run_conflicts(args: argparse.Namespace) -> int:
    """Print the conflicts of the glossary; exit 1 if there are any (unless --exit-zero)."""
    from glossary.conflicts import conflicts_to_json, format_conflicts

    glossary = load_glossary(args.glossary)
    conflicts = glossary.conflicts()
    if args.format == "json":
        sys.stdout.write(conflicts_to_json(conflicts) + "\n")
    else:
        sys.stdout.write(format_conflicts(conflicts, terminal_width()) + "\n")
    return EXIT_INPUT if conflicts and not args.exit_zero else EXIT_OK
