"""What every command shares: exit statuses, the parser and help formatter, signal handling,
reading standard input, output and glossary loading."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from glossary.errors import InputError, Terminated

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import NoReturn

    from glossary.glossary import Glossary

#: Exit statuses (documented in docs/cli.md and ``glossary --help``).
EXIT_OK = 0
EXIT_INPUT = 1  # bad input, or (lookup) nothing found
EXIT_USAGE = 2  # an option or argument that cannot be used
EXIT_BUG = 70  # an exception glossary did not expect (sysexits.h EX_SOFTWARE)
EXIT_INTERRUPTED = 130  # 128 + SIGINT

#: The longest line ``pinyin`` and ``convert`` read from standard input.
MAX_LINE_BYTES = 1 << 20


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


def write_output(
    data: str | bytes | Iterable[str | bytes], output: str | None, inputs: Sequence[str] = ()
) -> None:
    """Write ``data`` to ``output`` safely, or to standard output for None or ``-``.

    The one writer every command uses: a file is never half-written and never replaces
    one of ``inputs``, a link, a directory or a device (see
    :func:`glossary.formats._io.write_chunks`).  Binary data is refused on a terminal.
    ``data`` may be an iterable of pieces (:func:`glossary.formats.render_chunks`): they
    are written as they are made, so the whole output is never held in memory.
    """
    from glossary.formats._io import write_chunks

    chunks = iter((data,) if isinstance(data, str | bytes) else data)
    first = next(chunks, "")
    if output and output != "-":
        write_chunks(output, (_utf8(c) for c in itertools.chain((first,), chunks)), inputs)
    elif isinstance(first, bytes):
        if sys.stdout.isatty():
            raise InputError("-", "will not write a binary file to the terminal", "use -o FILE")
        sys.stdout.flush()
        for chunk in itertools.chain((first,), chunks):
            sys.stdout.buffer.write(_utf8(chunk))
        sys.stdout.buffer.flush()
    else:
        for chunk in itertools.chain((first,), chunks):
            sys.stdout.write(chunk if isinstance(chunk, str) else chunk.decode("utf-8"))


def _utf8(chunk: str | bytes) -> bytes:
    return chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def input_lines(texts: Sequence[str]) -> Iterator[str]:
    """The arguments, or else each line of standard input, decoded strictly as UTF-8.

    A line that is not UTF-8 or longer than :data:`MAX_LINE_BYTES` stops the run with an
    :class:`~glossary.errors.InputError` naming ``<stdin>`` and the line number.
    """
    if texts:
        yield from texts
        return
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream stood in for stdin (tests, embedding)
        for line in sys.stdin:
            yield line.rstrip("\n")
        return
    if sys.stdin.isatty():
        print("glossary: reading standard input, one text a line (Ctrl-D ends)", file=sys.stderr)
    number = 0
    while raw := buffer.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(
                "<stdin>", f"line longer than {MAX_LINE_BYTES} bytes", "split it", line=number
            )
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                "<stdin>",
                f"byte 0x{raw[exc.start]:02x} is not UTF-8",
                "convert the input to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8)",
                line=number,
            ) from None
        if number == 1:
            line = line.removeprefix("\ufeff")
        yield line.removesuffix("\n").removesuffix("\r")


def load_glossary(paths: Sequence[str] | None) -> Glossary:
    """The glossaries named by ``--glossary``, merged, or the shipped default."""
    from glossary.glossary import Glossary

    return Glossary.load(*paths) if paths else Glossary.default()


def terminal_columns(fd: int = 1) -> int:
    """The width of the terminal on ``fd`` (standard output by default): ``COLUMNS`` when
    set, else the terminal's own, else 80."""
    try:
        return int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(fd).columns
    except (ValueError, OSError):
        return 80


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
            width = max(terminal_columns(), 40) - 2
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action: argparse.Action) -> None:
        """Measure subcommand names at the indent they are printed at (argparse measures
        them one level too shallow, so a long name like ``conflicts`` pushed its help onto
        the next line)."""
        if isinstance(action, argparse._SubParsersAction):
            self._indent()
            super().add_argument(action)
            self._dedent()
        else:
            super().add_argument(action)


class Parser(argparse.ArgumentParser):
    """argparse's parser, with usage errors on one line: ``glossary: COMMAND: what; see --help``."""

    def error(self, message: str) -> NoReturn:
        """Print the one-line usage error and exit 2."""
        command = self.prog.removeprefix("glossary").strip()
        where = f"{command}: " if command else ""
        self.exit(EXIT_USAGE, f"glossary: {where}{message}; see '{self.prog} --help'\n")


def add_glossary_option(p: argparse.ArgumentParser) -> None:
    """``--glossary FILE``, repeatable, for every command that reads a glossary."""
    p.add_argument(
        "--glossary",
        action="append",
        metavar="FILE",
        help="a glossary file in any readable format (TSV, JSON, CSV, XLSX, OmegaT, TBX) "
        "instead of the shipped one; repeat the option to merge several",
    )


def positive_int(text: str) -> int:
    """An ``argparse`` type: a whole number of at least 1 (for ``--limit`` and the like).

    >>> positive_int("3")
    3
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise :class:`~glossary.errors.Terminated`.

    So a terminated run unwinds like an interrupted one (SIGINT raises KeyboardInterrupt):
    writers remove their temporary files on the way out.  Signals set to be ignored (as
    ``nohup`` does) stay ignored; off the main thread nothing changes.
    """
    import signal

    def handler(signum: int, frame: object) -> None:
        raise Terminated(signum)

    previous = {}
    try:
        for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if sig is not None and signal.getsignal(sig) == signal.SIG_DFL:
                previous[sig] = signal.signal(sig, handler)
    except ValueError:  # not the main thread (only it may set handlers): nothing changes
        pass
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def quiet_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so the interpreter's final
    flush cannot print "Exception ignored ... BrokenPipeError"."""
    if sys.stdout is not sys.__stdout__:
        return
    try:
        fd = sys.__stdout__.fileno()
    except (AttributeError, ValueError, OSError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
