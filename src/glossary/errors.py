"""Errors with one clear line for the user: which file, which line, what is wrong, what to do."""

from __future__ import annotations


class GlossaryError(Exception):
    """Base class of every error glossary raises on purpose."""


class InputError(GlossaryError):
    """A file or argument the user gave cannot be used.

    >>> str(InputError("terms.tsv", "missing column 'english'", "add a header row", line=1))
    "terms.tsv:1: missing column 'english'; add a header row"
    """

    def __init__(self, path: str, what: str, todo: str, line: int | None = None) -> None:
        self.path = path
        self.what = what
        self.todo = todo
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {what}; {todo}")

    @classmethod
    def unreadable(cls, path: str, exc: OSError) -> InputError:
        """The error for a file the operating system would not let us read.

        >>> str(InputError.unreadable("terms.tsv", PermissionError(13, "Permission denied")))
        'terms.tsv: cannot be read (Permission denied); check its permissions'
        """
        return cls(path, f"cannot be read ({exc.strerror})", "check its permissions")


class UsageError(GlossaryError):
    """A command-line option or argument that cannot be used (the CLI exits 2).

    >>> str(UsageError("--limit 0: must be at least 1", "pass a positive number"))
    '--limit 0: must be at least 1; pass a positive number'
    """

    def __init__(self, what: str, todo: str) -> None:
        self.what = what
        self.todo = todo
        super().__init__(f"{what}; {todo}")


class NotTextError(GlossaryError, TypeError):
    """A function that reads text was given something else (``None``, bytes, a path).

    It is a :class:`TypeError` too, so code that catches ``TypeError`` keeps working.

    >>> str(NotTextError(None))
    "expected the text as str, got NoneType; pass the document's text"
    """

    def __init__(self, value: object) -> None:
        self.value = value
        kind = type(value).__name__
        todo = "pass a str"
        if isinstance(value, (bytes, bytearray, memoryview)):
            todo = 'decode it first (data.decode("utf-8")), or pass the path to extract_file'
        elif value is None:
            todo = "pass the document's text"
        elif hasattr(value, "__fspath__"):
            todo = "pass the path to extract_file, or the file's text"
        super().__init__(f"expected the text as str, got {kind}; {todo}")


class Terminated(KeyboardInterrupt):
    """SIGTERM (or SIGHUP) arrived: raised by the CLI's signal handler so that every
    ``finally`` and ``except BaseException`` on the way out runs (temporary files are
    removed) before the process exits with ``128 + signum``.

    >>> Terminated(15).status
    143
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signum)

    @property
    def status(self) -> int:
        """The exit status a shell expects after this signal."""
        return 128 + self.signum
