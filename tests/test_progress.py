"""Long runs (build, training, cross-validation) show a bar on a terminal and nothing elsewhere."""

from __future__ import annotations

import io
import sys

from medkg.progress import progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_only(monkeypatch):
    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert list(progress(iter(range(3)), 3, "fitting", "fit")) == [0, 1, 2]
    assert not sys.stderr.getvalue()

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert list(progress(iter(range(3)), 3, "fitting", "fit")) == [0, 1, 2]
    assert "fitting" in terminal.getvalue() and "3/3" in terminal.getvalue()


def test_no_bar_when_quiet_or_a_single_step(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert list(progress([1, 2], 2, "building", "article", quiet=True)) == [1, 2]
    assert list(progress([1], 1, "building", "article")) == [1]
    assert terminal.getvalue() == ""
