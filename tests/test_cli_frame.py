"""The frame of the command line: help, version, usage errors, and the one place in main()
that turns every failure into one line and an exit status."""

from __future__ import annotations

import argparse
import errno
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from glossary.cli import COMMAND_MODULES, build_parser, describe, main
from glossary.cli._common import positive_int
from glossary.errors import InputError, NotTextError, Terminated, UsageError

#: Options still without a help text; they belong to the ``store`` branch (lookup.py).
HELP_PENDING = {("lookup", "--format"), ("conflicts", "--format")}


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_command_table_names_the_module_of_every_command() -> None:
    """main() registers only the module of the command it runs: the table that says which
    module that is must match what every module registers, in --help's order."""
    assert list(_commands()) == list(COMMAND_MODULES)
    for name, module in COMMAND_MODULES.items():
        parser = build_parser(name)
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert name in sub.choices, (name, module)
        assert {COMMAND_MODULES[n] for n in sub.choices} == {module}


@pytest.mark.parametrize(
    ("argv", "out"),
    [
        (["--debug", "convert", "--to", "traditional", "国家"], "國家\n"),
        (["convert", "--to", "traditional", "--", "lookup"], "lookup\n"),
    ],
)
def test_a_command_runs_with_options_before_it(argv: list[str], out: str, capsys: Any) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out == out


def test_every_command_has_a_description_and_every_option_a_help() -> None:
    """--help says what each command does and what each of its options means."""
    commands = _commands()
    assert set(commands) >= {"extract", "pinyin", "convert", "lookup", "conflicts"}
    for name, parser in commands.items():
        assert parser.description, name
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            flag = action.option_strings[-1] if action.option_strings else action.dest
            if (name, flag) not in HELP_PENDING:
                assert action.help, f"glossary {name} {flag} has no help text"


def test_bare_glossary_prints_help_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """`glossary` alone shows the help on stdout (a question, not a mistake)."""
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: glossary")
    assert "extract" in out
    assert "Exit status" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the installed version."""
    import glossary

    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"glossary {glossary.__version__}"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["frob"], "invalid choice: 'frob'"),
        (["extract"], "extract: the following arguments are required: FILE"),
        (["pinyin", "--style", "loud", "x"], "argument --style: invalid choice"),
        (["convert", "x"], "--to"),
    ],
)
def test_usage_error_is_one_line_exit_2(
    argv: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A usage error is one line naming the command and pointing at its --help."""
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith("glossary: ")
    assert fragment in err[0]
    assert err[0].endswith("--help'")


def test_positive_int() -> None:
    """The option type for counts refuses 0, negatives and words."""
    assert positive_int("7") == 7
    for bad in ("0", "-1", "x", "1.5"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_int(bad)


NS = argparse.Namespace(files=["doc.txt"])


@pytest.mark.parametrize(
    ("exc", "status", "line"),
    [
        (InputError("g.tsv", "bad header", "add one", line=1), 1, "g.tsv:1: bad header; add one"),
        (UsageError("--limit 0: too small", "pass 1 or more"), 2, "--limit 0: too small; pass"),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "out/"), 1, "out/: is a folder; "),
        (PermissionError(errno.EACCES, "Permission denied", "ro/x"), 1, "ro/x: permission denied;"),
        (
            OSError(errno.EISDIR, "Is a directory", "/d/.o.tmp", None, "o/"),
            1,
            "o/: is a folder",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), 1, "standard output: no space left"),
        (OSError(errno.EHOSTDOWN, "Host is down", "x"), 1, "x: Host is down; check the path"),
        (UnicodeDecodeError("utf-8", b"ab\xff", 2, 3, "bad"), 1, "doc.txt: byte 0xff at offset"),
        (
            UnicodeEncodeError("utf-8", "a\udcff", 1, 2, "surrogates not allowed"),
            1,
            "bytes that are not UTF-8",
        ),
        (UnicodeEncodeError("latin-1", "颠", 0, 1, "x"), 1, "cannot write U+98A0 as latin-1"),
        (RecursionError("deep"), 1, "doc.txt: nested too deeply"),
        (MemoryError(), 1, "doc.txt: out of memory; split"),
        (NotTextError(None), 1, "got NoneType"),
        (ValueError("oops"), 70, "internal error (ValueError: oops); this is a bug"),
        (KeyboardInterrupt(), 130, "interrupted"),
        (Terminated(signal.SIGTERM), 143, "terminated by SIGTERM"),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), 0, ""),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else None,
)
def test_describe_every_failure(exc: BaseException, status: int, line: str) -> None:
    """Each kind of failure has its exit status and a line that says what to do."""
    got_status, got_line = describe(exc, NS)
    assert got_status == status
    assert line in got_line
    assert bool(got_line) == bool(line)
    assert "\n" not in got_line


def test_the_output_is_named_not_its_temporary_file() -> None:
    """A failure on -o's temporary file names the path the user gave."""
    args = argparse.Namespace(files=["doc.txt"], output="ro/out.tsv")
    exc = PermissionError(errno.EACCES, "Permission denied", "/w/ro/.out.tsv.k2j4h1xz.tmp")
    assert describe(exc, args)[1].startswith("ro/out.tsv: permission denied; ")


def test_a_failure_in_a_handler_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever a handler raises, main prints one line and returns; --debug adds the
    traceback."""
    import glossary.cli.text

    def boom(args: Any) -> int:
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(glossary.cli.text, "run_pinyin", boom)
    assert main(["pinyin", "x"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    for argv in (["--debug", "pinyin", "x"], ["pinyin", "x", "--debug"]):
        assert main(argv) == 70
        err = capsys.readouterr().err
        assert "Traceback" in err
        assert err.splitlines()[-1].startswith("glossary: internal error (OverflowError")


def test_error_line_escapes_terminal_controls(capsys: pytest.CaptureFixture[str]) -> None:
    """A file name holding an escape sequence is shown escaped, never sent to the terminal."""
    assert main(["extract", "a\x1b]0;pwned\x07.txt"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\x07" not in err
    assert "a\\x1b]0;pwned\\x07.txt" in err


def test_signal_handlers_are_restored(capsys: pytest.CaptureFixture[str]) -> None:
    """main() installs its SIGTERM handler only while a command runs."""
    before = signal.getsignal(signal.SIGTERM)
    assert main(["convert", "--to", "traditional", "国家"]) == 0
    assert signal.getsignal(signal.SIGTERM) is before
    assert capsys.readouterr().out == "國家\n"


def test_overlong_stdin_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line longer than the cap is refused with its line number, not read whole."""
    import io

    import glossary.cli._common as common

    monkeypatch.setattr(common, "MAX_LINE_BYTES", 8)
    stdin = io.TextIOWrapper(io.BytesIO(b"short\n" + b"x" * 20 + b"\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    lines = common.input_lines([])
    assert next(lines) == "short"
    with pytest.raises(InputError, match=r"<stdin>:2: line longer than 8 bytes"):
        next(lines)


def test_bare_glossary_in_a_real_process() -> None:
    """`python -m glossary` with nothing else prints the help and exits 0."""
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-m", "glossary"], capture_output=True, text=True, cwd=root, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: glossary")
    assert done.stderr == ""
