"""The ``glossary`` command: ``build_parser()`` and ``main(argv=None) -> int``.

Each subcommand is a thin handler over the library; heavy modules are imported inside
the handler that needs them, so ``glossary lookup`` starts without jieba, pypinyin or
OpenCC.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from glossary.glossary import Glossary

#: Exit statuses (argparse itself exits 2 on a usage error).
EXIT_OK = 0
EXIT_INPUT = 1  # bad input, or (lookup) nothing found


def _write(text: str, output: str | None) -> None:
    from glossary.formats._io import atomic_write_text

    if output and output != "-":
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)


def _cmd_extract(args: argparse.Namespace) -> int:
    from glossary import formats
    from glossary.extraction import extract, extract_files
    from glossary.glossary import Glossary
    from glossary.normalise import normalise_terms
    from glossary.script import Standard

    paths = [p for p in args.files if p != "-"]
    terms = list(extract_files(paths))
    if "-" in args.files:
        terms.extend(extract(sys.stdin.read(), "<stdin>"))
    normalised = normalise_terms(terms, Standard(args.standard))
    glossary = Glossary.from_terms(normalised)
    _write(formats.dumps(glossary.terms, args.format), args.output)
    return EXIT_OK


def _lines(texts: Sequence[str]) -> Iterator[str]:
    """The arguments, or else each line of standard input."""
    if texts:
        yield from texts
    else:
        for line in sys.stdin:
            yield line.rstrip("\n")


def _cmd_pinyin(args: argparse.Namespace) -> int:
    from glossary.pinyin import Style, to_pinyin

    style = Style(args.style)
    for line in _lines(args.text):
        print(to_pinyin(line, style) if line.strip() else "")
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    from glossary.script import Standard, to_simplified, to_traditional

    standard = Standard(args.standard)
    for line in _lines(args.text):
        if args.to == "simplified":
            print(to_simplified(line))
        else:
            print(to_traditional(line, standard))
    return EXIT_OK


def _load(paths: Sequence[str] | None) -> Glossary:
    from glossary.glossary import Glossary

    return Glossary.load(*paths) if paths else Glossary.default()


def _cmd_lookup(args: argparse.Namespace) -> int:
    from glossary.lookup import format_matches_table, matches_to_json

    glossary = _load(args.glossary)
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


def _cmd_conflicts(args: argparse.Namespace) -> int:
    from glossary.glossary import conflicts_to_json, format_conflicts

    glossary = _load(args.glossary)
    conflicts = glossary.conflicts()
    if args.format == "json":
        sys.stdout.write(conflicts_to_json(conflicts) + "\n")
    else:
        sys.stdout.write(format_conflicts(conflicts) + "\n" if conflicts else "no conflicts\n")
    return EXIT_OK


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, sized from ``COLUMNS`` or the terminal without importing shutil
    (which argparse does for every formatter it makes: a tenth of ``glossary lookup``'s
    start-up)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            try:
                columns = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size().columns
            except (ValueError, OSError):
                columns = 80
            width = max(columns, 40) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    from glossary.formats import FORMATS
    from glossary.script import Standard

    standards = [s.value for s in Standard]
    parser = argparse.ArgumentParser(
        formatter_class=_Formatter,
        prog="glossary",
        description="Bilingual English–Chinese glossaries: extract, normalise, look up, export.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = functools.partial(sub.add_parser, formatter_class=_Formatter)

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
        choices=standards,
        default="tw",
        help="traditional standard for converted forms (default: tw)",
    )
    p.set_defaults(handler=_cmd_extract)

    p = add("pinyin", help="tone-marked pinyin (GB/T 16159) of Chinese text")
    p.add_argument("text", nargs="*", help="text to read; each line of standard input if none")
    p.add_argument("--style", choices=("marks", "numbers", "none"), default="marks")
    p.set_defaults(handler=_cmd_pinyin)

    p = add("convert", help="convert Chinese between simplified and traditional")
    p.add_argument("text", nargs="*", help="text to convert; each line of standard input if none")
    p.add_argument("--to", choices=("traditional", "simplified"), required=True)
    p.add_argument("--standard", choices=standards, default="tw", help="traditional standard")
    p.set_defaults(handler=_cmd_convert)

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
    p.set_defaults(handler=_cmd_lookup)

    p = add("conflicts", help="one Chinese with several English renderings, and the reverse")
    p.add_argument("--glossary", action="append", metavar="FILE", help="glossary file, repeatable")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=_cmd_conflicts)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting.

    >>> main(["convert", "--to", "traditional", "全球战略稳定"])
    全球戰略穩定
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except GlossaryError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return code
