"""The cyclic garbage collector paused for a block that makes millions of small objects
and no cycles (reading and indexing a glossary, a term search over a document): each full
collection would otherwise walk them all, for nothing."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (as it was after it).

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
