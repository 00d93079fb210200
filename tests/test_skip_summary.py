"""The last line of a test run says which tests skipped and why (tests/conftest.py's hook)."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]


def test_one_line_names_the_skips_and_their_reasons(pytester):
    pytester.makeconftest((Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")
                          .replace("from medkg.graph.build import build_graph\n", "")
                          .replace("from medkg.model import ConditionRecord\n", "")
                          .replace("from medkg.readers.record import read_record\n", ""))
    pytester.makepyfile(test_some="""
        import pytest

        @pytest.mark.skip(reason="Chromium is absent")
        def test_a(): pass

        @pytest.mark.skip(reason="Chromium is absent")
        def test_b(): pass

        def test_c(): pytest.skip("kgx is not installed")

        def test_d(): pass
    """)
    lines = pytester.runpytest_subprocess("-q").outlines
    assert "medkg: 3 skipped: 2 because Chromium is absent; 1 because kgx is not installed" in lines
    assert lines.index("medkg: 3 skipped: 2 because Chromium is absent; 1 because kgx is not installed") >= \
        len(lines) - 2
