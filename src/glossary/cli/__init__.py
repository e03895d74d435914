"""The ``glossary`` command: ``build_parser()`` and ``main(argv=None) -> int``.

Each subcommand lives in a module of this package with ``register(add)`` (which adds its
parser and sets ``handler``) and a thin handler over the library.  Heavy modules are
imported inside the handler that needs them, so ``glossary lookup`` starts without jieba,
pypinyin or OpenCC.  Adding a command is one module and one line in :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import sys
from collections.abc import Sequence

from glossary.cli._common import EXIT_INPUT, EXIT_OK, Formatter
from glossary.errors import GlossaryError

#: The modules defining the subcommands, in the order ``--help`` lists them.
COMMANDS = (
    "glossary.cli.extract",
    "glossary.cli.text",
    "glossary.cli.lookup",
    "glossary.cli.check",
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        formatter_class=Formatter,
        prog="glossary",
        description="Bilingual English–Chinese glossaries: extract, normalise, look up, export.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add = functools.partial(sub.add_parser, formatter_class=Formatter)
    for module in COMMANDS:
        importlib.import_module(module).register(add)
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
