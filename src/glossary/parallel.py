"""Every core: the pieces of a corpus read by worker processes, settled once.

:func:`read_all` turns :class:`~glossary.inputs.Piece`\\ s into
:class:`~glossary.extraction.Reading`\\ s, in this process (``jobs=1``) or in a pool of
``jobs`` worker processes, each loading the dictionaries once.  Pieces are grouped into
batches of about :data:`BATCH_CHARS` characters; at most two batches per worker are in
flight, so the input is read as fast as it is used and memory stays bounded whatever the
corpus size.  Results are collected in input order and :func:`glossary.extraction.settle`
orders readings by source and position anyway, so the output of ``-j N`` is byte for byte
that of ``-j 1``, whatever order the workers finish in.
"""

from __future__ import annotations

import collections
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossary.extraction import Reading
    from glossary.inputs import Piece
    from glossary.model import Term
    from glossary.script import Standard

#: About this many characters of text go to a worker at a time.
BATCH_CHARS = 1 << 18

#: Distinct terms normalised per task; fewer than two tasks' worth stay in this process.
NORMALISE_CHUNK = 250


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1.

    >>> available_cores() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def batches(pieces: Iterable[Piece], chars: int = BATCH_CHARS) -> Iterator[list[Piece]]:
    """Pieces grouped into lists of about ``chars`` characters (a long piece on its own).

    >>> from glossary.inputs import Piece
    >>> [len(b) for b in batches([Piece("a", "x" * 5), Piece("b", "y" * 5), Piece("c", "z")], 8)]
    [2, 1]
    """
    batch: list[Piece] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece.text)
        if size >= chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def read_batch(batch: list[Piece]) -> list[Reading]:
    """The readings of every piece of ``batch`` (what a worker runs).

    >>> from glossary.inputs import Piece
    >>> [r.occurrence.start for r in read_batch([Piece("a.txt", "“subversion” (颠覆)", 40)])]
    [41]
    """
    from glossary.extraction import read

    return [r for p in batch for r in read(p.text, p.source, offset=p.offset, line=p.line)]


def _context() -> Any:
    """Worker processes are spawned: a fresh interpreter each (safe in a process with
    threads, the same on every platform), and children of this process, so their CPU
    time is counted in its own (``getrusage``, ``time``)."""
    import multiprocessing

    return multiprocessing.get_context("spawn")


def read_all(
    pieces: Iterable[Piece],
    jobs: int = 1,
    done: Callable[[list[Piece], list[Reading]], None] | None = None,
) -> list[Reading]:
    """The readings of every piece, read by ``jobs`` processes; ``done(batch, readings)``
    is called (in this process) as each batch is finished, in input order.

    A corpus of one batch is read in this process whatever ``jobs`` says: starting
    workers would cost more than it saves.

    >>> from glossary.inputs import Piece
    >>> len(read_all([Piece("a.txt", "“subversion” (颠覆)")], jobs=4))
    1
    """
    readings: list[Reading] = []
    read_into(readings.extend, pieces, jobs, done)
    return readings


def read_into(
    keep: Callable[[list[Reading]], None],
    pieces: Iterable[Piece],
    jobs: int = 1,
    done: Callable[[list[Piece], list[Reading]], None] | None = None,
) -> None:
    """:func:`read_all`, each batch's readings handed to ``keep`` (in input order) instead
    of gathered in a list: a :class:`~glossary.extraction.spill.ReadingStore`'s ``add``
    keeps a large corpus's readings on disk.

    >>> from glossary.inputs import Piece
    >>> found = []
    >>> read_into(found.extend, [Piece("a.txt", "“subversion” (颠覆)")])
    >>> [r.key for r in found]
    ['颠覆']
    """
    work = batches(pieces, BATCH_CHARS)
    first = next(work, None)
    if first is None:
        return
    second = next(work, None)
    if jobs <= 1 or second is None:
        for batch in _chain(first, second, work):
            found = read_batch(batch)
            keep(found)
            if done:
                done(batch, found)
        return

    from concurrent.futures import ProcessPoolExecutor

    from glossary import cedict

    # On a first run the cached dictionary is built here, once, not by every worker at once.
    cedict.load()
    in_flight: collections.deque[Any] = collections.deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        try:
            for batch in _chain(first, second, work):
                in_flight.append((batch, pool.submit(read_batch, batch)))
                while len(in_flight) >= 2 * jobs:
                    _collect(in_flight, keep, done)
            while in_flight:
                _collect(in_flight, keep, done)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _chain(
    first: list[Piece], second: list[Piece] | None, rest: Iterator[list[Piece]]
) -> Iterator[list[Piece]]:
    yield first
    if second is not None:
        yield second
        yield from rest


def _collect(
    in_flight: collections.deque[Any],
    keep: Callable[[list[Reading]], None],
    done: Callable[[list[Piece], list[Reading]], None] | None,
) -> None:
    batch, future = in_flight.popleft()
    found = future.result()
    keep(found)
    if done:
        done(batch, found)


def _normalise_chunk(terms: list[Term], standard: Standard) -> list[Term]:
    from glossary.normalise import normalise_term

    return [normalise_term(t, standard) for t in terms]


def normalise_all(terms: Iterable[Term], standard: Standard, jobs: int = 1) -> list[Term]:
    """:func:`glossary.normalise.normalise_term` over ``terms``, once per distinct term
    (occurrences aside), spread over ``jobs`` processes when there are many.

    >>> from glossary.model import Term
    >>> from glossary.script import Standard
    >>> [t.pinyin for t in normalise_all([Term("bank", "银行")] * 3, Standard.TW)]
    ['yínháng', 'yínháng', 'yínháng']
    """
    import itertools

    terms = list(terms)
    distinct = list(dict.fromkeys(terms))  # Term equality leaves occurrences out
    chunks = [distinct[i : i + NORMALISE_CHUNK] for i in range(0, len(distinct), NORMALISE_CHUNK)]
    if jobs <= 1 or len(chunks) < 2:
        done = [_normalise_chunk(c, standard) for c in chunks]
    else:
        from concurrent.futures import ProcessPoolExecutor

        _normalise_chunk(chunks[0][:1], standard)  # builds any missing cache here, once
        with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
            done = list(pool.map(_normalise_chunk, chunks, itertools.repeat(standard)))
    table = dict(zip(distinct, itertools.chain.from_iterable(done), strict=True))
    return [table[t].replace(occurrences=t.occurrences, confidence=t.confidence) for t in terms]
