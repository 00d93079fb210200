"""Markdown: CommonMark blocks whose offsets index the file itself."""

from __future__ import annotations

from medkg.readers.markdown import read_markdown

DOC = """# Sunburn

Sunburn is skin damage caused by *ultraviolet* light.

## Symptoms

Symptoms include:

- red skin
- pain, and
  blisters
1. peeling

Print this page
"""


def test_blocks_and_offsets(tmp_path):
    path = tmp_path / "sunburn.md"
    path.write_text(DOC, encoding="utf-8")
    article = read_markdown(path)
    assert article.title == "Sunburn" and article.text == DOC
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Sunburn", "Symptoms"]
    assert [b.text for b in article.blocks if b.kind == "item"] == ["red skin", "pain, and\n  blisters", "peeling"]
    assert not any(b.text == "Print this page" for b in article.blocks)
    assert [(s.heading, s.level) for s in article.sections] == [("Sunburn", 1), ("Symptoms", 2)]


def test_crlf_offsets(tmp_path):
    path = tmp_path / "crlf.md"
    path.write_bytes(DOC.replace("\n", "\r\n").encode())
    article = read_markdown(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert "red skin" in [b.text for b in article.blocks]
