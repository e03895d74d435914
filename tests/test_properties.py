"""Properties that hold for any input (hypothesis, bounded so CI stays quick): the library
never fails with anything but GlossaryError, and extraction's offsets slice its surface
forms out of the text.  The long random runs are in fuzz/ (see docs/limits.md)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.errors import GlossaryError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Pieces prose with glosses is made of.  Format characters (U+200B, U+FEFF, bidi marks)
#: are left out here: inside an English span they break the offset invariant on main
#: (found by fuzz/fuzz_glossary.py; the extractor's rework is fixing it) and the pending
#: bad-input rows cover them.
PIECES = st.sampled_from(
    [
        "the", "Ministry", "of", "State", "Security", "nuclear", "sharing", "MSS", "SCO",
        "subversion", "a", "stray", " ", "  ", "\n", "\n\n", ".", ",", ";", "；", "?", "!",
        "(", ")", "（", "）", "“", "”", '"', "'", "国家安全部", "颠覆", "核共享", "國家",
        "全球战略稳定", "、", "。", "diānfù", "Guójiā", "1990", "-", "e.g.", "\u0301", "\ufe00",
        "𠀀", "〇",
    ]
)  # fmt: skip
PROSE = st.lists(PIECES, max_size=40).map(" ".join) | st.lists(PIECES, max_size=40).map("".join)


@SETTINGS
@given(PROSE)
def test_extract_offsets_slice_the_surface_forms(text: str) -> None:
    """Every occurrence lies in the text, its slice holds its English and Chinese, and its
    line is a line the span covers (the one its bracket opens on)."""
    from glossary.extraction import extract

    for term in extract(text, "p.txt"):
        for o in term.occurrences:
            assert 0 <= o.start <= o.end <= len(text)
            span = text[o.start : o.end]
            assert o.english in span
            assert o.chinese in span
            first, last = (text.count("\n", 0, i) + 1 for i in (o.start, o.end))
            assert first <= o.line <= last


def test_line_is_the_line_the_bracket_opens_on() -> None:
    """An English phrase that ends a line before its bracket: the bracket's line."""
    from glossary.extraction import extract

    (term,) = extract("The Ministry of State Security\n(国家安全部) said.", "p.txt")
    assert (term.english, term.occurrences[0].line) == ("Ministry of State Security", 2)


@SETTINGS
@given(PROSE, st.integers(0, 10**6), st.integers(1, 10**4))
def test_read_shifts_by_offset_and_line(text: str, offset: int, line: int) -> None:
    """read(piece, offset=, line=) places a piece's readings where the piece stands."""
    from glossary.extraction import read

    plain = [r.occurrence for r in read(text, "p.txt")]
    shifted = [r.occurrence for r in read(text, "p.txt", offset=offset, line=line)]
    assert [(o.start + offset, o.end + offset, o.line + line - 1) for o in plain] == [
        (o.start, o.end, o.line) for o in shifted
    ]


@SETTINGS
@given(PROSE, PROSE)
def test_settle_does_not_depend_on_order(a: str, b: str) -> None:
    """The terms of two documents are the same whichever is read first."""
    from glossary.extraction import read, settle

    ra, rb = read(a, "a.txt"), read(b, "b.txt")
    assert settle(ra + rb) == settle(rb + ra)


@SETTINGS
@given(st.text(max_size=60), st.integers(1, 20))
def test_lookup_any_query(query: str, limit: int) -> None:
    """Any query is understood or not, never an exception; at most `limit` results."""
    from glossary.glossary import Glossary
    from glossary.lookup import Query

    q = Query(query)
    assert isinstance(q.pinyin_key, str)
    _ = q.syllables, q.has_tones
    assert len(Glossary.default().lookup(query, limit=limit)) <= limit


@SETTINGS
@given(st.text(max_size=300))
def test_tsv_reader_only_raises_glossary_errors(text: str) -> None:
    """Any text read as a TSV glossary gives terms or one GlossaryError."""
    from glossary.formats import FORMATS

    reader = FORMATS["tsv"].read
    assert reader is not None
    with contextlib.suppress(GlossaryError):
        reader("english\tchinese\tpinyin\n" + text, "g.tsv")


@SETTINGS
@given(st.binary(max_size=200))
def test_decode_strict(data: bytes) -> None:
    """Bytes decode exactly when they are UTF-8; otherwise the error names line and byte."""
    from glossary.formats._io import decode

    try:
        expected = data.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(GlossaryError, match=r"^f\.txt:\d+: byte 0x[0-9a-f]{2} at offset"):
            decode(data, "f.txt")
    else:
        norm = expected.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        assert decode(data, "f.txt") == norm


WORD = (
    st.text(
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)


@SETTINGS
@given(st.lists(st.tuples(WORD, st.text("颠覆核共享国家安全部战略", min_size=1, max_size=8))))
def test_json_round_trip(pairs: list[tuple[str, str]]) -> None:
    """Terms written as JSON read back with the same English and Chinese."""
    from glossary import formats
    from glossary.model import Term

    terms = [Term(english, chinese) for english, chinese in pairs]
    back = formats.FORMATS["json"].read(formats.dumps(terms, "json"), "g.json")  # type: ignore[misc]
    assert [(t.english, t.chinese) for t in back] == pairs


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_cli_pinyin_and_convert_any_text(text: str) -> None:
    """The text commands take any argument: one output line, or one error line."""
    import io

    from glossary.cli import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(["convert", "--to", "traditional", "--", text])
        code |= main(["pinyin", "--", text])
    assert code == 0 or err.getvalue().count("\n") == 1


@SETTINGS
@given(st.text())
def test_error_lines_are_printable(text: str) -> None:
    """Whatever a message quotes, the error line has no control or bidi character."""
    import argparse

    from glossary.cli import describe

    _, line = describe(AnyTextError(text), argparse.Namespace())
    assert line.isprintable()


class AnyTextError(GlossaryError):
    """A GlossaryError whose message is arbitrary text."""


def _fuzz_module() -> object:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_glossary.py"
    spec = importlib.util.spec_from_file_location("fuzz_glossary", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fuzz_harness_covers_every_reader_and_flags_violations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """fuzz/fuzz_glossary.py fuzzes every readable format, and its offset check fires on a
    span that does not hold the surface form."""
    from glossary.formats import FORMATS

    fuzz: Any = _fuzz_module()
    names = [name for name, _ in fuzz.targets()]
    assert {f"read-{n}" for n, f in FORMATS.items() if f.readable} <= set(names)
    assert {"extract", "lookup", "decode"} <= set(names)
    # a generated JSON glossary goes to the JSON reader
    import random

    data = fuzz.generate(random.Random(1))
    assert fuzz.pick(data)[0] in {"read-json", "read-tsv"}
    fuzz.check(
        b"\x00the \xe2\x80\x9cnuclear sharing\xe2\x80\x9d (\xe6\xa0\xb8\xe5\x85\xb1\xe4\xba\xab)"
    )
    # an occurrence whose offsets miss its Chinese is an offset violation, not a pass
    import glossary.extraction
    from glossary.model import Occurrence, Term

    text = "the “nuclear sharing” (颠覆)"
    occurrence = Occurrence("f", 1, 4, len(text), "nuclear sharing", "核共享")
    wrong = Term("nuclear sharing", "核共享", occurrences=(occurrence,))
    monkeypatch.setattr(glossary.extraction, "extract", lambda text, source: iter([wrong]))
    with pytest.raises(fuzz.OffsetError, match="chinese"):
        fuzz._check_offsets(text)
