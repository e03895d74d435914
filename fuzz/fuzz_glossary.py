"""Fuzz glossary: extraction, lookup query parsing and every format that reads.

Each input is bytes; its first byte picks the target, the rest is the text:

* ``extract``: :func:`glossary.extraction.extract`, then the offset invariant: every
  occurrence lies inside the text, ends on a closing bracket, and ``text[start:end]``
  holds its English and Chinese (whitespace, quotation marks and invisible format
  characters aside: the extractor may drop those from a surface form).
* ``lookup``: :class:`glossary.lookup.Query` read every way, and ``Glossary.lookup`` on a
  small glossary.
* ``decode``: the strict UTF-8 reader of files (``glossary.formats._io.decode``).
* one target per readable format in :data:`glossary.formats.FORMATS` (the importers); what
  a reader returns is then merged into a ``Glossary``, checked for conflicts and looked up.

Only :class:`~glossary.errors.GlossaryError` may come out; anything else is a crash.
``GLOSSARY_FUZZ_TARGETS=extract,lookup`` (comma-separated names) fuzzes only those.

Two drivers, same targets:

    pip install -e '.[fuzz]'
    python fuzz/fuzz_glossary.py -atheris_runs=1000000 -max_len=2048   # atheris, coverage-guided
    python fuzz/fuzz_glossary.py --plain --runs 1000000 --seed 1         # plain Python loop

atheris stops at the first crash and writes ``crash-*``; the plain driver mutates a seed
corpus at random, keeps going, and prints one line per distinct crash (target, exception,
where) with a reproducer saved under ``--crashes`` (default ``fuzz/crashes/``), then a
summary: inputs run, crashes, offset violations.  Its exit status is 1 if any.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class OffsetError(AssertionError):
    """An occurrence whose offsets do not slice its surface forms out of the text."""


#: Closing brackets an occurrence's span ends on.
CLOSERS = ")）]】"


def _visible(text: str) -> str:
    """``text`` without whitespace, quotation marks, invisible format and control characters
    and the hyphen of a word a PDF broke over a line: what the extractor may drop from a
    surface form (“hollowed-out” village, 国家安\u200b全部, 图片来\x00源, transfor- mation)
    without the offsets being wrong."""
    import re
    import unicodedata

    text = re.sub(r"(?<=[a-z])-\s+(?=[a-z])", "", text)  # transfor- mation
    return "".join(
        c
        for c in text
        if not c.isspace()
        and c not in "“”‘’\"'"
        and unicodedata.category(c) not in {"Cf", "Cc"}
        and c != "-"
    )


def _check_offsets(text: str) -> None:
    """Every occurrence lies in the text, ends on a closing bracket, and its slice covers
    its English and Chinese (up to what :func:`_visible` leaves out)."""
    from glossary.extraction import extract

    for term in extract(text, "fuzz"):
        for o in term.occurrences:
            if not 0 <= o.start < o.end <= len(text):
                raise OffsetError(f"offsets {o.start}:{o.end} outside 0:{len(text)}")
            span = text[o.start : o.end]
            if span[-1] not in CLOSERS:
                raise OffsetError(f"span {span!r} does not end on a closing bracket")
            for kind, form in (("english", o.english), ("chinese", o.chinese)):
                if _visible(form) not in _visible(span):
                    raise OffsetError(f"{kind} {form!r} not in {span!r}")


_GLOSSARY = None


def _lookup(text: str) -> None:
    from glossary.glossary import Glossary
    from glossary.lookup import Query
    from glossary.model import Term

    global _GLOSSARY
    q = Query(text)
    _ = (q.chinese, q.english, q.abbreviation, q.pinyin_key, q.syllables, q.has_tones)
    if _GLOSSARY is None:
        _GLOSSARY = Glossary.from_terms(
            [
                Term("subversion", "颠覆", traditional="顛覆", pinyin="diānfù"),
                Term("nuclear sharing", "核共享", traditional="核共享", pinyin="hé gòngxiǎng"),
                Term(
                    "Ministry of State Security",
                    "国家安全部",
                    traditional="國家安全部",
                    pinyin="Guójiā Ānquánbù",
                    abbreviation="MSS",
                ),
            ]
        )
    limit = 1 + (len(text) % 12)
    _GLOSSARY.lookup(text, limit=limit)


def _decode(data: bytes) -> None:
    from glossary.formats._io import decode

    decode(data, "fuzz.txt")


def _reader(name: str) -> Callable[[str | bytes], None]:
    def run(text: str | bytes) -> None:
        from glossary.formats import FORMATS
        from glossary.glossary import Glossary

        read = FORMATS[name].read
        assert read is not None
        terms = read(text, f"fuzz.{name}")
        # what was read must also be usable: conflicts and lookup touch every field
        glossary = Glossary.from_terms(terms)
        glossary.conflicts()
        for term in terms[:2]:
            glossary.lookup(term.english or term.chinese or "x", limit=3)

    return run


def targets() -> list[tuple[str, Callable[[bytes], None]]]:
    """(name, function of the input bytes) for every target, in a fixed order."""
    from glossary.formats import FORMATS

    def text_target(f: Callable[[str], None]) -> Callable[[bytes], None]:
        return lambda data: f(data.decode("utf-8", "replace"))

    out: list[tuple[str, Callable[[bytes], None]]] = [
        ("extract", text_target(_check_offsets)),
        ("lookup", text_target(_lookup)),
        ("decode", _decode),
    ]
    for name, fmt in sorted(FORMATS.items()):
        if fmt.readable:  # a binary format's reader takes the bytes as they are
            reader = _reader(name)
            out.append((f"read-{name}", reader if fmt.binary else text_target(reader)))
    return out


_TARGETS: list[tuple[str, Callable[[bytes], None]]] = []


def pick(data: bytes) -> tuple[str, Callable[[bytes], None], bytes]:
    """The target an input goes to (its first byte) and the rest of the input."""
    if not _TARGETS:
        only = os.environ.get("GLOSSARY_FUZZ_TARGETS", "").split(",")
        _TARGETS.extend(t for t in targets() if t[0] in only or only == [""])
        assert _TARGETS, f"GLOSSARY_FUZZ_TARGETS names no target of {[n for n, _ in targets()]}"
    if not data:
        return (*_TARGETS[0], b"")
    name, f = _TARGETS[data[0] % len(_TARGETS)]
    return name, f, data[1:]


def check(data: bytes) -> None:
    """Run one input; only GlossaryError may escape (and is swallowed here)."""
    from glossary.errors import GlossaryError

    _, f, rest = pick(data)
    with contextlib.suppress(GlossaryError):
        f(rest)


# -- the plain driver -----------------------------------------------------------------------

#: Pieces the mutator splices in: brackets, scripts, marks and controls that broke things.
ATOMS = [
    "(", ")", "（", "）", "[", "]", "“", "”", "\"", "'", ";", "；", ",", "，", "、", ".", "。",
    "?", "!", "\n", "\n\n", "\r\n", "\t", " ", "\u3000", "\x00", "\u200b", "\u200d", "\u200e",
    "\u202e", "\u2066", "\ufe00", "\ufe0f", "\u0301", "\ufeff", "\U000e0100", "\x1b]0;x\x07",
    "\x1b[31m", "颠覆", "国家安全部", "國家安全部", "核共享", "全球战略稳定", "中俄总理定期会晤",
    "𠀀", "〇", "MSS", "SCO", "PLA", "the", "Ministry of State Security", "subversion",
    "nuclear sharing", "diānfù", "dian1fu4", "zhàn4lve", "hé gòngxiǎng", "lü", "ü", "v",
    "1e400", "NaN", "-1", "9" * 40, "{", "}", ":", "\"terms\"", "\"line\"", "\"source\"",
    "[]", "{}", "null", "true", "english\tchinese\tpinyin\n", "english\tchinese\tsources\n",
    "a.txt:²", "a; b:7.txt", "\\", "\\u0000", "\udcff",
]  # fmt: skip

_BYTES = [b"\xff", b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc0\x80", b"\xed\xa0\x80",
          b"\xe9", b"\xb5\xdf", b"\x80", b"\xf4\x90\x80\x80"]  # fmt: skip


def seed_corpus() -> list[bytes]:
    """Texts to start from: lines of the examples, the case tables and glossary files."""
    texts: list[str] = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    for path in sorted((ROOT / "tests" / "cases").glob("*.tsv")):
        texts += path.read_text(encoding="utf-8").splitlines()[1:]
    texts.append(
        '{"terms": [{"english": "subversion", "chinese": "颠覆", "occurrences": '
        '[{"source": "a.txt", "line": 3, "start": 0, "end": 4}]}]}'
    )
    texts.append("english\tchinese\tpinyin\tsources\nsubversion\t颠覆\tdiānfù\ta.txt:3; b.txt:4\n")
    return [t.encode("utf-8") for t in texts if t.strip()]


_FIELDS = ["english", "chinese", "traditional", "pinyin", "abbreviation", "kind", "status",
           "given_pinyin", "note", "domain", "confidence", "occurrences", "source", "line",
           "start", "end", "sources", "direction", "candidates", "context"]  # fmt: skip


def _json_value(rng: random.Random, depth: int) -> object:
    """A random JSON value of any type, biased to the values that broke readers."""
    r = rng.random()
    if depth > 3 or r < 0.3:
        return rng.choice(
            [0, -1, 1, 3, 2**70, 1.5, 1e308, "1e400", None, True, "", "颠覆", "a.txt", "a.txt:3",
             "translation", "acronym", "preferred", "bogus", "NaN", "a; b:7.txt", "\x1b[2J"]
        )  # fmt: skip
    if r < 0.55:
        return [_json_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = rng.sample(_FIELDS, rng.randrange(1, 6))
    return {k: _json_value(rng, depth + 1) for k in keys}


def _json_term(rng: random.Random) -> object:
    """A term object: mostly the right fields, some of the wrong type."""
    if rng.random() < 0.05:
        return _json_value(rng, 2)

    def value(good: object) -> object:
        return good if rng.random() < 0.7 else _json_value(rng, 3)

    term = {"english": value("subversion"), "chinese": value("颠覆")}
    for key in rng.sample(_FIELDS[2:11], rng.randrange(0, 4)):
        term[key] = _json_value(rng, 3)
    if rng.random() < 0.7:
        term["occurrences"] = [
            {k: value(v) for k, v in (("source", "a.txt"), ("line", 3), ("start", 0), ("end", 9))}
            for _ in range(rng.randrange(0, 3))
        ]
    return term


def _target_byte(name: str) -> bytes:
    pick(b"")
    names = [n for n, _ in _TARGETS]
    return bytes([names.index(name) if name in names else 0])


def generate(rng: random.Random) -> bytes:
    """A glossary file built from its grammar with random values (JSON or TSV)."""
    if rng.random() < 0.5:
        import json

        terms = [_json_term(rng) for _ in range(rng.randrange(1, 4))]
        doc = {"terms": terms} if rng.random() < 0.9 else terms
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5)
        for raw in ("1e400", "NaN", "Infinity", "-Infinity"):
            text = text.replace(f'"{raw}"', raw) if rng.random() < 0.5 else text
        if rng.random() < 0.05:
            n = rng.randrange(50, 5000)
            text = text.replace("[", "[" * n, 1) + "]" * n
        return _target_byte("read-json") + text.encode("utf-8")
    header = ["english", "chinese"] if rng.random() < 0.8 else []
    header += rng.sample([*_FIELDS[2:11], "sources"], rng.randrange(0, 6))
    rows = ["\t".join(header)]
    for _ in range(rng.randrange(1, 4)):
        cells = [str(_json_value(rng, 4)) for _ in range(len(header) + rng.choice([-1, 0, 0, 1]))]
        rows.append("\t".join(cells))
    return _target_byte("read-tsv") + "\n".join(rows).encode("utf-8", "surrogatepass")


def mutate(rng: random.Random, corpus: list[bytes]) -> bytes:
    """A target byte, then a seed (or nothing) changed a few times; or a generated file."""
    if rng.random() < 0.15:
        return generate(rng)
    base = bytearray(rng.choice(corpus) if rng.random() < 0.8 else b"")
    if len(base) > 600:  # keep inputs short: the run is about many inputs
        start = rng.randrange(len(base) - 400)
        base = base[start : start + rng.randrange(40, 400)]
    for _ in range(rng.randrange(1, 8)):
        op = rng.random()
        pos = rng.randrange(len(base) + 1)
        if op < 0.45:
            atom = rng.choice(ATOMS).encode("utf-8", "surrogatepass")
            base[pos:pos] = atom * (1 if rng.random() < 0.9 else rng.randrange(2, 60))
        elif op < 0.55:
            base[pos:pos] = rng.choice(_BYTES)
        elif op < 0.7 and base:
            end = min(len(base), pos + rng.randrange(1, 20))
            del base[pos:end]
        elif op < 0.8 and base:
            base[pos:pos] = bytes([rng.randrange(256)])
        elif op < 0.9 and base:
            other = rng.choice(corpus)
            s = rng.randrange(len(other))
            base[pos:pos] = other[s : s + rng.randrange(1, 80)]
        elif base:
            end = min(len(base), pos + rng.randrange(1, 30))
            base[pos:pos] = base[pos:end] * rng.randrange(2, 5)
    return bytes([rng.randrange(256)]) + bytes(base)


def plain(runs: int, seed: int, crashes: Path, every: int) -> int:
    """Run ``runs`` random inputs; print each distinct crash once and a summary."""
    from glossary.errors import GlossaryError

    rng = random.Random(seed)
    corpus = seed_corpus()
    seen: dict[str, int] = {}
    counts = {"inputs": 0, "crashes": 0, "offset_violations": 0, "glossary_errors": 0}
    per_target: dict[str, int] = {}
    started = time.monotonic()
    for i in range(1, runs + 1):
        data = mutate(rng, corpus)
        name, f, rest = pick(data)
        per_target[name] = per_target.get(name, 0) + 1
        counts["inputs"] += 1
        try:
            f(rest)
        except GlossaryError:
            counts["glossary_errors"] += 1
        except Exception as exc:  # the point of the run: count every other exception
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(frame.filename).name}:{frame.lineno}"
            what = str(exc).split(" ", 1)[0] if isinstance(exc, OffsetError) else where
            key = f"{name} {type(exc).__name__} {what}"
            kind = "offset_violations" if isinstance(exc, OffsetError) else "crashes"
            counts[kind] += 1
            if key not in seen:
                crashes.mkdir(parents=True, exist_ok=True)
                (crashes / f"crash-{len(seen):03d}").write_bytes(data)
                print(f"NEW {key}: {str(exc)[:200]!r} (crash-{len(seen):03d})", flush=True)
            seen[key] = seen.get(key, 0) + 1
        if every and i % every == 0:
            rate = i / (time.monotonic() - started)
            print(f"{i} inputs, {counts}, {rate:.0f}/s", flush=True)
    elapsed = time.monotonic() - started
    print(f"done: {counts} in {elapsed:.0f}s; per target {per_target}")
    for key, n in sorted(seen.items()):
        print(f"  {n:8d}  {key}")
    return 1 if counts["crashes"] or counts["offset_violations"] else 0


def replay(paths: list[str]) -> int:
    """Run saved inputs and show each one's traceback (for a crash found earlier)."""
    status = 0
    for path in paths:
        data = Path(path).read_bytes()
        name, _, rest = pick(data)
        print(f"{path}: target {name}, {len(rest)} bytes: {rest[:120]!r}")
        try:
            check(data)
        except Exception:
            traceback.print_exc()
            status = 1
    return status


def main(argv: list[str]) -> int:
    """``--plain`` or ``--replay`` run here; anything else goes to atheris (libFuzzer flags)."""
    if {"--plain", "--replay", "-h", "--help"} & set(argv):
        p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
        p.add_argument("--plain", action="store_true", help="the plain Python driver")
        p.add_argument("--runs", type=int, default=100_000, help="inputs to run")
        p.add_argument("--seed", type=int, default=0, help="random seed")
        p.add_argument("--every", type=int, default=50_000, help="progress line every N inputs")
        p.add_argument("--crashes", type=Path, default=ROOT / "fuzz" / "crashes")
        p.add_argument("--replay", nargs="+", metavar="FILE", help="run saved inputs")
        args = p.parse_args(argv)
        if args.replay:
            return replay(args.replay)
        return plain(args.runs, args.seed, args.crashes, args.every)
    import atheris  # an optional dependency: pip install -e '.[fuzz]'

    with atheris.instrument_imports():
        import glossary.extraction.engine
        import glossary.formats
        import glossary.lookup

        for fmt in glossary.formats.FORMATS.values():
            if fmt.readable:
                fmt.read  # noqa: B018  (imports the reader under instrumentation)
    atheris.Setup([sys.argv[0], *argv], check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    sys.exit(main(sys.argv[1:]))
