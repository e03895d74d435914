"""Byte ranges of a large plain file: cut where neighbours agree, read exactly (no Dask)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.errors import InputError
from glossary.inputs import (
    InputOptions,
    byte_ranges,
    find_cut,
    range_pieces,
    read_pieces,
)
from glossary.inputs.ranges import _file_cut

# Bits of text that make cutting hard: CRLF and lone CR, blank lines, characters of two,
# three and four bytes.
BITS = ["a", "bc ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "é", "颠覆", "𠀀", "。", " (核共享)"]
texts = st.lists(st.sampled_from(BITS), max_size=60).map("".join)


def _paragraph_ends(data: bytes) -> set[int]:
    return {c for c in range(2, len(data) + 1) if data[:c].endswith((b"\n\n", b"\n\r\n"))}


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 400), st.integers(1, 40))
def test_a_cut_never_splits_a_character_or_a_crlf(text: str, pos: int, reach: int) -> None:
    """The cut is at or after pos, between whole characters, never inside \\r\\n, and is the
    first blank-line end within reach, else the first line end within reach."""
    data = text.encode()
    cut = find_cut(data, pos, reach)
    assert cut is not None
    assert min(pos, len(data)) <= cut <= len(data)
    assert data[:cut].decode() + data[cut:].decode() == text
    assert data[cut - 1 : cut + 1] != b"\r\n" or cut == 0
    if 0 < pos < len(data):
        window = range(pos, pos + reach + 1)
        paragraphs = sorted(c for c in _paragraph_ends(data) if c in window)
        lines = [c for c in window if c <= len(data) and data[c - 1 : c] == b"\n"]
        if paragraphs:
            assert cut == paragraphs[0]
        elif lines:
            assert cut == lines[0]
        else:
            assert cut - pos < 4 or b"\r\n" in data[pos - 1 : cut]


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 400), st.integers(1, 40), st.booleans())
def test_a_cut_read_through_a_window_is_the_cut_of_the_whole(
    text: str, pos: int, reach: int, utf8: bool
) -> None:
    """Reading only bytes around pos (what a worker does) finds the cut the whole file has:
    two workers that meet at pos agree where their texts meet."""
    data = text.encode()
    assert _file_cut(io.BytesIO(data), pos, len(data), reach, utf8) == find_cut(
        data, pos, reach, utf8=utf8
    )


def test_other_encodings_cut_after_a_byte_that_is_a_character_alone() -> None:
    """In GB18030 a cut without a line end near is after the next byte below 0x30 (here
    a space), however far, never inside a two- or four-byte character."""
    data = ("颠覆" * 50 + " " + "核共享𠀀" * 50).encode("gb18030")
    assert find_cut(data, 3, 10, utf8=False) == 201
    assert find_cut(data, 205, 10, utf8=False) == len(data)
    assert find_cut(data[:150], 3, 10, utf8=False, final=False) is None  # needs more bytes


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 400), st.integers(1, 40), st.sampled_from(["gb18030", "big5"]))
def test_a_cut_in_a_chinese_encoding_falls_between_characters(
    text: str, pos: int, reach: int, encoding: str
) -> None:
    """GB18030 and Big5 bytes cut anywhere by the rule decode on both sides to the text."""
    data = text.encode(encoding, errors="replace")  # Big5 has no é or 𠀀: "?"
    cut = find_cut(data, pos, reach, utf8=False)
    assert cut is not None
    assert data[:cut].decode(encoding) + data[cut:].decode(encoding) == data.decode(encoding)
    assert data[cut - 1 : cut + 1] != b"\r\n" or cut == 0
    assert _file_cut(io.BytesIO(data), pos, len(data), reach, False) == cut


def _write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "big.txt") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


WHOLE = InputOptions(split_bytes=0)


@settings(max_examples=60, deadline=None)
@given(texts, st.integers(3, 40), st.booleans())
def test_ranges_read_one_after_another_are_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory, text: str, split: int, bom: bool
) -> None:
    """The pieces of a file read in ranges join to the whole text, each at its offset and
    line in the whole text."""
    path = _write(tmp_path_factory.mktemp("r"), ("\ufeff" if bom else "") + text)
    whole = "".join(p.text for p in read_pieces(path, WHOLE))
    pieces = list(read_pieces(path, InputOptions(split_bytes=split, piece_chars=8)))
    assert "".join(p.text for p in pieces) == whole
    for p in pieces:
        assert whole[p.offset : p.end] == p.text
        assert p.line == whole.count("\n", 0, p.offset) + 1


def test_which_files_are_split(tmp_path: Path) -> None:
    """Plain UTF-8 and GB18030 files are split; compressed, UTF-16, JSON Lines and small
    files are read whole."""
    import gzip

    text = "“subversion” (颠覆)\n\n" * 20
    small = InputOptions(split_bytes=100)
    assert len(byte_ranges(_write(tmp_path, text), small)) == 6  # 540 bytes
    gb = byte_ranges(_write(tmp_path, text, "gb18030"), InputOptions("gb18030", split_bytes=100))
    assert {r.encoding for r in gb} == {"gb18030"}
    latin = _write(tmp_path, "café crème\n" * 20, "latin-1", "l1.txt")
    assert {r.encoding for r in byte_ranges(latin, InputOptions("latin-1", split_bytes=100))} == {
        "iso8859-1"
    }
    utf16 = _write(tmp_path, "\ufeff" + text, "utf-16-le", "u16.txt")
    assert byte_ranges(utf16, small) == []
    packed = tmp_path / "big.txt.gz"
    packed.write_bytes(gzip.compress(text.encode() * 20))
    assert byte_ranges(str(packed), small) == []
    assert byte_ranges(_write(tmp_path, text), InputOptions(split_bytes=100, jsonl_field="t")) == []
    assert byte_ranges(_write(tmp_path, text), InputOptions(split_bytes=1000)) == []
    assert byte_ranges(_write(tmp_path, text), InputOptions("utf-16", split_bytes=100)) == []


def test_a_range_reads_relative_to_itself(tmp_path: Path) -> None:
    """Without offset and line, a range's pieces count from its own first character."""
    path = _write(tmp_path, "one\r\n\r\ntwo (二)\r\nthree\r\n\r\nfour")
    ranges = byte_ranges(path, InputOptions(split_bytes=10))
    assert [(r.start, r.end) for r in ranges] == [(0, 10), (10, 20), (20, 30), (30, 31)]
    read = [[(p.text, p.offset, p.line) for p in range_pieces(r)] for r in ranges]
    # no break within 5 bytes of 10: a character boundary; a line end at 25; then none
    assert read == [
        [("one\n\ntwo", 0, 1)],
        [(" (二)\nthree\n", 0, 1)],
        [("\nfou", 0, 1)],
        [("r", 0, 1)],
    ]


def test_a_bad_byte_in_a_range_is_named_as_in_the_whole_file(tmp_path: Path) -> None:
    """An undecodable byte in the third range is reported at its offset and line in the
    whole file, with the same guess, exactly as the one-piece reading reports it."""
    text = ("“subversion” (颠覆)\n" * 10).encode() + "國家說".encode("big5") + b"\n"
    path = tmp_path / "bad.txt"
    path.write_bytes(text)
    messages = []
    for options in (WHOLE, InputOptions(split_bytes=64)):
        with pytest.raises(InputError) as caught:
            list(read_pieces(str(path), options))
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(f"{path}:11: byte 0xb0 at offset 260 is not UTF-8")
    ranges = byte_ranges(str(path), InputOptions(split_bytes=64))
    with pytest.raises(InputError) as caught:
        list(range_pieces(ranges[-1]))
    assert str(caught.value) == messages[0]


def test_a_file_over_the_cap_is_refused_before_it_is_split(tmp_path: Path) -> None:
    """The size cap holds for a file read in ranges, before any byte is read."""
    path = _write(tmp_path, "x\n" * 500)
    with pytest.raises(InputError, match="larger than the cap of 600 bytes"):
        byte_ranges(path, InputOptions(max_bytes=600, split_bytes=100))


def test_a_file_the_workers_do_not_see_is_one_clear_error(tmp_path: Path) -> None:
    """A file listed here but gone where the ranges are read names the shared-path need."""
    from glossary.distributed import read_files, settle_bag

    path = _write(tmp_path, "the “nuclear sharing” (核共享)\n\n" * 20)
    bag = read_files([path], InputOptions(split_bytes=100))
    Path(path).unlink()
    with pytest.raises(InputError, match="no such file on a Dask worker; put the corpus on a"):
        settle_bag(bag, scheduler="sync")


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_a_file_in_a_chinese_encoding_read_in_ranges_is_the_whole_text(
    tmp_path: Path, encoding: str
) -> None:
    """Ranges of a GB18030 or Big5 file, cut only at line ends, join to the whole text."""
    text = "".join(f"第{i}行：國家安全部（Ministry of State Security）\r\n" for i in range(40))
    path = _write(tmp_path, text, encoding)
    options = InputOptions(encoding, split_bytes=50)
    assert len(byte_ranges(path, options)) > 20
    pieces = list(read_pieces(path, options))
    assert "".join(p.text for p in pieces) == text.replace("\r\n", "\n")
    assert [p.line for p in pieces] == sorted({p.line for p in pieces})


def test_the_cli_default_range_size_is_the_library_default() -> None:
    """--split-size defaults to DEFAULT_SPLIT_BYTES and takes sizes such as 8M."""
    from glossary.cli import build_parser
    from glossary.inputs import DEFAULT_SPLIT_BYTES

    parser = build_parser()
    assert parser.parse_args(["extract", "a.txt"]).split_size == DEFAULT_SPLIT_BYTES
    assert parser.parse_args(["extract", "a.txt", "--split-size", "8M"]).split_size == 8 << 20
