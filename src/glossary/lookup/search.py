"""Search: a query read every way, looked up in a :class:`~glossary.store.Store`, ranked.

The query is read as English, Chinese and pinyin (:class:`~glossary.lookup.query.Query`)
and each reading is searched among the keys of its kind.  Results come in tiers
(:class:`Tier`): exact, prefix, fragment, and typo suggestions only when nothing else
matched; within a tier, closer matches first, then preferred entries, deprecated last.
Every :class:`Match` says why it matched.  Tones a query gives are checked syllable by
syllable against the entry's pinyin.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Callable

from glossary._tuples import NamedTuple
from glossary.lookup.keys import stem_key
from glossary.lookup.query import Query, Syllable, _entry_word, _tones_agree
from glossary.model import Term
from glossary.store.schema import ABBREVIATION, ENGLISH_WORDS, PINYIN_WORDS, STEM

TYPE_CHECKING = False  # not typing's: a lookup never imports typing (docs/scale.md)
if TYPE_CHECKING:
    from glossary.store import Store

#: Fragment hits gathered per scan (prefix hits are never cut); bounds one-letter queries.
MAX_SCAN_HITS = 20_000
#: Candidates of a toned pinyin fragment read per result wanted (tones may rule some out).
PINYIN_SPARE = 10
#: Candidates of a Chinese typo compared one by one, at most.
MAX_FUZZY_CANDIDATES = 20_000


class Tier(enum.IntEnum):
    """How a result matched; lower tiers rank first."""

    #: The whole key: ``颠覆`` finds 颠覆, ``zhan4lve4`` finds 战略.
    EXACT = 0
    #: The key starts with the query: ``全球`` finds 全球战略稳定.
    PREFIX = 1
    #: The key contains the query: ``战略`` finds 全球战略稳定.
    FRAGMENT = 2
    #: A suggestion: ``subverion`` finds subversion, or the tones differ.
    FUZZY = 3


class Match(NamedTuple):
    """One lookup result: the entry, its tier, a score within the tier and why it matched.

    >>> m = Match(Term("subversion", "颠覆"), Tier.EXACT, 1.0, "exact Chinese")
    >>> m.term.chinese, m.tier.name, m.reason
    ('颠覆', 'EXACT', 'exact Chinese')
    """

    term: Term
    tier: Tier
    #: Closeness within the tier, 0..1 (1 is the best).
    score: float
    #: Why it matched, for people: "exact English", "pinyin prefix", "fuzzy: 1 edit".
    reason: str


class Hit(NamedTuple):
    """An index result: the entry's position, its tier, score and reason.

    >>> Hit(0, Tier.PREFIX, 0.5, "Chinese prefix").tier.name
    'PREFIX'
    """

    entry: int
    tier: Tier
    score: float
    reason: str


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or ``limit + 1`` once past
    ``limit`` (rapidfuzz's, loaded on first use: only typo suggestions need it).

    >>> edit_distance("subverion", "subversion", 2), edit_distance("颠复", "颠覆", 1)
    (1, 1)
    """
    from rapidfuzz.distance import OSA

    return int(OSA.distance(a, b, score_cutoff=limit))


def _max_edits(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def _edits(n: int) -> str:
    return f"{n} edit" if n == 1 else f"{n} edits"


#: Best hit per entry: entry -> (tier, score, reason).
_Hits = dict[int, tuple[Tier, float, str]]


def _count_exact(hits: _Hits, limit: int, best: bool = False) -> int:
    """How many hits are exact (scoring 1.0 if ``best``); counting stops at ``limit``."""
    n = 0
    least = 1.0 if best else 0.0
    for tier, score, _ in hits.values():
        if tier == Tier.EXACT and score >= least:
            n += 1
            if n >= limit:
                break
    return n


def _count_prefixes(hits: _Hits, limit: int) -> int:
    """How many hits are exact or prefixes; counting stops at ``limit``."""
    n = 0
    for tier, _, _ in hits.values():
        if tier <= Tier.PREFIX:
            n += 1
            if n >= limit:
                break
    return n


def _add(hits: _Hits, entry: int, tier: Tier, score: float, reason: str) -> None:
    old = hits.get(entry)
    if old is None or tier < old[0] or (tier == old[0] and score > old[1]):
        hits[entry] = (tier, score, reason)


def search(store: Store, query: str | Query, limit: int = 10) -> list[Hit]:
    """The best ``limit`` hits for ``query`` in ``store``, best first.

    Tiers are searched in order and the search stops once the exact tier alone has
    ``limit`` entries, so an exact hit with ``limit=1`` costs a few indexed reads.
    Typo suggestions are made only when nothing else matched.

    >>> from glossary.store import Store
    >>> store = Store.build([Term("subversion", "颠覆", "顛覆", "diānfù")])
    >>> [(h.entry, h.reason) for h in search(store, "dian1fu4")]
    [(0, 'exact pinyin')]
    """
    q = query if isinstance(query, Query) else Query(query)
    if not q.text or limit <= 0:
        return []
    return _Search(store, q, limit).run()


class _Search:
    """One search: the query, the hits so far, and the store to read."""

    def __init__(self, store: Store, q: Query, limit: int) -> None:
        self.store = store
        self.q = q
        self.limit = limit
        self.hits: _Hits = {}
        self._syllables: dict[int, tuple[Syllable, ...] | None] = {}

    def run(self) -> list[Hit]:
        hits, limit = self.hits, self.limit
        self._exact()
        if len(hits) < limit or _count_exact(hits, limit) < limit:
            self._scan()
            if not hits:
                self._fuzzy()
        return self._ranked()

    def _priorities(self, entries: list[int]) -> dict[int, int]:
        info = self.store.info(entries)
        return {e: info[e].priority for e in entries}

    def _ranked(self) -> list[Hit]:
        hits, limit = self.hits, self.limit
        if len(hits) == 1:
            [(entry, (tier, score, reason))] = hits.items()
            return [Hit(entry, tier, score, reason)]
        prio = self._priorities(list(hits))
        keyed = [
            (tier, -score, prio[entry], entry, reason)
            for entry, (tier, score, reason) in hits.items()
        ]
        if len(keyed) > 64:
            import heapq  # (imported here: most lookups never need it)

            best = heapq.nsmallest(limit, keyed)
        else:
            best = sorted(keyed)[:limit]
        return [Hit(entry, tier, -neg, reason) for tier, neg, _, entry, reason in best]

    def entry_syllables(self, entry: int) -> tuple[Syllable, ...] | None:
        """The entry's pinyin as syllables (unmarked = neutral), parsed once."""
        if entry not in self._syllables:
            pinyin = self.store.info([entry])[entry].pinyin
            words = [_entry_word(w) for w in pinyin.split()]
            parsed = None if None in words else tuple(s for w in words if w for s in w)
            self._syllables[entry] = parsed or None
        return self._syllables[entry]

    # exact keys

    def _exact(self) -> None:
        q, hits, limit, store = self.q, self.hits, self.limit, self.store
        if q.chinese:
            for entry in store.exact("chinese", q.chinese.translate(store.script_table())):
                _add(hits, entry, Tier.EXACT, *self._chinese_reason(q.chinese, entry))
        if not q.english:
            return
        same = store.exact("english", q.english)
        for entry in same:
            if entry not in hits:  # the first tier: nothing better can be there yet
                hits[entry] = (Tier.EXACT, 1.0, "exact English")
        # Other inflections and abbreviations score below 1.0 (and a pinyin match of
        # the same entry would outscore them anyway): once `limit` hits score 1.0 they
        # cannot reach the results, so the query need not be stemmed.
        if not same or _count_exact(hits, limit, best=True) < limit:
            for entry in store.keyed(STEM, stem_key(q.english)):
                if entry not in hits:  # (the same folded English was added above)
                    hits[entry] = (Tier.EXACT, 0.9, "English, other inflection or spelling")
            for entry in store.keyed(ABBREVIATION, q.abbreviation):
                _add(hits, entry, Tier.EXACT, 0.95, "exact abbreviation")
        if q.pinyin_key:
            found = [(Tier.EXACT, -1.0, e, 0) for e in store.exact("pinyin", q.pinyin_key)]
            if found:
                self._add_pinyin_hits(found)

    def _chinese_reason(self, folded: str, entry: int) -> tuple[float, str]:
        from glossary.lookup.keys import fold_chinese

        info = self.store.info([entry])[entry]
        traditional = fold_chinese(info.traditional) if info.traditional else info.chinese
        if folded == info.chinese:
            if info.chinese == traditional:
                return 1.0, "exact Chinese"
            return 1.0, "exact Chinese (simplified)"
        if folded == traditional:
            return 1.0, "exact Chinese (traditional)"
        return 0.95, "exact Chinese (mixed script)"

    # prefixes and fragments

    def _scan(self) -> None:
        """Prefixes of every reading, then (only if those and the exact hits are fewer
        than ``limit``: a fragment never ranks above a prefix) fragments."""
        q, store = self.q, self.store
        readings: list[tuple[str, str, int, Callable[[str, list[tuple[int, str]]], None]]] = []
        if q.chinese:
            needle = q.chinese.translate(store.script_table())
            readings.append(("chinese", needle, self.limit, self._take_chinese))
        if q.english:
            readings.append(("english", q.english, self.limit, self._take_english))
        if q.pinyin_key and q.syllables is not None:
            # tones the query gives can turn candidates into suggestions: take more of them
            best = self.limit * (PINYIN_SPARE if q.has_tones else 1)
            readings.append(("pinyin", q.pinyin_key, best, self._take_pinyin))
        for field, needle, best, take in readings:
            take(needle, store.prefixed(field, needle, best))
        if _count_prefixes(self.hits, self.limit) >= self.limit:
            return
        for field, needle, best, take in readings:
            take(needle, store.containing(field, needle, best))

    def _take_chinese(self, needle: str, found: list[tuple[int, str]]) -> None:
        hits, n = self.hits, len(needle)
        for entry, key in found:
            length = len(key)
            if length != n:  # equal length: exact, found already
                if key.startswith(needle):
                    _add(hits, entry, Tier.PREFIX, n / length, "Chinese prefix")
                else:
                    _add(hits, entry, Tier.FRAGMENT, n / length, "Chinese fragment")

    def _take_english(self, needle: str, found: list[tuple[int, str]]) -> None:
        hits, n = self.hits, len(needle)
        for entry, key in found:
            length = len(key)
            if length == n:
                continue
            if key.startswith(needle):
                _add(hits, entry, Tier.PREFIX, n / length, "English prefix")
            elif " " + needle in key:
                _add(hits, entry, Tier.FRAGMENT, 0.5 + n / length / 2, "English fragment")
            else:
                reason = "English fragment, inside a word"
                _add(hits, entry, Tier.FRAGMENT, n / length / 2, reason)

    def _take_pinyin(self, needle: str, rows: list[tuple[int, str]]) -> None:
        n = len(needle)
        found = []
        for entry, key in rows:
            length = len(key)
            if length == n:
                continue
            offset = key.find(needle)
            while offset >= 0:
                tier = Tier.PREFIX if offset == 0 else Tier.FRAGMENT
                found.append((tier, -n / length, entry, offset))
                offset = key.find(needle, offset + 1)
        self._add_pinyin_hits(found)

    def _add_pinyin(self, entry: int, offset: int, tier: Tier, score: float, reason: str) -> None:
        q, hits = self.q, self.hits
        if not q.has_tones:
            _add(hits, entry, tier, score, reason)
            return
        syllables = q.syllables
        assert syllables is not None
        agree = _tones_agree(syllables, self.entry_syllables(entry), offset)
        if agree is None:
            _add(hits, entry, tier, score * 0.9, reason + " (tones not checked)")
        elif agree:
            _add(hits, entry, tier, score, reason)
        else:
            other = reason.replace("exact ", "") + ", other tones"
            _add(hits, entry, Tier.FUZZY, 0.5 * score, other)

    def _add_pinyin_hits(self, found: list[tuple[Tier, float, int, int]]) -> None:
        """Add (tier, -score, entry, offset) pinyin candidates, checking tones if given."""
        names = {Tier.EXACT: "exact pinyin", Tier.PREFIX: "pinyin prefix"}
        hits = self.hits
        if not self.q.has_tones:
            for tier, neg, entry, _ in found:
                _add(hits, entry, tier, -neg, names.get(tier, "pinyin fragment"))
            return
        # Checking tones parses the entry's pinyin: check the best candidates first and
        # stop once `limit` results are sure to rank above every candidate left.
        prio = self._priorities([c[2] for c in found] + list(hits))
        found.sort(key=lambda c: (c[0], c[1], prio[c[2]], c[2]))
        others = sorted((tier, -score, prio[e], e) for e, (tier, score, _) in hits.items())
        sure = 0
        for tier, neg, entry, offset in found:
            key = (tier, neg, prio[entry], entry)
            if sure + bisect_right(others, key) >= self.limit:
                break
            before = hits.get(entry)
            self._add_pinyin(entry, offset, tier, -neg, names.get(tier, "pinyin fragment"))
            after = hits.get(entry)
            if before is None and after is not None and after[0] != Tier.FUZZY:
                sure += 1  # (an entry already in `others` is counted there)

    # typo suggestions

    def _near(self, kind: int, word: str) -> dict[str, int]:
        """Known words within the edit limit of ``word``, with their distances.

        Candidates are the known words of about its length sharing its first two or its
        last two letters, so a typo at both ends of a word is not suggested.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        limit = _max_edits(word)
        out: dict[str, int] = {}
        if self.store.has_word(kind, word):
            out[word] = 0
        candidates = self.store.near_candidates(kind, word, limit)
        for cand, d, _ in process.extract(
            word, candidates, scorer=OSA.distance, score_cutoff=limit, limit=None
        ):
            out.setdefault(cand, int(d))
        return out

    def _fuzzy(self) -> None:
        q, hits, store = self.q, self.hits, self.store
        if q.chinese:
            self._fuzzy_chinese()
        words = q.english.split()
        if words:
            per_word = [self._near(ENGLISH_WORDS, w) for w in words]
            if all(per_word):
                self._fuzzy_words(per_word)
        if q.pinyin_key and len(q.pinyin_key) > 2:
            for word, d in self._near(PINYIN_WORDS, q.pinyin_key).items():
                if d:
                    for entry in store.exact("pinyin", word):
                        _add(hits, entry, Tier.FUZZY, 1 / (1 + d), f"fuzzy pinyin: {_edits(d)}")

    def _fuzzy_words(self, per_word: list[dict[str, int]]) -> None:
        best: dict[int, int] | None = None
        for near in per_word:
            cost: dict[int, int] = {}
            for word, d in near.items():
                for entry in self.store.with_word(word, MAX_SCAN_HITS):
                    if d < cost.get(entry, 99):
                        cost[entry] = d
            best = cost if best is None else {e: c + cost[e] for e, c in best.items() if e in cost}
        info = self.store.info(best or ())
        for entry, d in (best or {}).items():
            n = info[entry].english.count(" ") + 1
            score = 1 / (1 + d) * len(per_word) / max(n, len(per_word))
            reason = f"fuzzy: {_edits(d)}" if d else "English words, other order or gaps"
            _add(self.hits, entry, Tier.FUZZY, score, reason)

    def _fuzzy_chinese(self) -> None:
        store = self.store
        needle = self.q.chinese.translate(store.script_table())
        if len(needle) < 2:
            return
        limit = 1 if len(needle) <= 4 else 2
        # a key within `limit` edits shares a character with the query (and is at most
        # `limit` characters longer or shorter); of those, keep the near ones
        need = len(set(needle)) - 1
        lengths = (len(needle) - limit, len(needle) + limit)
        for entry, key in store.containing_any(needle, lengths, MAX_FUZZY_CANDIDATES):
            if len(set(needle) & set(key)) >= need:
                d = edit_distance(needle, key, limit)
                if 0 < d <= limit:
                    _add(self.hits, entry, Tier.FUZZY, 1 / (1 + d), f"fuzzy: {_edits(d)}")
