"""The package itself: cheap import, public API, shipped data."""

from __future__ import annotations

import subprocess
import sys

import glossary
from casetables import heavy_modules_after


def test_import_is_cheap() -> None:
    """`import glossary` loads none of jieba, pypinyin, OpenCC or the dictionary."""
    assert heavy_modules_after("import glossary") == []


def test_all_is_sorted_and_resolves() -> None:
    """__all__ is sorted and every name in it exists."""
    assert list(glossary.__all__) == sorted(glossary.__all__)
    for name in glossary.__all__:
        assert hasattr(glossary, name), name


def test_stage_modules_do_not_shadow_exports() -> None:
    """After the CLI imports every stage module, `glossary.extract` is still the function."""
    code = (
        "import glossary.cli, glossary.extraction, glossary.normalise, glossary.glossary\n"
        "import glossary\n"
        "print(callable(glossary.extract), glossary.Glossary.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "Glossary"]


def test_the_probe_sees_heavy_modules() -> None:
    """The lazy-import probe does report a heavy module that was loaded."""
    assert heavy_modules_after("import pypinyin") == ["pypinyin"]
