"""A progress bar for long extractions: on stderr when it is a terminal, else silent.

tqdm draws it (files, MB read, pairs found, rate); nothing is imported or printed when
stderr is piped or ``--quiet`` is given, so logs and scripts see only real messages.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossary.extraction import Reading
    from glossary.inputs import InputOptions, Piece

#: Seconds between redraws of the bar.
MININTERVAL = 0.2


class Progress:
    """Progress of one extraction run; a context manager.

    ``note`` prints a one-line note (unless quiet) without breaking the bar; ``advance``
    is called with each finished batch of pieces and its readings.

    >>> import io
    >>> with Progress([], enabled=True, stream=io.StringIO()) as p:
    ...     p.bar is None  # not a terminal: no bar
    True
    """

    def __init__(
        self,
        paths: Iterable[str],
        options: InputOptions | None = None,
        *,
        enabled: bool = True,
        stream: IO[str] | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.quiet = not enabled
        self.paths = list(paths)
        self.options = options
        self.bar: Any = None
        self.documents = 0
        self.pairs = 0
        self._show = enabled and _is_terminal(self.stream)

    def __enter__(self) -> Progress:
        if self._show:
            from tqdm import tqdm

            self.bar = tqdm(
                total=self._total(),
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                file=self.stream,
                desc="extract",
                dynamic_ncols=True,
                leave=False,
                mininterval=MININTERVAL,
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _total(self) -> int | None:
        """The bytes to read, when known (not for stdin or compressed files)."""
        from glossary.inputs import InputOptions, expand

        total = 0
        try:
            for path in expand(self.paths, self.options or InputOptions()):
                if path == "-" or path.endswith((".gz", ".bz2", ".xz")):
                    return None
                total += os.stat(path).st_size
        except (OSError, ValueError, Exception):  # the run itself reports bad inputs
            return None
        return total

    def note(self, message: str) -> None:
        """Print ``message`` on stderr, above the bar, unless quiet."""
        if self.quiet:
            return
        if self.bar is not None:
            self.bar.write(message, file=self.stream)
        else:
            print(f"glossary: {message}", file=self.stream)

    def advance(self, batch: list[Piece], readings: list[Reading]) -> None:
        """Count a finished batch."""
        self.documents += sum(1 for p in batch if p.offset == 0)
        self.pairs += len(readings)
        if self.bar is not None:
            self.bar.set_postfix(docs=self.documents, pairs=self.pairs, refresh=False)
            self.bar.update(sum(p.size for p in batch))


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
