"""The command line: run in-process through main(argv), plus one real subprocess run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from glossary.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))


def test_extract_json_carries_the_scorer_contract(tmp_path: Path) -> None:
    """extract --format json: occurrences carry source, line, offsets and surface forms."""
    out = tmp_path / "seeds.json"
    assert main(["extract", *map(str, SEEDS), "--format", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    occs = [(t, o) for t in doc["terms"] for o in t["occurrences"]]
    assert {Path(o["source"]).name for _, o in occs} == {p.name for p in SEEDS}
    subversion = [o for t, o in occs if o["chinese"] == "颠覆"]
    assert len(subversion) == 2
    for o in subversion:
        text = Path(o["source"]).read_text(encoding="utf-8")
        assert text[o["start"] : o["end"]].startswith("subversion")
        assert text[o["start"] : o["end"]].endswith("(颠覆)")
        assert text.count("\n", 0, o["start"]) + 1 == o["line"]
    sco = [o for t, o in occs if o["abbreviation"] == "SCO"]
    assert {o["english"] for o in sco} == {"Shanghai Cooperation Organization"}


def test_extract_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A lone - reads the document from standard input."""
    import io

    monkeypatch.setattr(
        sys, "stdin", io.StringIO("the Ministry of State Security (MSS; 国家安全部) said")
    )
    assert main(["extract", "-", "--format", "tsv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("english\tchinese\t")
    assert out[1].split("\t")[:2] == ["Ministry of State Security", "国家安全部"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "missing.txt", "no such file", id="missing"),
        pytest.param(lambda d: d, "is a directory", id="directory"),
        pytest.param(
            lambda d: (d / "gbk.txt").write_bytes("“颠覆” (颠覆)".encode("gbk")) and d / "gbk.txt",
            "is not UTF-8",
            id="undecodable",
        ),
    ],
)
def test_bad_input_one_line_nonzero_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object, message: str
) -> None:
    """A bad input file gives one error line naming it, exit 1, and no output file."""
    bad = make(tmp_path)  # type: ignore[operator]
    out = tmp_path / "out.json"
    code = main(["extract", str(SEEDS[0]), str(bad), "--format", "json", "-o", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1
    assert str(bad) in err[0]
    assert message in err[0]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []


def test_undecodable_error_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The UTF-8 error names the line of the first bad byte."""
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"first line\nsecond line caf\xe9\n")
    assert main(["extract", str(bad)]) == 1
    assert f"{bad}:2:" in capsys.readouterr().err


def test_existing_output_survives_a_failed_run(tmp_path: Path) -> None:
    """A failed run leaves an earlier output file as it was."""
    out = tmp_path / "out.tsv"
    out.write_text("keep me\n", encoding="utf-8")
    assert main(["extract", str(tmp_path / "nope.txt"), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "keep me\n"


def test_installed_entry_point_runs() -> None:
    """The installed `glossary` script and `python -m glossary` both extract the seeds."""
    exe = shutil.which("glossary", path=sysconfig.get_path("scripts")) or shutil.which("glossary")
    assert exe is not None, "the package must be installed (pip install -e .)"
    a = subprocess.run([exe, "extract", str(SEEDS[1])], capture_output=True, text=True, check=True)
    b = subprocess.run(
        [sys.executable, "-m", "glossary", "extract", str(SEEDS[1])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert a.stdout == b.stdout
    assert "全球战略稳定" in a.stdout


def test_the_program_skips_teardown_but_not_exit_handlers_or_output(tmp_path: Path) -> None:
    """`run()` ends the process with main's status once every exit handler has run, and
    standard output (a large amount, through a pipe) arrives whole."""
    marker = tmp_path / "handler-ran"
    code = (
        "import atexit, sys\n"
        "import glossary.cli as cli\n"
        "def main():\n"
        f"    atexit.register(lambda: open({str(marker)!r}, 'w').close())\n"
        "    sys.stdout.write('x' * 1_000_000)\n"
        "    return 3\n"
        "cli.main = main\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, check=False)
    assert done.returncode == 3
    assert done.stdout == b"x" * 1_000_000
    assert marker.exists()


def test_a_system_exit_inside_main_takes_pythons_own_exit() -> None:
    """A SystemExit raised through `run()` keeps its status and message (no quick exit)."""
    code = (
        "import atexit, sys\n"
        "import glossary.cli as cli\n"
        "atexit.register(lambda: print('late handler'))\n"
        "def main():\n"
        "    raise SystemExit('stopped')\n"
        "cli.main = main\n"
        "cli.run()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stderr, done.stdout) == (1, "stopped\n", "late handler\n")


def test_pinyin_reads_arguments_and_styles(capsys: pytest.CaptureFixture[str]) -> None:
    """glossary pinyin prints one line per argument, in the style asked for."""
    assert main(["pinyin", "全球战略稳定", "银行"]) == 0
    assert capsys.readouterr().out.splitlines() == ["quánqiú zhànlüè wěndìng", "yínháng"]
    assert main(["pinyin", "--style", "numbers", "全球战略稳定"]) == 0
    assert capsys.readouterr().out.strip() == "quan2qiu2 zhan4lve4 wen3ding4"


def test_pinyin_reads_standard_input_line_by_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no arguments each input line gives one output line, blank lines kept."""
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("颠覆\n\n核共享\n"))
    assert main(["pinyin", "--style", "none"]) == 0
    assert capsys.readouterr().out.splitlines() == ["dianfu", "", "he gongxiang"]


def test_convert_both_ways(capsys: pytest.CaptureFixture[str]) -> None:
    """glossary convert writes Taiwan forms by default and simplifies traditional text."""
    assert main(["convert", "--to", "traditional", "合作伙伴"]) == 0
    assert main(["convert", "--to", "simplified", "全球戰略穩定"]) == 0
    assert capsys.readouterr().out.splitlines() == ["合作夥伴", "全球战略稳定"]


def test_lookup_default_glossary(capsys: pytest.CaptureFixture[str]) -> None:
    """lookup with no --glossary searches the shipped seeds glossary and prints a table."""
    assert main(["lookup", "顛覆"]) == 0
    out = capsys.readouterr().out
    assert "subversion" in out
    assert "diānfù" in out


def test_lookup_json_and_user_glossary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--glossary FILE searches the user's own file; --format json gives machine output."""
    own = tmp_path / "mine.tsv"
    own.write_text(
        "english\tchinese\tpinyin\nhousehold registration\t户口\thùkǒu\n", encoding="utf-8"
    )
    assert main(["lookup", "hukou", "--glossary", str(own), "--format", "json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [r["chinese"] for r in results][:1] == ["户口"]


def test_lookup_nothing_found_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A query that matches nothing says so on stderr and exits 1."""
    assert main(["lookup", "zzzzqqqq"]) == 1
    assert "no entry matches" in capsys.readouterr().err


def test_lookup_bad_glossary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A glossary file without the english/chinese header is one error line."""
    bad = tmp_path / "bad.tsv"
    bad.write_text("foo\tbar\n1\t2\n", encoding="utf-8")
    assert main(["lookup", "x", "--glossary", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert f"{bad}:1:" in err[0]


def test_conflicts_on_an_extracted_glossary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """conflicts lists one Chinese rendered two ways across documents."""
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("what both sides call “subversion” (颠覆) of the order", encoding="utf-8")
    b.write_text("they fear “overthrow” (颠覆) by the West", encoding="utf-8")
    out = tmp_path / "g.json"
    assert main(["extract", str(a), str(b), "--format", "json", "-o", str(out)]) == 0
    assert main(["conflicts", "--glossary", str(out)]) == 1  # conflicts found
    text = capsys.readouterr().out
    assert "颠覆" in text
    assert "subversion" in text
    assert "overthrow" in text
