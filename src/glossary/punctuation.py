"""Punctuation and spacing inside Chinese: what a publication prints.

:func:`normalise_chinese` runs a fixed sequence of small fixers (listed in
:data:`FIXERS`, in order), each pure string work:

- zero-width and control characters removed;
- NFKC only where it is safe for CJK: full-width Latin letters and digits, Kangxi and
  supplementary radicals (PDF artefacts), the ideographic space; never on CJK
  punctuation or compatibility ideographs;
- every ellipsis (``...``, ``. . .``, ``…``, ``。。。``) written ``……``, the standard Chinese
  ellipsis, so a discontinuous term (``密切……协调``) stays recognisable;
- ASCII ``,`` ``;`` ``:`` ``?`` ``!`` between Han made full-width;
- quote marks as ``“ ”`` and ``‘ ’`` (straight quotes and corner brackets alike);
- spaces between Han (and around full-width punctuation) removed, other runs collapsed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

__all__ = ["FIXERS", "normalise_chinese"]

_HAN = r"\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff〇"
_HAN_RE = f"[{_HAN}]"
_ELLIPSIS = "……"


def remove_invisible(text: str) -> str:
    """Zero-width, bidi and control characters out; tabs and newlines become spaces.

    >>> remove_invisible("信息\\u200b安全\\x07")
    '信息安全'
    """
    out = []
    for c in text:
        if c in "\t\n\r\x0b\x0c":
            out.append(" ")
            continue
        cat = unicodedata.category(c)
        if cat in {"Cc", "Cf"} or c == "\ufeff":
            continue
        out.append(c)
    return "".join(out)


@functools.cache
def _safe_nfkc_table() -> dict[int, str]:
    """The characters :func:`safe_nfkc` changes, each to one character (so offsets into a
    text and its folded copy agree): full-width Latin letters and digits (Ａ１ -> A1),
    Kangxi and supplementary radicals (⼀ -> 一), odd spaces."""
    ranges = [
        (0xFF10, 0xFF19),  # full-width digits
        (0xFF21, 0xFF3A),  # full-width letters
        (0xFF41, 0xFF5A),
        (0x2F00, 0x2FDF),  # Kangxi radicals
        (0x2E80, 0x2EFF),  # CJK radicals supplement
    ]
    table = {
        o: unicodedata.normalize("NFKC", chr(o)) for lo, hi in ranges for o in range(lo, hi + 1)
    }
    table.update(dict.fromkeys(map(ord, "\u3000\u00a0\u2002\u2003\u2009\u202f"), " "))
    return table


def safe_nfkc(text: str) -> str:
    """NFKC where it is safe for CJK: full-width Latin and digits, radicals, odd spaces.

    Full-width CJK punctuation (``，`` ``（``) and compatibility ideographs are kept.

    >>> safe_nfkc("第２０次⼤会，ＡＰＥＣ")
    '第20次大会，APEC'
    """
    return text.translate(_safe_nfkc_table())


_ELLIPSIS_RE = re.compile(r"(?:\.\s?){2,}\.|[…⋯]+|。{3,}|\.{3,}")


def ellipses(text: str) -> str:
    """Every ellipsis as ``……``, the spaces around it dropped next to Han.

    >>> ellipses("密切 … 协调和配合"), ellipses("提升. . .水平")
    ('密切……协调和配合', '提升……水平')
    """
    text = _ELLIPSIS_RE.sub(_ELLIPSIS, text)
    return re.sub(rf"(?<={_HAN_RE}) *({_ELLIPSIS}) *(?={_HAN_RE})", r"\1", text)


_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_BETWEEN_HAN = re.compile(rf"(?<={_HAN_RE}) *([,;:?!]) *(?=[“‘《（]?{_HAN_RE}|[”’》）]|$)")


def full_width_punctuation(text: str) -> str:
    """ASCII ``, ; : ? !`` between Han characters (or after Han at the end) -> full width.

    >>> full_width_punctuation("坚持合作大方向, 排除外部干扰")
    '坚持合作大方向，排除外部干扰'
    """
    return _BETWEEN_HAN.sub(lambda m: _ASCII_TO_FULL[m.group(1)], text)


def quotes(text: str) -> str:
    """Straight quotes, corner brackets and ``＂`` -> ``“ ”`` and ``‘ ’``.

    Straight quotes pair up in order; an apostrophe inside a Latin word is left alone.

    >>> quotes('让合作"稳"的基础、「进」的动能、『好』')
    '让合作“稳”的基础、“进”的动能、‘好’'
    """
    text = text.replace("「", "“").replace("」", "”").replace("『", "‘").replace("』", "’")
    text = text.replace("＂", '"').replace("＇", "'")
    out = []
    double = single = False
    for i, c in enumerate(text):
        if c == '"':
            out.append("”" if double else "“")
            double = not double
        elif c == "'":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
                out.append(c)  # it's, Xi'an
            else:
                out.append("’" if single else "‘")
                single = not single
        else:
            out.append(c)
    return "".join(out)


_FULL_PUNCT = "，。、；：？！“”‘’《》（）【】……—"


def spaces(text: str) -> str:
    """Spaces between Han, or between Han and full-width punctuation, removed; runs collapsed.

    >>> spaces(" 全球 战略  稳定 ， 中俄 ")
    '全球战略稳定，中俄'
    """
    text = re.sub(r" {2,}", " ", text).strip()
    joinable = f"{_HAN}{re.escape(_FULL_PUNCT)}"
    return re.sub(rf"(?<=[{joinable}]) +(?=[{joinable}])", "", text)


#: The fixers :func:`normalise_chinese` runs, in order.
FIXERS: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("remove_invisible", remove_invisible),
    ("safe_nfkc", safe_nfkc),
    ("ellipses", ellipses),
    ("full_width_punctuation", full_width_punctuation),
    ("quotes", quotes),
    ("spaces", spaces),
)


def normalise_chinese(text: str) -> str:
    """Chinese text with publication-standard punctuation and spacing.

    >>> normalise_chinese('不针对第三方,也不受制于 任何第三方')
    '不针对第三方，也不受制于任何第三方'
    >>> normalise_chinese('密切 ... 协调和配合')
    '密切……协调和配合'
    """
    for _, fixer in FIXERS:
        text = fixer(text)
    return text
