"""``glossary export`` and ``extract``'s output side: the format rule, every format, --into."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glossary import formats
from glossary.cli import main
from glossary.glossary import Glossary
from glossary.model import Status

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))


@pytest.mark.parametrize("fmt", ["tsv", "json", "csv", "xlsx", "omegat", "tbx", "md"])
def test_export_writes_the_format_the_suffix_names(fmt: str, tmp_path: Path) -> None:
    """-o's suffix alone chooses the format; readable formats load back to the same entries."""
    out = tmp_path / f"terms{formats.FORMATS[fmt].suffixes[0]}"
    assert main(["export", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    shipped = Glossary.default().terms
    if formats.FORMATS[fmt].readable:
        back = formats.load(out)
        if fmt == "omegat":  # only entries with both English and Chinese
            shipped = tuple(t for t in shipped if t.english and t.chinese)
            assert [(t.english, t.chinese) for t in back] == [
                (t.english, t.chinese) for t in shipped
            ]
        else:
            assert back == list(shipped)
    else:
        assert "| English |" in out.read_text(encoding="utf-8")


def test_extract_json_suffix_writes_json(tmp_path: Path) -> None:
    """`extract -o terms.json` writes JSON (it used to write TSV into the .json file)."""
    out = tmp_path / "terms.json"
    assert main(["extract", str(SEEDS[0]), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "glossary"


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    """--format wins over the suffix."""
    out = tmp_path / "terms.txt"
    assert main(["export", "-o", str(out), "--format", "csv"]) == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeffen,zh-Hans,zh-Hant")


def test_unknown_suffix_lists_the_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown suffix is one line naming every format, and nothing is written."""
    out = tmp_path / "terms.docx"
    assert main(["export", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "'.docx'" in err
    for name in formats.FORMATS:
        assert name in err
    assert not out.exists()


def test_export_merges_glossaries_of_any_format(tmp_path: Path) -> None:
    """Several --glossary files of different formats are merged into one output."""
    a, b, out = tmp_path / "a.tsv", tmp_path / "b.csv", tmp_path / "both.json"
    a.write_text("english\tchinese\tnote\nsubversion\t颠覆\tlaw\n", encoding="utf-8")
    b.write_text("en,zh-Hans,status\nSubversion,颠覆,preferred\nsecurity,安全,\n", encoding="utf-8")
    assert main(["export", "--glossary", str(a), "--glossary", str(b), "-o", str(out)]) == 0
    terms = formats.load(out)
    assert [(t.english, t.note, t.status) for t in terms] == [
        ("subversion", "law", Status.PREFERRED),
        ("security", "", None),
    ]
    assert terms[1].pinyin == "ānquán"  # completed on loading


def test_export_sorts_by_pinyin(capsys: pytest.CaptureFixture[str]) -> None:
    """--sort pinyin orders entries syllable by syllable (OmegaT to standard output)."""
    assert main(["export", "-o", "-", "--format", "omegat", "--sort", "pinyin"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("#")]
    pinyin = [line.split("pinyin: ")[1].split(";")[0] for line in lines]
    from glossary.formats.order import pinyin_key
    from glossary.model import Term

    keys = [pinyin_key(Term("", "", pinyin=p)) for p in pinyin]
    assert keys == sorted(keys)
    assert len(keys) > 10


def test_export_refuses_to_overwrite_its_glossary(tmp_path: Path) -> None:
    """export --glossary g.tsv -o g.tsv is refused: the output would replace an input."""
    g = tmp_path / "g.tsv"
    g.write_text("english\tchinese\nsubversion\t颠覆\n", encoding="utf-8")
    assert main(["export", "--glossary", str(g), "-o", str(g)]) == 1
    assert g.read_text(encoding="utf-8") == "english\tchinese\nsubversion\t颠覆\n"


# -- a curated glossary survives re-mining ------------------------------------------------


def _edit(path: Path, chinese: str, **changes: str) -> None:
    """Edit the row of ``chinese`` as a person would, in a spreadsheet or an editor."""
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    for i, line in enumerate(lines[1:], start=1):
        cells = line.split("\t")
        if len(cells) > 1 and cells[1] == chinese:
            for name, value in changes.items():
                cells[header.index(name)] = value
            lines[i] = "\t".join(cells)
            break
    else:
        raise AssertionError(f"no row for {chinese}")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_remining_keeps_every_curated_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hand-edited note, status and English survive re-extraction; the entry is found by its
    new English, with the sources of both runs."""
    terms = tmp_path / "terms.tsv"
    assert main(["extract", str(SEEDS[1]), "-o", str(terms)]) == 0
    _edit(
        terms,
        "颠覆",
        english="subversion (of a state)",
        note="checked with the legal team",
        status="preferred",
        domain="law",
    )
    before = len(formats.load(terms))
    capsys.readouterr()
    assert main(["extract", *map(str, SEEDS), "--into", str(terms)]) == 0
    report = capsys.readouterr().err
    assert "gained sources" in report

    glossary = Glossary.load(terms)
    [match] = glossary.lookup("subversion (of a state)", limit=1)
    entry = match.term
    assert (entry.english, entry.chinese, entry.note, entry.status, entry.domain) == (
        "subversion (of a state)",
        "颠覆",
        "checked with the legal team",
        Status.PREFERRED,
        "law",
    )
    assert {Path(s).name for s in entry.sources} == {p.name for p in SEEDS}
    assert [t.english for t in glossary if t.chinese == "颠覆"] == ["subversion (of a state)"]
    assert len(glossary) > before  # the other seed's own terms were added


def test_remining_reports_a_conflict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new reading that disagrees with a curated entry is added and reported, not merged."""
    terms = tmp_path / "terms.tsv"
    terms.write_text(
        "english\tchinese\tstatus\tsources\nsubversion\t颠覆\tpreferred\told.txt:1\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.txt"
    new.write_text("They called it an “overthrow” (颠覆) of the order.\n", encoding="utf-8")
    assert main(["extract", str(new), "--into", str(terms)]) == 0
    err = capsys.readouterr().err
    assert 'curated "subversion", found "overthrow"' in err
    assert "1 new entry" in err
    renderings = {t.english: t.status for t in formats.load(terms) if t.chinese == "颠覆"}
    assert renderings == {"subversion": Status.PREFERRED, "overthrow": None}


def test_into_a_new_file_creates_it(tmp_path: Path) -> None:
    """--into a path that does not exist yet starts an empty curated glossary there."""
    terms = tmp_path / "terms.json"
    assert main(["extract", str(SEEDS[1]), "--into", str(terms)]) == 0
    assert formats.load(terms)


def test_into_refuses_a_write_only_format(tmp_path: Path) -> None:
    """A curated glossary must be readable: --into terms.md is refused before any work."""
    assert main(["extract", str(SEEDS[1]), "--into", str(tmp_path / "terms.md")]) == 1


def test_remining_reports_a_deprecated_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reading the curator deprecated stays deprecated and is reported when found again."""
    terms = tmp_path / "terms.tsv"
    terms.write_text("english\tchinese\tstatus\noverthrow\t颠覆\tdeprecated\n", encoding="utf-8")
    new = tmp_path / "new.txt"
    new.write_text("They called it an “overthrow” (颠覆) of the order.\n", encoding="utf-8")
    assert main(["extract", str(new), "--into", str(terms)]) == 0
    assert 'found "overthrow" (' in capsys.readouterr().err
    [entry] = formats.load(terms)
    assert (entry.status, entry.sources) == (Status.DEPRECATED, (str(new),))
