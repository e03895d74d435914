"""The matchers' tables of a glossary file: computed once, kept beside its index, never
trusted when damaged or stale, gone with the index."""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from typing import Any, TypeVar

import pytest

from glossary.check import Checker, check_document
from glossary.check.chinese import ChineseMatcher
from glossary.check.english import EnglishMatcher, NearMatcher
from glossary.check.tables import KINDS, table_path
from glossary.glossary import Glossary

SEED_2 = Path(__file__).resolve().parents[1] / "examples" / "001_5a30b6f9219de20d.txt"
Table = TypeVar("Table", bound="dict[Any, Any] | tuple[Any, ...]")
ROWS = (
    "english\tchinese\tpinyin\ttraditional\n"
    "global strategic stability\t全球战略稳定\tquánqiú zhànlüè wěndìng\t全球戰略穩定\n"
    "nuclear sharing\t核共享\thé gòngxiǎng\t核共享\n"
    "equal and indivisible security\t平等和不可分割的安全\tpíngděng hé bùkě fēngē de ānquán"
    "\t平等和不可分割的安全\n"
    "Shanghai Cooperation Organization\t上海合作组织\tShànghǎi Hézuò Zǔzhī\t上海合作組織\n"
)
DOCUMENT = (
    "They defend global strategic stability (全球戰略穩定) and equal and indivisible "
    "safety, reject nuclear-sharing deals and meet at the Shanghai Cooperation "
    "Organisation; 反对核共享。"
)


def _findings(path: Path) -> list[tuple[str, str, str]]:
    found = check_document(DOCUMENT, Glossary.load(path), "doc.txt")
    return [(f.kind.value, f.english, f.found) for f in found]


def _checked(path: Path) -> Checker:
    """A checker of the glossary file with every matcher built."""
    checker = Checker(Glossary.load(path))
    checker.english, checker.near, checker.chinese  # noqa: B018  (built on first use)
    return checker


def _tables(path: Path) -> dict[str, str]:
    store = Glossary.load(path).store
    return {kind: table_path(store.path, kind) for kind in KINDS}


def _refuse_to_compute(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("a table was computed again")

    for cls in (EnglishMatcher, NearMatcher, ChineseMatcher):
        monkeypatch.setattr(cls, "table", staticmethod(refuse))


@pytest.fixture
def glossary_file(tmp_path: Path) -> Path:
    """A glossary file of content no other test has (an index is shared by equal content)."""
    path = tmp_path / "mine.tsv"
    path.write_text(ROWS + f"marker {tmp_path.name}\t标记\tbiāojì\t標記\n", encoding="utf-8")
    return path


def test_a_second_check_reads_the_tables_and_finds_the_same(
    glossary_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _findings(glossary_file)
    assert ("found", "global strategic stability", "global strategic stability") in first
    assert ("near_miss", "equal and indivisible security", "equal and indivisible safety") in (
        first
    )
    assert ("found", "nuclear sharing", "核共享") in first
    _checked(glossary_file)  # (the document may not need every matcher)
    assert all(os.path.isfile(p) for p in _tables(glossary_file).values())
    _refuse_to_compute(monkeypatch)
    assert _findings(glossary_file) == first


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "another key"])
def test_a_damaged_or_foreign_table_is_computed_again(
    glossary_file: Path, kind: str, damage: str
) -> None:
    first = _findings(glossary_file)
    _checked(glossary_file)
    path = Path(_tables(glossary_file)[kind])
    data = path.read_bytes()
    if damage == "flip a byte":
        data = data[:-3] + bytes([data[-3] ^ 0x20]) + data[-2:]
    elif damage == "truncate":
        data = data[: len(data) // 2]
    else:  # a table written for other content or code, its digest intact
        head, key, rest = data.split(b"\n", 2)
        data = b"\n".join([head, key[:-1] + (b"0" if key[-1:] != b"0" else b"1"), rest])
    path.write_bytes(data)
    assert _findings(glossary_file) == first
    _checked(glossary_file)
    assert path.read_bytes() != data  # computed and stored again


def test_the_tables_go_with_the_index_when_the_file_changes(glossary_file: Path) -> None:
    _checked(glossary_file)
    old = _tables(glossary_file)
    text = glossary_file.read_text(encoding="utf-8")
    glossary_file.write_text(text.replace("nuclear sharing", "nuclear burden sharing"), "utf-8")
    after = _findings(glossary_file)
    assert ("found", "nuclear sharing", "nuclear-sharing") not in after
    assert not any(os.path.exists(p) for p in old.values())


def test_a_glossary_in_memory_writes_no_table(tmp_path: Path, glossary_file: Path) -> None:
    from glossary.formats import load

    before = set(os.listdir(os.environ["GLOSSARY_CACHE_DIR"]))
    checker = Checker(Glossary.from_terms(load(str(glossary_file), "tsv")))
    checker.english, checker.near, checker.chinese  # noqa: B018
    after = set(os.listdir(os.environ["GLOSSARY_CACHE_DIR"]))
    assert not [n for n in after - before if ".check-" in n]


def _through_marshal(table: Table) -> Table:
    out: Table = marshal.loads(marshal.dumps(table))
    return out


def test_a_table_through_marshal_matches_as_the_matcher_built_directly() -> None:
    """What is stored is all the matchers use: on a seed document, with the shipped
    glossary, a matcher loaded from its marshalled table finds what the direct one does."""
    text = SEED_2.read_text(encoding="utf-8")
    terms = list(Glossary.default())
    english = [[t.english] for t in terms]
    abbreviations = [t.abbreviation for t in terms]
    chinese = [[t.chinese] for t in terms]

    pairs: list[tuple[Any, Any]] = [
        (
            EnglishMatcher(english, abbreviations),
            EnglishMatcher.from_table(
                _through_marshal(EnglishMatcher.table(english, abbreviations)), abbreviations
            ),
        ),
        (
            NearMatcher(english),
            NearMatcher.from_table(_through_marshal(NearMatcher.table(english))),
        ),
        (
            ChineseMatcher(chinese),
            ChineseMatcher.from_table(_through_marshal(ChineseMatcher.table(chinese))),
        ),
    ]
    for direct, loaded in pairs:
        found = direct.find(text)
        assert found == loaded.find(text)
    assert pairs[0][0].find(text)  # the seed uses the shipped glossary's terms
