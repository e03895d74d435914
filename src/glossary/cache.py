"""The user's cache directory: prebuilt dictionaries and indexes, keyed, checked, atomic.

Everything glossary caches lives under one folder of the user's own (never a shared
``/tmp``), is named by a key derived from the content and data versions it was built
from, is written to a temporary file in the same folder and renamed into place (so two
processes building at once, or a reader during a build, are safe), and carries a digest
of its payload that is checked on every read: a stale, truncated or planted file is
rebuilt, never trusted.

The folder is ``$GLOSSARY_CACHE_DIR`` if set, else the platform's user cache folder
(``$XDG_CACHE_HOME/glossary`` or ``~/.cache/glossary`` on Linux,
``~/Library/Caches/glossary`` on macOS, ``%LOCALAPPDATA%\\glossary\\Cache`` on Windows).
The lookup path reads it on every run, so it is resolved here with the standard library
alone: platformdirs would add 13 ms of imports to a command whose whole budget is ~50 ms.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator

#: The first line of every cache file written by :func:`write_cached`.
MAGIC = b"glossary-cache 1\n"


def cache_dir(create: bool = True) -> str:
    """The folder glossary caches in (created, private to the user, when ``create``).

    >>> os.path.basename(cache_dir(create=False)) in {"glossary", "Cache"} or bool(
    ...     os.environ.get("GLOSSARY_CACHE_DIR"))
    True
    """
    path = os.environ.get("GLOSSARY_CACHE_DIR")
    if not path:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
            path = os.path.join(base, "glossary", "Cache")
        elif sys.platform == "darwin":
            path = os.path.expanduser("~/Library/Caches/glossary")
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
            path = os.path.join(base, "glossary")
    if create:
        os.makedirs(path, mode=0o700, exist_ok=True)
    return path


def content_key(*parts: bytes | str) -> str:
    """A short hex key for the content and versions a cached file is built from.

    >>> content_key("cedict", "2023-11-07") == content_key("cedict", "2023-11-07")
    True
    """
    import hashlib  # (here, not at the top: it is the lookup path's largest import)

    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def cache_path(name: str, key: str, suffix: str = ".bin") -> str:
    """The path of the cached ``name`` built for ``key`` (the folder is created)."""
    return os.path.join(cache_dir(), f"{name}-{key}{suffix}")


@contextlib.contextmanager
def atomic_path(final: str) -> Iterator[str]:
    """A temporary path beside ``final``, renamed onto it when the block succeeds.

    The temporary file is removed if the block fails; readers see the old file or the
    new one, never a half-built one.

    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = os.path.join(d, "index.db")
    ...     with atomic_path(target) as tmp:
    ...         _ = pathlib.Path(tmp).write_bytes(b"built")
    ...     pathlib.Path(target).read_bytes()
    b'built'
    """
    import tempfile  # (only here: tempfile costs glossary lookup's start-up 10-20 ms)

    folder = os.path.dirname(final) or "."
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(final)}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_cached(name: str, key: str, payload: bytes) -> str:
    """Store ``payload`` as the cached ``name`` for ``key``, atomically; returns its path.

    Older files of the same ``name`` (other keys) are removed.
    """
    final = cache_path(name, key)
    write_at(final, key, payload)
    prefix = f"{name}-"
    for other in os.listdir(os.path.dirname(final)):
        if other.startswith(prefix) and other != os.path.basename(final) and "." in other:
            stem = other[len(prefix) :].split(".", 1)[0]
            if len(stem) == len(key) and all(c in "0123456789abcdef" for c in stem):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(os.path.dirname(final), other))
    return final


def read_cached(name: str, key: str) -> bytes | None:
    """The cached ``name`` for ``key``, or None when it is missing, stale or damaged.

    >>> read_cached("no-such-cache", "0" * 32) is None
    True
    """
    try:
        return read_at(cache_path(name, key), key)
    except OSError:  # no cache folder can be made
        return None


def write_at(path: str, key: str, payload: bytes) -> None:
    """Store ``payload`` for ``key`` at ``path`` (a file of the cache folder), atomically,
    with the key and a digest of the payload for :func:`read_at` to check."""
    import hashlib

    header = MAGIC + key.encode("ascii") + b"\n" + hashlib.sha256(payload).hexdigest().encode()
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(header + b"\n")
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())


def read_at(path: str, key: str) -> bytes | None:
    """The payload :func:`write_at` stored at ``path`` for ``key``, or None when the file
    is missing, was written for another key, or is damaged.

    >>> read_at("/no/such/file.bin", "0" * 32) is None
    True
    """
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    head, sep, rest = data.partition(b"\n")
    if not sep or head + b"\n" != MAGIC:
        return None
    stored_key, sep1, rest = rest.partition(b"\n")
    digest, sep2, payload = rest.partition(b"\n")
    if not (sep1 and sep2) or stored_key != key.encode("ascii"):
        return None
    import hashlib

    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    return payload


def cached_bytes(name: str, key: str, build: Callable[[], bytes]) -> bytes:
    """The cached ``name`` for ``key``, built by ``build()`` and stored when missing or bad.

    A cache folder that cannot be written is not an error: the value is built and used.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     os.environ["GLOSSARY_CACHE_DIR"] = d
    ...     first = cached_bytes("demo", content_key("v1"), lambda: b"table")
    ...     again = cached_bytes("demo", content_key("v1"), lambda: b"rebuilt")
    ...     del os.environ["GLOSSARY_CACHE_DIR"]
    >>> first, again
    (b'table', b'table')
    """
    payload = read_cached(name, key)
    if payload is None:
        payload = build()
        with contextlib.suppress(OSError):
            write_cached(name, key, payload)
    return payload
