"""The shipped default glossary, data/terms.tsv, built from the two seed documents."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from glossary.cli import main

ROOT = Path(__file__).resolve().parents[1]
#: The documented command that regenerates data/terms.tsv (run from the repository root).
REGENERATE = ["extract", "examples/000_c5ba7a19ec981afd.txt", "examples/001_5a30b6f9219de20d.txt"]


def test_terms_tsv_is_not_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regenerating data/terms.tsv from the seeds gives the file byte for byte."""
    monkeypatch.chdir(ROOT)
    out = tmp_path / "terms.tsv"
    assert main([*REGENERATE, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (ROOT / "data" / "terms.tsv").read_text(
        encoding="utf-8"
    ), "data/terms.tsv is stale: run `glossary extract examples/*.txt -o data/terms.tsv`"


def test_terms_tsv_ships_inside_the_package() -> None:
    """The package finds the default glossary through importlib.resources."""
    shipped = files("glossary") / "data" / "terms.tsv"
    assert shipped.read_text(encoding="utf-8") == (ROOT / "data" / "terms.tsv").read_text(
        encoding="utf-8"
    )


def test_seed_glossary_content() -> None:
    """The seeds give 30 translations (26 distinct), 8 acronyms and the 4 shared terms merged."""
    from glossary import formats

    terms = formats.load(ROOT / "data" / "terms.tsv")
    translations = [t for t in terms if t.chinese]
    assert len(translations) == 26
    assert {t.abbreviation for t in terms if t.abbreviation} == {"PRC", "SCO", "AI", "WTO", "LNG"}
    both = {t.chinese for t in translations if len(set(t.sources)) == 2}
    assert both == {"颠覆", "安全平等且不可分割", "平等普遍善意", "全球战略稳定"}
    for t in translations:
        assert t.traditional, t.chinese
        assert t.pinyin, t.chinese
