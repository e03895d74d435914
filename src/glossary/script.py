"""Script: detect simplified or traditional Chinese and convert between them.

OpenCC (``opencc-python-reimplemented``) does the conversion; this module is the only
place that imports it.  Converters are built on first use and each distinct string is
converted once (results are cached).  A table of corrections shipped with the package
(``data/script_overrides.tsv``) is applied over OpenCC's output, and callers may pass
their own corrections as a mapping: nothing global is ever mutated.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from glossary import _data

__all__ = [
    "Script",
    "Standard",
    "detect_script",
    "to_simplified",
    "to_traditional",
]


class Standard(enum.Enum):
    """Which traditional standard :func:`to_traditional` writes."""

    #: Taiwan character forms (OpenCC ``s2tw``): ``为`` -> ``為``, ``里面`` -> ``裡面``.
    TW = "tw"
    #: Hong Kong character forms (OpenCC ``s2hk``): ``里面`` -> ``裏面``, ``台湾`` -> ``台灣``.
    HK = "hk"
    #: OpenCC's own standard (``s2t``): ``为`` -> ``爲``.
    OPENCC = "opencc"
    #: Taiwan forms and Taiwan vocabulary (``s2twp``): ``软件`` -> ``軟體``.  On request only.
    TWP = "twp"


class Script(enum.Enum):
    """What script a piece of Chinese is written in."""

    #: Uses simplified-only characters (``国``) and no traditional-only ones.
    SIMPLIFIED = "simplified"
    #: Uses traditional-only characters (``國``) and no simplified-only ones.
    TRADITIONAL = "traditional"
    #: Uses both (``中國人民银行``).
    MIXED = "mixed"
    #: Every character is written the same in both scripts (``台山``), or no Han at all.
    AMBIGUOUS = "ambiguous"


_CONFIGS = {
    Standard.TW: "s2tw",
    Standard.HK: "s2hk",
    Standard.OPENCC: "s2t",
    Standard.TWP: "s2twp",
}
# tw2s also folds Taiwan variants (著 -> 着 as a particle); its few over-eager folds
# (土著 -> 土着) are in the override table.
_TO_SIMPLIFIED = "tw2s"
_OVERRIDES_FILE = "script_overrides.tsv"
_ALL = "*"


@functools.cache
def _converter(config: str) -> Any:
    from opencc import OpenCC  # deferred: building OpenCC reads its dictionaries

    return OpenCC(config)


def _opencc_rows(name: str) -> list[tuple[str, list[str]]]:
    """(key, its values) of each line of one of OpenCC's own dictionary files."""
    import importlib.resources

    path = importlib.resources.files("opencc") / "dictionary" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if key:
            rows.append((key, values.split()))
    return rows


@functools.cache
def _char_tables() -> tuple[frozenset[str], frozenset[str]]:
    """(simplified-only characters, traditional-only characters), from OpenCC's tables."""

    def changed(name: str) -> frozenset[str]:
        return frozenset(key for key, values in _opencc_rows(name) if key not in values)

    return changed("STCharacters.txt"), changed("TSCharacters.txt")


def _is_han(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def detect_script(text: str) -> Script:
    """Whether ``text`` is simplified, traditional, a mix, or cannot be told.

    >>> detect_script("全球战略稳定"), detect_script("全球戰略穩定")
    (<Script.SIMPLIFIED: 'simplified'>, <Script.TRADITIONAL: 'traditional'>)
    >>> detect_script("台山")
    <Script.AMBIGUOUS: 'ambiguous'>
    """
    simplified_only, traditional_only = _char_tables()
    simp = trad = False
    for c in text:
        if not _is_han(c):
            continue
        simp = simp or c in simplified_only
        trad = trad or c in traditional_only
    if simp and trad:
        return Script.MIXED
    if simp:
        return Script.SIMPLIFIED
    if trad:
        return Script.TRADITIONAL
    return Script.AMBIGUOUS


@functools.cache
def _package_overrides() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """Rows (direction, source, target, standards) of ``data/script_overrides.tsv``."""
    return tuple(
        (direction, source, target, frozenset(standards.split(",")))
        for direction, source, target, standards, *_ in _data.rows(_OVERRIDES_FILE, "direction")
    )


def _table(direction: str, key: str) -> dict[str, str]:
    return {
        source: target
        for d, source, target, standards in _package_overrides()
        if d == direction and (key in standards or _ALL in standards)
    }


def _freeze(overrides: Mapping[str, str] | None) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(overrides.items())) if overrides else ()


def to_traditional(
    text: str, standard: Standard = Standard.TW, overrides: Mapping[str, str] | None = None
) -> str:
    """Traditional Chinese for ``text`` in the chosen standard, corrections applied.

    Args:
        text: Chinese in any script (traditional characters pass through).
        standard: the traditional standard (Taiwan by default).
        overrides: extra ``simplified -> traditional`` corrections, applied over the
            package's table (longest match wins).

    >>> to_traditional("为了合作伙伴被发明")
    '為了合作夥伴被發明'
    >>> to_traditional("里面", Standard.HK), to_traditional("软件", Standard.TWP)
    ('裏面', '軟體')
    >>> to_traditional("台山", overrides={"台山": "臺山"})
    '臺山'
    """
    return _to_traditional(text, standard, _freeze(overrides))


def to_simplified(text: str, overrides: Mapping[str, str] | None = None) -> str:
    """Simplified Chinese for ``text`` (simplified characters pass through).

    Args:
        text: Chinese in any script.
        overrides: extra ``traditional -> simplified`` corrections over the package's.

    >>> to_simplified("全球戰略穩定")
    '全球战略稳定'
    >>> to_simplified("舞動著的土著")
    '舞动着的土著'
    >>> to_simplified("世界衞生組織")  # Hong Kong's 衞 too
    '世界卫生组织'
    """
    return _to_simplified(text, _freeze(overrides))


@functools.lru_cache(maxsize=1 << 16)
def _to_traditional(text: str, standard: Standard, extra: tuple[tuple[str, str], ...]) -> str:
    table = _table("s2t", standard.value)
    table.update(extra)
    return _convert(text, _CONFIGS[standard], table)


@functools.lru_cache(maxsize=1 << 16)
def _to_simplified(text: str, extra: tuple[tuple[str, str], ...]) -> str:
    table = _table("t2s", _ALL)
    table.update(extra)
    return _convert(text, _TO_SIMPLIFIED, table, _hong_kong_variants())


@functools.cache
def _hong_kong_variants() -> dict[int, str]:
    """Hong Kong's variant characters -> OpenCC's traditional ones (衞 -> 衛), from OpenCC's
    own ``HKVariantsRev.txt``: tw2s folds Taiwan's variants but leaves Hong Kong's, so
    世界衞生組織 came out 世界衞生组织 instead of 世界卫生组织."""
    return {
        ord(key): values[0]
        for key, values in _opencc_rows("HKVariantsRev.txt")
        if len(key) == 1 and values and values[0] != key
    }


def _convert(
    text: str, config: str, table: Mapping[str, str], fold: Mapping[int, str] | None = None
) -> str:
    """OpenCC ``config`` on the stretches of ``text`` that no entry of ``table`` covers,
    their characters first mapped by ``fold``."""
    if not text:
        return text
    converter = _converter(config)
    out: list[str] = []
    for piece, fixed in _split(text, table):
        if fixed is None and fold:
            piece = piece.translate(fold)
        out.append(fixed if fixed is not None else converter.convert(piece))
    return "".join(out)


def _split(text: str, table: Mapping[str, str]) -> Iterable[tuple[str, str | None]]:
    """Pieces of ``text``: (covered key, its replacement) or (free stretch, None)."""
    if not table:
        yield text, None
        return
    longest = max(map(len, table))
    i = start = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 0, -1):
            fixed = table.get(text[i : i + n])
            if fixed is not None:
                if start < i:
                    yield text[start:i], None
                yield text[i : i + n], fixed
                i = start = i + n
                break
        else:
            i += 1
    if start < len(text):
        yield text[start:], None
