"""A cluster: the same extraction on Dask, when one machine is not enough.

Install with ``pip install 'glossary[dask]'``.  The work splits as it does on one machine
(:mod:`glossary.parallel`): documents are read into :class:`~glossary.extraction.Reading`\\ s
wherever a partition runs, and the readings are settled once, by
:func:`glossary.extraction.settle`, so the result equals a one-process run's.

* :func:`read_files` is a ``dask.bag`` of the readings of files (one partition per file,
  or per byte range of a large plain file, or per group of them; the workers read the
  files, so they must see the same paths: a shared file system);
* :func:`read_documents` maps a bag of your own (texts, JSON records or
  :class:`~glossary.inputs.Piece`\\ s, from ``dask.bag.read_text`` over S3, say) to readings;
* :func:`settle_bag` computes a bag of readings and settles them into terms;
* :func:`gather_into` hands a bag's readings to a sink partition by partition, as they
  arrive (a :class:`~glossary.extraction.spill.ReadingStore`, which keeps a large
  corpus's readings on disk);
* :func:`extract_on` reads files on a cluster and settles them; :func:`read_on` hands their
  readings to a sink instead (``glossary extract --scheduler ADDRESS``).

A pipeline of your own::

    import json
    import dask.bag as db
    from distributed import Client
    from glossary.distributed import read_documents, settle_bag

    client = Client("tcp://scheduler:8786")
    records = db.read_text("s3://crawl/2026-*.jsonl.gz").map(json.loads)
    terms = settle_bag(read_documents(records, field="text"))
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from glossary.errors import InputError
from glossary.inputs import (
    ByteRange,
    InputOptions,
    Piece,
    byte_ranges,
    expand,
    range_pieces,
    read_pieces,
)

if TYPE_CHECKING:
    from glossary.extraction import Reading
    from glossary.model import Term

#: What to install when Dask is missing.
INSTALL_HINT = "install the Dask extra: pip install 'glossary[dask]'"

#: What to do when a worker does not see a file the client listed.
SHARED_HINT = "put the corpus on a file system every worker sees at the same path"


def _bag_module() -> Any:
    try:
        import dask.bag
    except ImportError:
        raise InputError("dask", "is not installed", INSTALL_HINT) from None
    return dask.bag


# What a worker sends back for one file or byte range: its path, the range's index (-1
# for a whole file), the characters and line breaks of its text, and its readings, placed
# in the whole file for a whole file, in the range itself for a range.
_Read = tuple[str, int, int, int, list["Reading"]]


def _read_units(units: Sequence[str | ByteRange], options: InputOptions) -> list[_Read]:
    """Read a partition's files and byte ranges (a list: partitions travel between machines)."""
    from glossary.parallel import read_batch

    out: list[_Read] = []
    for unit in units:
        try:
            if isinstance(unit, str):
                readings = [r for p in read_pieces(unit, options) for r in read_batch([p])]
                out.append((unit, -1, 0, 0, readings))
                continue
            readings, chars, lines = [], 0, 0
            for piece in range_pieces(unit, options):
                readings.extend(read_batch([piece]))
                chars += len(piece.text)
                lines += piece.text.count("\n")
            out.append((unit.path, unit.index, chars, lines, readings))
        except InputError as exc:
            if exc.what != "no such file":
                raise
            raise InputError(exc.path, "no such file on a Dask worker", SHARED_HINT) from None
    return out


def _sizes(part: list[_Read]) -> list[tuple[int, int, int]]:
    """The index, characters and line breaks of each range a partition read."""
    return [(index, chars, lines) for _, index, chars, lines, _ in part if index >= 0]


def _prefix_sums(sizes: list[list[tuple[int, int, int]]]) -> list[list[tuple[int, int]]]:
    """For each partition, where each of its ranges starts in its file: (offset, line),
    the sums of the ranges before it (a file's ranges come in order, from index 0)."""
    out = []
    offset, line = 0, 1
    for part in sizes:
        starts = []
        for index, chars, lines in part:
            if index == 0:
                offset, line = 0, 1
            starts.append((offset, line))
            offset, line = offset + chars, line + lines
        out.append(starts)
    return out


def _placed(part: list[_Read], starts: list[tuple[int, int]] | None) -> list[Reading]:
    """A partition's readings, those of ranges moved to where their range starts."""
    from glossary.extraction import Reading
    from glossary.extraction.paragraphs import moved

    out: list[Reading] = []
    where = iter(starts or ())
    for _, index, _, _, readings in part:
        if index < 0:
            out.extend(readings)
            continue
        offset, line = next(where)
        out.extend(
            Reading(
                r.key,
                moved(r.term, offset, line - 1, r.occurrence.source),
                tuple((e, s + offset) for e, s in r.spans),
            )
            for r in readings
        )
    return out


def read_files(
    paths: Sequence[str],
    options: InputOptions | None = None,
    *,
    npartitions: int | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of the readings of the files ``paths`` name (folders expanded).

    Files are found here and read on the workers, so the workers must see them at the
    same paths (a shared file system).  A plain file larger than ``options.split_bytes``
    is read in byte ranges (:func:`glossary.inputs.byte_ranges`): the workers get the
    path and the bytes to read, never the text, and each range's readings are moved to
    where the range starts in the file once every range has counted its characters and
    lines, so offsets and line numbers are those of a one-process run.  Each partition
    reads whole files or ranges (one each, unless ``npartitions`` says fewer).

    >>> bag = read_files(["examples"], npartitions=2)
    >>> bag.npartitions, len(settle_bag(bag, scheduler="sync")) > 20
    (2, True)
    """
    db = _bag_module()
    from dask.delayed import delayed

    options = options or InputOptions()
    units: list[str | ByteRange] = []
    for path in expand(paths, options):
        ranges = byte_ranges(path, options)
        units.extend(ranges or [path])
    parts = min(len(units), npartitions or len(units)) or 1
    groups = [units[k * len(units) // parts : (k + 1) * len(units) // parts] for k in range(parts)]
    reads = [delayed(_read_units)(group, options) for group in groups]
    if any(isinstance(unit, ByteRange) for unit in units):
        starts = delayed(_prefix_sums)([delayed(_sizes)(r) for r in reads])
        placed = [delayed(_placed)(r, starts[k]) for k, r in enumerate(reads)]
    else:
        placed = [delayed(_placed)(r, None) for r in reads]
    return db.from_delayed(placed)


def _document_readings(item: Any, field: str | None, id_field: str) -> list[Reading]:
    from glossary.parallel import read_batch

    if isinstance(item, Piece):
        return read_batch([item])
    if isinstance(item, str):
        return read_batch([Piece("", item)])  # an anonymous text: no source
    if isinstance(item, dict) and field:
        text = item.get(field)
        if text is None:
            return []
        if not isinstance(text, str):
            raise InputError(
                str(item.get(id_field, "?")), f"field {field!r} is not text", "fix the record"
            )
        ident = item.get(id_field)
        return read_batch([Piece("" if ident is None else str(ident), text)])
    raise TypeError(f"expected a text, a Piece or (with field=) a dict record, not {item!r}")


def read_documents(bag: Any, *, field: str | None = None, id_field: str = "id") -> Any:
    """The readings of a bag of documents: texts, :class:`Piece`\\ s, or dict records whose
    ``field`` is the text and ``id_field`` the source.

    >>> import dask.bag as db
    >>> bag = db.from_sequence([{"id": "r1", "text": "“subversion” (颠覆)"}])
    >>> [t.chinese for t in settle_bag(read_documents(bag, field="text"), scheduler="sync")]
    ['颠覆']
    """
    return bag.map(_document_readings, field=field, id_field=id_field).flatten()


def settle_bag(readings: Any, **compute: Any) -> list[Term]:
    """Compute a bag of readings (``compute`` goes to ``Bag.compute``) and settle them.

    The readings are gathered here and settled once: the glossary holds every occurrence
    anyway, and settling in one place makes the result the one-process result exactly.

    >>> import dask.bag as db
    >>> bag = read_documents(db.from_sequence(["the “nuclear sharing” (核共享)"]))
    >>> [t.english for t in settle_bag(bag, scheduler="sync")]
    ['nuclear sharing']
    """
    from glossary.extraction import settle

    return settle(readings.compute(**compute))


def gather_into(add: Callable[[Iterable[Reading]], None], readings: Any, client: Any) -> None:
    """Compute a bag of readings on ``client`` (a ``distributed.Client``) and hand each
    partition's readings to ``add`` as soon as it is done, releasing it on the cluster:
    this process never holds more than one partition's readings beyond what ``add``
    keeps.  Partitions arrive in any order; :func:`glossary.extraction.settle` and
    :class:`~glossary.extraction.spill.ReadingStore` settle the same whatever the order.
    """
    from distributed import as_completed

    futures = client.compute(readings.to_delayed())
    for future in as_completed(futures):  # type: ignore[no-untyped-call]
        add(future.result())
        future.release()


def extract_on(
    scheduler: Any, paths: Sequence[str], options: InputOptions | None = None
) -> list[Term]:
    """The terms of ``paths``, read on the Dask cluster at ``scheduler`` (an address such
    as ``tcp://HOST:8786``, or a ``distributed.Client``)."""
    with _connected(scheduler) as client:
        return settle_bag(read_files(paths, options), scheduler=client)


def read_on(
    scheduler: Any,
    paths: Sequence[str],
    add: Callable[[Iterable[Reading]], None],
    options: InputOptions | None = None,
) -> None:
    """What ``glossary extract --scheduler ADDRESS`` does: read ``paths`` on the cluster at
    ``scheduler`` and hand the readings to ``add`` (a
    :class:`~glossary.extraction.spill.ReadingStore`'s, say) partition by partition, as
    they arrive (:func:`gather_into`); the caller settles them."""
    with _connected(scheduler) as client:
        gather_into(add, read_files(paths, options), client)


@contextlib.contextmanager
def _connected(scheduler: Any) -> Iterator[Any]:
    """A client of ``scheduler``: a ``distributed.Client`` as given, or one connected to
    the address (closed after), a failure to connect being one clear error."""
    if not isinstance(scheduler, str):
        yield scheduler
        return
    try:
        from distributed import Client
    except ImportError:
        raise InputError("distributed", "is not installed", INSTALL_HINT) from None
    try:
        client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(
            scheduler, f"cannot reach the Dask scheduler ({exc})", "check the address"
        ) from None
    with client:
        yield client
