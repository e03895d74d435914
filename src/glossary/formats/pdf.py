"""PDF: the printable HTML glossary (:mod:`glossary.formats.html`) rendered by WeasyPrint.

WeasyPrint implements the CSS Paged Media the page relies on (margin boxes with running
heads from ``string-set``, page counters, page sizes) and embeds the fonts it uses;
headless Chromium prints neither running strings nor margin boxes.  Chinese needs a
CJK font (Noto CJK: ``apt-get install fonts-noto-cjk``): without one the PDF would show
empty boxes, so its absence is an error instead.  WeasyPrint is an optional extra
(``pip install 'glossary[pdf]'``) and needs Pango.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Sequence

from glossary.errors import GlossaryError
from glossary.formats import Options
from glossary.model import Term

NO_WEASYPRINT_TEXT = (
    "PDF export needs WeasyPrint: pip install 'glossary[pdf]' (and Pango, e.g. "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)
NO_CJK_FONT_TEXT = (
    "PDF export needs a font with Chinese characters, and fontconfig finds none: install "
    "Noto CJK (apt-get install fonts-noto-cjk) or write HTML instead (-o glossary.html)"
)


@functools.cache
def cjk_fonts() -> tuple[str, ...]:
    """The font families fontconfig knows that cover Chinese (empty if none, or no fc-list)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        done = subprocess.run(
            [fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return tuple(sorted({f.split(",")[0].strip() for f in done.stdout.splitlines() if f.strip()}))


def _refuse(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    raise ValueError(f"glossary PDFs load nothing from outside ({url})")


def write(terms: Sequence[Term], options: Options | None = None) -> bytes:
    """Terms as a PDF glossary (two columns, running heads, page numbers)."""
    from glossary.formats import html

    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango
        raise GlossaryError(NO_WEASYPRINT_TEXT) from exc
    if not cjk_fonts():
        raise GlossaryError(NO_CJK_FONT_TEXT)
    page = html.write(terms, options)
    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=_refuse).write_pdf()
    return pdf
