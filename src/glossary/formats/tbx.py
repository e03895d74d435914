"""TBX-Basic v3 (ISO 30042:2019, DCA style): the exchange format of terminology tools.

One ``conceptEntry`` per entry, with a ``langSec`` for each of ``en``, ``zh-Hans`` and
``zh-Hant`` that the entry has::

    <conceptEntry id="c1">
      <descrip type="subjectField">law</descrip>          domain
      <note>legal term</note>                              note
      <admin type="source">a.txt:3</admin>                 provenance, one per place
      <langSec xml:lang="en"><termSec><term>subversion</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <note>kind: acronym</note> ...                   fields TBX-Basic has no category for
      </termSec></langSec>
      <langSec xml:lang="zh-Hans"><termSec><term>颠覆</term>
          <note>pinyin: diānfù</note></termSec></langSec>
      <langSec xml:lang="zh-Hant"><termSec><term>顛覆</term></termSec></langSec>
    </conceptEntry>

An abbreviation is a second English ``termSec`` with ``termType`` ``acronym`` (the long
form's is ``fullForm``).  The output validates against the TBX core RelaxNG schema and
the TBX-Basic Schematron.  Reading takes TBX v3 and the older TBX v2 (``martif`` with
``termEntry``/``langSet``/``tig``, as translate-toolkit and older tools write it),
through defusedxml: a DOCTYPE is allowed, an entity declaration or an external
reference is refused, nothing is fetched.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Sequence

from glossary.errors import InputError
from glossary.formats import Options
from glossary.formats.records import (
    check_xml_text,
    format_confidence,
    parse_confidence,
    parse_kind,
    parse_source,
)
from glossary.model import Kind, Occurrence, Status, Term

NS = "urn:iso:std:iso:30042:ed-2"
#: The header paragraph of the files glossary writes: their text is taken exactly as it
#: stands, while other tools' pretty-printed text has its runs of white space collapsed.
MARK = "English–Chinese glossary written by glossary"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_STATUS = {
    Status.PREFERRED: "preferredTerm-admn-sts",
    Status.ADMITTED: "admittedTerm-admn-sts",
    Status.DEPRECATED: "deprecatedTerm-admn-sts",
}
_STATUS_IN = {v: k for k, v in _STATUS.items()} | {
    "supersededTerm-admn-sts": Status.DEPRECATED,
    "preferred": Status.PREFERRED,
    "admitted": Status.ADMITTED,
    "deprecated": Status.DEPRECATED,
    "superseded": Status.DEPRECATED,
}
#: Labelled notes on a termSec carry the fields TBX-Basic has no data category for.
_LABELS = ("kind", "pinyin", "given pinyin", "confidence")
_SIMPLIFIED = ("zh-hans", "zh", "zh-cn", "zh-sg", "zh-hans-cn", "zh-chs")
_TRADITIONAL = ("zh-hant", "zh-tw", "zh-hk", "zh-mo", "zh-hant-tw", "zh-hant-hk", "zh-cht")
_ABBREVIATED = ("acronym", "abbreviation", "shortForm", "initialism")


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    e = ET.SubElement(parent, tag, attrs)  # in NS: the root declares it the default
    e.text = text
    return e


def _term_sec(
    lang_sec: ET.Element, text: str, status: Status | None, term_type: str | None = None
) -> ET.Element:
    sec = _el(lang_sec, "termSec")
    _el(sec, "term", text)
    if term_type:
        _el(sec, "termNote", term_type, type="termType")
    if status is not None:
        _el(sec, "termNote", _STATUS[status], type="administrativeStatus")
    return sec


def _concept(body: ET.Element, number: int, t: Term) -> None:
    entry = _el(body, "conceptEntry", id=f"c{number}")
    if t.domain:
        _el(entry, "descrip", t.domain, type="subjectField")
    if t.note:
        _el(entry, "note", t.note)
    for label in dict.fromkeys(o.sources_label for o in t.occurrences):
        _el(entry, "admin", label, type="source")
    secs: list[ET.Element] = []
    if t.english or t.abbreviation:
        lang = _el(entry, "langSec", **{XML_LANG: "en"})
        full = "fullForm" if t.abbreviation and t.english else None
        if t.english:
            secs.append(_term_sec(lang, t.english, t.status, full))
        if t.abbreviation:
            secs.append(_term_sec(lang, t.abbreviation, t.status, "acronym"))
    for code, text in (("zh-Hans", t.chinese), ("zh-Hant", t.traditional)):
        if text:
            lang = _el(entry, "langSec", **{XML_LANG: code})
            secs.append(_term_sec(lang, text, t.status))
    # pinyin and the other labelled notes go on the simplified Chinese term if any
    host = secs[2 if t.abbreviation else 1] if t.chinese and t.english else secs[0]
    notes = {
        "kind": t.kind.value if t.kind is not Kind.TRANSLATION else "",
        "pinyin": t.pinyin,
        "given pinyin": t.given_pinyin,
        "confidence": format_confidence(t.confidence) if t.confidence is not None else "",
    }
    for label in _LABELS:
        if notes[label]:
            _el(host, "note", f"{label}: {notes[label]}")


def write(terms: Sequence[Term], options: Options | None = None) -> bytes:
    """Terms as a TBX-Basic v3 document (UTF-8 bytes with an XML declaration).

    >>> b'type="TBX-Basic"' in write([Term("subversion", "颠覆", "顛覆", "diānfù")])
    True
    """
    try:
        check_xml_text(terms, "tbx")
    except ValueError as exc:
        raise InputError("tbx", str(exc), "or choose a text format (tsv, json)") from None
    root = ET.Element("tbx", {"xmlns": NS, "type": "TBX-Basic", "style": "dca", XML_LANG: "en"})
    header = _el(root, "tbxHeader")
    desc = _el(_el(header, "fileDesc"), "sourceDesc")
    _el(desc, "p", MARK)
    body = _el(_el(root, "text"), "body")
    for number, t in enumerate(terms, start=1):
        _concept(body, number, t)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


# -- reading ------------------------------------------------------------------------------


def _local(element: ET.Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    return (c for c in element if _local(c) in names)


def _exact(element: ET.Element) -> str:
    return "".join(element.itertext())


def _collapsed(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


TextOf = Callable[[ET.Element], str]


def _lang(element: ET.Element) -> str:
    return (element.get(XML_LANG) or element.get("lang") or "").casefold()


def _term_secs(lang_sec: ET.Element) -> Iterator[ET.Element]:
    """termSec (v3), tig and ntig/termGrp (v2): each holds a term and its termNotes."""
    for sec in _children(lang_sec, "termSec", "tig", "ntig"):
        groups = list(_children(sec, "termGrp"))
        yield from groups or [sec]


def _first_term(sec: ET.Element, text_of: TextOf) -> str:
    term = next(_children(sec, "term"), None)
    return text_of(term) if term is not None else ""


def _term_notes(sec: ET.Element, text_of: TextOf) -> dict[str, str]:
    return {n.get("type", ""): text_of(n) for n in _children(sec, "termNote")}


def _concept_terms(entry: ET.Element, name: str, number: int, exact: bool = True) -> list[Term]:
    """The entries of one concept: its first English and Chinese terms as one entry, and
    each further English or Chinese term (a synonym, often with its own status) as an
    entry of its own with the first term of the other language."""
    text_of = _exact if exact else _collapsed
    domain = ""
    notes: list[str] = []
    labelled: dict[str, str] = {}
    places: list[Occurrence] = []
    english: list[tuple[str, Status | None]] = []
    chinese: list[tuple[str, Status | None]] = []
    other: dict[str, str] = {}  # abbreviation, traditional: the first of each
    for child in entry:
        tag, kind = _local(child), child.get("type", "")
        if tag == "descrip" and kind == "subjectField":
            domain = text_of(child)
        elif tag in ("descrip", "note") and kind in ("", "definition"):
            notes.append(text_of(child))
        elif tag == "admin" and kind == "source":
            places.append(parse_source(text_of(child), "", ""))
        elif tag == "descripGrp":
            notes.extend(
                text_of(d) for d in _children(child, "descrip") if d.get("type") == "definition"
            )
    for lang_sec in _children(entry, "langSec", "langSet"):
        lang = _lang(lang_sec)
        is_english = lang == "en" or lang.startswith("en-")
        if is_english:  # an English definition reads as a note
            for d in lang_sec.iter():
                if _local(d) == "descrip" and d.get("type") == "definition":
                    notes.append(text_of(d))
        for sec in _term_secs(lang_sec):
            text = _first_term(sec, text_of)
            term_notes = _term_notes(sec, text_of)
            status = _STATUS_IN.get(term_notes.get("administrativeStatus", ""))
            for note in _children(sec, "note"):
                label, sep, value = text_of(note).partition(": ")
                if sep and label in _LABELS:
                    labelled.setdefault(label, value)
            if is_english and term_notes.get("termType") in _ABBREVIATED:
                other.setdefault("abbreviation", text)
            elif is_english:
                english.append((text, status))
            elif lang in _SIMPLIFIED:
                chinese.append((text, status))
            elif lang in _TRADITIONAL:
                other.setdefault("traditional", text)
    if not english and other.get("abbreviation") and not chinese:
        english.append((other["abbreviation"], None))  # an acronym alone is the headword
    first_en, en_status = english[0] if english else ("", None)
    first_zh, zh_status = chinese[0] if chinese else ("", None)
    pairs = [(first_en, first_zh, en_status or zh_status)]
    pairs += [(e, first_zh, status) for e, status in english[1:]]
    pairs += [(first_en, z, status) for z, status in chinese[1:]]
    terms = []
    for i, (en, zh, status) in enumerate(pairs):
        if not en.strip() and not zh.strip():
            continue  # a concept in other languages only
        try:
            terms.append(
                Term(
                    en,
                    zh,
                    other.get("traditional", "") if i == 0 else "",
                    labelled.get("pinyin", "") if zh == first_zh else "",
                    other.get("abbreviation", "") if i == 0 else "",
                    kind=parse_kind(labelled.get("kind", "")),
                    given_pinyin=labelled.get("given pinyin", "") if i == 0 else "",
                    note="; ".join(n for n in notes if n),
                    status=status,
                    domain=domain,
                    occurrences=tuple(Occurrence(o.source, o.line, 0, 0, en, zh) for o in places),
                    confidence=parse_confidence(labelled.get("confidence")) if i == 0 else None,
                )
            )
        except ValueError as exc:
            raise InputError(
                name, f"concept {number}: {exc}", "fix or remove that concept"
            ) from None
    return terms


def read(data: str | bytes, name: str) -> list[Term]:
    """Terms from a TBX v3 or v2 (martif) document; concepts without English or Chinese
    are skipped, and a synonym is an entry of its own (see :func:`_concept_terms`).

    >>> tbx = write([Term("subversion", "颠覆", "顛覆", "diānfù", note="law")])
    >>> [(t.english, t.traditional, t.pinyin, t.note) for t in read(tbx, "t.tbx")]
    [('subversion', '顛覆', 'diānfù', 'law')]
    """
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException as exc:
        raise InputError(
            name, f"refused: {type(exc).__name__} ({exc})", "remove the DTD's entity declarations"
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(
            name, f"not well-formed XML ({exc})", "check the file", line=line
        ) from None
    except (LookupError, ValueError) as exc:  # an encoding Python does not know
        raise InputError(name, f"cannot be read as XML ({exc})", "save it as UTF-8") from None
    if _local(root) not in ("tbx", "martif"):
        raise InputError(
            name, f"the root element is <{_local(root)}>", "give a TBX file (<tbx> or <martif>)"
        )
    terms = []
    exact = any(_local(e) == "p" and _exact(e) == MARK for e in root.iter())
    for number, entry in enumerate(_entries(root), start=1):
        terms.extend(_concept_terms(entry, name, number, exact))
    return terms


def _entries(root: ET.Element) -> Iterable[ET.Element]:
    return (e for e in root.iter() if _local(e) in ("conceptEntry", "termEntry"))
