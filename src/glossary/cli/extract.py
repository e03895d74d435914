"""``glossary extract``: mine pairs from documents into a glossary."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from glossary.cli._common import EXIT_OK, write_output


def register(add: Any) -> None:
    """Add the ``extract`` subcommand to the parser ``add`` makes subparsers with."""
    from glossary.formats import FORMATS
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
    p.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    p.add_argument("--format", choices=sorted(FORMATS), default="tsv", help="output format")
    p.add_argument(
        "--standard",
        choices=[s.value for s in Standard],
        default="tw",
        help="traditional standard for converted forms (default: tw)",
    )
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        metavar="X",
        help="keep only pairs the extractor is at least X sure of (0 to 1; review "
        "threshold: 0.5, see docs/extraction.md)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print to standard error, for each pair, the signals that chose its English "
        "and the candidates that lost",
    )
    p.set_defaults(handler=run)


def _confidence(value: str) -> float:
    """``--min-confidence``: a number from 0 to 1."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return x


def run(args: argparse.Namespace) -> int:
    """Extract, normalise, merge and write."""
    from glossary import formats
    from glossary.extraction import extract, extract_files
    from glossary.glossary import Glossary
    from glossary.normalise import normalise_terms
    from glossary.script import Standard

    paths = [p for p in args.files if p != "-"]
    terms = list(extract_files(paths))
    if "-" in args.files:
        terms.extend(extract(sys.stdin.read(), "<stdin>"))
    if args.min_confidence:
        terms = [t for t in terms if (t.confidence or 0.0) >= args.min_confidence]
    if args.explain:
        from glossary.extraction import explain

        sys.stderr.write(explain(terms))
    normalised = normalise_terms(terms, Standard(args.standard))
    glossary = Glossary.from_terms(normalised)
    write_output(formats.dumps(glossary.terms, args.format), args.output)
    return EXIT_OK
