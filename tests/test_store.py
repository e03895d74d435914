"""The index: built once per content, never stale, safe with concurrent builds and readers."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from casetables import heavy_modules_after
from glossary.glossary import Glossary, complete_terms
from glossary.model import Occurrence, Status, Term
from glossary.store import Store, files
from glossary.store.build import write

HEADER = "english\tchinese\ttraditional\tpinyin\tstatus\tsources\n"
ROWS = (
    "subversion\t颠覆\t顛覆\tdiānfù\tpreferred\ta.txt:12; b.txt:18\n"
    "global strategic stability\t全球战略稳定\t全球戰略穩定\tquánqiú zhànlüè wěndìng\t\ta.txt:13\n"
    "nuclear sharing\t核共享\t核共享\thé gòngxiǎng\t\ta.txt:13\n"
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty cache folder for the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def tsv(tmp_path: Path) -> Path:
    path = tmp_path / "terms.tsv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def _english(g: Glossary, query: str) -> list[str]:
    return [m.term.english for m in g.lookup(query)]


def _indexes(cache: Path) -> list[str]:
    return sorted(
        p.name for p in cache.glob("index-*.sqlite") if not p.name.endswith(".fts.sqlite")
    )


def test_hand_edit_is_found_by_its_new_forms_at_once(tsv: Path, cache: Path) -> None:
    """Editing English and pinyin by hand (same size, same second) is seen by the next load."""
    assert _english(Glossary.load(tsv), "subversion") == ["subversion"]
    text = tsv.read_text(encoding="utf-8")
    # same length, so only the content (not the size) tells the edit apart
    edited = text.replace("subversion\t", "subvertion\t").replace("diānfù", "diānfú")
    assert len(edited) == len(text)
    tsv.write_text(edited, encoding="utf-8")
    g = Glossary.load(tsv)
    assert _english(g, "subvertion") == ["subvertion"]
    assert [m.reason for m in g.lookup("dian1fu2")] == ["exact pinyin"]
    assert [m.reason for m in g.lookup("dian1fu4")] == ["pinyin, other tones"]
    assert g.lookup("subversion")[0].tier.name == "FUZZY"  # the old form is only a typo now
    assert len(_indexes(cache)) == 1  # the index of the old content is gone


def test_edit_keeping_size_and_mtime_is_seen(tsv: Path, cache: Path) -> None:
    """An edit that restores the modification time is still seen (the change time moves)."""
    Glossary.load(tsv)
    before = tsv.stat()
    tsv.write_text((HEADER + ROWS).replace("subversion", "subvertion"), encoding="utf-8")
    os.utime(tsv, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert _english(Glossary.load(tsv), "subvertion") == ["subvertion"]


def test_index_is_built_once_per_content(
    tsv: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second load of unchanged content opens the index without reading the file."""
    from glossary import glossary

    calls: list[Sequence[str]] = []
    read = glossary._entries_of_files

    def counting(names: Sequence[str], kinds: Sequence[str]) -> list[Term]:
        calls.append(names)
        return read(names, kinds)

    monkeypatch.setattr(glossary, "_entries_of_files", counting)
    first = Glossary.load(tsv)
    second = Glossary.load(tsv)
    assert len(calls) == 1
    assert list(first) == list(second)
    assert [t.occurrences for t in first] == [t.occurrences for t in second]
    copy = tsv.with_name("copy.tsv")
    copy.write_bytes(tsv.read_bytes())
    Glossary.load(copy)  # another file, the same content: the same index
    assert len(calls) == 1


def test_normalisation_runs_once_per_content(tmp_path: Path, cache: Path) -> None:
    """A hand-written file is normalised when its index is built, never on later lookups."""
    path = tmp_path / "mine.tsv"
    path.write_text("english\tchinese\nunited front\t統一戰線\n", encoding="utf-8")
    code = (
        "from glossary.glossary import Glossary\n"
        f"[m] = Glossary.load({str(path)!r}).lookup('tong3yi1 zhan4xian4')\n"
        "assert (m.term.chinese, m.term.traditional) == ('统一战线', '統一戰線'), m\n"
    )
    env_code = f"import os\nos.environ['GLOSSARY_CACHE_DIR'] = {str(cache)!r}\n" + code
    assert "jieba" in heavy_modules_after(env_code)  # the first run builds the index
    assert heavy_modules_after(env_code) == []  # later runs read it


def test_damaged_index_is_rebuilt(tsv: Path, cache: Path) -> None:
    """An index file that is not a whole index of this content is rebuilt, not trusted."""
    Glossary.load(tsv)
    [name] = _indexes(cache)
    (cache / name).write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert _english(Glossary.load(tsv), "dianfu") == ["subversion"]
    assert Store.open(str(cache / name), "another key") is None
    [fragments] = cache.glob("*.fts.sqlite")
    fragments.unlink()  # an index whose fragment file is gone is rebuilt too
    assert _english(Glossary.load(tsv), "战略") == ["global strategic stability"]


def test_unwritable_cache_builds_in_memory(
    tsv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no usable cache folder the glossary is still searched (from memory)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(blocker / "cache"))
    g = Glossary.load(tsv)
    assert g.store.path == ":memory:"
    assert _english(g, "戰略") == ["global strategic stability"]


def test_two_builds_at_once(tsv: Path, cache: Path) -> None:
    """Two processes building the same index at once both succeed; it is built whole, once."""
    code = (
        "import sys\nfrom glossary.glossary import Glossary\n"
        "g = Glossary.load(sys.argv[1])\n"
        "print(g.lookup('quanqiu')[0].term.english, len(g))\n"
    )
    env = {**os.environ, "GLOSSARY_CACHE_DIR": str(cache)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tsv)], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=120)[0] for p in runs]
    assert [p.returncode for p in runs] == [0, 0]
    assert outs == ["global strategic stability 3\n"] * 2
    assert len(_indexes(cache)) == 1
    assert [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []


def test_lookup_during_a_build(tsv: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lookup while another thread builds the index sees no partial index: it waits for
    the build and searches the whole glossary."""
    from glossary.store import build

    started = threading.Event()
    real_write = build.write

    def slow_write(con: sqlite3.Connection, entries: Sequence[Term], *args: object) -> None:
        started.set()
        time.sleep(0.5)  # a large glossary, in short
        real_write(con, entries, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "write", slow_write)
    builder = threading.Thread(target=Glossary.load, args=(tsv,))
    builder.start()
    assert started.wait(10)
    # the index is being written: only its temporary file exists
    assert _indexes(cache) == []
    monkeypatch.setattr(build, "write", real_write)
    assert _english(Glossary.load(tsv), "核共享") == ["nuclear sharing"]
    builder.join()
    assert len(_indexes(cache)) == 1


def test_without_fts5_fragments_are_found_by_scanning(
    tsv: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An SQLite without FTS5 gives an index that finds the same fragments by a scan."""
    from glossary.store import build

    with_fts = Glossary.load(tsv)
    assert with_fts.store.fts
    monkeypatch.setattr(build, "FTS", "CREATE VIRTUAL TABLE x USING no_such_module(a);")
    entries = list(with_fts)
    plain = Glossary._of(store=Store.build(entries))
    assert not plain.store.fts
    for query in ("战略", "略", "strat", "ate", "gong xiang", "颠复", "stability global"):
        assert plain.lookup(query) == with_fts.lookup(query), query


def test_entries_round_trip_every_field() -> None:
    """An entry comes back from the index with every field and occurrence it went in with."""
    occurrence = Occurrence(
        "a; b:7.txt",
        3,
        10,
        24,
        "Subversion",
        "颠覆",
        "",
        "dianfu",
        "what both sides call",
        confidence=0.5,
    )
    term = Term(
        "subversion",
        "颠覆",
        "顛覆",
        "diānfù",
        "SUB",
        given_pinyin="dianfu",
        note="law",
        status=Status.PREFERRED,
        domain="legal",
        occurrences=(occurrence,),
        confidence=0.93,
    )
    [back] = list(Store.build([term]))
    assert back == term
    assert back.occurrences == term.occurrences
    assert back.confidence == term.confidence


def test_parallel_normalisation_matches_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    """Completing many terms over several processes gives what one process gives."""
    from glossary import glossary

    terms = [Term("united front", "統一戰線"), Term("subversion", "颠覆")] * 4
    serial = complete_terms(terms)
    monkeypatch.setattr(glossary, "PARALLEL_MIN", 2)
    # forked workers inherit the dictionaries loaded above (spawned ones, the default,
    # would each load them again: the same work, seconds slower)
    monkeypatch.setattr(glossary, "START_METHOD", "fork")
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert complete_terms(terms) == serial
    assert serial[0].traditional == "統一戰線"
    assert serial[1].pinyin == "diānfù"


def test_index_keys_are_computed_not_read() -> None:
    """The index computes its keys itself: a folded, a stemmed and a pinyin key per entry."""
    con = sqlite3.connect(":memory:")
    write(
        con,
        [
            Term(
                "The Global Civilisation Initiatives",
                "全球文明倡议",
                "全球文明倡議",
                "Quánqiú Wénmíng Chàngyì",
            )
        ],
    )
    row = con.execute("SELECT english_folded, chinese_key, pinyin_key FROM entry").fetchone()
    assert row == ("global civilisation initiatives", "全球文明倡议", "quanqiuwenmingchangyi")
    stems = con.execute("SELECT key FROM key WHERE kind = 1").fetchall()
    assert stems == [("globalcivilizationinitiativ",)]


def test_racy_hash_is_checked_again(tsv: Path, cache: Path) -> None:
    """A file hashed within moments of its last change is hashed again next time."""
    cache.mkdir()
    digest = files.content_digest(str(tsv), str(cache))
    [memo] = cache.glob("source-*.txt")
    path, signature, checked, remembered = memo.read_text(encoding="utf-8").split("\t")
    assert path == str(tsv)
    assert remembered == digest
    assert int(checked) - tsv.stat().st_mtime_ns < files.RACY_SECONDS * 1e9  # racy: not trusted
    memo.write_text(f"{path}\t{signature}\t{checked}\t{'0' * 64}", encoding="utf-8")
    assert files.content_digest(str(tsv), str(cache)) == digest


def test_default_glossary_goes_through_the_index(cache: Path) -> None:
    """The shipped glossary is searched through an index in the cache folder."""
    from glossary.glossary import _default

    _default.cache_clear()
    try:
        g = Glossary.default()
        assert Path(g.store.path).parent == cache
        assert _english(g, "顛覆") == ["subversion"]
    finally:
        _default.cache_clear()


def test_bad_file_writes_no_index(tmp_path: Path, cache: Path) -> None:
    """A file that cannot be read gives its one-line error and leaves no index behind."""
    from glossary.errors import InputError

    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "subversion\t颠覆\t顛覆\tdiānfù\tnot-a-status\t\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Glossary.load(bad)
    assert info.value.line == 2
    assert _indexes(cache) == []
    assert [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []


def test_special_files_are_refused(tmp_path: Path, cache: Path) -> None:
    """A FIFO or a folder given as a glossary is refused with one clear line, never read."""
    from glossary.errors import InputError

    fifo = tmp_path / "pipe.tsv"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        Glossary.load(fifo)
    with pytest.raises(InputError, match="is a directory"):
        Glossary.load(tmp_path, fmt="tsv")


def test_normalisation_falls_back_to_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where worker processes cannot start, terms are completed in this process."""
    import concurrent.futures

    from glossary import glossary

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no processes here")

    monkeypatch.setattr(glossary, "PARALLEL_MIN", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_processes)
    [term, _] = complete_terms([Term("subversion", "颠覆"), Term("bank", "银行")])
    assert term.pinyin == "diānfù"


def test_glossaries_pickle(tsv: Path, cache: Path) -> None:
    """A glossary (from a file or from terms) pickles to one with the same entries."""
    import pickle

    for g in (Glossary.load(tsv), Glossary.from_terms([Term("subversion", "颠覆")])):
        back = pickle.loads(pickle.dumps(g))
        assert list(back) == list(g)
        assert [m.term for m in back.lookup("颠覆")] == [m.term for m in g.lookup("颠覆")]


def test_a_term_the_normaliser_cannot_read_is_named(
    tmp_path: Path,
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A failure to compute one term's pinyin is one line naming the term, not a traceback."""
    from glossary import normalise
    from glossary.cli import main

    def broken(term: Term, *args: object) -> Term:
        raise IndexError("list index out of range")

    monkeypatch.setattr(normalise, "normalise_term", broken)
    path = tmp_path / "mine.tsv"
    path.write_text("english\tchinese\nhm\t呣\n", encoding="utf-8")
    assert main(["lookup", "--glossary", str(path), "hm"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot compute the pinyin and traditional form of '呣'" in line
    assert _indexes(cache) == []


def test_entry_columns_follow_the_term_fields() -> None:
    """The index's entry columns are the formats' term fields (kept apart only so that
    lookup need not import the formats), then the occurrences."""
    from glossary.formats.records import TERM_FIELDS
    from glossary.store.schema import TERM_COLUMNS

    assert (*TERM_FIELDS, "occurrences") == TERM_COLUMNS


WORDS = [
    ("state", "国家", "國家", "guójiā"),
    ("security", "安全", "安全", "ānquán"),
    ("strategic", "战略", "戰略", "zhànlüè"),
    ("stability", "稳定", "穩定", "wěndìng"),
    ("cooperation", "合作", "合作", "hézuò"),
    ("global", "全球", "全球", "quánqiú"),
    ("nuclear", "核", "核", "hé"),
    ("sharing", "共享", "共享", "gòngxiǎng"),
]


@pytest.fixture(scope="module")
def phrases() -> Glossary:
    """Entries of one to three words: many share prefixes and fragments."""
    from itertools import product

    terms = [
        Term(
            " ".join(w[0] for w in ws),
            "".join(w[1] for w in ws),
            "".join(w[2] for w in ws),
            " ".join(w[3] for w in ws),
        )
        for n in (1, 2, 3)
        for ws in product(WORDS, repeat=n)
    ]
    return Glossary.from_terms(terms)


def _queries(g: Glossary) -> list[str]:
    """Queries of every kind: entries' English, Chinese and pinyin, and pieces of them."""
    queries = ["s", "co", "st", "国", "国家", "zh", "state", "strat", "quan qiu", "zhan4lve4"]
    for t in list(g)[::7]:
        queries += [t.english, t.chinese, t.pinyin, t.english[2:14], t.chinese[1:3]]
    return [q for q in dict.fromkeys(queries) if q.strip()]


@pytest.mark.parametrize("limit", [1, 3, 10])
def test_fragments_skipped_only_when_they_cannot_rank(
    monkeypatch: pytest.MonkeyPatch, phrases: Glossary, limit: int
) -> None:
    """Once exact and prefix hits fill the limit the fragments are not searched, and no
    result changes."""
    from glossary.lookup import search

    g = phrases
    queries = _queries(g)
    calls: list[str] = []
    containing = Store.containing

    def counted(self: Store, field: str, needle: str, best: int) -> list[tuple[int, str]]:
        calls.append(needle)
        return containing(self, field, needle, best)

    monkeypatch.setattr(Store, "containing", counted)
    fast = {q: g.store.search(q, limit) for q in queries}
    skipped = len(calls)
    monkeypatch.setattr(search, "_count_prefixes", lambda hits, n: 0)  # always every tier
    calls.clear()
    slow = {q: g.store.search(q, limit) for q in queries}
    assert fast == slow
    assert skipped < len(calls)  # (the test covers both paths)


def test_long_fragments_by_few_trigrams_are_the_phrase_matches(
    monkeypatch: pytest.MonkeyPatch, phrases: Glossary
) -> None:
    """A long fragment found by its rarest trigrams (or, without trigram counts, by every
    third), then checked, finds exactly the entries the whole phrase finds, in order."""
    import glossary.store as store_module

    store = Store.build(list(phrases))
    [(count,)] = store._con.execute("SELECT doc FROM english_df WHERE term = 'sta'")
    assert count == sum("sta" in t.english for t in phrases)  # (the counts are right)
    needles = [
        ("english", "strategic"),
        ("english", "security cooperation"),
        ("english", "ation glob"),
        ("english", "ty sta"),
        ("english", "curity stability nuclear"),
        ("pinyin", "zhanlve"),
        ("pinyin", "guojiaanquan"),
        ("chinese", "战略稳定"),
    ]
    rarest = {n: store.containing(*n, 50) for n in needles}
    store._con.executescript("DELETE FROM english_df; DELETE FROM pinyin_df;")
    sparse = {n: store.containing(*n, 50) for n in needles}
    monkeypatch.setattr(store_module, "SPARSE_FROM", 10_000)
    phrase = {n: store.containing(*n, 50) for n in needles}
    assert rarest == sparse == phrase
    assert any(len(v) > 5 for v in phrase.values())


@pytest.mark.parametrize("best", [3, 1000])
def test_containing_finds_the_best_longer_keys(phrases: Glossary, best: int) -> None:
    """Fragments are the best (shortest, then first) longer keys holding the needle, as a
    scan of every entry finds them."""
    store = phrases.store
    info = store.info(range(len(store)))
    column = {"english": 0, "chinese": 2, "pinyin": 5}
    for field, needle in [
        ("english", "ty"),
        ("english", "state"),
        ("english", "security cooperation"),
        ("english", "curity stability nuclear"),
        ("pinyin", "anquan"),
        ("pinyin", "zhanlvewendinghezuo"),
        ("chinese", "安全"),
        ("chinese", "战略稳定合作"),
    ]:
        keys = {e: info[e][column[field]] for e in range(len(store))}
        holding = sorted(
            (len(k), e) for e, k in keys.items() if needle in k and len(k) > len(needle)
        )
        found = store.containing(field, needle, best)
        assert [e for _, e in holding[:best]] == [e for e, _ in found][: len(holding[:best])]
        assert all(needle in key and len(key) > len(needle) for _, key in found)


def test_check_and_export_read_the_index(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """check, annotate and export of a file without pinyin normalise it once, when its
    index is built; later runs read the index, and checking never makes the glossary's
    terms (its matchers' keys come from the index's columns)."""
    import json

    from glossary import glossary as glossary_module
    from glossary.cli import main

    path = tmp_path / "mine.tsv"
    path.write_text(
        "english\tchinese\nunited front\t統一戰線\nsubversion\t颠覆\n", encoding="utf-8"
    )
    doc = tmp_path / "doc.txt"
    doc.write_text("The united front, and 颠覆.\n", encoding="utf-8")
    calls: list[int] = []
    complete = glossary_module.complete_terms

    def counted(terms: Sequence[Term]) -> list[Term]:
        calls.append(len(terms))
        return complete(terms)

    monkeypatch.setattr(glossary_module, "complete_terms", counted)
    assert main(["export", "--glossary", str(path), "-o", str(tmp_path / "a.json")]) == 0
    assert calls == [2]
    with monkeypatch.context() as m:

        def whole(self: Store) -> None:
            raise AssertionError("the whole glossary was made")

        m.setattr(Store, "__iter__", whole)
        assert main(["check", str(doc), "--glossary", str(path), "--format", "json"]) == 0
        found = [(f["kind"], f["found"]) for f in json.loads(capsys.readouterr().out)]
        assert found == [("found", "united front"), ("found", "颠覆")]
        assert main(["annotate", str(doc), "--glossary", str(path)]) == 0
        assert capsys.readouterr().out == "The united front (统一战线), and 颠覆.\n"
    assert main(["export", "--glossary", str(path), "-o", str(tmp_path / "b.json")]) == 0
    assert calls == [2]  # every run after the first read the index
    terms = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["terms"]
    assert [(t["chinese"], t["pinyin"]) for t in terms] == [
        ("统一战线", "tǒngyī zhànxiàn"),
        ("颠覆", "diānfù"),
    ]
