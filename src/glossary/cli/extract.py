"""``glossary extract``: mine pairs from documents into a glossary."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from glossary.cli._common import EXIT_OK, check_output, output_format, write_output


def register(add: Any) -> None:
    """Add the ``extract`` subcommand to the parser ``add`` makes subparsers with."""
    from glossary.cli.export import add_format_options
    from glossary.script import Standard

    p = add(
        "extract",
        help="mine English–Chinese pairs from documents into a glossary",
        description="Extract bracketed Chinese glosses and acronyms, normalise them and merge "
        "them into one glossary.",
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="UTF-8 text files; - for standard input"
    )
    p.add_argument(
        "-o",
        "--output",
        help="write here (atomically; the suffix chooses the format) instead of standard output",
    )
    p.add_argument(
        "--into",
        metavar="GLOSSARY",
        help="add what is found to this curated glossary (created if missing), keeping every "
        "note, status, domain and hand-edited form; conflicts are reported; written back "
        "in place unless -o is given",
    )
    add_format_options(p)
    p.add_argument(
        "--standard",
        choices=[s.value for s in Standard],
        default="tw",
        help="traditional standard for converted forms (default: tw)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Extract, normalise, merge and write."""
    from glossary import formats
    from glossary.cli.export import options
    from glossary.extraction import extract, extract_files
    from glossary.glossary import Glossary
    from glossary.normalise import normalise_terms
    from glossary.script import Standard

    output = args.output or args.into
    check_output(output, args.files)
    fmt = output_format(output, args.format)
    if args.into:
        _check_into(args.into, args.format)

    paths = [p for p in args.files if p != "-"]
    terms = list(extract_files(paths))
    if "-" in args.files:
        terms.extend(extract(sys.stdin.read(), "<stdin>"))
    normalised = normalise_terms(terms, Standard(args.standard))
    if args.into:
        from glossary.curate import remine

        curated = (
            Glossary.load(args.into, fmt=args.format) if os.path.exists(args.into) else Glossary()
        )
        result = remine(curated, normalised)
        glossary = result.glossary
        print(f"glossary: {args.into}: {result.summary()}", file=sys.stderr)
        for clash in result.clashes:
            print(f"  {clash.describe()}", file=sys.stderr)
    else:
        glossary = Glossary.from_terms(normalised)
    write_output(formats.render(glossary.terms, fmt, options(args, fmt)), output, args.files)
    return EXIT_OK


def _check_into(into: str, fmt: str | None) -> None:
    """The curated glossary must be in a format glossary can read back."""
    from glossary.errors import InputError
    from glossary.formats import FORMATS, format_for

    name = format_for(into, fmt)
    if not FORMATS[name].readable:
        readable = ", ".join(n for n, f in FORMATS.items() if f.readable)
        raise InputError(into, f"{name} files cannot be read back", f"keep it as {readable}")
