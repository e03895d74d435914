"""Checking a translation: a pair built from seed terms with planted errors, in every input
format (line-aligned, TSV, XLIFF 1.2, XLIFF 2.0, TMX), and the command line around it."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from glossary.check import FindingKind, check_file, check_translation
from glossary.cli import main
from glossary.glossary import Glossary
from glossary.model import Status, Term

ROOT = Path(__file__).resolve().parents[1]

#: Seed terms (data/terms.tsv) in a Chinese source; its English translation plants three
#: errors: a deprecated rendering (2), a missing term (3), an inconsistent rendering (5).
PAIR = [
    (
        "双方重申维护全球战略稳定。",
        "The two sides reaffirmed their support for global strategic stability.",
    ),
    ("双方反对任何形式的颠覆活动。", "Both sides oppose any form of overthrow activity."),
    (
        "双方反对核共享安排，坚持安全平等且不可分割原则。",
        "Both sides oppose nuclear sharing arrangements and hold that security is one for all.",
    ),
    (
        "中俄總理定期會晤機制運行良好。",
        "The regular bilateral prime ministerial meetings work well.",
    ),
    ("全球战略稳定面临新的挑战。", "Worldwide strategic stability faces new challenges."),
    (
        "双方同意巩固全面能源合作伙伴关系。",
        "The two sides consolidated the comprehensive energy cooperation partnership.",
    ),
    ("这是全球战略稳定的基础。", "This is the basis of global\nstrategic stability."),
]
#: The seed glossary's own rows plus a deprecated and an admitted variant.
EXTRA = [
    Term("overthrow", "颠覆", "顛覆", "diānfù", status=Status.DEPRECATED),
    Term(
        "worldwide strategic stability",
        "全球战略稳定",
        "全球戰略穩定",
        "quánqiú zhànlüè wěndìng",
        status=Status.ADMITTED,
    ),
]
PLANTED = [
    ("deprecated", 2, "subversion", "颠覆", ["subversion"], "overthrow"),
    ("missing", 3, "equal and indivisible security", "安全平等且不可分割", None, ""),
    (
        "inconsistent",
        5,
        "global strategic stability",
        "全球战略稳定",
        ["global strategic stability"],
        "Worldwide strategic stability",
    ),
]


@pytest.fixture(scope="module")
def glossary_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/terms.tsv plus the two variants, as one TSV glossary."""
    path = tmp_path_factory.mktemp("glossary") / "terms.tsv"
    Glossary.load(ROOT / "data" / "terms.tsv").merge(Glossary.from_terms(EXTRA)).save(path)
    return path


def _one_line(text: str) -> str:
    return text.replace("\n", " ")


def write_aligned(folder: Path) -> tuple[Path, Path]:
    src, tgt = folder / "source.zh.txt", folder / "target.en.txt"
    src.write_text("".join(s + "\n" for s, _ in PAIR), encoding="utf-8")
    tgt.write_text("".join(_one_line(t) + "\n" for _, t in PAIR), encoding="utf-8")
    return src, tgt


def write_tsv(folder: Path) -> Path:
    path = folder / "pair.tsv"
    path.write_text(
        "source\ttarget\n" + "".join(f"{s}\t{_one_line(t)}\n" for s, t in PAIR), encoding="utf-8"
    )
    return path


def write_xliff12(folder: Path) -> Path:
    # ids are the line numbers the TSV gives (its header is line 1)
    units = "".join(
        f'<trans-unit id="{n}"><source>{escape(s)}</source>'
        f'<target state="translated">{escape(t)}</target></trans-unit>\n'
        for n, (s, t) in enumerate(PAIR, start=1)
    )
    path = folder / "pair.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="doc.txt" source-language="zh-CN" target-language="en" '
        f'datatype="plaintext"><body>\n{units}</body></file></xliff>\n',
        encoding="utf-8",
    )
    return path


def write_xliff20(folder: Path) -> Path:
    units = "".join(
        f'<unit id="{n}"><segment><source>{escape(s)}</source>'
        f"<target>{escape(t)}</target></segment></unit>\n"
        for n, (s, t) in enumerate(PAIR, start=1)
    )
    path = folder / "pair2.xliff"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
        f'srcLang="zh-CN" trgLang="en"><file id="f1">\n{units}</file></xliff>\n',
        encoding="utf-8",
    )
    return path


def write_tmx(folder: Path) -> Path:
    units = "".join(
        f'<tu tuid="{n}"><tuv xml:lang="en"><seg>{escape(t)}</seg></tuv>'
        f'<tuv xml:lang="zh-CN"><seg>{escape(s)}</seg></tuv></tu>\n'
        for n, (s, t) in enumerate(PAIR, start=1)
    )
    path = folder / "pair.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" '
        'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" '
        f'datatype="plaintext"/><body>\n{units}</body></tmx>\n',
        encoding="utf-8",
    )
    return path


def _planted(findings: list[dict[str, object]], *, offset: int = 0) -> list[tuple[object, ...]]:
    return [
        (
            f["kind"],
            int(str(f["segment"])) - offset,
            f["english"],
            f["chinese"],
            f["expected"] if f["kind"] != "missing" else None,
            f["found"],
        )
        for f in findings
    ]


def test_planted_errors_in_memory(glossary_file: Path) -> None:
    """The pair as (source, target) tuples yields exactly the planted findings."""
    findings = check_translation(PAIR, Glossary.load(glossary_file))
    assert _planted([f.to_json() for f in findings]) == PLANTED
    missing = next(f for f in findings if f.kind is FindingKind.MISSING)
    assert missing.expected == ("equal and indivisible security",)


@pytest.mark.parametrize(
    ("write", "offset"),
    [
        pytest.param(write_tsv, 1, id="tsv"),
        pytest.param(write_xliff12, 0, id="xliff-1.2"),
        pytest.param(write_xliff20, 0, id="xliff-2.0"),
        pytest.param(write_tmx, 0, id="tmx"),
    ],
)
def test_planted_errors_in_every_format(
    write: object,
    offset: int,
    glossary_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """glossary check FILE gives the same planted findings for TSV, XLIFF 1.2/2.0 and TMX."""
    assert callable(write)
    path = write(tmp_path)
    code = main(["check", str(path), "--glossary", str(glossary_file), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["source"] for f in findings} == {str(path)}
    assert _planted(findings, offset=offset) == PLANTED


def test_planted_errors_line_aligned(
    glossary_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """glossary check TARGET --source SOURCE: the same findings, on the target's lines."""
    src, tgt = write_aligned(tmp_path)
    code = main(["check", str(tgt), "--source", str(src), "--glossary", str(glossary_file)])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        _planted([f.to_json() for f in check_file(tgt, Glossary.load(glossary_file), source=src)])
        == PLANTED
    )
    assert out.startswith(f"{tgt}\n")
    assert "  line 3  equal and indivisible security (安全平等且不可分割)\n" in out
    assert out.rstrip().endswith("1 missing, 1 deprecated, 1 inconsistent")


def test_english_source_chinese_target() -> None:
    """The reverse direction: English source, Chinese target, the same kinds of finding."""
    g = [
        Term("subversion", "颠覆", "顛覆", "diānfù"),
        Term("subversion", "推翻", "推翻", "tuīfān", status=Status.DEPRECATED),
        Term("nuclear sharing", "核共享", "核共享", "hé gòngxiǎng"),
    ]
    pairs = [
        ("They oppose subversion.", "他们反对颠覆。"),
        ("They oppose subversion again.", "他们再次反对推翻。"),
        ("Nuclear sharing arrangements.", "核武器安排。"),
    ]
    got = [(f.kind.value, f.segment, f.expected, f.found) for f in check_translation(pairs, g)]
    assert got == [
        ("deprecated", 2, ("颠覆",), "推翻"),
        ("missing", 3, ("核共享",), ""),
    ]


def test_clean_translation_exits_zero(
    glossary_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A translation with every term rendered as the glossary says exits 0."""
    path = tmp_path / "ok.tsv"
    path.write_text(
        "颠覆\tsubversion\n全球战略稳定\tglobal strategic stability\n", encoding="utf-8"
    )
    assert main(["check", str(path), "--glossary", str(glossary_file)]) == 0
    assert "no problems found" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["missing.xlf"], "no such file", id="missing-file"),
        pytest.param(["bad.xlf"], "is not valid XLIFF", id="bad-xml"),
        pytest.param(["short.txt", "--source", "long.txt"], "has 1 lines but", id="misaligned"),
        pytest.param(["notab.tsv"], "row has no tab", id="tsv-without-tab"),
    ],
)
def test_bad_input_exits_two_with_one_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input: exit 2 and one line naming the file and what to do, no traceback."""
    (tmp_path / "bad.xlf").write_text("<xliff version='1.2'><file>", encoding="utf-8")
    (tmp_path / "short.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "notab.tsv").write_text("颠覆 subversion\n", encoding="utf-8")
    paths = [str(tmp_path / a) if not a.startswith("-") else a for a in args]
    assert main(["check", *paths]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert message in err[0]
    assert err[0].startswith(f"glossary: {tmp_path}")


def test_html_report_is_self_contained_and_escaped(glossary_file: Path, tmp_path: Path) -> None:
    """--format html -o OUT: one page, no scripts or outside links, every text escaped."""
    src, tgt = write_aligned(tmp_path)
    tgt.write_text(
        tgt.read_text(encoding="utf-8").replace("overthrow activity", "<b>overthrow</b> & co"),
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    code = main(
        [
            *("check", str(tgt), "--source", str(src), "--glossary", str(glossary_file)),
            *("--format", "html", "-o", str(out)),
        ]
    )
    page = out.read_text(encoding="utf-8")
    assert code == 1
    assert page.startswith("<!DOCTYPE html>")
    assert "<b>" not in page
    assert "&lt;b&gt;<mark>overthrow</mark>&lt;/b&gt; &amp; co" in page
    assert "<script" not in page
    assert "http" not in page
    assert page.count('<section class="') == 3


def test_text_report_fits_80_columns(
    glossary_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The text report keeps every line within 80 terminal columns."""
    from glossary.lookup import display_width

    monkeypatch.setenv("COLUMNS", "80")
    src, tgt = write_aligned(tmp_path)
    main(["check", str(tgt), "--source", str(src), "--glossary", str(glossary_file)])
    main(["check", str(ROOT / "examples" / "001_5a30b6f9219de20d.txt")])
    lines = capsys.readouterr().out.splitlines()
    assert max(display_width(line) for line in lines) <= 80
    assert any("| Both sides oppose any form of overthrow activity." in line for line in lines)


def test_check_document_json_and_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """check DOCUMENT: 0 when only terms are found, 1 with a near miss; JSON lists them."""
    doc = tmp_path / "doc.txt"
    doc.write_text("We value global strategic stability.\n", encoding="utf-8")
    assert main(["check", str(doc), "--format", "json"]) == 0
    [found] = json.loads(capsys.readouterr().out)
    assert (found["kind"], found["segment"], found["chinese"]) == ("found", 1, "全球战略稳定")
    doc.write_text("We value\nglobal strategic security.\n", encoding="utf-8")
    assert main(["check", str(doc), "--format", "json"]) == 1
    [near] = json.loads(capsys.readouterr().out)
    assert (near["kind"], near["segment"], near["found"]) == (
        "near_miss",
        2,
        "global strategic security",
    )


def test_annotate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """glossary annotate DOCUMENT [--pinyin] [-o OUT] writes the glossed document."""
    doc = tmp_path / "doc.txt"
    doc.write_text("On nuclear sharing and subversion.\n", encoding="utf-8")
    assert main(["annotate", str(doc)]) == 0
    assert capsys.readouterr().out == "On nuclear sharing (核共享) and subversion (颠覆).\n"
    out = tmp_path / "out.txt"
    assert main(["annotate", str(doc), "--pinyin", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (
        "On nuclear sharing (核共享, hé gòngxiǎng) and subversion (颠覆, diānfù).\n"
    )
    assert main(["annotate", str(tmp_path / "none.txt")]) == 2


def test_progress_bar_only_on_a_terminal_and_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long document on a terminal shows a bar on stderr, and the same findings."""
    import glossary.cli.check as cli_check

    para = (ROOT / "examples" / "001_5a30b6f9219de20d.txt").read_text(encoding="utf-8")
    doc = tmp_path / "long.txt"
    doc.write_text(para * 3, encoding="utf-8")
    assert main(["check", str(doc), "--format", "json"]) == 0
    plain = capsys.readouterr()
    assert plain.err == ""

    class Terminal:
        def __init__(self) -> None:
            self.written: list[str] = []

        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            self.written.append(text)
            return len(text)

        def flush(self) -> None:
            pass

    terminal = Terminal()
    monkeypatch.setattr(cli_check, "PROGRESS_MIN", 1000)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["check", str(doc), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(plain.out)
    bar = "".join(terminal.written)
    assert "100%" in bar
    assert bar.count("\r") > 3


@pytest.mark.parametrize("command", ["check", "annotate"])
def test_output_never_replaces_an_input(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming the document is refused with one line; the document is untouched."""
    doc = tmp_path / "doc.txt"
    doc.write_text("On nuclear sharing.\n", encoding="utf-8")
    assert main([command, str(doc), "-o", str(doc)]) == 2
    assert doc.read_text(encoding="utf-8") == "On nuclear sharing.\n"
    assert "is one of the inputs" in capsys.readouterr().err


def test_check_and_annotate_explain_every_option() -> None:
    """--help of both commands describes the command and every option."""
    import argparse

    from glossary.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in ("check", "annotate"):
        parser = sub.choices[name]
        assert parser.description
        for action in parser._actions:
            assert action.help, f"glossary {name} {action.option_strings or action.dest}"
