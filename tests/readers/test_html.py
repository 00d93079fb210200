"""HTML: the main content's visible text, without navigation, banners, scripts or footers."""

from __future__ import annotations

import pytest

from medkg.errors import ReadError
from medkg.readers.html import read_html

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Sunburn | Health Site</title>
<meta name="author" content="Ann Writer">
<script type="application/ld+json">{"@type": "MedicalWebPage", "lastReviewed": "2024-05-01",
 "reviewedBy": {"@type": "Person", "name": "Dr Rev"}}</script>
<script>var s = "</p><h2>not text</h2>";</script><style>p {color: red}</style></head>
<body><nav><a href="/">Home</a> Menu</nav><div class="cookie-banner">We use cookies <button>OK</button></div>
<main><h1>Sunburn</h1><p>Sunburn is skin damage from <b>ultraviolet</b>\n light.</p>
<h2>Symptoms</h2><p>Symptoms include:</p><ul><li>red skin</li><li>pain<ul><li>nested</li></ul></li></ul>
<p>x &lt;/script&gt; y</p></main><footer>Share this page</footer></body></html>"""


def test_main_content_blocks(tmp_path):
    path = tmp_path / "sunburn.html"
    path.write_text(PAGE, encoding="utf-8")
    article = read_html(path)
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)
    assert article.title == "Sunburn"
    texts = [(b.kind, b.text) for b in article.blocks]
    assert ("paragraph", "Sunburn is skin damage from ultraviolet light.") in texts
    assert [t for k, t in texts if k == "item"] == ["red skin", "pain", "nested"]
    assert ("paragraph", "x </script> y") in texts
    for chrome in ("Home", "cookies", "not text", "color", "Share"):
        assert chrome not in article.text
    assert article.page.language == "en" and article.page.authors[0].name == "Ann Writer"
    assert article.page.reviewer.name == "Dr Rev" and article.page.date_reviewed == "2024-05-01"


def test_page_without_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav><script>x()</script></body></html>")
    with pytest.raises(ReadError, match="no visible text"):
        read_html(path)


def test_huge_page_reads(tmp_path):
    path = tmp_path / "big.html"
    path.write_text("<html><body><main>" + "<p>fever and chills</p>" * 50_000 + "</main></body></html>")
    assert len(read_html(path).blocks) == 50_000


def test_xhtml_with_declaration_and_cp1252(tmp_path):
    path = tmp_path / "x.xhtml"
    path.write_bytes(b'<?xml version="1.0" encoding="windows-1252"?><html><body><p>caf\xe9</p></body></html>')
    assert read_html(path).text == "caf\xe9"
