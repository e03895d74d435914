"""Lookup: one search box over a glossary, by English, Chinese (简/繁) or pinyin.

The stage is four modules, in the order a query passes through them:

* :mod:`glossary.lookup.keys`: how English, Chinese and pinyin are folded into keys;
* :mod:`glossary.lookup.query`: a query read every way it can be (pinyin in any spelling);
* :mod:`glossary.lookup.search`: the reading looked up in the index
  (:class:`glossary.store.Store`) and ranked into tiers, each match with its reason;
* :mod:`glossary.lookup.display`: tables that fit the terminal, and JSON;
* :mod:`glossary.lookup.suggest`: what to try after a miss.

The names below are re-exported here for convenience.  Nothing here loads jieba,
pypinyin or OpenCC.

>>> from glossary.glossary import Glossary
>>> from glossary.model import Term
>>> g = Glossary.from_terms([Term("subversion", "颠覆", "顛覆", "diānfù")])
>>> [(m.term.english, m.reason) for m in g.lookup("dian1fu4")]
[('subversion', 'exact pinyin')]
"""

from __future__ import annotations

from glossary.lookup.display import (
    display_width,
    format_matches_table,
    format_table,
    match_to_record,
    matches_to_json,
    safe,
)
from glossary.lookup.keys import (
    english_key,
    fold_chinese,
    fold_english,
    is_han,
    pinyin_key,
    search_keys,
    stem_key,
)
from glossary.lookup.query import Query, Syllable, has_tones, parse_pinyin
from glossary.lookup.search import MAX_SCAN_HITS, Hit, Match, Tier, edit_distance

__all__ = [
    "MAX_SCAN_HITS",
    "Hit",
    "Match",
    "Query",
    "Syllable",
    "Tier",
    "display_width",
    "edit_distance",
    "english_key",
    "fold_chinese",
    "fold_english",
    "format_matches_table",
    "format_table",
    "has_tones",
    "is_han",
    "match_to_record",
    "matches_to_json",
    "parse_pinyin",
    "pinyin_key",
    "safe",
    "search_keys",
    "stem_key",
]
