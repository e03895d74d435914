"""The shortcuts that make extraction fast give the answers of the long way round.

Each shortcut (a cheap test before an expensive one, a ``str`` scan instead of a regex, a
remembered result) is checked against what it stands for, on real text and on text
made to sit on its edges.
"""

from __future__ import annotations

import random
from pathlib import Path

import regex

from glossary.extraction import read
from glossary.extraction.brackets import _brackets, _parse_content
from glossary.extraction.direction import HAN as WEIGHED
from glossary.extraction.direction import ChineseNearby, direction_of
from glossary.extraction.text import INVISIBLE, INVISIBLE_CHARS, _clean, _Lines
from glossary.model import Direction

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the repository (CI); in a developer's worktree, the machine's copy.
SHARED = next(
    (p for p in (ROOT.parent / "shared", Path("/work/shared")) if (p / "corpus").is_dir()),
    ROOT.parent / "shared",
)
DEV = SHARED / "corpus" / "dev"
EXAMPLES = ROOT / "examples"


def _texts() -> list[str]:
    files = sorted(DEV.glob("*.txt")) + sorted(DEV.glob("reverse/*.txt"))
    files += sorted(EXAMPLES.glob("*.txt"))
    assert len(files) > 10, "the development corpus is missing"
    return [f.read_text(encoding="utf-8") for f in files]


STREWN = "()（）[]【】。.!? \n\n颠覆，ABC\u200b\x00"


def _edgy(seed: int, n: int = 40) -> list[str]:
    """Pieces of real text with brackets, sentence ends, Chinese and invisible characters
    strewn in: the places where a shortcut could go wrong."""
    rnd = random.Random(seed)
    texts = _texts()
    out = []
    for _ in range(n):
        t = rnd.choice(texts)
        a = rnd.randrange(max(1, len(t) - 3000))
        s = list(t[a : a + rnd.choice([300, 800, 3000])])
        for _ in range(rnd.randrange(5, 40)):
            s.insert(rnd.randrange(len(s) + 1), rnd.choice(STREWN))
        out.append("".join(s))
    return out


def test_invisible_characters_are_the_class_the_cleaner_drops() -> None:
    every = "".join(map(chr, range(0x10000)))
    assert sorted(INVISIBLE.findall(every)) == sorted(INVISIBLE_CHARS)


def test_clean_of_few_and_many_invisible_characters() -> None:
    # Up to a few hundred are found one by one, more by one regex: both map offsets alike.
    for text in ("a\u200bb\u200b\u200bc(颠\u200b覆)", "x" + "\x00\u200b" * 400 + "(颠覆)"):
        clean, runs = _clean(text)
        assert clean == INVISIBLE.sub("", text)
        dropped = 0
        for k, (at, total) in enumerate(runs):
            assert total > dropped
            assert k == 0 or at > runs[k - 1][0]
            dropped = total
        assert dropped == len(text) - len(clean)


def test_every_weighed_character_is_at_or_above_the_cjk_range() -> None:
    # ChineseNearby finds the Chinese direction_of weighs by one scan from U+2E80 up.
    below = "".join(map(chr, range(0x2E80)))
    assert WEIGHED.findall(below) == []


def test_no_chinese_nearby_means_english_prose() -> None:
    checked = 0
    for text in _texts() + _edgy(1):
        clean = _clean(text)[0]
        nearby = ChineseNearby(clean)
        for b in _brackets(clean):
            if not nearby.maybe(b.open, b.close):
                assert direction_of(clean, b.open, b.close) is Direction.EN_ZH, b
                checked += 1
    assert checked > 500  # the shortcut is taken, and always rightly


def test_chinese_nearby_sees_chinese_across_the_reach() -> None:
    text = "他说" + "x" * 290 + " (see above)"
    b = next(_brackets(text))
    assert ChineseNearby(text).maybe(b.open, b.close)
    assert not ChineseNearby("y" * 10 + text[2:]).maybe(b.open + 8, b.close + 8)
    # a bracket of Chinese with a sentence end inside may be cut by a window: it counts
    text = "Said (他说。他) and (see above)"
    b = list(_brackets(text))[1]
    assert ChineseNearby(text).maybe(b.open, b.close)
    text = "Said (他说) and (see above)"
    b = list(_brackets(text))[1]
    assert not ChineseNearby(text).maybe(b.open, b.close)


def test_lines_asked_in_any_order() -> None:
    text = "a\nb\n\nc(颠覆)\nd\n"
    lines = _Lines(text)
    for offset in (9, 2, 0, len(text), 4, 5, 3):
        assert lines.line(offset) == text.count("\n", 0, offset) + 1


def test_brackets_close_where_a_character_walk_closes_them() -> None:
    # the reference: the character-by-character walk the regex walk replaced
    from glossary.extraction.brackets import MAX_DEPTH, SENTENCE_END
    from glossary.extraction.text import CLOSERS, MAX_BRACKET, OPENERS

    def walk(text: str, start: int) -> int:
        depth, first_closer, sentence_end = 0, -1, -1
        for i in range(start, min(len(text), start + MAX_BRACKET)):
            c = text[i]
            if c in OPENERS:
                depth += 1
                if depth > MAX_DEPTH:
                    break
            elif c in CLOSERS:
                depth -= 1
                if first_closer < 0 and i > start:
                    first_closer = i
                if depth == 0:
                    return i
            elif c == "\n" and text.startswith("\n\n", i):
                break
            elif sentence_end < 0 and depth == 1 and SENTENCE_END.match(text, i):
                sentence_end = i
        return -1 if 0 <= sentence_end < first_closer else first_closer

    from glossary.extraction.brackets import _find_close

    opener = regex.compile(r"[(（\[【]")
    for text in _edgy(2, 60):
        for m in opener.finditer(text):
            assert _find_close(text, m.start()) == walk(text, m.start())


def test_remembered_bracket_contents_are_read_alike() -> None:
    content = "MSS; 国家安全部, Guojia Anquanbu"
    first = _parse_content(content)
    assert _parse_content(content) is first  # remembered
    assert _parse_content.__wrapped__(content) == first  # and what a fresh read gives


def test_reading_twice_gives_the_same_readings() -> None:
    # the second read hits every cache the first one filled
    for text in _edgy(3, 20):
        assert read(text, "a.txt") == read(text, "a.txt")


def test_direction_weights_count_the_characters_of_their_classes() -> None:
    # the reference: a match per run of each class, which the counting by bytes replaced
    from glossary.extraction.direction import LATIN, _weights

    accented = "Zhōngguó Ōu-Yáng ǚ ɏ ÀÉ façade “naïve” — 习近平说：“你好！” ｜ABC①"
    for text in [*_edgy(4, 30), accented, "", "颠覆", "ASCII only, 123."]:
        han = sum(map(len, WEIGHED.findall(text)))
        assert _weights(text) == (han, sum(map(len, LATIN.findall(text))))


def test_title_runs_are_shared_between_signals_alike() -> None:
    # the remembered runs of a bracket give what a fresh _title_run_start gives
    from glossary.extraction.brackets import _brackets, _parse_content
    from glossary.extraction.context import bracketed
    from glossary.extraction.titles import _title_run_start

    text = (
        "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era "
        "(习近平新时代中国特色社会主义思想) and the Journey to the West (西游记), "
        "China’s State Council (国务院) and Deputy Consul General Wu Xiaoming (吴晓明)."
    )
    checked = 0
    for t in [text, *_edgy(5, 30)]:
        for b in _brackets(t):
            parsed = _parse_content(b.content)
            ctx = bracketed(t, b, parsed, None) if parsed.chinese else None
            if ctx is None:
                continue
            for shortest in (1, 2, 3, 4, 5):
                for owners in (True, False):
                    fresh = _title_run_start(
                        ctx.tokens, parsed.chinese, shortest=shortest, owners=owners
                    )
                    assert ctx.title_run_start(shortest=shortest, owners=owners) == fresh
                    checked += 1
    assert checked > 100


def test_indexed_alignment_matches_every_definition_word_it_should() -> None:
    # the reference: every definition word of the Chinese tried by _matches in turn
    from glossary.extraction.align import (
        _aligns,
        _definition_table,
        _matches,
        _stem,
        _word_key,
        aligned_positions,
    )
    from glossary.extraction.words import STOP_WORDS, WORD

    words = {w for t in _edgy(6, 10) for w in WORD.findall(t)}
    words |= {"reconstruction", "constructions", "governance", "lying", "zones", "ritual"}
    words |= {"multilateralism", "re-education", "reform", "urbanization", "anti-graft"}
    for han in ("礼治", "农村空心化", "国家安全部", "重建", "躺平", "西游记", "多边主义", "城镇化"):
        table = _definition_table(han)
        for word in sorted(words):
            w = _word_key(word)
            # a compound (re-education, PRC-Russia) is also tried part by part
            forms = [w, *(p for p in w.split("-") if len(p) >= 2 and p not in STOP_WORDS)]
            matched = (
                []
                if w in STOP_WORDS or len(w) < 2
                else [v for v in table if any(_matches(x, _stem(x), v) for x in forms)]
            )
            expected: set[int] = set().union(*(table[v] for v in matched))
            assert aligned_positions.__wrapped__(word, han) >= expected, (word, han)
            assert _aligns.__wrapped__(word, han) is bool(matched), (word, han)


def test_no_room_for_an_acronym_means_none_is_read() -> None:
    from glossary.extraction.engine import MAYBE_ACRONYM

    contents = ["CCP", "G7", "see Chapter 3", "U.S.", "A-B", "MSS; Guojia Anquanbu", "X1"]
    contents += [b.content for t in _texts() + _edgy(7) for b in _brackets(t)]
    checked = 0
    for content in contents:
        if not WEIGHED.search(content) and not MAYBE_ACRONYM.search(content):
            assert _parse_content.__wrapped__(content).acronym == "", content
            checked += 1
    assert checked > 300  # the shortcut is taken


def test_spelled_runs_are_the_runs_spelled_one_by_one() -> None:
    from glossary.extraction.align import _spelled_runs, _spells

    for letters in ["zhongguo", "guo", "xijinping", "jinping", "anquan", "a", "er", "shishi"]:
        for han in ["中国", "习近平", "国家安全部", "事实是", "阿尔", "二", "嗯"]:
            runs = [
                (i, j)
                for i in range(len(han))
                for j in range(i + 1, min(len(han), i + 4) + 1)
                if _spells(letters, han[i:j])
            ]
            assert list(_spelled_runs(letters, han)) == runs, (letters, han)


def test_the_clause_walk_skips_only_what_it_would_step_over() -> None:
    # _clause_tokens jumps over every character but its marks and U+2E80 and up
    from glossary.extraction.english import _CLAUSE_MARKS, CLAUSE_MARK_BEFORE

    every = "".join(map(chr, range(0x11000)))
    marks = set(_CLAUSE_MARKS) | {chr(c) for c in range(0x2E80, 0x11000)}
    assert set(CLAUSE_MARK_BEFORE.findall(every)) == marks


def test_the_last_end_before_a_bracket_is_where_a_forward_walk_stops() -> None:
    # the reference: every end in the range found by finditer, the last one kept
    from glossary.extraction.direction import PARAGRAPH_END, SENTENCE_END, _after_last_end

    texts = [*_edgy(8, 30), "a.\n\n\nb", "\n\n\n\n\nx", "x\n\n\n", "Mr. A. Smith! Yes? 是。"]
    for text in texts:
        for hi in range(0, len(text) + 1, 7):
            for lo in (0, max(0, hi - 50), max(0, hi - 3)):
                for sentences, end in ((True, SENTENCE_END), (False, PARAGRAPH_END)):
                    expected = lo
                    for m in end.finditer(text, lo, hi):
                        expected = m.end()
                    assert _after_last_end(text, lo, hi, sentences) == expected, (text, lo, hi)


def test_word_initials_remembered_per_word_are_the_scan_of_each_token() -> None:
    from glossary.extraction.acronyms import WORD_INITIAL, _initials
    from glossary.extraction.english import _clause_tokens

    checked = 0
    for text in _texts()[:8] + _edgy(3):
        for m in regex.finditer(r"\(", text):
            tokens = _clause_tokens(text, m.start())
            scanned = [
                (k, t.start + w.start(), w.group().lower())
                for k, t in enumerate(tokens)
                for w in WORD_INITIAL.finditer(t.text)
            ]
            assert _initials(tokens) == scanned
            checked += len(scanned)
    assert checked > 1000


def test_one_line_knows_a_line_without_splitting_it() -> None:
    from glossary.extraction.text import _SEPARATORS, SPACES, one_line

    def split_and_join(text: str) -> str:  # what one_line did for every text
        if _SEPARATORS.search(text):
            return str(SPACES.sub(" ", text)).strip()
        return " ".join(text.split())

    # The shortcut rests on this: no printable character is whitespace but the space.
    assert [c for c in map(chr, range(0x110000)) if c.isprintable() and c.isspace()] == [" "]
    rnd = random.Random(4)
    spaces = [" ", "  ", "\n", "\t", "\xa0", "\u3000", "\u2009", "\x1c", "\x1f", "\u200b"]
    pieces = ["the", "Ministry", "(国家安全部)", "’s", "U.S.", "-", "颠覆", ""]
    texts = _edgy(5, 20)
    for _ in range(3000):
        texts.append("".join(rnd.choice(pieces + spaces) for _ in range(rnd.randrange(8))))
    for text in texts:
        assert one_line(text) == split_and_join(text)


def test_letters_in_a_bracket_by_case_mapping_are_the_regex_answers() -> None:
    from glossary.extraction.engine import CAPITAL, _letters_in
    from glossary.extraction.text import HAN
    from glossary.extraction.text import LATIN_LETTER as LATIN

    def by_regex(content: str) -> tuple[bool, bool, bool]:
        han = bool(HAN.search(content))
        capital = han or bool(CAPITAL.search(content))
        return han, capital, capital or bool(LATIN.search(content))

    contents = [b.content for text in _texts() + _edgy(6) for b in _brackets(_clean(text)[0])]
    contents += [chr(c) for c in range(0x250)] + ["1", "2019", "see above", "p. 3", "MSS", ""]
    assert sum(c.isascii() for c in contents) > 500
    for content in contents:
        assert _letters_in(content) == by_regex(content), content


def test_a_run_filling_its_bracket_is_boxed_as_the_search_boxes_it() -> None:
    from glossary.extraction.direction import (
        _BRACKET_AFTER,
        _BRACKET_BEFORE,
        _ENDS,
        REACH,
        _box_around,
        _cjk_runs,
    )
    from glossary.extraction.text import OPENERS

    def searched(text: str, a: int, b: int) -> tuple[int, int] | None:  # the long way
        before = _BRACKET_BEFORE.search(text, max(0, a - REACH), a)
        if before is None or before.group() not in OPENERS:
            return None
        after = _BRACKET_AFTER.search(text, b, min(len(text), b + REACH))
        if after is None or after.group() in OPENERS:
            return None
        s, e = before.start(), after.start()
        return None if _ENDS.search(text, s, e) else (s, e)

    filled = 0
    for text in _texts() + _edgy(7) + ["(颠覆)", "颠(覆)", "(颠。覆)", "[颠覆】", "(颠覆"]:
        for a, b in _cjk_runs(text):
            assert _box_around(text, a, b) == searched(text, a, b), (text[a - 5 : b + 5], a)
            filled += a > 0 and b < len(text) and text[a - 1] + text[b] == "()"
    assert filled > 100


def test_title_runs_shared_between_options_are_the_runs_worked_out_alone() -> None:
    from glossary.extraction.context import PINYIN_WORD, bracketed
    from glossary.extraction.text import han_only, toneless
    from glossary.extraction.titles import _title_run_start
    from glossary.syllables import split_syllables

    options = [(s, o) for s in (1, 2, 3, 4, 5) for o in (True, False)]
    rnd = random.Random(8)
    runs = 0
    for text in _texts() + _edgy(9):
        clean = _clean(text)[0]
        for b in _brackets(clean):
            parsed = _parse_content(b.content)
            ctx = bracketed(clean, b, parsed, None) if parsed.chinese else None
            if ctx is None:
                continue
            # the syllables of the given pinyin, counted as before the shortcut for none
            counted = sum(
                len(split_syllables(w) or ()) for w in PINYIN_WORD.findall(toneless(parsed.pinyin))
            )
            assert ctx.syllables == (counted if counted == len(han_only(parsed.chinese)) else 0)
            rnd.shuffle(options)  # asked in any order, remembered alike
            for shortest, owners in options:
                alone = _title_run_start(
                    ctx.tokens, parsed.chinese, shortest=shortest, owners=owners
                )
                assert ctx.title_run_start(shortest=shortest, owners=owners) == alone
                runs += alone is not None
    assert runs > 300


def test_openers_found_by_kind_are_the_openers_in_order() -> None:
    from glossary.extraction.brackets import _openers

    opener = regex.compile(r"[(（\[【]")
    for text in [*_texts(), *_edgy(10), "", "((", "x", "【(（[", "a(b"]:
        assert list(_openers(text)) == [m.start() for m in opener.finditer(text)]


def test_or_pinyin_searched_from_the_clause_is_the_search_of_the_whole_head() -> None:
    from glossary.extraction.english import OR_PINYIN, or_pinyin

    heads = [
        t[max(0, m.start() - 200) : m.start()].rstrip()
        for t in _texts() + _edgy(11)
        for m in regex.finditer(r"[(（]", t)
    ]
    heads += ["lying flat, or tangping", "x,or  tang-ping", "or tangping", "a (b) or c’d", ""]
    found = 0
    for head in heads:
        whole = OR_PINYIN.search(head)
        short = or_pinyin(head)
        assert (short and (short.span(), short.group(1))) == (
            whole and (whole.span(), whole.group(1))
        )
        found += whole is not None
    assert found >= 4


def test_context_found_end_after_end_is_the_context_of_every_end() -> None:
    from glossary.extraction.text import _context, one_line

    def every_end(text: str, start: int, end: int, reach: int = 400) -> str:  # the long way
        a = max(0, start - reach)
        lo = max(a, *(text.rfind(e, a, start) + 1 for e in ("\n", ". ", "? ", "! ")))
        b = min(len(text), end + reach)
        line_end, stop = text.find("\n", end, b), text.find(". ", end, b)
        if line_end >= 0 or stop >= 0:
            hi = (min(line_end, stop) if line_end >= 0 and stop >= 0 else max(line_end, stop)) + 1
        else:
            hi = b
        if hi - lo > 400:
            lo, hi = max(lo, start - 150), min(hi, end + 150)
        return one_line(text[lo:hi])

    rnd = random.Random(12)
    for text in [*_edgy(13, 80), "a. b? c! d\ne. (颠覆) f. g\nh", "? ! . \n"]:
        for _ in range(40):
            start = rnd.randrange(len(text) + 1)
            end = min(len(text), start + rnd.randrange(30))
            assert _context(text, start, end) == every_end(text, start, end)


def test_page_furniture_never_stands_without_a_line_break() -> None:
    from glossary.extraction.english import FURNITURE_BLOCK

    texts = _texts() + _edgy(14)
    assert any(FURNITURE_BLOCK.search(t) for t in texts)  # there is furniture to find
    for text in texts:
        for line in text.split("\n"):  # what quote_part skips the search for
            assert FURNITURE_BLOCK.search(line) is None


def _contexts(seed: int) -> list[object]:
    """The :class:`~glossary.extraction.context.Bracketed` of every bracket of Chinese in
    the real texts and in edgy ones, with the long form of its acronym as the driver
    finds it."""
    from glossary.extraction.acronyms import _long_form
    from glossary.extraction.context import bracketed

    made = [  # owners, and hyphens a PDF left with a space
        "the Jade Emperor’s Palace (玉皇宫), China’s State Council (国务院), the People’s "
        "Republic of China (中华人民共和国), Beijing’s Ministry of Foreign Affairs (外交部), "
        "the CCP’s United Front Work Department (中共中央统战部), Mao's Little Red Book "
        "(毛主席语录) and Lu Xun’ (鲁迅).",
        "the all- domain joint operations (全域联合作战) and the transfor- mation of "
        "the army (军队转型), the U.S. (美国)",
    ]
    out: list[object] = []
    for text in [*made, *_texts(), *_edgy(seed)]:
        clean = _clean(text)[0]
        for b in _brackets(clean):
            parsed = _parse_content(b.content)
            if not parsed.chinese:
                continue
            long = _long_form(clean, b.open, parsed.acronym) if parsed.acronym else None
            ctx = bracketed(clean, b, parsed, long)
            if ctx is not None:
                out.append(ctx)
    assert len(out) > 200
    return out


def test_a_span_on_one_plain_line_is_the_span_text() -> None:
    # _span_at takes the words as they stand from plain_from on: what _span_text gives
    from glossary.extraction.context import Bracketed
    from glossary.extraction.english import _span_text

    plain = 0
    for ctx in _contexts(15):
        assert isinstance(ctx, Bracketed)
        if not ctx.tokens:
            continue
        end = ctx.tokens[-1].end
        for e in (end, end + 1):  # with the full stop of an abbreviation too
            if ctx.text[end:e] not in ("", "."):
                continue
            for t in ctx.tokens:
                if t.start >= ctx.plain_from:
                    assert ctx.text[t.start : e].strip() == _span_text(ctx.text, t.start, e)
                    plain += 1
    assert plain > 1000


def test_title_owner_skipped_without_a_possessive_is_the_run_without_owners() -> None:
    # title_owner proposes nothing without a possessive before the last word: the run
    # with owners kept is then the run without
    from glossary.extraction.context import Bracketed
    from glossary.extraction.signals import title_owner

    owned = 0
    for ctx in _contexts(16):
        assert isinstance(ctx, Bracketed)
        start = ctx.title_run_start(owners=False)
        afresh = start is not None and start != ctx.title_run_start()
        assert bool(title_owner(ctx)) is afresh
        owned += afresh
    assert owned > 0


def test_ranking_by_remembered_evidence_is_each_candidate_weighed_afresh() -> None:
    # the reference: the ranking before the evidence of a span was remembered, every
    # candidate a Scored filled in by the weighing of its own
    import math

    from glossary.extraction import scoring
    from glossary.extraction.context import TITLE_JOIN_ZH, Bracketed, Proposal
    from glossary.extraction.signals import SIGNALS, propose, word_runs

    def weighed(c: scoring.Scored, b: Bracketed, title_zh: bool) -> None:
        han = b.han
        c.zh_coverage, c.en_coverage, opening, n_words, c.dictionary = scoring._alignment(
            c.text, han
        )
        leading = opening if c.zh_coverage >= 0.999 and n_words else None
        prior = max(scoring.PRIORS[s] for s in c.signals)
        score = prior + scoring.AGREEMENT * (len(c.signals) - 1)
        score += scoring.ZH_COVERAGE * c.zh_coverage + scoring.EN_COVERAGE * c.en_coverage
        if leading is not None and ("quotes" not in c.signals or n_words > len(han)):
            c.penalty += scoring.LEADING_SLACK * leading
        if c.dictionary:
            score += scoring.DICTIONARY
        if title_zh and scoring.TITLE_JOIN_IN_EN.search(c.text):
            score += scoring.STRUCTURE
        if b.syllables and n_words > b.syllables and opening:
            c.penalty += scoring.GIVEN_PINYIN * min(2, n_words - b.syllables, opening)
        if han:
            excess = n_words - 2 * len(han)
            if excess > 0 and "quotes" not in c.signals and "title-case" not in c.signals:
                c.penalty += scoring.LENGTH * math.log2(1 + excess)
        c.score = score - c.penalty

    def afresh(b: Bracketed, proposals: list[Proposal]) -> list[scoring.Scored]:
        merged: dict[tuple[int, str], scoring.Scored] = {}
        for start, end, text, signal in proposals:
            c = merged.setdefault((start, text), scoring.Scored(start, end, text, []))
            if signal not in c.signals:
                c.signals.append(signal)
        out = list(merged.values())
        for c in out:
            weighed(c, b, bool(TITLE_JOIN_ZH.search(b.parsed.chinese)))
        scoring._rendering_leads(out)  # (a rule of the fifth round, after the evidence)
        return sorted(out, key=lambda c: (-c.score, c.start, c.text))

    ranked = 0
    names = list(SIGNALS)
    for k, ctx in enumerate(_contexts(17)):
        assert isinstance(ctx, Bracketed)
        # what the signals propose, and every run of words under every signal's name
        proposals = propose(ctx)
        end = ctx.tokens[-1].end if ctx.tokens else 0
        for j, (english, start) in enumerate(word_runs(ctx)):
            proposals += [(start, end, english, names[(j + i + k) % len(names)]) for i in (0, 5)]
        assert scoring.rank(ctx, proposals) == afresh(ctx, proposals)  # every field, exactly
        ranked += 1
    assert ranked > 200


def test_chinese_nearby_asked_inline_is_its_runs_and_boxes_asked_one_by_one() -> None:
    from glossary.extraction.direction import REACH

    asked = 0
    for text in _texts() + _edgy(18):
        clean = _clean(text)[0]
        nearby = ChineseNearby(clean)
        for b in _brackets(clean):
            lo, hi = max(0, b.open - REACH), min(len(clean), b.close + 1 + REACH)
            one_by_one = (
                nearby._run_in(lo, b.open)
                or nearby._run_in(b.close + 1, hi)
                or nearby._box_across(lo)
                or nearby._box_across(hi)
            )
            assert nearby.maybe(b.open, b.close) is one_by_one
            asked += one_by_one
    assert asked > 100


def test_last_aligned_word_and_longest_phrase_found_the_short_way() -> None:
    from glossary.extraction.align import _last_aligned, dictionary_phrases
    from glossary.extraction.signals import _longest_phrase

    rnd = random.Random(19)
    for n in range(200):
        flags = [rnd.random() < 0.2 for _ in range(n % 9)]
        last = next((i for i in range(len(flags) - 1, -1, -1) if flags[i]), -1)
        assert _last_aligned(flags) == last
    for han in ("西游记", "独生子女政策", "颠覆", "国家安全部", "嗯嗯嗯", ""):
        words = [p.count(" ") + 1 for p in dictionary_phrases(han)] if han else []
        assert _longest_phrase(han) == max(words, default=0)


def test_words_of_plain_text_found_by_re_are_the_words_regex_finds() -> None:
    from glossary.extraction.words import NOT_PLAIN, PLAIN_WORD, WORD, word_spans

    # The shortcut rests on this: no character of plain text is a letter, a mark or a
    # number but ASCII's letters and digits.
    every = "".join(map(chr, range(0x3000)))
    plain = NOT_PLAIN.sub("", every)
    assert "".join(regex.findall(r"[\p{L}\p{M}\p{N}]", plain)) == (
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    )
    rnd = random.Random(20)
    pieces = ["U.S.", "-led", "’s", "'", "&", ".", " ", "—", "“", "a", "Zhōng", "1", "颠", "\n"]
    texts = _texts() + _edgy(21)
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(12))) for _ in range(3000)]
    taken = 0
    for text in texts:
        for lo, hi in ((0, len(text)), (len(text) // 3, len(text) // 2)):
            spans = [m.span() for m in WORD.finditer(text, lo, hi)]
            assert word_spans(text, lo, hi) == spans
            if not NOT_PLAIN.search(text, lo, hi):
                assert [m.span() for m in PLAIN_WORD.finditer(text, lo, hi)] == spans
                taken += 1
    assert taken > 1000


def test_what_the_cheap_tests_before_rare_regexes_rest_on() -> None:
    from glossary.extraction.english import (
        CLOSING_QUOTE_AFTER,
        POSSESSIVE_END,
        _strip_possessive,
    )
    from glossary.extraction.text import HAN
    from glossary.extraction.words import POSSESSIVE_ENDS

    # Han is from U+2E80 up (bracketed tells Han by a comparison first)
    assert HAN.search("".join(map(chr, range(0x2E80)))) is None
    # a closing quote after a bracket is one of three marks (_quote_around)
    afters = [t[b.end : b.end + 3] for t in _texts() + _edgy(22) for b in _brackets(t)]
    afters += ["”", '."', ",’x", "!? ", "  ”"]
    found = 0
    for after in afters:
        if "”" not in after and '"' not in after and "’" not in after:
            assert CLOSING_QUOTE_AFTER.match(after) is None, after
        found += CLOSING_QUOTE_AFTER.match(after) is not None
    assert found >= 5
    # a span a possessive is stripped from ends in one of POSSESSIVE_ENDS (_span_at)
    rnd = random.Random(23)
    for _ in range(3000):
        span = "".join(rnd.choice(["a", "s", "’", "'", " ", "x’s", "’S"]) for _ in range(5))
        if not span.endswith(POSSESSIVE_ENDS):
            assert _strip_possessive(span) == span
            assert POSSESSIVE_END.search(span) is None
