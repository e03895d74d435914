"""``glossary pinyin`` and ``glossary convert``: one output line per input line."""

from __future__ import annotations

import argparse
from typing import Any

from glossary.cli._common import EXIT_OK, input_lines
from glossary.errors import UsageError


def register(add: Any) -> None:
    """Add the ``pinyin`` and ``convert`` subcommands."""
    from glossary.script import Standard

    standards = [s.value for s in Standard]
    p = add(
        "pinyin",
        help="tone-marked pinyin (GB/T 16159) of Chinese text",
        description="Print the Hanyu Pinyin of each text, one output line per input line, "
        "spelt by the GB/T 16159 rules (words joined, proper names capitalised).",
    )
    p.add_argument("text", nargs="*", help="text to read; each line of standard input if none")
    p.add_argument(
        "--style",
        choices=("marks", "numbers", "none"),
        default="marks",
        help="how tones are written: marks (quánqiú), numbers (quan2qiu2) or none (quanqiu); "
        "default: marks",
    )
    p.set_defaults(handler=run_pinyin)

    p = add(
        "convert",
        help="convert Chinese between simplified and traditional",
        description="Print each text in the other Chinese script (OpenCC with the package's "
        "corrections), one output line per input line.",
    )
    p.add_argument("text", nargs="*", help="text to convert; each line of standard input if none")
    p.add_argument(
        "--to",
        choices=("traditional", "simplified"),
        required=True,
        help="the script to write (required)",
    )
    p.add_argument(
        "--standard",
        choices=standards,
        help="with --to traditional: tw (Taiwan forms, the default), hk (Hong Kong forms), "
        "opencc (OpenCC's own forms) or twp (Taiwan forms and vocabulary: 软件 -> 軟體)",
    )
    p.set_defaults(handler=run_convert)


def run_pinyin(args: argparse.Namespace) -> int:
    """Print the pinyin of each text."""
    from glossary.pinyin import Style, to_pinyin

    style = Style(args.style)
    for line in input_lines(args.text):
        print(to_pinyin(line, style) if line.strip() else "")
    return EXIT_OK


def run_convert(args: argparse.Namespace) -> int:
    """Print each text converted to the other script."""
    from glossary.script import Standard, to_simplified, to_traditional

    if args.standard and args.to == "simplified":
        raise UsageError(
            f"convert: --standard {args.standard} applies only to --to traditional",
            "leave it out when simplifying",
        )
    standard = Standard(args.standard or "tw")
    for line in input_lines(args.text):
        if args.to == "simplified":
            print(to_simplified(line))
        else:
            print(to_traditional(line, standard))
    return EXIT_OK
