"""``glossary export``: write a glossary in any format (TSV, JSON, CSV, XLSX, OmegaT, TBX, …).

With several ``--glossary`` files the entries are merged first, so ``export`` is also
how two glossaries become one: ``glossary export --glossary a.tsv --glossary b.tbx -o
both.tsv``.
"""

from __future__ import annotations

import argparse
from typing import Any

from glossary.cli._common import (
    EXIT_OK,
    add_glossary_option,
    check_output,
    load_glossary,
    output_format,
    write_output,
)


def add_format_options(p: argparse.ArgumentParser) -> None:
    """The output options ``export`` and ``extract`` share: format, order, OmegaT, print."""
    from glossary.formats import FORMATS, Sort
    from glossary.model import Direction

    listing = ", ".join(f"{n} ({' '.join(f.suffixes)})" for n, f in FORMATS.items())
    p.add_argument(
        "--format",
        choices=list(FORMATS),
        metavar="FORMAT",
        help=f"output format; default: from the suffix of -o, else tsv. Formats: {listing}",
    )
    p.add_argument(
        "--sort",
        choices=[s.value for s in Sort],
        help="order of the entries (default: as found; html and pdf: english)",
    )
    p.add_argument(
        "--direction",
        choices=[d.value for d in Direction],
        default="en-zh",
        help="omegat: source language first (default: en-zh)",
    )
    p.add_argument("--title", default="Glossary", help="html, pdf: the title")
    p.add_argument(
        "--paper", choices=("A4", "Letter"), default="A4", help="html, pdf: page size (default A4)"
    )


def options(args: argparse.Namespace, fmt: str) -> Any:
    """The writer options the command line asked for."""
    from glossary.formats import Options, Sort
    from glossary.model import Direction

    sort = Sort(args.sort) if args.sort else (Sort.ENGLISH if fmt in ("html", "pdf") else None)
    return Options(
        sort=sort, direction=Direction(args.direction), title=args.title, paper=args.paper
    )


def register(add: Any) -> None:
    """Add the ``export`` subcommand."""
    p = add(
        "export",
        help="write a glossary as TSV, JSON, CSV, XLSX, OmegaT, TBX, Markdown, HTML or PDF",
        description="Write glossaries (merged, if several) in any format: the suffix of -o "
        "chooses it, --format overrides.",
    )
    add_glossary_option(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        help="the file to write (atomically); - for standard output",
    )
    add_format_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Load, merge and write."""
    from glossary import formats

    inputs = args.glossary or []
    check_output(args.output, inputs)
    fmt = output_format(args.output, args.format)
    glossary = load_glossary(args.glossary)
    data = formats.render(glossary.terms, fmt, options(args, fmt))
    write_output(data, args.output, inputs)
    return EXIT_OK
