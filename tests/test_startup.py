"""Start-up: the dictionaries come from compact cached tables that equal their sources."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossary import _tables, cache, cedict, pinyin

SAMPLE = "国家安全部认为中俄总理定期会晤和全球战略稳定都很重要，东西南北银行長城"


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private, empty cache folder, and loaders that forget what they loaded."""
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    loaders = (
        cedict.load,
        pinyin._cedict,
        pinyin._jieba_table,
        pinyin._segmenter,
        pinyin._tags,
        pinyin._pypinyin_tables,
    )
    for loader in loaders:
        loader.cache_clear()
    yield tmp_path / "cache"
    for loader in loaders:
        loader.cache_clear()


def test_cedict_table_equals_the_parsed_file() -> None:
    """Every headword of the compact table decodes to exactly the entries the file holds."""
    parsed = cedict.parse_file(cedict.data_path())
    table = cedict.load()
    assert len(table) == len(parsed)
    for word, entries in parsed.items():
        assert table[word] == entries, word


def _words() -> list[tuple[str, bytes]]:
    return [("颠覆", b"subversion"), ("核共享", b"nuclear sharing")]


@pytest.mark.parametrize("keep_digest", [False, True], ids=["truncated", "unreadable"])
def test_damaged_table_is_rebuilt(fresh_cache: Path, keep_digest: bool) -> None:
    """A truncated or unreadable cached table is detected and rebuilt, never used."""
    source = _tables.package_file("glossary", "data", "terms.tsv")
    assert _tables.bytes_table("words", [source], _words).get("颠覆") == [b"subversion"]
    (path,) = fresh_cache.glob("words-*.bin")
    key = path.stem.split("-", 1)[1]
    if keep_digest:  # a well-formed cache file whose payload marisa-trie cannot read
        cache.write_cached("words", key, b"not a trie")
    else:
        path.write_bytes(path.read_bytes()[:-40])
    assert _tables.bytes_table("words", [source], _words).get("颠覆") == [b"subversion"]
    assert cache.read_cached("words", key) not in (None, b"not a trie")


def test_table_key_follows_the_data(tmp_path: Path, fresh_cache: Path) -> None:
    """A changed data file gets a new table; the stale one is replaced, not read."""
    data = tmp_path / "words.txt"
    data.write_text("颠覆 subversion\n", encoding="utf-8")

    def build() -> list[tuple[str, bytes]]:
        word, english = data.read_text(encoding="utf-8").split()
        return [(word, english.encode())]

    assert _tables.bytes_table("words", [str(data)], build).get("颠覆") == [b"subversion"]
    data.write_text("颠覆 overthrow\n", encoding="utf-8")
    assert _tables.bytes_table("words", [str(data)], build).get("颠覆") == [b"overthrow"]
    assert len(list(fresh_cache.glob("words-*.bin"))) == 1


def test_segmenter_matches_jieba_and_never_initialises(
    tmp_path: Path, fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our tokenizer cuts as jieba's own does, without jieba reading or writing its cache."""
    import jieba

    reference = jieba.Tokenizer()
    reference.tmp_dir = str(tmp_path)  # jieba's own cache, away from the shared /tmp
    expected = reference.lcut(SAMPLE, HMM=False)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("jieba initialised itself")

    monkeypatch.setattr(jieba.Tokenizer, "initialize", refuse)
    assert pinyin._segmenter().lcut(SAMPLE, HMM=False) == expected
    assert pinyin._segmenter().total == reference.total
    assert pinyin._tags().get("中国", "x") == "ns"
    assert pinyin._tags().get("不是一个词语", "x") == "x"


def test_pypinyin_tables_match_pypinyin() -> None:
    """The phrase and character readings equal pypinyin's own tables."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    phrases, chars = pinyin._pypinyin_tables()
    for word in list(phrases_dict)[::97]:
        assert phrases[word] == phrases_dict[word], word
    for code in list(pinyin_dict)[::31]:
        assert chars.get(code) == pinyin_dict[code], chr(code)
    assert phrases.get("不是一个词语") is None
    assert chars.get(ord("a")) == ""


def test_unwritable_cache_still_works(tmp_path: Path) -> None:
    """With no usable cache folder, a run builds the tables in memory: no traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(blocker / "cache"))
    run = functools.partial(subprocess.run, capture_output=True, text=True, env=env)
    out = run([sys.executable, "-m", "glossary", "pinyin", "全球战略稳定"])
    assert (out.returncode, out.stdout, out.stderr) == (0, "quánqiú zhànlüè wěndìng\n", "")


def test_nothing_written_outside_the_cache_folder(tmp_path: Path) -> None:
    """A run writes its caches to the cache folder only: no jieba.cache in the temp folder."""
    temp, folder = tmp_path / "tmp", tmp_path / "cache"
    temp.mkdir()
    doc = tmp_path / "doc.txt"
    doc.write_text("what both sides call “subversion” (颠覆)\n", encoding="utf-8")
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(folder), TMPDIR=str(temp))
    for argv in (["extract", str(doc)], ["pinyin", "全球战略稳定"]):
        out = subprocess.run(
            [sys.executable, "-m", "glossary", *argv], capture_output=True, text=True, env=env
        )
        assert (out.returncode, out.stderr) == (0, "")
    assert list(temp.iterdir()) == []
    assert {p.name.split("-")[0] for p in folder.iterdir()} == {
        "cedict",
        "jieba",
        "phrases_dict",
        "pinyin_dict",
    }
