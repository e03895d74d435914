"""Reading user files with friendly errors, and writing files safely.

Writing (:func:`check_output`, :func:`write_bytes`): an output never replaces an input
(compared by device and inode, so through symbolic and hard links too), a directory, a
link to one, or anything but a regular file or a new path; its folder is checked before
any work.  A regular file is written through a temporary file in the same folder,
flushed to disk (``fsync``) and renamed over the target, keeping the replaced file's
permission bits (a new file gets 0666 less the umask); the temporary file is removed on
every error and on SIGINT or SIGTERM.  A character device or a FIFO (``/dev/stdout``,
``/dev/null``, a pipe) is written to, never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator

from glossary.errors import InputError


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a UTF-8 text file, turning every OS and decoding failure into an :class:`InputError`.

    A leading byte-order mark is dropped and line ends are normalised to ``\\n``.
    (Input reading lives in :mod:`glossary.inputs`; this is its whole-file form.)
    """
    from glossary.inputs import read_text as read

    return read(path)


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 bytes; on failure name the line and column of the first bad byte."""
    from glossary.inputs import decode as decode_bytes

    return decode_bytes(data, name)


def _describe(mode: int) -> str:
    """What a file of ``mode`` is, for an error message."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISFIFO, "a FIFO"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_output(
    path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Refuse an output path that cannot or must not be written, before any work is done.

    Refused: one of ``inputs`` (the same file by any name or link), a directory or a
    path ending in a slash, a block device or socket, a regular file with other hard
    links (replacing it would break them), and a path whose folder is missing or not
    writable.  A character device or FIFO is accepted: it is written to, not replaced.

    >>> check_output("out/")
    Traceback (most recent call last):
    glossary.errors.InputError: out/: is a folder path; name a file inside it
    """
    target = os.fspath(path)
    if not target:
        raise InputError("-o", "the output path is empty", "name a file, or - for standard output")
    if target.endswith(("/", os.sep)):
        raise InputError(target, "is a folder path", "name a file inside it")
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(target, f"cannot be examined ({exc.strerror})", "check the path") from None
    if st is not None:
        for source in inputs:
            if os.fspath(source) == "-":
                continue
            try:
                same = _same_file(st, os.stat(source))
            except OSError:
                continue
            if same:
                what = (
                    "is one of the inputs"
                    if os.fspath(source) == target
                    else f"is the same file as the input {os.fspath(source)}"
                )
                raise InputError(target, what, "write the output to another file")
        if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode) or is_special(target):
            return
        if not stat.S_ISREG(st.st_mode):
            raise InputError(target, f"is {_describe(st.st_mode)}", "name a regular file")
        if st.st_nlink > 1:
            raise InputError(
                target,
                f"has {st.st_nlink} hard links and replacing it would break them",
                "write to another path, or remove the other links first",
            )
    folder = os.path.dirname(os.path.realpath(target))
    if not os.path.isdir(folder):
        raise InputError(
            target, "its folder does not exist", "create the folder first or choose another path"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(
            target, f"its folder {folder} is not writable", "choose a folder you can write to"
        )


_DESCRIPTORS = ("/dev/fd/", "/proc/self/fd/")


def is_special(target: str) -> bool:
    """A device, a FIFO, or a name for an open descriptor (``/dev/stdout`` may lead to a
    regular file the shell opened: it is written through, never replaced)."""
    if target in ("/dev/stdout", "/dev/stderr") or target.startswith(_DESCRIPTORS):
        return True
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _oserror(target: str, exc: OSError) -> InputError:
    what = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return InputError(target, f"cannot be written ({what})", "free some space and try again")
    return InputError(target, f"cannot be written ({what})", "check the path and its permissions")


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """While writing, turn SIGTERM into an exception so the temporary file is removed."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_bytes(
    path: str | os.PathLike[str], data: bytes, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write ``data`` to ``path`` safely: never half-written, never onto an input.

    A regular file (or a new path) is replaced atomically and keeps its permission bits
    (and its owner and group, where the user may set them);
    a symbolic link is followed and its target replaced, so the link survives; a
    character device or FIFO is written to.  Every failure is an :class:`InputError`.

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "terms.tsv"
    ...     write_bytes(out, "颠覆\\n".encode())
    ...     out.read_text(encoding="utf-8")
    '颠覆\\n'
    """
    write_chunks(path, (data,), inputs)


def write_chunks(
    path: str | os.PathLike[str],
    chunks: Iterable[bytes],
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """:func:`write_bytes` of the concatenated ``chunks``, written as they come: a regular
    file is still replaced only once every chunk is written (an error while the chunks are
    made, or a signal, leaves the old file as it was and no temporary file behind).

    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     out = pathlib.Path(folder) / "terms.tsv"
    ...     write_chunks(out, [b"english\\n", "颠覆\\n".encode()])
    ...     out.read_text(encoding="utf-8")
    'english\\n颠覆\\n'
    """
    target = os.fspath(path)
    check_output(target, inputs)
    if is_special(target):
        try:
            _write_through(target, chunks)
        except OSError as exc:
            raise _oserror(target, exc) from None
        return
    real = os.path.realpath(target)
    folder = os.path.dirname(real)
    try:
        replaced: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        replaced = None
    with _terminate_as_interrupt():
        tmp = ""
        try:
            fd, tmp = _create_temporary(folder, os.path.basename(real))
            with os.fdopen(fd, "wb") as fh:
                if replaced is not None:
                    _keep_owner(fh.fileno(), replaced)
                    os.fchmod(fh.fileno(), stat.S_IMODE(replaced.st_mode))
                for chunk in chunks:
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, real)
            tmp = ""
            _sync_folder(folder)
        except OSError as exc:
            raise _oserror(target, exc) from None
        finally:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)


def _descriptor(target: str) -> int | None:
    """The open descriptor a name like /dev/stdout or /dev/fd/3 stands for, if any."""
    named = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
    if target in named:
        return named[target]
    for prefix in _DESCRIPTORS:
        rest = target.removeprefix(prefix)
        if rest != target and rest.isdigit():
            return int(rest)
    return None


def _write_through(target: str, chunks: Iterable[bytes]) -> None:
    """Write to a device, a pipe or an open descriptor in place.

    /dev/stdout and /dev/fd/N are written through the descriptor itself, so output
    appended to a log (``>> log``) goes where the shell put it, not over the log's start.
    """
    import sys

    fd = _descriptor(target)
    if fd is None:
        if stat.S_ISFIFO(os.stat(target).st_mode):
            _write_fifo(target, chunks)
            return
        with open(target, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    _write_all(fd, chunks)


def _write_all(fd: int, chunks: Iterable[bytes]) -> None:
    for chunk in chunks:
        view = memoryview(chunk)
        while view:
            view = view[os.write(fd, view) :]


def _write_fifo(target: str, chunks: Iterable[bytes]) -> None:
    """Write into a named pipe, refusing at once (not hanging) when nothing reads from it."""
    import fcntl

    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(
                target, "no process is reading from this FIFO", "start the reader first"
            ) from None
        raise
    try:
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        _write_all(fd, chunks)
    finally:
        os.close(fd)


def _keep_owner(fd: int, replaced: os.stat_result) -> None:
    """Give the new file the replaced file's owner and group, where that is allowed."""
    if (replaced.st_uid, replaced.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(OSError):  # only root may give files away
        os.fchown(fd, replaced.st_uid, replaced.st_gid)


def _create_temporary(folder: str, base: str) -> tuple[int, str]:
    """A new file beside the target, mode 0666 less the umask (what a new output gets)."""
    import secrets

    for _ in range(100):
        name = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), name
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)  # pragma: no cover


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (ignored where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def atomic_write_text(
    path: str | os.PathLike[str], text: str, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write ``text`` as UTF-8 through :func:`write_bytes`."""
    write_bytes(path, text.encode("utf-8"), inputs)
