"""Conflicts: one Chinese rendered by several English, one English written several ways
in Chinese.

A review for consistency: :meth:`glossary.glossary.Glossary.conflicts` (and ``glossary
conflicts``) groups the entries of a glossary that share a folded Chinese form but not
their English, or the reverse, and counts each rendering's occurrences and sources.  The
grouping reads the index (:meth:`glossary.store.Store.conflicting`); only the entries in a
conflict are read whole.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from glossary.lookup.display import format_table, json_text, safe
from glossary.model import Term

TYPE_CHECKING = False
if TYPE_CHECKING:
    from glossary.store import Store


class ConflictKind(enum.Enum):
    """What a conflict is about."""

    #: 颠覆 rendered both "subversion" and "overthrow".
    ENGLISH = "one Chinese, several English"
    #: "united front" written both 统一战线 and 统战.
    CHINESE = "one English, several Chinese"


@dataclass(frozen=True, slots=True)
class Rendering:
    """One rendering in a conflict: its text, how often and where it was found, its entry.

    >>> Rendering("subversion", 2, ("a.txt", "b.txt"), Term("subversion", "颠覆")).count
    2
    """

    text: str
    count: int
    sources: tuple[str, ...]
    term: Term


@dataclass(frozen=True, slots=True)
class Conflict:
    """One Chinese with several English renderings, or one English with several Chinese.

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),
    ...     Rendering("overthrow", 1, ("b.txt",), Term("overthrow", "颠覆"))))
    >>> c.total, [r.text for r in c.renderings]
    (3, ['subversion', 'overthrow'])
    """

    kind: ConflictKind
    #: The shared form: the Chinese (for ENGLISH) or the English (for CHINESE).
    form: str
    renderings: tuple[Rendering, ...]

    @property
    def total(self) -> int:
        """Occurrences of every rendering together."""
        return sum(r.count for r in self.renderings)


def find_conflicts(store: Store, terms_at: Callable[[Sequence[int]], list[Term]]) -> list[Conflict]:
    """The conflicts among the entries of ``store`` (``terms_at`` reads entries by their
    positions), the largest first.

    >>> from glossary.store import Store
    >>> store = Store.build([Term("subversion", "颠覆", "顛覆", "diānfù"),
    ...                      Term("overthrow", "颠覆", "顛覆", "diānfù")])
    >>> [c.form for c in find_conflicts(store, store.terms)]
    ['颠覆']
    """
    by_chinese: dict[str, dict[str, list[int]]] = {}
    by_english: dict[str, dict[str, list[int]]] = {}
    for i, fe, fz in store.conflicting("chinese", "english"):
        by_chinese.setdefault(fz, {}).setdefault(fe, []).append(i)
    for i, fe, fz in store.conflicting("english", "chinese"):
        by_english.setdefault(fe, {}).setdefault(fz, []).append(i)
    wanted = sorted(
        {i for g in (*by_chinese.values(), *by_english.values()) for v in g.values() for i in v}
    )
    terms = dict(zip(wanted, terms_at(wanted), strict=True))
    out = [
        *_conflicts(ConflictKind.ENGLISH, by_chinese, terms),
        *_conflicts(ConflictKind.CHINESE, by_english, terms),
    ]
    out.sort(key=lambda c: (-c.total, -len(c.renderings), c.kind.name, c.form))
    return out


def _conflicts(
    kind: ConflictKind, groups: dict[str, dict[str, list[int]]], terms: dict[int, Term]
) -> Iterator[Conflict]:
    for variants in groups.values():
        if len(variants) < 2:
            continue
        renderings = []
        for entries in variants.values():
            group = [terms[i] for i in entries]
            term = group[0]
            text = term.english if kind is ConflictKind.ENGLISH else term.chinese
            occurrences = [o for t in group for o in t.occurrences]
            sources = tuple(dict.fromkeys(o.source or "-" for o in occurrences))
            renderings.append(Rendering(text, len(occurrences), sources, term))
        renderings.sort(key=lambda r: (-r.count, r.text))
        first = renderings[0].term
        form = first.chinese if kind is ConflictKind.ENGLISH else first.english
        yield Conflict(kind, form, tuple(renderings))


# -- rendering --------------------------------------------------------------------------


def format_conflicts(conflicts: Sequence[Conflict], width: int | None = None) -> str:
    """Conflicts for a consistency review: the shared form, then each rendering with its
    count and sources (every cell escaped for the terminal; fitted to ``width`` if given,
    the sources cut first).

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),
    ...     Rendering("overthrow", 1, ("b.txt",), Term("overthrow", "颠覆"))))
    >>> print(format_conflicts([c]))
    颠覆: one Chinese, several English
      subversion  2  a.txt
      overthrow   1  b.txt
    """
    if not conflicts:
        return "no conflicts"
    blocks = []
    for c in conflicts:
        rows = [
            [r.text, str(r.count), ", ".join(s.rsplit("/", 1)[-1] for s in r.sources)]
            for r in c.renderings
        ]
        fit = None if width is None else width - 2
        table = format_table(["", "", ""], rows, fit, cut=[2]).split("\n")[2:]
        title = f"{safe(c.form)}: {c.kind.value}"
        blocks.append("\n".join([title, *("  " + line for line in table)]))
    return "\n\n".join(blocks)


def conflicts_to_json(conflicts: Sequence[Conflict]) -> str:
    """Conflicts as a JSON array: kind, form and renderings with counts and sources.

    >>> c = Conflict(ConflictKind.ENGLISH, "颠覆", (
    ...     Rendering("subversion", 2, ("a.txt",), Term("subversion", "颠覆")),))
    >>> print(conflicts_to_json([c]).splitlines()[2])
        "kind": "english",
    """
    return json_text(
        [
            {
                "kind": c.kind.name.lower(),
                "description": c.kind.value,
                "form": c.form,
                "total": c.total,
                "renderings": [
                    {"text": r.text, "count": r.count, "sources": list(r.sources)}
                    for r in c.renderings
                ],
            }
            for c in conflicts
        ]
    )
