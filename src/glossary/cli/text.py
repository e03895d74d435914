"""``glossary pinyin`` and ``glossary convert``: one output line per input line."""

from __future__ import annotations

import argparse
from typing import Any

from glossary.cli._common import EXIT_OK, input_lines


def register(add: Any) -> None:
    """Add the ``pinyin`` and ``convert`` subcommands."""
    from glossary.script import Standard

    standards = [s.value for s in Standard]
    p = add("pinyin", help="tone-marked pinyin (GB/T 16159) of Chinese text")
    p.add_argument("text", nargs="*", help="text to read; each line of standard input if none")
    p.add_argument("--style", choices=("marks", "numbers", "none"), default="marks")
    p.set_defaults(handler=run_pinyin)

    p = add("convert", help="convert Chinese between simplified and traditional")
    p.add_argument("text", nargs="*", help="text to convert; each line of standard input if none")
    p.add_argument("--to", choices=("traditional", "simplified"), required=True)
    p.add_argument("--standard", choices=standards, default="tw", help="traditional standard")
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

    standard = Standard(args.standard)
    for line in input_lines(args.text):
        if args.to == "simplified":
            print(to_simplified(line))
        else:
            print(to_traditional(line, standard))
    return EXIT_OK
