"""The ``glossary`` command: ``build_parser()`` and ``main(argv=None) -> int``.

Each subcommand lives in a module of this package with ``register(add)`` (which adds its
parser and sets ``handler``) and a thin handler over the library.  Heavy modules are
imported inside the handler that needs them, so ``glossary lookup`` starts without jieba,
pypinyin or OpenCC.  Adding a command is one module and one line in :data:`COMMANDS`.

:func:`main` is the one place where failures become messages: every error a handler
raises (:class:`~glossary.errors.GlossaryError`, ``OSError``, ``UnicodeError``,
``RecursionError``, ``MemoryError``, and any other exception) is turned by
:func:`describe` into one line on standard error,
``glossary: FILE[:LINE]: what is wrong; what to do``, and an exit status (see
:mod:`glossary.cli._common`).  ``--debug`` adds the traceback.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import os
import sys
from collections.abc import Sequence

from glossary.cli._common import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    Formatter,
    Parser,
    quiet_stdout,
    signals_raise,
)
from glossary.errors import GlossaryError, Terminated, UsageError

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from typing import Any

#: Each subcommand and the module defining it, in the order ``--help`` lists them.  A run
#: of one command imports and registers only its module (building every subparser costs
#: more than ``glossary lookup`` itself: argparse looks up a translation for each help
#: text); ``--help`` and unknown commands get them all.  A test keeps this table equal to
#: what the modules register.
COMMAND_MODULES = {
    "extract": "glossary.cli.extract",
    "pinyin": "glossary.cli.text",
    "convert": "glossary.cli.text",
    "lookup": "glossary.cli.lookup",
    "conflicts": "glossary.cli.lookup",
    "export": "glossary.cli.export",
    "check": "glossary.cli.check",
    "annotate": "glossary.cli.check",
}

#: The modules defining the subcommands, in the order ``--help`` lists them.
COMMANDS = tuple(dict.fromkeys(COMMAND_MODULES.values()))

EPILOG = (
    "Exit status: 0 done, 1 bad input (or nothing found), 2 bad usage, "
    "130/143 interrupted or terminated, 70 a bug in glossary. "
    "Run 'glossary COMMAND --help' for a command's options."
)


class _Version(argparse.Action):
    """``--version``: the installed version is looked up only when asked for (reading the
    package metadata imports :mod:`importlib.metadata` and :mod:`email`, ~15 ms that
    every other command would pay)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show the program's version and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        import glossary

        print(f"glossary {glossary.__version__}")
        parser.exit()


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser for every subcommand, or only for the module defining
    ``command`` (one of :data:`COMMAND_MODULES`).

    >>> build_parser("lookup").parse_args(["lookup", "颠覆"]).query
    ['颠覆']
    """
    parser = Parser(
        formatter_class=Formatter,
        prog="glossary",
        description="Bilingual English–Chinese glossaries: extract, normalise, look up, export.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action=_Version)
    debug = "on an error, print the Python traceback too (for a bug report)"
    parser.add_argument("--debug", action="store_true", help=debug)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    def add(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        # a command registered with only a one-line help still gets a description
        if "description" not in kwargs and kwargs.get("help"):
            text = kwargs["help"]
            kwargs["description"] = text[0].upper() + text[1:] + "."
        kwargs.setdefault("formatter_class", Formatter)
        command = sub.add_parser(name, **kwargs)
        # --debug after the command works too (SUPPRESS: an absent flag keeps the top one's)
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug)
        return command

    modules = COMMANDS if command is None else (COMMAND_MODULES[command],)
    for module in modules:
        importlib.import_module(module).register(add)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when it names one (the top-level options take no
    value, so it is the first word that is not an option)."""
    for arg in argv:
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMAND_MODULES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status instead of exiting.

    With no command it prints the help and returns 0.

    >>> main(["convert", "--to", "traditional", "全球战略稳定"])
    全球戰略穩定
    0
    """
    args = argparse.Namespace(debug=False)
    try:
        with signals_raise():  # Ctrl-C while the parser loads is an interruption, too
            words = sys.argv[1:] if argv is None else argv
            parser = build_parser(_command(words))
            try:
                args = parser.parse_args(argv)
            except SystemExit as exc:  # --help, --version (0) or a usage error (2), printed
                sys.stdout.flush()
                return exc.code if isinstance(exc.code, int) else EXIT_USAGE
            if args.command is None:
                parser.print_help()
                code = EXIT_OK
            else:
                code = args.handler(args)
            sys.stdout.flush()  # a full disk or closed pipe shows up here, not at exit
    except BaseException as exc:  # the one place where every failure is reported
        if isinstance(exc, SystemExit):
            raise
        if isinstance(exc, BrokenPipeError):
            quiet_stdout()
        status, line = describe(exc, args)
        if getattr(args, "debug", False):
            import traceback

            traceback.print_exception(exc)
        if line:
            print(f"glossary: {line}", file=sys.stderr)
        return status
    return code


def run() -> None:
    """The ``glossary`` program (its console script and ``python -m glossary``): exits
    with :func:`main`'s status, without tearing the interpreter down.

    Python's own exit frees every module and object one by one before the process ends:
    6 ms of a 40 ms ``glossary lookup``, 0.1 s of a 1 s extraction of 8 MB, more the more
    a run holds.  The operating system reclaims all of it at once anyway.  So once
    :func:`main` is done and Python has run its exit handlers (threads joined, worker
    pools shut, ``atexit`` callbacks of any library, each before this one: it is
    registered first, and they run last-registered first), standard output and error
    are flushed and the process ends with ``os._exit``.  Files are written and closed
    inside the handlers (in ``with`` blocks), never left to be flushed at teardown.
    A ``SystemExit`` raised inside :func:`main` takes Python's usual exit instead.
    """
    status = [EXIT_BUG]
    atexit.register(_exit_now, status)
    try:
        status[0] = main()
    except BaseException:
        atexit.unregister(_exit_now)
        raise
    sys.exit(status[0])


def _exit_now(status: list[int]) -> None:
    """The last exit handler: flush standard output and error and end the process with
    ``status``; if a flush fails, Python's own exit reports it as usual."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        return
    os._exit(status[0])


#: errno -> (what is wrong, what to do), for the OSErrors a user can cause and cure.
_OS_ERRORS = {
    "ENOENT": ("no such file or folder", "check the path"),
    "EISDIR": ("is a folder", "name a file (and no trailing slash)"),
    "ENOTDIR": ("a part of the path is not a folder", "check the path"),
    "EACCES": ("permission denied", "check its permissions, or use another path"),
    "EPERM": ("operation not permitted", "check its permissions, or use another path"),
    "ENOSPC": ("no space left on the device", "free some space, or write somewhere else"),
    "EDQUOT": ("disk quota exceeded", "free some space, or write somewhere else"),
    "EFBIG": ("file too large for the file system", "write somewhere else"),
    "EROFS": ("read-only file system", "write somewhere else"),
    "ENAMETOOLONG": ("file name too long", "use a shorter name"),
    "ELOOP": ("too many levels of symbolic links", "check where the link points"),
    "EMFILE": ("too many open files", "close some programs, or raise `ulimit -n`"),
    "ENFILE": ("too many open files in the system", "close some programs"),
    "EIO": ("input/output error", "check the disk or device"),
    "ENXIO": ("no such device or address", "check the path"),
    "EBUSY": ("device or resource busy", "try again later"),
    "ETXTBSY": ("file busy", "try again later"),
    "EAGAIN": ("resource temporarily unavailable", "try again"),
    "EXDEV": ("cannot move across file systems", "write into the folder of the output"),
}


def _inputs(args: argparse.Namespace) -> list[str]:
    """The input files a command was given (for naming them in an error with no file)."""
    named: list[str] = []
    for attr in ("files", "glossary"):
        value = getattr(args, attr, None)
        if isinstance(value, list):
            named += ["<stdin>" if v == "-" else str(v) for v in value]
    return named


def _printable(text: str) -> str:
    r"""``text`` on one line with control and bidi characters escaped, so that a file name or
    a message quoting a file cannot move the cursor or retitle the terminal.

    >>> _printable("a\x1b]0;pwned\x07b\nc\u202e")
    'a\\x1b]0;pwned\\x07b\\nc\\u202e'
    """
    import unicodedata

    out = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
        elif unicodedata.category(char) == "Zs":
            out.append(" ")
        else:
            out.append(repr(char)[1:-1])
    return "".join(out)


def _user_path(path: object, args: argparse.Namespace) -> str:
    """The path as the user named it: ``-o``'s value for its temporary file
    (``.out.tsv.x1b2c3d4.tmp`` beside ``out.tsv``), else the path itself."""
    name = os.fsdecode(path) if isinstance(path, (str, bytes)) else str(path)
    output = getattr(args, "output", None)
    if isinstance(output, str) and output != "-" and name.endswith(".tmp"):
        base = os.path.basename(name)
        if base.startswith(f".{os.path.basename(output)}."):
            return output
    return name


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def describe(exc: BaseException, args: argparse.Namespace) -> tuple[int, str]:
    """The exit status and the one line (without ``glossary: ``) for a failure.

    Every failure a handler can raise has its line here; an empty line prints nothing.

    >>> import argparse
    >>> describe(IsADirectoryError(21, "Is a directory", "out/"), argparse.Namespace())
    (1, 'out/: is a folder; name a file (and no trailing slash)')
    """
    import errno

    inputs = _inputs(args)
    # a message about no particular file names the input when there is only one
    where = f"{inputs[0]}: " if len(inputs) == 1 else ""
    status, line = EXIT_INPUT, ""
    if isinstance(exc, Terminated):
        status, line = exc.status, f"terminated by {_signal_name(exc.signum)}"
    elif isinstance(exc, KeyboardInterrupt):
        status, line = EXIT_INTERRUPTED, "interrupted"
    elif isinstance(exc, BrokenPipeError):
        status = EXIT_OK  # the reader has all it wanted (``glossary ... | head``)
    elif isinstance(exc, UsageError):
        status, line = EXIT_USAGE, str(exc)
    elif isinstance(exc, GlossaryError):
        line = str(exc)
    elif isinstance(exc, OSError):
        name = errno.errorcode.get(exc.errno or 0, "")
        what, todo = _OS_ERRORS.get(name, (exc.strerror or str(exc), "check the path"))
        if exc.filename is not None:  # a rename names its target second: the user's path
            where = f"{_user_path(exc.filename2 or exc.filename, args)}: "
        elif name in {"ENOSPC", "EDQUOT", "EFBIG", "EIO"}:
            where = "standard output: "
        line = f"{where}{what}; {todo}"
    elif isinstance(exc, UnicodeDecodeError):
        line = (
            f"{where}byte 0x{exc.object[exc.start]:02x} at offset {exc.start} is not "
            f"{exc.encoding}; convert the input to UTF-8 (e.g. iconv -f GB18030 -t UTF-8)"
        )
    elif isinstance(exc, UnicodeEncodeError):
        char = exc.object[exc.start]
        todo = (
            "the input held bytes that are not UTF-8: convert it to UTF-8 first"
            if "\ud800" <= char <= "\udfff"
            else "use a UTF-8 locale (e.g. LC_ALL=C.UTF-8), or write to a file with -o"
        )
        line = f"standard output: cannot write U+{ord(char):04X} as {exc.encoding}; {todo}"
    elif isinstance(exc, UnicodeError):
        line = f"{where}{exc}; convert the input to UTF-8"
    elif isinstance(exc, RecursionError):
        line = f"{where}nested too deeply to read; a glossary file is only a few levels deep"
    elif isinstance(exc, MemoryError):
        line = f"{where}out of memory; split the input into smaller files"
    elif isinstance(exc, Exception):
        status = EXIT_BUG
        line = (
            f"{where}internal error ({type(exc).__name__}: {exc}); this is a bug in glossary: "
            "please report it with the output of --debug"
        )
    else:
        raise exc
    return status, _printable(line)
