"""Decoding and rejecting inputs: every reader shares these rules."""

from __future__ import annotations

import pytest

from medkg.errors import ReadError
from medkg.readers._common import TextAssembler, decode, is_chrome
from medkg.readers.html import read_html
from medkg.readers.markdown import read_markdown
from medkg.readers.medquad import read_medquad
from medkg.readers.text import read_text

READERS = [(read_text, ".txt"), (read_html, ".html"), (read_markdown, ".md"), (read_medquad, ".xml")]


@pytest.mark.parametrize(("read", "suffix"), READERS)
@pytest.mark.parametrize(("data", "problem"), [(b"", "empty"), (b"  \n\t\n", "empty"),
                                               (b"GIF89a\x00\x01\x02binary", "NUL")])
def test_bad_input_is_a_read_error_naming_the_file(tmp_path, read, suffix, data, problem):
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=problem) as info:
        read(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_decode_odd_encodings():
    assert decode("Fièvre".encode("utf-16"), "x") == "Fièvre"
    assert decode("\ufeffFever".encode(), "x") == "Fever"
    assert decode(b"caf\xe9 \x93quoted\x94", "x") == "café “quoted”"


def test_undecodable_bytes_are_a_read_error():
    with pytest.raises(ReadError, match="neither UTF-8 nor Windows-1252"):
        decode(b"abc \x81\x8d\x90 def", "f.txt")


@pytest.mark.parametrize("line", ["Loading icon", "Skip to main content", "Print this page", "Share this page",
                                  "Press enter or spacebar to select a desired language.",
                                  "img http://cdn.example.org/a/b.jpg NULL NULL",
                                  "This information is neither intended nor implied to be a substitute for "
                                  "professional medical advice."])
def test_chrome_lines(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", ["Risk Factors", "Fever or chills", "Treatment may involve:",
                                  "share a bed with someone who has head lice", "Sharing needles"])
def test_content_is_not_chrome(line):
    assert not is_chrome(line)


def test_assembler_offsets_round_trip():
    out = TextAssembler()
    for kind, text in [("heading", " Causes\n"), ("paragraph", ""), ("item", "a  b\nc")]:
        out.add(kind, text)
    assert [b.text for b in out.blocks] == ["Causes", "a  b c"]
    assert all(out.text[b.start:b.end] == b.text for b in out.blocks)


def test_share_and_menu_bars_are_chrome():
    from medkg.readers._common import is_chrome

    for line in ("Skip navigation", "Print | Email | Save", "Reviewed by our team | 6 min read",
                 "Did you find this useful? Rate this page", "Home > Conditions > Gout", "Updated 4 February 2025",
                 "Sign up for our newsletter", "Listen", "Share", "Share this page: Facebook Twitter Email",
                 "Share on Facebook", "Share this article", "Share:"):
        assert is_chrome(line), line
    assert not is_chrome("Gout | Causes")  # two parts: a title, not a bar
    assert not is_chrome("Fever, chills | sweats and aches in the joints of the hands")


#: pages that hold no article, as each reader meets them
NO_ARTICLE = {
    ".txt": ["Gout\n", "Home\nConditions A-Z\nGout\nAcne\nContact us\n", "404\nPage not found\nSorry.\n"],
    ".md": ["Gout\n", "- [Home](/)\n- [Gout](/gout)\n- [Acne](/acne)\n", "# Page not found\n\nSorry, that page "
            "no longer exists on this site.\n"],
    ".html": ["<p>Gout</p>", "<ul><li><a href=/a>Acne</a><li><a href=/b>Gout</a></ul>",
              "<title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on this server.</p>"],
}


@pytest.mark.parametrize(("suffix", "page"), [(s, p) for s, pages in NO_ARTICLE.items() for p in pages])
def test_a_page_without_an_article_is_refused_by_every_reader(tmp_path, capsys, suffix, page):
    from medkg.cli import EXIT_USAGE, main

    path = tmp_path / f"page{suffix}"
    path.write_text(page, encoding="utf-8")
    code = main(["build", str(path), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and f"{path}: holds no article" in err and err.count("\n") == 1, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
