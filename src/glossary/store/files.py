"""The index of glossary files: found in the cache by content, built once, never stale.

An index is named by a key of what it was built from: the index :data:`VERSION` and, for
each file in order, its format and the SHA-256 of its bytes.  Hashing a large file costs
a fraction of a second, so each file's hash is remembered beside its ``stat`` signature
(device, inode, size, modification and change times); the next run trusts the remembered
hash only when the signature is unchanged *and* the file had not been modified for
:data:`RACY_SECONDS` when it was hashed (an edit within the clock's granularity of the
hashing could keep its modification time: such a file is hashed again, as git does with
"racy" index entries).  Any edit (even one that keeps the size and the modification
time, which no editor can do to the change time) is therefore seen on the next run.

An index is built into a temporary file beside its final name and renamed into place
(:func:`glossary.cache.atomic_path`): a reader sees a whole index or none.  Builders of
the same index take turns through a lock file, so two processes starting at once build
it once and a lookup during a build waits for it rather than building it twice.  When
the cache folder cannot be written, the index is built in memory for this run.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterator, Sequence

from glossary.errors import InputError
from glossary.model import Term
from glossary.store import Store
from glossary.store.schema import VERSION, fragments_path

#: The folded keys of entries (see :func:`glossary.glossary.entry_key`).
Folds = Sequence[tuple[str, str, str]]
#: What an index is built from: merged, complete entries and, if known, their keys.
Entries = tuple[Sequence[Term], Folds | None]
#: A file modified this recently before it was hashed is hashed again on the next run.
RACY_SECONDS = 2.0


def _signature(st: os.stat_result) -> str:
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def _stat(name: str) -> os.stat_result:
    try:
        st = os.stat(name)
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError.unreadable(name, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(name, "is a directory", "name the glossary files inside it")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, "is not a regular file", "save the glossary to a file first")
    return st


def _hash(name: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(name, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except OSError as exc:
        raise InputError.unreadable(name, exc) from None
    return digest.hexdigest()


def content_digest(name: str, folder: str | None) -> str:
    """The SHA-256 of the file ``name``, remembered in ``folder`` by its ``stat`` signature.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d) / "t.tsv"
    ...     _ = path.write_text("english\\tchinese\\n", encoding="utf-8")
    ...     content_digest(str(path), d)[:12]
    '443aff9745d9'
    """
    st = _stat(name)
    signature = _signature(st)
    memo = None
    if folder is not None:
        import zlib  # a name for the memo, not a key: the memo holds the path it is for

        path = os.path.abspath(name)
        memo = os.path.join(
            folder, f"source-{zlib.crc32(path.encode('utf-8', 'surrogateescape')):08x}.txt"
        )
        with contextlib.suppress(OSError, ValueError):
            with open(memo, encoding="utf-8", errors="surrogateescape") as fh:
                remembered_path, remembered, checked, digest = fh.read().split("\t")
            settled = max(st.st_mtime_ns, st.st_ctime_ns) < int(checked) - RACY_SECONDS * 1e9
            if (remembered_path, remembered) == (path, signature) and settled and len(digest) == 64:
                return digest
    checked_ns = time.time_ns()
    digest = _hash(name)
    if memo is not None and _signature(os.stat(name)) == signature:
        _remember(memo, f"{path}\t{signature}\t{checked_ns}\t{digest}")
    return digest


def index_key(formats: Sequence[str], digests: Sequence[str]) -> str:
    """The key of the index of files with these formats and content digests.

    >>> index_key(["tsv"], ["443aff9745d9" + "0" * 52]).split("-")[1:]
    ['tsv', '443aff9745d90000000000000000000000000000000000000000000000000000']
    """
    if len(digests) == 1:  # the common case, without hashing (hashlib costs start-up time)
        return f"{VERSION}-{formats[0]}-{digests[0]}"
    from glossary.cache import content_key

    return content_key(
        f"glossary index {VERSION}", *(f"{f}:{d}" for f, d in zip(formats, digests, strict=True))
    )


def _remember(path: str, text: str) -> None:
    """Write a small memo file atomically; a cache folder that cannot be written is no error."""
    from glossary.cache import atomic_path

    with (
        contextlib.suppress(OSError),
        atomic_path(path) as tmp,
        open(tmp, "w", encoding="utf-8", errors="surrogateescape") as fh,
    ):
        fh.write(text)


@contextlib.contextmanager
def _locked(path: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created) while the block runs, where the
    platform has one; elsewhere the atomic rename alone keeps readers safe."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # (releases the lock)


def _folder() -> str | None:
    from glossary.cache import cache_dir

    try:
        folder = cache_dir()
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


def open_files(
    names: Sequence[str],
    formats: Sequence[str],
    entries_of: Callable[[Sequence[str], Sequence[str]], Entries],
) -> Store:
    """The index of the glossary files ``names`` (in ``formats``), merged in order: read
    from the cache when it is there for this content, else built from
    ``entries_of(names, formats)`` (merged, complete entries and, if known, their
    :func:`glossary.glossary.entry_key`) and stored.

    >>> import tempfile, pathlib
    >>> from glossary.model import Term
    >>> with tempfile.TemporaryDirectory() as d:
    ...     path = pathlib.Path(d) / "t.tsv"
    ...     _ = path.write_text("english\\tchinese\\n", encoding="utf-8")
    ...     entries = [Term("subversion", "颠覆")]
    ...     store = open_files([str(path)], ["tsv"], lambda names, kinds: (entries, None))
    ...     len(store)
    1
    """
    folder = _folder()
    key = index_key(formats, [content_digest(n, folder) for n in names])
    if folder is None:
        return Store.build(*entries_of(names, formats))
    final = os.path.join(folder, f"index-{key}.sqlite")
    store = Store.open(final, key)
    if store is not None:
        return store
    with _locked(final + ".lock"):
        store = Store.open(final, key)  # built by another process while we waited
        if store is not None:
            return store
        from glossary._gc import paused_gc

        with paused_gc():
            entries, folds = entries_of(names, formats)
            try:
                _build(final, entries, folds, key)
            except OSError:  # a full disk, a folder gone: use it from memory this time
                return Store.build(entries, folds)
    _forget_older(folder, names, formats, final)
    store = Store.open(final, key)
    return store if store is not None else Store.build(entries, folds)


def _forget_older(folder: str, names: Sequence[str], formats: Sequence[str], final: str) -> None:
    """Remove the index these files had before this one (they changed since)."""
    from glossary.cache import content_key

    paths = [f"{fmt}:{os.path.abspath(n)}" for n, fmt in zip(names, formats, strict=True)]
    memo = os.path.join(folder, f"sources-{content_key(*paths)}.txt")
    with contextlib.suppress(OSError):
        with open(memo, encoding="utf-8") as fh:
            old = fh.read()
        if old != final and os.path.basename(old).startswith("index-"):
            # the index, its lock, the tables check keeps beside it (``INDEX.check-english``,
            # see glossary.check.tables) and its fragments
            base = os.path.basename(old)
            stale = [n for n in os.listdir(folder) if n == base or n.startswith(base + ".")]
            stale.append(os.path.basename(fragments_path(old)))
            for name in stale:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
    _remember(memo, final)


def _build(final: str, entries: Sequence[Term], folds: Folds | None, key: str) -> None:
    """Build the index at ``final`` and its fragment file beside it (renamed into place
    first, so an index never names fragments that are not there)."""
    import sqlite3

    from glossary.cache import atomic_path
    from glossary.store.build import write

    with atomic_path(final) as tmp, atomic_path(fragments_path(final)) as tmp_fragments:
        con = sqlite3.connect(tmp)
        fragments = sqlite3.connect(tmp_fragments, check_same_thread=False)
        try:
            write(con, entries, key, folds, fragments)
        finally:
            con.close()
            fragments.close()
        for path in (tmp, tmp_fragments):
            with open(path, "rb+") as fh:
                os.fsync(fh.fileno())
