"""What to try after a miss: the other script, the reading in pinyin, the nearest entries.

Only a query that found nothing comes here, so converting scripts (OpenCC) and reading
Chinese aloud (jieba, pypinyin) may load what lookup itself never loads.
"""

from __future__ import annotations

from glossary.lookup.query import Query
from glossary.lookup.search import Tier, search

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from glossary.store import Store

#: Entries named in a suggestion, at most.
SHOWN = 3


def _names(store: Store, entries: list[int]) -> str:
    terms = store.terms(entries[:SHOWN])
    names = [
        f"{t.english} ({t.chinese})" if t.english and t.chinese else t.english or t.chinese
        for t in terms
    ]
    more = f" and {len(entries) - SHOWN} more" if len(entries) > SHOWN else ""
    return ", ".join(names) + more


def _found(store: Store, query: str) -> list[int]:
    return [h.entry for h in search(store, query, 10) if h.tier is not Tier.FUZZY]


def suggest(store: Store, query: str) -> str:
    """Advice for a query that matched nothing, as one clause.

    >>> from glossary.store import Store
    >>> from glossary.model import Term
    >>> store = Store.build([Term("global strategic stability", "全球战略稳定", "全球戰略穩定",
    ...                           "quánqiú zhànlüè wěndìng")])
    >>> suggest(store, "全球战略平衡")
    "try the shorter '全球战略': global strategic stability (全球战略稳定)"
    >>> suggest(store, "glibal strotegic stobility")
    'no entry is near it; check the spelling, or name your own glossary with --glossary FILE'
    """
    q = Query(query)
    if q.chinese:
        from glossary.script import to_simplified, to_traditional

        for other, script in (
            (to_simplified(q.text), "simplified"),
            (to_traditional(q.text), "traditional"),
        ):
            if other != q.text and (found := _found(store, other)):
                return f"in {script} script, {other!r} finds {_names(store, found)}"
        from glossary.pinyin import to_pinyin

        reading = to_pinyin(q.text)
        if reading and (found := [h.entry for h in search(store, reading, 10)]):
            return f"read as {reading!r}, it sounds like {_names(store, found)}"
    # the longest beginning of the query that finds something
    text = q.text
    shortest = 1 if q.chinese else 3
    for end in range(len(text) - 1, shortest - 1, -1):
        part = text[:end].rstrip()
        if part and (found := _found(store, part)):
            return f"try the shorter {part!r}: {_names(store, found)}"
    return "no entry is near it; check the spelling, or name your own glossary with --glossary FILE"
