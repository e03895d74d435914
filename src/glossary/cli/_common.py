"""What every command shares: exit statuses, the help formatter, output and glossary loading."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glossary.glossary import Glossary

#: Exit statuses (argparse itself exits 2 on a usage error).
EXIT_OK = 0
EXIT_INPUT = 1  # bad input, or (lookup) nothing found


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` atomically, or to standard output for None or ``-``."""
    from glossary.formats._io import atomic_write_text

    if output and output != "-":
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)


def input_lines(texts: Sequence[str]) -> Iterator[str]:
    """The arguments, or else each line of standard input."""
    if texts:
        yield from texts
    else:
        for line in sys.stdin:
            yield line.rstrip("\n")


def load_glossary(paths: Sequence[str] | None) -> Glossary:
    """The glossaries named by ``--glossary``, merged, or the shipped default."""
    from glossary.glossary import Glossary

    return Glossary.load(*paths) if paths else Glossary.default()


class Formatter(argparse.HelpFormatter):
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
