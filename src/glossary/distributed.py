"""A cluster: the same extraction on Dask, when one machine is not enough.

Install with ``pip install 'glossary[dask]'``.  The work splits as it does on one machine
(:mod:`glossary.parallel`): documents are read into :class:`~glossary.extraction.Reading`\\ s
wherever a partition runs, and the readings are settled once, by
:func:`glossary.extraction.settle`, so the result equals a one-process run's.

* :func:`read_files` is a ``dask.bag`` of the readings of files (one partition per file or
  group of files; the workers read the files, so they must see the same paths: a shared
  file system);
* :func:`read_documents` maps a bag of your own (texts, JSON records or
  :class:`~glossary.inputs.Piece`\\ s, from ``dask.bag.read_text`` over S3, say) to readings;
* :func:`settle_bag` computes a bag of readings and settles them into terms;
* :func:`extract_on` is ``glossary extract --scheduler ADDRESS``.

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

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from glossary.errors import InputError
from glossary.inputs import InputOptions, Piece, expand, read_pieces

if TYPE_CHECKING:
    from glossary.extraction import Reading
    from glossary.model import Term

#: What to install when Dask is missing.
INSTALL_HINT = "install the Dask extra: pip install 'glossary[dask]'"


def _bag_module() -> Any:
    try:
        import dask.bag
    except ImportError:
        raise InputError("dask", "is not installed", INSTALL_HINT) from None
    return dask.bag


def _read_file_group(paths: Iterable[str], options: InputOptions) -> list[Reading]:
    """The readings of a partition's files (a list: partitions travel between machines)."""
    from glossary.parallel import read_batch

    return [
        r for path in paths for piece in read_pieces(path, options) for r in read_batch([piece])
    ]


def read_files(
    paths: Sequence[str],
    options: InputOptions | None = None,
    *,
    npartitions: int | None = None,
) -> Any:
    """A ``dask.bag.Bag`` of the readings of the files ``paths`` name (folders expanded).

    Files are found here, read on the workers; each partition reads whole files, in pieces.

    >>> bag = read_files(["examples"], npartitions=2)
    >>> bag.npartitions, len(settle_bag(bag, scheduler="sync")) > 20
    (2, True)
    """
    db = _bag_module()
    options = options or InputOptions()
    files = list(expand(paths, options))
    parts = min(len(files), npartitions or len(files)) or 1
    return db.from_sequence(files, npartitions=parts).map_partitions(
        _read_file_group, options=options
    )


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


def extract_on(
    scheduler: Any, paths: Sequence[str], options: InputOptions | None = None
) -> list[Term]:
    """The terms of ``paths``, read on the Dask cluster at ``scheduler`` (an address such
    as ``tcp://HOST:8786``, or a ``distributed.Client``)."""
    bag = read_files(paths, options)
    if not isinstance(scheduler, str):
        return settle_bag(bag, scheduler=scheduler)
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
        return settle_bag(bag, scheduler=client)
