"""Safe output: never onto an input, a link's target kept, modes kept, no temporary left."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossary.cli import main
from glossary.errors import InputError
from glossary.formats._io import check_output, write_bytes

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "001_5a30b6f9219de20d.txt"
TEXT = "China says the West used “subversion” (颠覆) to distort the order.\n"


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    """A small document to extract from."""
    path = tmp_path / "doc.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_output_onto_the_input_is_refused(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o naming the input (directly, by a symbolic link or a hard link) changes nothing."""
    (doc.parent / "link.txt").symlink_to(doc)
    os.link(doc, doc.parent / "hard.txt")
    for out in (doc, doc.parent / "link.txt", doc.parent / "hard.txt"):
        assert main(["extract", str(doc), "-o", str(out), "--format", "tsv"]) == 1
        err = capsys.readouterr().err
        assert "input" in err
        assert err.count("\n") == 1
    assert doc.read_text(encoding="utf-8") == TEXT
    assert (doc.parent / "link.txt").is_symlink()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "folder", "is a folder path"),
        (lambda d: d / "sub", "is a directory"),
        (lambda d: d / "missing" / "out.tsv", "its folder does not exist"),
    ],
    ids=["trailing-slash", "directory", "missing-folder"],
)
def test_unusable_output_is_refused_before_any_work(
    make: object, message: str, doc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A directory, a folder path or a missing folder is one line, and nothing is extracted."""
    (doc.parent / "sub").mkdir()
    target = make(doc.parent)  # type: ignore[operator]
    out = str(target) + ("/" if message == "is a folder path" else "")

    def no_work(*args: object) -> None:
        raise AssertionError("extraction ran before the output was checked")

    monkeypatch.setattr("glossary.extraction.extract_files", no_work)
    with pytest.raises(InputError, match=message):
        check_output(out)
    assert main(["extract", str(doc), "-o", out]) == 1


def test_hard_linked_output_is_refused(doc: Path, tmp_path: Path) -> None:
    """Replacing a file with other hard links would break them: refused."""
    out = tmp_path / "out.tsv"
    out.write_text("old\n", encoding="utf-8")
    os.link(out, tmp_path / "other.tsv")
    assert main(["extract", str(doc), "-o", str(out)]) == 1
    assert (tmp_path / "other.tsv").read_text(encoding="utf-8") == "old\n"


def test_symlink_output_replaces_its_target(doc: Path, tmp_path: Path) -> None:
    """A symbolic link stays a link; the file it points to gets the output."""
    real = tmp_path / "real.tsv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    assert main(["extract", str(doc), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert "颠覆" in real.read_text(encoding="utf-8")


def test_mode_of_the_replaced_file_is_kept(doc: Path, tmp_path: Path) -> None:
    """Rewriting a 0644 (or 0640) file keeps its mode; a new file is 0666 less the umask."""
    for mode in (0o644, 0o640):
        out = tmp_path / f"out{mode:o}.tsv"
        out.write_text("old\n", encoding="utf-8")
        out.chmod(mode)
        assert main(["extract", str(doc), "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == mode
    old = os.umask(0o027)
    try:
        assert main(["extract", str(doc), "-o", str(tmp_path / "new.tsv")]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.tsv").stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_devices_are_written_to_not_replaced(doc: Path) -> None:
    """/dev/null stays a device (TSV, as no suffix names a format); /dev/full is one clear
    line about the full disk."""
    assert main(["extract", str(doc), "-o", "/dev/null"]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(InputError, match=r"/dev/full: cannot be written \(No space left"):
        write_bytes("/dev/full", b"x" * 100_000)


def test_dev_stdout_is_written_to(doc: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """-o /dev/stdout writes through the device, whatever standard output is."""
    assert main(["extract", str(doc), "-o", "/dev/stdout"]) == 0
    assert "颠覆" in capfd.readouterr().out


def test_dash_is_standard_output(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """-o - writes to standard output, in the format asked for."""
    assert main(["extract", str(doc), "-o", "-", "--format", "json"]) == 0
    assert '"chinese": "颠覆"' in capsys.readouterr().out


def test_failed_write_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure at the rename removes the temporary file and keeps the old output."""
    out = tmp_path / "out.tsv"
    out.write_text("old\n", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot be written"):
        write_bytes(out, b"new\n")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


CHILD = """
import os, sys, time
from glossary.formats import _io
real_fsync = os.fsync
def slow(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow
_io.write_bytes(sys.argv[1], b"x" * 4_000_000)
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_signal_while_writing_leaves_no_temporary(signum: int, tmp_path: Path) -> None:
    """SIGTERM or SIGINT during the write removes the temporary file; the target is untouched."""
    out = tmp_path / "out.json"
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"
        assert len(_leftovers(tmp_path)) == 1
        child.send_signal(signum)
        child.communicate(timeout=20)
    assert child.returncode != 0
    deadline = time.monotonic() + 5
    while _leftovers(tmp_path) and time.monotonic() < deadline:  # pragma: no cover - slow disk
        time.sleep(0.05)
    assert _leftovers(tmp_path) == []
    assert not out.exists()


def test_unwritable_folder_is_refused_before_any_work(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder the user cannot write to is one line before extraction (os.access is
    consulted, as root passes every permission check)."""
    real_access = os.access

    def access(path: object, mode: int) -> bool:
        return False if str(path) == str(tmp_path / "ro") else real_access(path, mode)  # type: ignore[arg-type]

    (tmp_path / "ro").mkdir()
    monkeypatch.setattr(os, "access", access)
    with pytest.raises(InputError, match="is not writable"):
        check_output(tmp_path / "ro" / "out.tsv")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_owner_and_group_of_the_replaced_file_are_kept(doc: Path, tmp_path: Path) -> None:
    """Rewriting another user's file (as root) keeps its owner and group."""
    out = tmp_path / "out.tsv"
    out.write_text("old\n", encoding="utf-8")
    os.chown(out, 12345, 23456)
    assert main(["extract", str(doc), "-o", str(out)]) == 0
    assert (out.stat().st_uid, out.stat().st_gid) == (12345, 23456)


def test_dev_stdout_appends_where_the_shell_put_it(doc: Path, tmp_path: Path) -> None:
    """`-o /dev/stdout >> log` adds to the log instead of writing over its beginning."""
    import shlex

    log = tmp_path / "log.txt"
    log.write_text("earlier run\n", encoding="utf-8")
    command = (
        f"{shlex.quote(sys.executable)} -m glossary extract {shlex.quote(str(doc))} "
        f"-o /dev/stdout >> {shlex.quote(str(log))}"
    )
    subprocess.run(["sh", "-c", command], check=True)
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier run\nenglish\t")
    assert "颠覆" in text


def test_binary_output_is_not_written_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An XLSX or PDF on standard output is refused when that is a terminal."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", "-o", "-", "--format", "xlsx"]) == 1
    assert "will not write a binary file to the terminal; use -o FILE" in capsys.readouterr().err
