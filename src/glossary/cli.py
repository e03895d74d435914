"""The ``glossary`` command: ``build_parser()`` and ``main(argv=None) -> int``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from glossary.errors import GlossaryError

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INPUT = 1


def _cmd_extract(args: argparse.Namespace) -> int:
    from glossary import formats
    from glossary.extract import extract, extract_files
    from glossary.formats._io import atomic_write_text

    paths = [p for p in args.files if p != "-"]
    terms = list(extract_files(paths))
    if "-" in args.files:
        terms.extend(extract(sys.stdin.read(), "<stdin>"))
    text = formats.dumps(terms, args.format)
    if args.output and args.output != "-":
        atomic_write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from glossary.formats import FORMATS

    parser = argparse.ArgumentParser(
        prog="glossary",
        description="Bilingual English–Chinese glossaries: extract, normalise, look up, export.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="mine English–Chinese pairs from documents")
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="UTF-8 text files; - for standard input"
    )
    p.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    p.add_argument("--format", choices=sorted(FORMATS), default="tsv", help="output format")
    p.set_defaults(handler=_cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except GlossaryError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    return code
