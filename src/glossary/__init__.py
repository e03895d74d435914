"""glossary: bilingual English–Chinese glossaries mined from prose.

``import glossary`` is cheap: the names below load their modules on first use, and
jieba, pypinyin, OpenCC and CC-CEDICT load only when a stage needs them.

>>> [t.chinese for t in extract("what both sides call “subversion” (颠覆)")]
['颠覆']
"""

from __future__ import annotations

import importlib

# typing.TYPE_CHECKING without importing typing: mypy treats the name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from glossary.check import (
        Checker,
        Finding,
        FindingKind,
        annotate,
        check_document,
        check_file,
        check_translation,
        find_terms,
    )
    from glossary.errors import GlossaryError, InputError
    from glossary.extraction import extract, extract_file, extract_files
    from glossary.glossary import Glossary
    from glossary.model import Kind, Occurrence, Status, Term
    from glossary.normalise import normalise_term, normalise_terms
    from glossary.pinyin import Style, to_pinyin
    from glossary.script import Standard, to_simplified, to_traditional

#: Public name -> the module that defines it (imported on first access).
_EXPORTS = {
    "Checker": "glossary.check",
    "Finding": "glossary.check",
    "FindingKind": "glossary.check",
    "Glossary": "glossary.glossary",
    "GlossaryError": "glossary.errors",
    "InputError": "glossary.errors",
    "Kind": "glossary.model",
    "Occurrence": "glossary.model",
    "Standard": "glossary.script",
    "Status": "glossary.model",
    "Style": "glossary.pinyin",
    "Term": "glossary.model",
    "annotate": "glossary.check",
    "check_document": "glossary.check",
    "check_file": "glossary.check",
    "check_translation": "glossary.check",
    "extract": "glossary.extraction",
    "extract_file": "glossary.extraction",
    "extract_files": "glossary.extraction",
    "find_terms": "glossary.check",
    "normalise_term": "glossary.normalise",
    "normalise_terms": "glossary.normalise",
    "to_pinyin": "glossary.pinyin",
    "to_simplified": "glossary.script",
    "to_traditional": "glossary.script",
}

__all__ = [
    "Checker",
    "Finding",
    "FindingKind",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Kind",
    "Occurrence",
    "Standard",
    "Status",
    "Style",
    "Term",
    "__version__",
    "annotate",
    "check_document",
    "check_file",
    "check_translation",
    "extract",
    "extract_file",
    "extract_files",
    "find_terms",
    "normalise_term",
    "normalise_terms",
    "to_pinyin",
    "to_simplified",
    "to_traditional",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("glossary")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0.0.0"
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'glossary' has no attribute {name!r}")
    globals()[name] = value  # later accesses skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
