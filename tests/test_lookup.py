"""Lookup: query understanding (tests/cases/lookup.tsv), the generated query set, rendering."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from casetables import heavy_modules_after, params
from glossary import formats
from glossary.errors import InputError
from glossary.formats.tsv import COLUMNS
from glossary.glossary import Glossary
from glossary.lookup import (
    Match,
    Syllable,
    Tier,
    display_width,
    edit_distance,
    format_matches_table,
    matches_to_json,
    parse_pinyin,
)
from glossary.model import Kind, Term
from glossary.pinyin import to_numbers, toneless

DEV_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

SEED0, SEED1 = "000_c5ba7a19ec981afd.txt", "001_5a30b6f9219de20d.txt"
UNITED_FRONT = "14_hkdc-sft-transnational-repression-united-front.txt"

#: Real terms from the seed documents and the dev corpus, as a glossary file carries them.
ROWS = [
    {
        "english": "subversion",
        "chinese": "颠覆",
        "traditional": "顛覆",
        "pinyin": "diānfù",
        "status": "preferred",
        "domain": "law",
        "sources": f"{SEED0}:12; {SEED1}:18",
    },
    {
        "english": "nuclear sharing",
        "chinese": "核共享",
        "traditional": "核共享",
        "pinyin": "hégòngxiǎng",
        "sources": f"{SEED0}:13",
    },
    {
        "english": "global strategic stability",
        "chinese": "全球战略稳定",
        "traditional": "全球戰略穩定",
        "pinyin": "quánqiú zhànlüè wěndìng",
        "sources": f"{SEED0}:13; {SEED1}:12",
    },
    {
        "english": "Global Civilization Initiative",
        "chinese": "全球文明倡议",
        "traditional": "全球文明倡議",
        "pinyin": "Quánqiú Wénmíng Chàngyì",
        "sources": f"{SEED0}:33",
    },
    {
        "english": "equal and indivisible security",
        "chinese": "安全平等且不可分割",
        "traditional": "安全平等且不可分割",
        "pinyin": "ānquán píngděng qiě bùkě fēngē",
        "sources": f"{SEED0}:13",
    },
    {
        "english": "correct direction",
        "chinese": "正确方向",
        "traditional": "正確方向",
        "pinyin": "zhèngquè fāngxiàng",
        "sources": f"{SEED0}:20",
    },
    {
        "english": "united front",
        "chinese": "统一战线",
        "traditional": "統一戰線",
        "pinyin": "tǒngyī zhànxiàn",
        "sources": f"{UNITED_FRONT}:5",
    },
    {
        "english": "united front work",
        "chinese": "统战工作",
        "traditional": "統戰工作",
        "pinyin": "tǒngzhàn gōngzuò",
        "sources": f"{UNITED_FRONT}:5",
    },
    {
        "english": "Chinese Students and Scholars Association",
        "chinese": "中国学生学者联合（谊）会",
        "traditional": "中國學生學者聯合（誼）會",
        "pinyin": "Zhōngguó Xuésheng Xuézhě Liánhé(yì)huì",
        "sources": f"{UNITED_FRONT}:40",
    },
    {
        "english": "Chen Zuoer",
        "chinese": "陈佐洱",
        "traditional": "陳佐洱",
        "pinyin": "Chén Zuǒ'ěr",
        "sources": "26_hk-deconstructing-decolonialization.txt:6",
    },
    {
        "english": "involution",
        "chinese": "内卷",
        "traditional": "內卷",
        "pinyin": "nèijuǎn",
        "note": "also 卷 (juan) alone",
        "domain": "society",
        "status": "admitted",
        "sources": "16_rcd-youthology-vulnerable-generation.txt:241",
    },
    {
        "english": "lying flat",
        "chinese": "躺平",
        "traditional": "躺平",
        "pinyin": "tǎngpíng",
        "sources": "17_rcd-xu-jilin-youth-grand-narratives.txt:339",
    },
    {
        "english": "Shanghai Cooperation Organization",
        "abbreviation": "SCO",
        "kind": "acronym",
        "sources": f"{SEED0}:20",
    },
]
FIXTURE = "".join(
    "\t".join(r.get(c, "") for c in COLUMNS) + "\n" for r in [{c: c for c in COLUMNS}, *ROWS]
)


@pytest.fixture(scope="module")
def fixture_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lookup") / "fixture.tsv"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def glossary(fixture_path: Path) -> Glossary:
    return Glossary.load(fixture_path)


def _is(term: Term, expected: str) -> bool:
    return expected in (term.chinese, term.english)


@pytest.mark.parametrize("row", params("lookup.tsv"))
def test_lookup_case(glossary: Glossary, row: dict[str, str]) -> None:
    """Each query finds its entry within the stated rank and tier, for the stated reason."""
    matches = glossary.lookup(row["query"])
    found = [m for m in matches[: int(row["within"])] if _is(m.term, row["expected"])]
    assert found, [(m.term.chinese or m.term.english, m.reason) for m in matches]
    assert found[0].tier is Tier[row["tier"].upper()]
    assert found[0].reason == row["reason"]


# -- the generated query set ------------------------------------------------------------------

#: How each query of the generated set is made from an entry.
GENERATORS = {
    "english as written": lambda t: t.english,
    "english lower case": lambda t: t.english.lower(),
    "english in quotes": lambda t: f"“{t.english}”",
    "english with the": lambda t: (
        "" if t.english.lower().startswith(("the ", "a ", "an ")) else f"the {t.english}"
    ),
    "simplified": lambda t: t.chinese,
    "traditional": lambda t: t.traditional,
    "pinyin marked": lambda t: t.pinyin,
    "pinyin marked unspaced": lambda t: t.pinyin.replace(" ", ""),
    "pinyin numbered": lambda t: to_numbers(t.pinyin),
    "pinyin numbered spaced": lambda t: " ".join(
        "".join(c + " " if c.isdigit() else c for c in to_numbers(t.pinyin)).split()
    ),
    "pinyin toneless": lambda t: toneless(t.pinyin),
    "pinyin toneless unspaced": lambda t: "".join(c for c in toneless(t.pinyin) if c.isalpha()),
    # a Chinese fragment: the entry's Chinese without its first character (3+ characters)
    "chinese fragment": lambda t: t.chinese[1:] if len(t.chinese) >= 3 else "",
}


def generated_queries(g: Glossary) -> Iterator[tuple[str, str, Term]]:
    """(how, query, entry) for every entry and every generator that applies to it."""
    for term in g:
        for how, make in GENERATORS.items():
            query = make(term).strip() if (term.english or not how.startswith("english")) else ""
            if query:
                yield how, query, term


def _misses(g: Glossary) -> list[str]:
    misses = []
    total = 0
    for how, query, term in generated_queries(g):
        total += 1
        if not any(m.term == term for m in g.lookup(query, limit=3)):
            top = [m.term.chinese or m.term.english for m in g.lookup(query, limit=3)]
            misses.append(f"{how}: {query!r} for {term.chinese or term.english} -> {top}")
    assert total > 0
    return misses


def test_generated_queries_fixture(glossary: Glossary) -> None:
    """Every generated query finds its entry of the fixture glossary in the top 3."""
    assert _misses(glossary) == []


def test_generated_queries_default_glossary() -> None:
    """Every generated query finds its entry of the shipped data/terms.tsv in the top 3."""
    assert _misses(Glossary.default()) == []


@cache
def _dev_glossary() -> Glossary:
    from glossary.extraction import extract_files
    from glossary.normalise import normalise_term

    files = sorted(DEV_CORPUS.glob("*.txt"))
    return Glossary.from_terms(normalise_term(t) for t in extract_files(files))


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason=f"dev corpus not found at {DEV_CORPUS}")
def test_generated_queries_dev_corpus() -> None:
    """Every generated query finds its entry of the dev-corpus glossary in the top 3."""
    assert _misses(_dev_glossary()) == []


# -- pinyin parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("zhànlüè", [("zhan", 4), ("lve", 4)], id="marks_split_into_syllables"),
        pytest.param("zhan4lu:e4", [("zhan", 4), ("lve", 4)], id="numbers_and_u_colon"),
        pytest.param("xue2sheng5", [("xue", 2), ("sheng", 0)], id="five_is_neutral"),
        pytest.param("xian", [("xian", None)], id="fewest_syllables"),
        pytest.param("xi'an", [("xi", None), ("an", None)], id="apostrophe_splits"),
        pytest.param("fangan", [("fan", None), ("gan", None)], id="no_vowel_initial_inside"),
        pytest.param("yidianr3", [("yi", None), ("dianr", 3)], id="erhua"),
        pytest.param("subversion", None, id="english_is_not_pinyin"),
    ],
)
def test_parse_pinyin(text: str, expected: list[tuple[str, int | None]] | None) -> None:
    """Queries split into syllables with their tones (None: any tone)."""
    parsed = parse_pinyin(text)
    assert (None if parsed is None else [tuple(s) for s in parsed]) == expected


def test_parse_pinyin_marks_unmarked_as_neutral_for_entries() -> None:
    """An entry's unmarked syllable is neutral, not open."""
    assert parse_pinyin("Xuésheng", unmarked=0) == (Syllable("xue", 2), Syllable("sheng", 0))


# -- behaviour --------------------------------------------------------------------------------


def test_limit_and_tier_order(glossary: Glossary) -> None:
    """Results are capped at limit and never rank a later tier above an earlier one."""
    matches = glossary.lookup("a", limit=4)
    assert len(matches) == 4
    assert [m.tier for m in matches] == sorted(m.tier for m in matches)


def test_empty_query_finds_nothing(glossary: Glossary) -> None:
    """A blank query returns no results rather than everything."""
    assert glossary.lookup("   ") == []


def test_fuzzy_only_when_nothing_else_matched(glossary: Glossary) -> None:
    """A query with an exact match gets no typo suggestions."""
    assert all(m.tier is not Tier.FUZZY for m in glossary.lookup("involution"))


def test_preferred_status_breaks_ties() -> None:
    """Of two equally good matches the preferred one comes first, the deprecated one last."""
    from glossary.model import Status

    g = Glossary.from_terms(
        [
            Term("overthrow", "颠覆", "顛覆", "diānfù", status=Status.DEPRECATED),
            Term("sabotage", "颠覆", "顛覆", "diānfù"),
            Term("subversion", "颠覆", "顛覆", "diānfù", status=Status.PREFERRED),
        ]
    )
    assert [m.term.english for m in g.lookup("颠覆")] == ["subversion", "sabotage", "overthrow"]


def test_index_holds_the_terms_formats_load_reads(fixture_path: Path, tmp_path: Path) -> None:
    """A file loaded through its index gives the very terms glossary.formats.load reads."""
    assert list(Glossary.load(fixture_path)) == formats.load(fixture_path)
    assert [t.occurrences for t in Glossary.load(fixture_path)] == [
        t.occurrences for t in formats.load(fixture_path)
    ]
    reordered = tmp_path / "reordered.tsv"
    reordered.write_text(
        "chinese\tpinyin\tenglish\ttraditional\tkind\n颠覆\tdiānfù\tsubversion\t顛覆\t\n",
        encoding="utf-8",
    )
    assert list(Glossary.load(reordered)) == formats.load(reordered)


@pytest.mark.parametrize(
    ("row", "line", "what"),
    [
        pytest.param("subversion\t颠覆\t顛覆\tdiānfù\t\tnoun", 3, "kind", id="bad_kind"),
        pytest.param(
            "subversion\t颠覆\t顛覆\tdiānfù" + "\tx" * (len(COLUMNS) - 3),
            3,
            "fields",
            id="extra_tab",
        ),
        pytest.param("\t\t顛覆", 3, "empty", id="no_english_no_chinese"),
    ],
)
def test_bad_rows_name_their_line(tmp_path: Path, row: str, line: int, what: str) -> None:
    """A bad row is reported with its file and line, as the TSV reader reports it."""
    path = tmp_path / "bad.tsv"
    path.write_text(FIXTURE.splitlines()[0] + "\nlying flat\t躺平\t躺平\ttǎngpíng\n" + row + "\n")
    with pytest.raises(InputError) as info:
        Glossary.load(path)
    assert info.value.line == line
    assert what in info.value.what


def test_missing_fields_are_computed_on_load(tmp_path: Path) -> None:
    """A hand-written file with only english and chinese gets pinyin and traditional."""
    path = tmp_path / "mine.tsv"
    path.write_text("english\tchinese\nunited front\t統一戰線\n", encoding="utf-8")
    [match] = Glossary.load(path).lookup("tong3yi1 zhan4xian4")
    assert (match.term.chinese, match.term.traditional) == ("统一战线", "統一戰線")


def test_lookup_needs_no_heavy_imports(fixture_path: Path) -> None:
    """Looking up in a complete glossary (and the default) loads no jieba, pypinyin, OpenCC."""
    code = (
        "from glossary.glossary import Glossary\n"
        f"g = Glossary.load({str(fixture_path)!r})\n"
        "for q in ['颠覆', 'dian1fu4', 'subverion', '全球戰略稳定']:\n"
        "    assert g.lookup(q), q\n"
        "    assert Glossary.default().lookup(q), q\n"
    )
    assert heavy_modules_after(code) == []


def test_lookup_command_imports_no_typing_or_dataclasses(fixture_path: Path) -> None:
    """``glossary lookup`` after its index is built loads neither typing nor dataclasses
    (with inspect): together they cost more than half an empty interpreter's start-up."""
    code = (
        "import contextlib, io\n"
        "from glossary.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    assert main(['lookup', '颠覆', '--glossary', {str(fixture_path)!r}]) == 0\n"
        "assert '颠覆' in out.getvalue()\n"
    )
    heavy = ("typing", "dataclasses", "inspect", "jieba", "pypinyin", "opencc")
    heavy_modules_after(code, heavy)  # builds the index (if no earlier test did)
    assert heavy_modules_after(code, heavy) == []


# -- rendering --------------------------------------------------------------------------------


def test_table_columns_line_up_in_display_width(glossary: Glossary) -> None:
    """Each column of the table starts at the same display column on every line."""
    table = format_matches_table(glossary.lookup("全球")).splitlines()
    header = table[0]
    for name in ("简", "繁", "pinyin", "sources", "match"):
        column = display_width(header[: header.index(name)])
        for line in table[2:]:
            before = [display_width(line[:i]) for i in range(len(line) + 1)]
            assert column in before
            assert line[before.index(column) - 1] == " "


def test_json_output_round_trips(glossary: Glossary) -> None:
    """--format json carries each entry's forms, sources, tier and reason."""
    matches = glossary.lookup("顛覆")
    [record] = json.loads(matches_to_json(matches))
    assert record["chinese"] == "颠覆"
    assert record["traditional"] == "顛覆"
    assert record["tier"] == "exact"
    assert record["reason"] == matches[0].reason
    assert len(record["sources"]) == 2


def test_table_shows_abbreviation_and_no_match() -> None:
    """An acronym shows as 'long form (ABBR)'; no results give a plain message."""
    term = Term("Shanghai Cooperation Organization", abbreviation="SCO", kind=Kind.ACRONYM)
    table = format_matches_table([Match(term, Tier.EXACT, 1.0, "exact abbreviation")])
    assert "Shanghai Cooperation Organization (SCO)" in table
    assert format_matches_table([]) == "no match"


def _full_edit_distance(a: str, b: str) -> int:
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_banded_edit_distance_matches_full_table() -> None:
    """The banded, early-exit edit distance equals the full-table one, capped at limit + 1."""
    import random

    rng = random.Random(0)
    for _ in range(3000):
        a = "".join(rng.choice("颠覆ab") for _ in range(rng.randint(0, 6)))
        b = "".join(rng.choice("颠覆ab") for _ in range(rng.randint(0, 6)))
        for limit in (1, 2):
            assert edit_distance(a, b, limit) == min(_full_edit_distance(a, b), limit + 1)


# -- search keys come from the entries, never from the file ----------------------------------


#: The search-key columns older versions wrote into glossary files.
OLD_KEY_COLUMNS = ("english_folded", "english_key", "pinyin_key")


def _with_key_columns(text: str, keys: dict[str, str] | None = None) -> str:
    """A TSV glossary with the old key columns added (empty, or as ``keys`` says)."""
    header, *rows = text.splitlines()
    cells = [(keys or {}).get(c, "") for c in OLD_KEY_COLUMNS]
    return "".join(
        "\t".join([line, *(OLD_KEY_COLUMNS if i == 0 else cells)]) + "\n"
        for i, line in enumerate([header, *rows])
    )


def test_stored_keys_are_not_trusted(tmp_path: Path) -> None:
    """Key columns a file carries are ignored: every key is computed from the entry."""
    path = tmp_path / "keys.tsv"
    row = "english\tchinese\ttraditional\tpinyin\nsubversion\t颠覆\t顛覆\tdiānfù\n"
    # keys no fold of this row gives, as a stale or hand-damaged file would carry
    stale = {"english_folded": "overthrow", "english_key": "overthrow", "pinyin_key": "xxx"}
    path.write_text(_with_key_columns(row, stale), encoding="utf-8")
    g = Glossary.load(path)
    assert g.lookup("overthrow") == g.lookup("xxx") == []
    assert [m.reason for m in g.lookup("subversion")] == ["exact English"]
    assert [m.reason for m in g.lookup("dianfu")] == ["exact pinyin"]


def test_files_with_old_key_columns_search_the_same(fixture_path: Path, tmp_path: Path) -> None:
    """A file with the key columns older versions wrote (filled or emptied) gives the same
    entries and results as one without them."""
    plain = tmp_path / "plain.tsv"
    Glossary.load(fixture_path).save(plain)
    text = plain.read_text(encoding="utf-8")
    if OLD_KEY_COLUMNS[0] in text.split("\n", 1)[0]:  # a writer that still writes them
        keep = text.split("\n", 1)[0].split("\t").index(OLD_KEY_COLUMNS[0])
        text = "".join("\t".join(line.split("\t")[:keep]) + "\n" for line in text.splitlines())
        plain.write_text(text, encoding="utf-8")
    emptied = tmp_path / "emptied.tsv"
    emptied.write_text(_with_key_columns(text), encoding="utf-8")
    stale = tmp_path / "stale.tsv"
    stale.write_text(_with_key_columns(text, dict.fromkeys(OLD_KEY_COLUMNS, "x")), "utf-8")
    base = Glossary.load(plain)
    queries = [q for _, q, _ in generated_queries(base)] + ["a", "zhan", "stability", "x"]
    for other in (Glossary.load(emptied), Glossary.load(stale)):
        assert list(other) == list(base)
        for q in queries:
            assert other.lookup(q) == base.lookup(q), q


@pytest.mark.parametrize("limit", [1, 2, 3, 10])
def test_exact_english_shortcut_ranks_as_the_full_search(
    monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """Skipping inflections and abbreviations once `limit` hits score 1.0 changes no result."""
    from glossary.lookup import search as lookup

    g = Glossary.default()
    extra = Glossary.from_terms(
        [
            Term("units", "单位", "單位", "dānwèi"),
            Term("unit", "单元", "單元", "dānyuán"),
            Term("unit", "部队", "部隊", "bùduì"),
            Term("Unit", "小组", "小組", "xiǎozǔ", abbreviation="UNIT"),
            Term("danwei", "丹伟", "丹偉", "dānwěi"),
            Term("dan wei", "单位", "單位", "dānwèi"),
        ]
    )
    queries = ["unit", "units", "Unit", "danwei", "dan wei", "sco", "subversion", "SCO"]
    count = lookup._count_exact

    def never_enough(hits: dict[int, tuple[Tier, float, str]], n: int, best: bool = False) -> int:
        return 0 if best else count(hits, n)

    for glossary in (g, extra, extra.merge(g)):
        queries += [t.english for t in glossary if t.english]
        fast = {q: glossary.lookup(q, limit=limit) for q in queries}
        with monkeypatch.context() as m:
            m.setattr(lookup, "_count_exact", never_enough)  # always the full exact tier
            slow = {q: glossary.index.search(q, limit) for q in queries}
        assert {q: [(x.term, x.tier, x.score, x.reason) for x in v] for q, v in fast.items()} == {
            q: [(glossary[h.entry], h.tier, h.score, h.reason) for h in v] for q, v in slow.items()
        }


# -- the command line -------------------------------------------------------------------------


def test_cli_reads_each_argument_as_its_own_query(
    fixture_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lookup subversion 核共享` looks up both, each under its own heading."""
    from glossary.cli import main

    assert main(["lookup", "--glossary", str(fixture_path), "subversion", "核共享"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("subversion:\n")
    assert "\n\n核共享:\n" in out
    assert out.count("exact English") == 1
    assert "exact Chinese" in out


def test_cli_json_of_several_queries(
    fixture_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several queries in JSON: one object per query with its matches."""
    from glossary.cli import main

    assert (
        main(["lookup", "--glossary", str(fixture_path), "--format", "json", "颠覆", "躺平"]) == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert [(d["query"], d["matches"][0]["english"]) for d in doc] == [
        ("颠覆", "subversion"),
        ("躺平", "lying flat"),
    ]


def test_cli_notes_a_phrase_split_into_words(
    fixture_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unquoted words of an entry are looked up one by one, and the CLI says the phrase is
    an entry."""
    from glossary.cli import main

    main(["lookup", "--glossary", str(fixture_path), "united", "front"])
    err = capsys.readouterr().err
    assert "'united front' is an entry" in err


def _exit_status(argv: list[str]) -> int:
    """The exit status of the CLI, whether it returns it or argparse exits with it."""
    from glossary.cli import main

    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize("value", ["0", "-1", "x"])
def test_cli_limit_must_be_at_least_one(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--limit 0, -1 or a word is a usage error (exit 2), not 'no entry matches'."""
    assert _exit_status(["lookup", "--limit", value, "颠覆"]) == 2
    assert "--limit" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("query", "advice"),
    [
        pytest.param(
            "全球战略平衡", "try the shorter '全球战略': global strategic stability", id="shorter"
        ),
        pytest.param(
            "戰綫", "in simplified script, '战线' finds united front (统一战线)", id="script"
        ),
        pytest.param("典付", "read as 'diǎnfù', it sounds like subversion (颠覆)", id="reading"),
        pytest.param(
            "nuclear shxxxyy", "try the shorter 'nuclear sh': nuclear sharing", id="nearest"
        ),
        pytest.param("qwxyz", "no entry is near it", id="nothing"),
    ],
)
def test_cli_miss_suggests_what_fits(
    fixture_path: Path, capsys: pytest.CaptureFixture[str], query: str, advice: str
) -> None:
    """A miss exits 1 with one line of advice that fits the query."""
    from glossary.cli import main

    assert main(["lookup", "--glossary", str(fixture_path), query]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"glossary: no entry matches {query!r}; ")
    assert advice in err[0]


ESCAPES = "\x1b]0;pwned\x07\x1b[31mred\x1b[0m\u202eevil"


def _hostile_glossary(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.tsv"
    path.write_text(
        f"english\tchinese\ttraditional\tpinyin\tsources\n"
        f"subversion{ESCAPES}\t颠覆\t顛覆\tdiānfù\tx{ESCAPES}.txt:1\n"
        f"overthrow\t颠覆\t顛覆\tdiānfù\ty.txt:2\n",
        encoding="utf-8",
    )
    return path


def test_cli_tables_escape_terminal_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ANSI/OSC escapes and bidi overrides in a glossary are shown escaped, never raw."""
    from glossary.cli import main

    path = _hostile_glossary(tmp_path)
    for argv in (["lookup", "颠覆"], ["lookup", "--format", "json", "颠覆"], ["conflicts"]):
        main([*argv, "--glossary", str(path)])
        out = capsys.readouterr().out
        assert not any(c in out for c in "\x1b\x07\u202e"), argv
        assert "\\x1b]0;pwned\\x07" in out or "\\u001b]0;pwned\\u0007" in out


def test_cli_conflicts_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """conflicts exits 1 when it finds conflicts (0 with --exit-zero), 0 when none."""
    from glossary.cli import main

    path = _hostile_glossary(tmp_path)
    assert main(["conflicts", "--glossary", str(path)]) == 1
    assert main(["conflicts", "--glossary", str(path), "--exit-zero"]) == 0
    clean = tmp_path / "clean.tsv"
    clean.write_text("english\tchinese\nsubversion\t颠覆\n", encoding="utf-8")
    assert main(["conflicts", "--glossary", str(clean)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "no conflicts"


def test_table_fits_the_width_it_is_given(fixture_path: Path) -> None:
    """Fitted to 80 columns, every line of a lookup table fits, and every entry is still
    recognisable (only the sources cell is cut)."""
    g = Glossary.load(fixture_path)
    matches = g.lookup("全球", limit=10)
    table = format_matches_table(matches, 80)
    assert max(display_width(line) for line in table.splitlines()) <= 80
    whole = format_matches_table(matches)
    assert max(display_width(line) for line in whole.splitlines()) > 80
    for m in matches:
        for part in (m.term.english.split()[0], m.term.chinese[:2], m.reason.split()[0]):
            assert part in table


def test_cli_fits_the_terminal_but_not_a_pipe(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal the table takes its width; piped, every cell is whole."""
    from glossary.cli import lookup as cli_lookup
    from glossary.cli import main

    main(["lookup", "颠覆"])
    piped = capsys.readouterr().out
    assert "000_c5ba7a19ec981afd.txt, 001_5a30b6f9219de20d.txt" in piped
    monkeypatch.setattr(cli_lookup, "terminal_width", lambda: 60)
    main(["lookup", "颠覆"])
    fitted = capsys.readouterr().out
    assert max(display_width(line) for line in fitted.splitlines()) <= 60
    assert "…" in fitted


def test_cli_help_describes_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    """lookup and conflicts have a description and help for every option."""
    for command, options in (
        ("lookup", ["--glossary", "--format", "--limit"]),
        ("conflicts", ["--glossary", "--format", "--exit-zero"]),
    ):
        assert _exit_status([command, "--help"]) == 0
        text = " ".join(capsys.readouterr().out.split())
        assert "Exits 1" in text
        for option in options:
            after = text.split(option, 2)[-1].split("--")[0]
            assert len(after.split()) > 3, (command, option)
