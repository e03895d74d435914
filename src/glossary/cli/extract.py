"""``glossary extract``: mine pairs from documents into a glossary."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from glossary.cli._common import EXIT_OK, check_output, output_format, write_output

if TYPE_CHECKING:
    from glossary.extraction.spill import ReadingStore, SpilledTerms
    from glossary.model import Term


def register(add: Any) -> None:
    """Add the ``extract`` subcommand to the parser ``add`` makes subparsers with."""
    from glossary.cli.export import add_format_options
    from glossary.script import Standard

    p = add(
        "extract",
        help="mine English–Chinese pairs from documents into a glossary",
        description="Extract bracketed Chinese glosses and acronyms, normalise them and merge "
        "them into one glossary.",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="text files (.gz, .bz2, .xz too), directories (read recursively) "
        "or - for standard input",
    )
    p.add_argument(
        "-o",
        "--output",
        help="write here (atomically; the suffix chooses the format) instead of standard output",
    )
    p.add_argument(
        "--into",
        metavar="GLOSSARY",
        help="add what is found to this curated glossary (created if missing), keeping every "
        "note, status, domain and hand-edited form; conflicts are reported; written back "
        "in place unless -o is given",
    )
    add_format_options(p)
    p.add_argument(
        "--standard",
        choices=[s.value for s in Standard],
        default="tw",
        help="traditional standard for converted forms (default: tw)",
    )
    add_input_options(p)
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        default=0.0,
        metavar="X",
        help="keep only pairs the extractor is at least X sure of (0 to 1; review "
        "threshold: 0.5, see docs/extraction.md)",
    )
    p.add_argument(
        "--explain",
        action="store_true",
        help="print to standard error, for each pair, the signals that chose its English "
        "and the candidates that lost",
    )
    p.set_defaults(handler=run)


def _confidence(value: str) -> float:
    """``--min-confidence``: a number from 0 to 1."""
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1") from None
    if not 0 <= x <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not between 0 and 1")
    return x


# -- the input side: which documents, how they are decoded, how many processes ----------


def _encoding(name: str) -> str:
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {name!r}") from None


def _size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
    number, unit = text.rstrip("KMGTkmgtBb"), text[len(text.rstrip("KMGTkmgtBb")) :]
    unit = unit.upper().removesuffix("B")
    try:
        value = int(number) * units[unit]
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500M, 4G, 0)") from None
    if value < 0:
        raise argparse.ArgumentTypeError("a size is 0 or more")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("at least 1 process")
    return value


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The options saying which documents are read and how (nothing heavy is imported:
    every command's parser is built on every run)."""
    g = p.add_argument_group("input")
    g.add_argument(
        "--glob",
        metavar="PATTERN",
        help="files of a directory to read (default: *.txt, or *.jsonl with --jsonl-field); "
        "compressed files match without their .gz/.bz2/.xz",
    )
    g.add_argument(
        "--jsonl-field",
        metavar="FIELD",
        help="read JSON Lines: each record's FIELD is a document, its id the source",
    )
    g.add_argument(
        "--encoding",
        type=_encoding,
        metavar="NAME",
        help="encoding of the inputs, e.g. gb18030, big5, utf-16 (default: UTF-8, "
        "or what a byte-order mark says)",
    )
    g.add_argument(
        "--errors",
        choices=("strict", "replace"),
        default="strict",
        help="undecodable bytes: stop with an error (strict) or read them as U+FFFD",
    )
    g.add_argument(
        "--max-bytes",
        type=_size,
        metavar="SIZE",
        help="refuse an input larger than SIZE, decompressed (default: 4G; 0 for no limit)",
    )
    g.add_argument(
        "--split-size",
        type=_size,
        default="64M",  # glossary.inputs.DEFAULT_SPLIT_BYTES, parsed by _size
        metavar="SIZE",
        help="read a plain file larger than SIZE in byte ranges of SIZE, spread over the "
        "Dask workers (default: 64M; 0: never split)",
    )
    run = p.add_argument_group("running")
    run.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="worker processes (default: the cores available)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster, e.g. tcp://HOST:8786 (needs glossary[dask])",
    )
    run.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no notes on stderr"
    )


def jobs(args: argparse.Namespace) -> int:
    """The worker processes to use: ``-j``, else the cores available."""
    from glossary.parallel import available_cores

    return int(args.jobs or available_cores())


def extract_terms(args: argparse.Namespace, store: ReadingStore) -> list[Term] | SpilledTerms:
    """The settled terms of every input the arguments name (those of at least
    ``--min-confidence``), read as the input options say; the readings are kept in
    ``store`` (on disk, for a large corpus)."""
    from glossary.inputs import DEFAULT_MAX_BYTES, InputOptions, pieces

    options = InputOptions(
        encoding=args.encoding,
        errors=args.errors,
        max_bytes=DEFAULT_MAX_BYTES if args.max_bytes is None else args.max_bytes,
        glob=args.glob,
        jsonl_field=args.jsonl_field,
        split_bytes=args.split_size,
    )
    if args.scheduler:  # read on the cluster, kept here as the partitions arrive
        from glossary.distributed import read_on

        read_on(args.scheduler, args.files, store.add, options)
        return store.settle(args.min_confidence)

    from glossary import parallel
    from glossary.progress import Progress

    with Progress(args.files, options, enabled=not args.quiet) as progress:
        parallel.read_into(
            store.add,
            pieces(args.files, options, progress.note),
            jobs(args),
            progress.advance,
        )
    return store.settle(args.min_confidence)


def run(args: argparse.Namespace) -> int:
    """Extract, normalise, merge and write."""
    from glossary.extraction.spill import ReadingStore

    output = args.output or args.into
    check_output(output, args.files)
    fmt = output_format(output, args.format)
    if args.into:
        _check_into(args.into, args.format)

    with ReadingStore() as store:
        terms = extract_terms(args, store)
        if args.explain:
            from glossary.extraction import explain

            for term in terms:  # one at a time: the spilled terms are read back
                sys.stderr.write(explain([term]))
        if isinstance(terms, list) or args.into:
            _write_in_memory(args, list(terms), fmt, output)
        else:
            _write_spilled(args, terms, fmt, output)
    return EXIT_OK


def _write_in_memory(
    args: argparse.Namespace, terms: list[Term], fmt: str, output: str | None
) -> None:
    """Normalise, merge (into ``--into``'s glossary, if given) and write ``terms``."""
    from glossary import formats
    from glossary.cli.export import options
    from glossary.glossary import Glossary
    from glossary.parallel import normalise_all
    from glossary.script import Standard

    normalised = normalise_all(terms, Standard(args.standard), jobs(args))
    if args.into:
        from glossary.curate import remine

        curated = (
            Glossary.load(args.into, fmt=args.format) if os.path.exists(args.into) else Glossary()
        )
        result = remine(curated, normalised)
        glossary = result.glossary
        print(f"glossary: {args.into}: {result.summary()}", file=sys.stderr)
        for clash in result.clashes:
            print(f"  {clash.describe()}", file=sys.stderr)
    else:
        glossary = Glossary.from_terms(normalised)
    write_output(formats.render(glossary.terms, fmt, options(args, fmt)), output, args.files)


def _write_spilled(
    args: argparse.Namespace, terms: SpilledTerms, fmt: str, output: str | None
) -> None:
    """What :func:`_write_in_memory` writes, byte for byte, from terms kept on disk: the
    distinct terms are normalised and merged into entries in memory, and each entry's
    occurrences are read back as it is written (TSV and JSON are written entry by entry;
    other formats are made whole, in memory)."""
    from glossary import formats
    from glossary.cli.export import options
    from glossary.formats import order
    from glossary.glossary import complete_terms
    from glossary.parallel import normalise_all
    from glossary.script import Standard

    def finish(distinct: list[Term]) -> list[Term]:
        return complete_terms(normalise_all(distinct, Standard(args.standard), jobs(args)))

    entries = terms.entries(finish)
    opts = options(args, fmt)
    if opts.sort is not None:
        key = order.KEYS[opts.sort]
        entries = sorted(entries, key=lambda e: key(e.sort_proxy()))
        if formats.FORMATS[fmt].write_chunks is not None:
            opts = opts._replace(sort=None)  # sorted already, without the occurrences
    write_output(formats.render_chunks(terms.terms(entries), fmt, opts), output, args.files)


def _check_into(into: str, fmt: str | None) -> None:
    """The curated glossary must be in a format glossary can read back."""
    from glossary.errors import InputError
    from glossary.formats import FORMATS, format_for

    name = format_for(into, fmt)
    if not FORMATS[name].readable:
        readable = ", ".join(n for n, f in FORMATS.items() if f.readable)
        raise InputError(into, f"{name} files cannot be read back", f"keep it as {readable}")
