"""Inputs of a corpus: folders, compressed files, JSON Lines, strict decoding, caps."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.cli import main
from glossary.extraction import read, settle
from glossary.inputs import InputOptions, read_pieces, read_text
from glossary.parallel import read_batch

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))
GLOSS = "what both sides call “subversion” (颠覆) and the “nuclear sharing” (核共享)\n"


def _rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines()[1:]]


def _sources(out: str) -> set[str]:
    header = out.splitlines()[0].split("\t")
    col = header.index("sources")
    return {s for row in _rows(out) for s in row[col].split("; ")}


def test_pieces_give_the_whole_document_result() -> None:
    """A document read in small pieces yields the terms, offsets and lines of the whole."""
    for seed in SEEDS:
        text = read_text(seed)
        pieces = list(read_pieces(str(seed), InputOptions(piece_chars=300)))
        assert len(pieces) > 3
        assert "".join(p.text for p in pieces) == text
        assert all(p.text.endswith(("\n", ". ", "。")) for p in pieces[:-1])  # cut at breaks
        got = settle(read_batch(pieces))
        assert got == settle(read(text, str(seed)))
        for term in got:
            occ = term.occurrences[0]
            assert text.count("\n", 0, occ.start) + 1 == occ.line
            assert occ.chinese in text[occ.start : occ.end]


def test_text_without_breaks_is_cut_and_bounded() -> None:
    """A text with no line break at all still comes in bounded pieces, offsets contiguous."""
    pieces = list(read_pieces_of_bytes(("x" * 5000).encode(), piece_chars=1000))
    assert max(len(p.text) for p in pieces) <= 2000
    assert [p.offset for p in pieces] == [
        sum(len(q.text) for q in pieces[:i]) for i in range(len(pieces))
    ]


def read_pieces_of_bytes(data: bytes, **options: int) -> list[object]:
    """Pieces of ``data`` given on a fake standard input."""
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        return list(read_pieces("-", InputOptions(**options)))  # type: ignore[arg-type]
    finally:
        sys.stdin = saved


def test_crlf_split_between_blocks_is_one_line_end() -> None:
    """\\r\\n is one line end even when a read block ends between the two bytes."""
    data = b"a" * (65536 - 1) + b"\r\n(" + "颠覆".encode() + b")\r\n"
    (piece,) = read_pieces_of_bytes(data)
    assert piece.text == "a" * 65535 + "\n(颠覆)\n"  # type: ignore[attr-defined]


def test_directory_recursive_with_glob(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder is read recursively, for --glob, in sorted order, hidden files skipped."""
    (tmp_path / "sub").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text(GLOSS, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(GLOSS, encoding="utf-8")
    (tmp_path / ".git" / "c.txt").write_text(GLOSS, encoding="utf-8")
    assert main(["extract", str(tmp_path), "-q"]) == 0
    assert {s.rsplit(":", 1)[0] for s in _sources(capsys.readouterr().out)} == {
        str(tmp_path / "a.txt")
    }
    assert main(["extract", str(tmp_path), "--glob", "*.md", "-q"]) == 0
    assert {s.rsplit(":", 1)[0] for s in _sources(capsys.readouterr().out)} == {
        str(tmp_path / "sub" / "b.md")
    }
    assert main(["extract", str(tmp_path), "--glob", "*.html"]) == 1
    assert "no file matching *.html; choose files with --glob" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("suffix", "compress"),
    [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)],
    ids=["gz", "bz2", "xz"],
)
def test_compressed_files_read_like_plain(
    tmp_path: Path, suffix: str, compress: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """.gz, .bz2 and .xz files give the terms of the plain file, with the same offsets."""
    plain = tmp_path / "doc.txt"
    plain.write_text(GLOSS * 3, encoding="utf-8")
    packed = tmp_path / f"doc.txt{suffix}"
    packed.write_bytes(compress(plain.read_bytes()))  # type: ignore[operator]
    assert main(["extract", str(plain), "--format", "json"]) == 0
    want = json.loads(capsys.readouterr().out)
    assert main(["extract", str(packed), "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    strip = [[(o["start"], o["end"], o["line"]) for o in t["occurrences"]] for t in want["terms"]]
    assert [
        [(o["start"], o["end"], o["line"]) for o in t["occurrences"]] for t in got["terms"]
    ] == strip
    assert {o["source"] for t in got["terms"] for o in t["occurrences"]} == {str(packed)}


def test_damaged_archive_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated gzip file is one error line, exit 1."""
    bad = tmp_path / "doc.txt.gz"
    bad.write_bytes(gzip.compress(GLOSS.encode() * 50)[:40])
    assert main(["extract", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert str(bad) in err[0]
    assert "damaged" in err[0]


def test_jsonl_records_with_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each JSON-Lines record is a document; its id is the source, else FILE:LINE."""
    dump = tmp_path / "crawl.jsonl"
    records = [
        {"id": "https://example.org/a", "text": "line one\n" + GLOSS},
        {"url": "no id here", "text": GLOSS},
        {"id": 7, "text": None},
    ]
    dump.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    assert main(["extract", str(tmp_path), "--jsonl-field", "text", "-q"]) == 0
    assert _sources(capsys.readouterr().out) == {"https://example.org/a:2", f"{dump}:2:1"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "is not a JSON record"),
        ('["a list"]', "is not a JSON object"),
        ('{"id": 1, "text": ["颠覆"]}', "field 'text' is not a string"),
    ],
    ids=["not-json", "not-object", "not-text"],
)
def test_bad_jsonl_record_names_the_line(
    tmp_path: Path, line: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad record is an error naming the file and line."""
    dump = tmp_path / "crawl.jsonl"
    dump.write_text('{"id": 1, "text": "ok"}\n' + line + "\n", encoding="utf-8")
    assert main(["extract", str(dump), "--jsonl-field", "text"]) == 1
    err = capsys.readouterr().err
    assert f"{dump}:2: {message}" in err


@pytest.mark.parametrize(
    ("data", "hint"),
    [
        pytest.param(
            "first line\n国家安全部说颠覆的问题".encode("gb18030"),
            "--encoding gb18030",
            id="gb18030",
        ),
        pytest.param(
            "first line\n國家安全部說顛覆的問題".encode("big5"), "--encoding big5", id="big5"
        ),
        pytest.param(
            "first line\nthe “subversion” (颠覆)".encode("utf-16-le"),
            "--encoding utf-16le",
            id="utf16",
        ),
        pytest.param("first line\ncafé crème".encode("cp1252"), "--encoding cp1252", id="cp1252"),
    ],
)
def test_undecodable_hint_fits_the_bytes(
    tmp_path: Path, data: bytes, hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The error for bytes that are not UTF-8 suggests the encoding they look like."""
    bad = tmp_path / "doc.txt"
    bad.write_bytes(data)
    assert main(["extract", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: byte 0x" in err
    assert hint in err
    assert "iconv -f GB18030" not in err


@pytest.mark.parametrize(
    ("encoding", "data"),
    [("gb18030", GLOSS.encode("gb18030")), ("big5", GLOSS.replace("颠覆", "顛覆").encode("big5"))],
)
def test_encoding_option_reads_the_file(
    tmp_path: Path, encoding: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    """--encoding reads GB18030 and Big5 files."""
    doc = tmp_path / "doc.txt"
    doc.write_bytes(data)
    assert main(["extract", str(doc), "--encoding", encoding]) == 0
    assert {row[0] for row in _rows(capsys.readouterr().out)} == {"subversion", "nuclear sharing"}


def test_unknown_encoding_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--encoding with a name Python does not know is refused before any work."""
    assert main(["extract", "-", "--encoding", "klingon"]) == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_byte_order_marks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A UTF-8 BOM is dropped; a UTF-16 BOM selects UTF-16 and a note says so."""
    u8 = tmp_path / "u8.txt"
    u8.write_bytes(b"\xef\xbb\xbf" + GLOSS.encode())
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(GLOSS.encode("utf-16"))  # with its BOM
    assert main(["extract", str(u8), str(u16)]) == 0
    out, err = capsys.readouterr()
    assert f"{u16}: byte-order mark: read as UTF-16" in err
    assert len(_rows(out)) == 2
    assert {s.rsplit(":", 1)[0] for s in _sources(out)} == {str(u8), str(u16)}
    assert main(["extract", str(u16), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_errors_replace_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--errors replace reads undecodable bytes as U+FFFD and extracts the rest."""
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"caf\xe9\n" + GLOSS.encode())
    assert main(["extract", str(doc), "--errors", "replace"]) == 0
    assert {row[0] for row in _rows(capsys.readouterr().out)} == {"subversion", "nuclear sharing"}


class _Stdin:
    """A standard input whose bytes are ``data``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_is_decoded_strictly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid UTF-8 on standard input is an error, not replaced characters."""
    monkeypatch.setattr(
        sys, "stdin", _Stdin("“subversion” (颠".encode() + b"\xff" + "覆)".encode())
    )
    assert main(["extract", "-"]) == 1
    assert "<stdin>:1: byte 0xff at offset" in capsys.readouterr().err


def test_size_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An input over --max-bytes is refused; 0 lifts the cap."""
    doc = tmp_path / "doc.txt"
    doc.write_text(GLOSS * 2000, encoding="utf-8")
    assert main(["extract", str(doc), "--max-bytes", "100K"]) == 1
    assert "is larger than the cap of 102,400 bytes; raise it with --max-bytes" in (
        capsys.readouterr().err
    )
    assert main(["extract", str(doc), "--max-bytes", "0", "-q"]) == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_fifo_and_devices_are_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A named pipe with no writer, or a device, is refused with a note, never waited on."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert main(["extract", str(fifo)]) == 1
    assert main(["extract", "/dev/zero"]) == 1
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"glossary: {fifo}: is a named pipe; pipe it to standard input instead: - < {fifo}",
        "glossary: /dev/zero: is a device; pipe it to standard input instead: - < /dev/zero",
    ]


def test_endless_stdin_stops_at_the_cap_in_bounded_memory() -> None:
    """/dev/zero on standard input stops at the cap, without reading it into memory."""
    # VmHWM: this process's peak resident memory (ru_maxrss would count pytest's, which
    # survives fork and exec)
    code = (
        "import re, sys\n"
        "from glossary.cli import main\n"
        "code = main(['extract', '-', '--max-bytes', '100M', '-q'])\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr)\n"
        "sys.exit(code)"
    )
    # a first run builds the cached dictionaries (a one-off peak that is not under test),
    # a second one on a small input is the baseline: the interpreter and the dictionaries
    subprocess.run([sys.executable, "-c", code], input=GLOSS, text=True, capture_output=True)
    small = subprocess.run(
        [sys.executable, "-c", code], input=GLOSS, text=True, capture_output=True
    )
    baseline_kib = int(small.stderr.strip().splitlines()[-1])
    with open("/dev/zero", "rb") as zero:
        out = subprocess.run(
            [sys.executable, "-c", code], stdin=zero, capture_output=True, text=True, timeout=300
        )
    message, peak_kib = out.stderr.strip().splitlines()
    assert out.returncode == 1
    assert message.startswith("glossary: <stdin>: is larger than the cap of 104,857,600 bytes")
    assert int(peak_kib) - baseline_kib < 30 * 1024  # 100 MB read, a few MB held


def test_help_states_the_default_cap(capsys: pytest.CaptureFixture[str]) -> None:
    """The --max-bytes help names the real default."""
    from glossary.inputs import DEFAULT_MAX_BYTES

    assert main(["extract", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert f"(default: {DEFAULT_MAX_BYTES >> 30}G; 0 for no limit)" in help_text


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab 。.\n\r颠覆(（)"), max_size=400),
    piece_chars=st.integers(min_value=1, max_value=50),
)
def test_pieces_tile_the_document(text: str, piece_chars: int) -> None:
    """Pieces of any text, cut anywhere, tile its decoded form with exact offsets and lines."""
    data = text.encode("utf-8")
    pieces = read_pieces_of_bytes(data, piece_chars=piece_chars)
    whole = text.replace("\r\n", "\n").replace("\r", "\n")
    assert "".join(p.text for p in pieces) == whole  # type: ignore[attr-defined]
    for p in pieces:
        assert whole[p.offset : p.end] == p.text  # type: ignore[attr-defined]
        assert p.line == whole.count("\n", 0, p.offset) + 1  # type: ignore[attr-defined]
