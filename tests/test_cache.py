"""The cache folder: keyed files, checked on every read, rebuilt when damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GLOSSARY_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read(folder: Path) -> None:
    """A value is built on the first call and read back, not rebuilt, on the next."""
    calls: list[int] = []

    def build() -> bytes:
        calls.append(1)
        return b"table"

    key = cache.content_key("data", "v1")
    assert cache.cached_bytes("t", key, build) == b"table"
    assert cache.cached_bytes("t", key, build) == b"table"
    assert len(calls) == 1
    assert oct(folder.stat().st_mode & 0o777) == "0o700"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[:-3], id="truncated"),
        pytest.param(lambda b: b[:-1] + b"X", id="payload-changed"),
        pytest.param(lambda b: b"planted by someone else", id="planted"),
        pytest.param(lambda b: b"", id="empty"),
    ],
)
def test_damaged_file_is_rebuilt(folder: Path, damage: object) -> None:
    """A truncated, altered or foreign file is never trusted: the value is rebuilt."""
    key = cache.content_key("v1")
    path = Path(cache.write_cached("t", key, b"good value"))
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.read_cached("t", key) is None
    assert cache.cached_bytes("t", key, lambda: b"fresh") == b"fresh"
    assert cache.read_cached("t", key) == b"fresh"


def test_new_key_replaces_old_file(folder: Path) -> None:
    """When the data version changes, the old file is removed, not left to pile up."""
    cache.write_cached("t", cache.content_key("v1"), b"old")
    cache.write_cached("t", cache.content_key("v2"), b"new")
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["t"]
    assert cache.read_cached("t", cache.content_key("v2")) == b"new"


def test_unusable_folder_still_builds(folder: Path) -> None:
    """A cache folder that cannot be made (a file stands there) costs speed, not correctness."""
    folder.write_bytes(b"not a folder")
    assert cache.cached_bytes("t", cache.content_key("v"), lambda: b"x") == b"x"
    assert folder.read_bytes() == b"not a folder"


def test_failed_build_leaves_no_temporary_file(folder: Path) -> None:
    """A build that fails inside atomic_path leaves neither the target nor a temporary."""
    folder.mkdir()
    target = folder / "index.db"

    def build() -> None:
        with cache.atomic_path(str(target)) as tmp:
            Path(tmp).write_bytes(b"half")
            raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        build()
    assert list(folder.iterdir()) == []
