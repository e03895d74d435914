"""glossary: bilingual English–Chinese glossaries mined from prose.

``import glossary`` is cheap: jieba, pypinyin, OpenCC and CC-CEDICT load on first use.

>>> [t.chinese for t in extract("what both sides call “subversion” (颠覆)")]
['颠覆']
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from glossary.errors import GlossaryError, InputError
from glossary.extract import extract, extract_file, extract_files
from glossary.model import Kind, Occurrence, Status, Term

try:
    __version__ = version("glossary")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "GlossaryError",
    "InputError",
    "Kind",
    "Occurrence",
    "Status",
    "Term",
    "__version__",
    "extract",
    "extract_file",
    "extract_files",
]
