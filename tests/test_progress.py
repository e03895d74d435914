"""Progress: a bar on stderr only when it is a terminal, and never with --quiet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from glossary import progress
from glossary.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt"))


class _Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal the bar shows bytes read, documents and pairs, and is cleared after."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(progress, "MININTERVAL", 0)  # draw every update, however fast
    assert main(["extract", *map(str, SEEDS), "-j", "1"]) == 0
    drawn = terminal.getvalue()
    assert "extract" in drawn
    assert "docs=2" in drawn
    assert "pairs=" in drawn
    assert capsys.readouterr().out.startswith("english\t")


@pytest.mark.parametrize(
    ("stream", "argv"),
    [(_Terminal, ["-q"]), (io.StringIO, [])],
    ids=["quiet", "piped"],
)
def test_silent_when_quiet_or_piped(
    monkeypatch: pytest.MonkeyPatch, stream: type[io.StringIO], argv: list[str]
) -> None:
    """--quiet, or a stderr that is not a terminal, gets no bar at all."""
    err = stream()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["extract", *map(str, SEEDS), *argv]) == 0
    assert err.getvalue() == ""
