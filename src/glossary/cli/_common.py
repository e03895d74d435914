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


def output_format(output: str | None, fmt: str | None) -> str:
    """The format to write: ``--format`` if given, else the suffix of ``-o``, else TSV.

    The same rule as :func:`glossary.formats.save`; an unknown suffix is an error that
    lists the formats.  A device or pipe without a suffix (``/dev/stdout``) gets TSV, as
    standard output does.

    >>> output_format("terms.xlsx", None), output_format(None, None), output_format("-", "json")
    ('xlsx', 'tsv', 'json')
    """
    from glossary.formats import format_for

    if fmt or (output and output != "-" and not _special_without_suffix(output)):
        return format_for(output or "", fmt)
    return "tsv"


def _special_without_suffix(path: str) -> bool:
    from glossary.formats._io import is_special

    return is_special(path) and not os.path.splitext(path)[1]


def check_output(output: str | None, inputs: Sequence[str] = ()) -> None:
    """Refuse an unusable ``-o`` before any work (standard output needs no check)."""
    from glossary.formats._io import check_output as check

    if output and output != "-":
        check(output, inputs)


def write_output(data: str | bytes, output: str | None, inputs: Sequence[str] = ()) -> None:
    """Write ``data`` to ``output`` safely, or to standard output for None or ``-``.

    The one writer every command uses: a file is never half-written and never replaces
    one of ``inputs``, a link, a directory or a device (see
    :func:`glossary.formats._io.write_bytes`).  Binary data is refused on a terminal.
    """
    from glossary.errors import InputError
    from glossary.formats._io import write_bytes

    if output and output != "-":
        write_bytes(output, data.encode("utf-8") if isinstance(data, str) else data, inputs)
    elif isinstance(data, bytes):
        if sys.stdout.isatty():
            raise InputError("-", "will not write a binary file to the terminal", "use -o FILE")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)


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
