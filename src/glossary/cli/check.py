"""``glossary check`` and ``glossary annotate``: terms in documents and translations."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from glossary.cli._common import (
    EXIT_OK,
    EXIT_USAGE,
    add_glossary_option,
    check_output,
    load_glossary,
    write_output,
)
from glossary.errors import GlossaryError

if TYPE_CHECKING:
    from glossary.check import Checker, Finding

#: ``check`` exits 1 when it finds something wrong, 2 on usage or input errors.
EXIT_FINDINGS = 1
#: Inputs longer than this (characters) show a progress bar on a terminal.
PROGRESS_MIN = 200_000


def register(add: Any) -> None:
    """Add the ``check`` and ``annotate`` subcommands."""
    p = add(
        "check",
        help="find glossary terms in a document, or check a translation against the glossary",
        description="With one DOCUMENT: the glossary terms in it (English or Chinese), "
        "deprecated renderings and near misses.  With --source, or a bilingual file (.xlf, "
        ".tmx, .tsv of source<TAB>target): check the translation segment by segment.  "
        "Exits 0 when nothing is wrong, 1 when there are findings, 2 on bad input.",
    )
    p.add_argument("file", metavar="FILE", help="document, translation, or bilingual file")
    p.add_argument(
        "--source", metavar="SOURCE", help="the source of a translation FILE, line-aligned"
    )
    add_glossary_option(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "html"),
        default="text",
        help="text grouped by kind (default), a JSON list, or a self-contained HTML page",
    )
    p.add_argument("-o", "--output", help="write the report here (atomically)")
    p.set_defaults(handler=run_check)

    p = add(
        "annotate",
        help="write an English document with (中文) after the first use of each glossary term",
        description="Write the document with the Chinese after the first occurrence of each "
        "glossary term, in the house style term (中文); terms already followed by a bracket "
        "keep what they have.  extract reads the result back as the glossary's pairs.",
    )
    p.add_argument("file", metavar="DOCUMENT", help="UTF-8 English text; - for standard input")
    add_glossary_option(p)
    p.add_argument("--pinyin", action="store_true", help="add the pinyin: (颠覆, diānfù)")
    p.add_argument("-o", "--output", help="write here (atomically) instead of standard output")
    p.set_defaults(handler=run_annotate)


def run_check(args: argparse.Namespace) -> int:
    """Check, report, and exit 1 when something is wrong."""
    from glossary.check import Checker, check_file, is_bilingual
    from glossary.check.report import REPORTS
    from glossary.inputs import STDIN, read_text

    inputs = [p for p in (args.file, args.source, *(args.glossary or ())) if p is not None]
    try:
        check_output(args.output, inputs)  # before the work: an unusable -o costs nothing
        checker = Checker(load_glossary(args.glossary))
        if args.source is not None or is_bilingual(args.file):
            findings = check_file(args.file, checker, source=args.source)
        else:  # a document: read here for standard input and the progress bar
            text = read_text(args.file)  # (- is standard input, strictly UTF-8 as a file)
            findings = _with_progress(checker, text, STDIN if args.file == "-" else args.file)
        write_output(REPORTS[args.format](findings), args.output, inputs)
    except GlossaryError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_FINDINGS if any(f.problem for f in findings) else EXIT_OK


def _with_progress(checker: Checker, text: str, name: str) -> list[Finding]:
    """Check a document; when it is long and stderr is a terminal, a block of paragraphs
    at a time (terms never span paragraphs) with a progress bar on stderr."""
    if len(text) < PROGRESS_MIN or not sys.stderr.isatty():
        return checker.check_document(text, name)
    import dataclasses

    # paragraphs end at a blank line, or at each line break in text without blank lines
    cut = "\n\n" if "\n\n" in text else "\n"
    step = max(1, len(text) // 40)
    findings: list[Finding] = []
    start = line = 0
    while start < len(text):
        end = text.find(cut, start + step)
        end = len(text) if end < 0 else end + len(cut)
        block = text[start:end]
        for f in checker.check_document(block, name):
            assert isinstance(f.segment, int)  # a document's segments are lines
            findings.append(dataclasses.replace(f, segment=f.segment + line))
        line += block.count("\n")
        start = end
        done = start / len(text)
        print(
            f"\rchecking {name} [{'#' * int(done * 30):<30}] {done:4.0%}",
            end="",
            file=sys.stderr,
            flush=True,
        )
    print(file=sys.stderr)
    return findings


def run_annotate(args: argparse.Namespace) -> int:
    """Write the annotated document."""
    from glossary.check import Checker, annotate
    from glossary.inputs import read_text

    inputs = [args.file, *(args.glossary or ())]
    try:
        check_output(args.output, inputs)
        checker = Checker(load_glossary(args.glossary))
        text = read_text(args.file)
        write_output(annotate(text, checker, pinyin=args.pinyin), args.output, inputs)
    except GlossaryError as exc:
        print(f"glossary: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
