"""Normalisation of terms: script forms, punctuation and pinyin, filled in one pass.

:func:`normalise_term` takes a :class:`~glossary.model.Term` as the extractor made it
(``chinese`` is the text as found) and fills ``chinese`` (simplified), ``traditional``
and ``pinyin``.  The text as found is never lost: a traditional source form is kept as
``traditional`` as it stood, not replaced by a conversion of the simplified form.

When the author gave pinyin (``given_pinyin``) and it disagrees with ours, the term's
``note`` records it (``given pinyin 'X' differs from 'Y'``), so the mismatch shows in
every output; :func:`pinyin_mismatch` reports the same check on its own.  Every step is
cached per distinct string, so a few hundred terms cost little once the dictionaries
are loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from glossary.model import Term
from glossary.script import Standard

__all__ = ["Overrides", "normalise_term", "normalise_terms", "pinyin_mismatch"]

#: Mismatch note template: given pinyin, then ours.
MISMATCH_NOTE = "given pinyin '{given}' differs from '{ours}'"


class Overrides:
    """Per-glossary corrections: pinyin readings and traditional forms of words.

    Both are plain mappings passed down to :func:`~glossary.pinyin.to_pinyin` and
    :func:`~glossary.script.to_traditional`; nothing global changes.

    >>> o = Overrides(pinyin={"行先": "xing2 xian1"}, traditional={"台山": "臺山"})
    >>> normalise_term(Term("Taishan", "台山"), overrides=o).traditional
    '臺山'
    """

    __slots__ = ("pinyin", "traditional")

    def __init__(
        self,
        pinyin: Mapping[str, str] | None = None,
        traditional: Mapping[str, str] | None = None,
    ) -> None:
        self.pinyin: Mapping[str, str] = dict(pinyin or {})
        self.traditional: Mapping[str, str] = dict(traditional or {})


def pinyin_mismatch(term: Term) -> str | None:
    """A note if the author's pinyin disagrees with ``term.pinyin``, else None.

    >>> t = Term("discourse power", "话语权", pinyin="huàyǔquán", given_pinyin="huayuquan")
    >>> pinyin_mismatch(t) is None
    True
    >>> pinyin_mismatch(t.replace(given_pinyin="huayuqian"))
    "given pinyin 'huayuqian' differs from 'huàyǔquán'"
    """
    from glossary.pinyin import compare_given

    if not term.given_pinyin or not term.pinyin:
        return None
    if compare_given(term.given_pinyin, term.pinyin):
        return None
    return MISMATCH_NOTE.format(given=term.given_pinyin, ours=term.pinyin)


def normalise_term(
    term: Term, standard: Standard = Standard.TW, overrides: Overrides | None = None
) -> Term:
    """``term`` with ``chinese`` simplified, ``traditional`` and ``pinyin`` filled.

    Args:
        term: a term whose ``chinese`` is the text as found (either script).
        standard: the traditional standard for converted forms.
        overrides: per-glossary pinyin readings and traditional forms.

    Returns:
        A new term; ``given_pinyin`` is kept, and a disagreement with our pinyin is
        appended to ``note`` (see :data:`MISMATCH_NOTE`).

    >>> t = normalise_term(Term("global strategic stability", "全球戰略穩定"))
    >>> t.chinese, t.traditional, t.pinyin
    ('全球战略稳定', '全球戰略穩定', 'quánqiú zhànlüè wěndìng')
    """
    from glossary import pinyin, punctuation, script

    if not term.chinese:
        return term
    found = punctuation.normalise_chinese(term.chinese)
    o = overrides or Overrides()
    simplified = script.to_simplified(found)
    kind = script.detect_script(found)
    if kind is script.Script.TRADITIONAL:
        traditional = found  # the source's own form wins over a conversion
    elif (
        term.traditional and script.detect_script(term.traditional) is not script.Script.SIMPLIFIED
    ):
        traditional = punctuation.normalise_chinese(term.traditional)  # given by the author
    else:
        traditional = script.to_traditional(simplified, standard, o.traditional or None)
    reading = pinyin.to_pinyin(found, english=term.english or None, overrides=o.pinyin or None)
    done = term.replace(chinese=simplified, traditional=traditional, pinyin=reading)
    note = pinyin_mismatch(done)
    if note and note not in done.note:
        done = done.replace(note=f"{done.note}; {note}" if done.note else note)
    return done


def normalise_terms(
    terms: Iterable[Term], standard: Standard = Standard.TW, overrides: Overrides | None = None
) -> Iterator[Term]:
    """:func:`normalise_term` over ``terms``, lazily, in order.

    >>> [t.pinyin for t in normalise_terms([Term("bank", "银行"), Term("Beijing", "北京")])]
    ['yínháng', 'Běijīng']
    """
    for term in terms:
        yield normalise_term(term, standard, overrides)
