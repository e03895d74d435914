"""The index's tables, shared by the writer (:mod:`glossary.store.build`) and the reader.

``entry`` holds one row per merged entry (its position is ``id``), the term's own fields
and the keys compared exactly; ``key`` holds the other exact keys by kind; ``near`` buckets
known words by length and first or last two letters for typo suggestions; the FTS5
tables ``english_fts``, ``pinyin_fts`` and ``chinese_fts`` find fragments.
:data:`VERSION` changes whenever a key or a table does, so an index built by another
version is rebuilt, never misread.
"""

from __future__ import annotations

import marshal

from glossary.model import TERM_FIELDS

#: Bumped whenever the tables or the way any key is computed change; the format the
#: occurrences are packed in (:mod:`marshal`'s, which a Python version may change) is part
#: of it.
VERSION = f"10.{marshal.version}"

# kinds of rows in the ``key`` table
STEM = 1  # stemmed, space-free English (lookup.keys.english_key)
ABBREVIATION = 2  # the abbreviation, case folded
CHINESE = 3  # a traditional form that cannot be paired character by character

# kinds of known words, for typo suggestions
ENGLISH_WORDS = 0
PINYIN_WORDS = 1


def fragments_path(path: str) -> str:
    """Where the FTS5 tables of the index at ``path`` are kept when they have a file of
    their own.

    >>> fragments_path("/cache/index-3-tsv-ab12.sqlite")
    '/cache/index-3-tsv-ab12.fts.sqlite'
    """
    return path.removesuffix(".sqlite") + ".fts.sqlite"


#: Term fields in ``entry`` column order, after ``id``: the model's and the occurrences.
TERM_COLUMNS = (*TERM_FIELDS, "occurrences")

SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entry (
    id INTEGER PRIMARY KEY,
    english TEXT NOT NULL,
    chinese TEXT NOT NULL,
    traditional TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    abbreviation TEXT NOT NULL,
    kind TEXT NOT NULL,
    given_pinyin TEXT NOT NULL,
    status TEXT,
    domain TEXT NOT NULL,
    note TEXT NOT NULL,
    confidence REAL,
    occurrences BLOB,
    priority INTEGER NOT NULL,
    english_folded TEXT NOT NULL,
    chinese_folded TEXT NOT NULL,
    chinese_key TEXT NOT NULL,
    pinyin_key TEXT NOT NULL
);
CREATE TABLE key (kind INTEGER NOT NULL, key TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE TABLE near (bucket TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (bucket, word))
    WITHOUT ROWID;
"""

#: Indexes made once the rows are in (faster than keeping them up to date row by row).
INDEXES = """
CREATE INDEX entry_english ON entry(english_folded);
CREATE INDEX entry_chinese ON entry(chinese_key);
CREATE INDEX entry_pinyin ON entry(pinyin_key);
CREATE INDEX entry_pinyin_end ON entry(substr(pinyin_key, -2), length(pinyin_key));
CREATE INDEX key_index ON key(kind, key, entry);
"""

#: Typo suggestions: the English words of every entry by length and first or last two
#: letters (pinyin keys are found by ``entry_pinyin`` and ``entry_pinyin_end``).
NEAR = "INSERT INTO near VALUES (?, ?)"

#: The fragment tables, in the index itself (built in memory) or in a database of their own
#: beside it, filled on a second thread while the rest of the index is written.
#: Fragment tables, one per field, each row numbered by its entry's rank in that field:
#: shortest key first, then lowest priority, then first entry (the order a search ranks
#: a tier in).  FTS5 returns matches in row order, so the first ``n`` matches are the
#: best ``n`` and a query stops there, however many entries contain the fragment.  The
#: ``*_rank`` tables map a rank back to its entry.
FTS = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE english_fts USING fts5(
    text, tokenize = 'trigram', content = '', detail = 'full', columnsize = 0);
CREATE VIRTUAL TABLE pinyin_fts USING fts5(
    text, tokenize = 'trigram', content = '', detail = 'full', columnsize = 0);
CREATE VIRTUAL TABLE chinese_fts USING fts5(
    text, tokenize = 'unicode61 remove_diacritics 0', content = '', detail = 'full',
    columnsize = 0);
CREATE TABLE english_rank (rank INTEGER PRIMARY KEY, entry INTEGER NOT NULL);
CREATE TABLE english_df (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE pinyin_df (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE pinyin_rank (rank INTEGER PRIMARY KEY, entry INTEGER NOT NULL);
CREATE TABLE chinese_rank (rank INTEGER PRIMARY KEY, entry INTEGER NOT NULL);
"""

#: Meta row of a fragment field's rank bounds: comma-separated, item ``n`` the number of
#: entries whose key is at most ``n`` characters long (ranks follow key length, so the
#: entries that can hold an ``n``-character fragment and be more than it start there).
LENGTHS = "lengths_{field}"

#: The fields whose fragments are trigrams: ``{field}_df`` holds how many entries have each
#: trigram, so a long fragment is looked for by its rarest trigrams.
TRIGRAM_FIELDS = ("english", "pinyin")

#: The fields with fragment tables (``{field}_fts``, ``{field}_rank``), in the order of
#: the texts a build hands over for each entry.
FRAGMENT_FIELDS = ("english", "pinyin", "chinese")
