"""The printable glossary: HTML escaped and grouped, a PDF that holds the Chinese."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from glossary import formats
from glossary.cli import main
from glossary.errors import GlossaryError
from glossary.formats import Options, Sort
from glossary.glossary import Glossary
from glossary.model import Occurrence, Term

ROOT = Path(__file__).resolve().parents[1]


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_pdf_of_the_shipped_glossary_holds_the_chinese(tmp_path: Path) -> None:
    """data/terms.tsv as a PDF: every Chinese headword is in its text, two pages or more,
    the first headword heads the first page, and pages are numbered."""
    out = tmp_path / "terms.pdf"
    assert main(["export", "--glossary", str(ROOT / "data" / "terms.tsv"), "-o", str(out)]) == 0
    pages = _pdf_pages(out.read_bytes())
    text = "".join("".join(p.split()) for p in pages)
    chinese = [t.chinese for t in Glossary.load(ROOT / "data" / "terms.tsv") if t.chinese]
    assert len(chinese) > 20
    missing = [c for c in chinese if "".join(c.split()) not in text]
    assert missing == []
    assert len(pages) >= 2
    first = formats.sort_terms(Glossary.default().terms, Sort.ENGLISH)[0].english
    heads = [line for line in pages[0].splitlines() if line.startswith(f"{first} ")]
    assert heads, "the first headword heads the first page"
    assert f"1 / {len(pages)}" in pages[0]


@pytest.mark.parametrize(("paper", "size"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_pdf_paper_sizes(paper: str, size: tuple[int, int]) -> None:
    """--paper A4 and Letter give pages of those sizes (in points)."""
    from pypdf import PdfReader

    data = formats.encode(
        [Term("subversion", "颠覆", "顛覆", "diānfù")], "pdf", Options(paper=paper)
    )
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


def test_missing_cjk_font_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without a Chinese font the PDF is refused with advice, never drawn with boxes."""
    from glossary.formats import pdf

    monkeypatch.setattr(pdf, "cjk_fonts", lambda: ())
    with pytest.raises(GlossaryError, match="fonts-noto-cjk"):
        formats.encode([Term("subversion", "颠覆")], "pdf")
    assert main(["export", "-o", str(tmp_path / "g.pdf")]) == 1
    assert not (tmp_path / "g.pdf").exists()


HOSTILE = Term(
    "</style><script>alert(1)</script>",
    "颠覆",
    "顛覆",
    "diānfù",
    note='<img src=x onerror="alert(1)">',
    occurrences=(Occurrence("<b>evil</b>.txt", 3, 0, 0, ""),),
)


def test_html_escapes_everything_user_supplied() -> None:
    """Terms, notes, sources and the title can add no element to the page."""
    page = formats.dumps([HOSTILE], "html", Options(title='</title><script>x</script>"'))
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>" not in page
    assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("</style>") == 1


def test_html_groups_under_letters_in_pinyin_order() -> None:
    """By pinyin: the pinyin is the headword, entries under the letter of its first syllable."""
    terms = [
        Term("security", "安全", pinyin="ānquán"),
        Term("subversion", "颠覆", pinyin="diānfù"),
        Term("dark", "暗中", pinyin="ànzhōng"),
    ]
    page = formats.dumps(terms, "html", Options(sort=Sort.PINYIN))
    assert page.index('id="letter-A"') < page.index("ānquán") < page.index("ànzhōng")
    assert page.index("ànzhōng") < page.index('id="letter-D"') < page.index("diānfù")
    assert '<span class="head">diānfù</span>' in page


def test_pdf_loads_nothing_from_outside() -> None:
    """The PDF renderer is given a fetcher that refuses every URL."""
    from glossary.formats import pdf

    with pytest.raises(ValueError, match="load nothing"):
        pdf._refuse("file:///etc/passwd")
