"""HTML pages: the JSON-LD extruct extracts is medkg's, Chromium renders the facts, hostile names stay text."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from medkg.exporters import export
from medkg.graph.build import build_dataset

from .conftest import crowd

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is absent (apt-get install chromium)")


@pytest.fixture(scope="module")
def hostile_page(hostile_record) -> bytes:
    return export(build_dataset([hostile_record]), "html")


class _Fetches(HTMLParser):
    """Everything in a page that a browser would load on its own: src, <link>, <object>, CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if "src" in names or tag in ("link", "object", "embed", "iframe") or "url(" in (names.get("style") or ""):
            self.found.append(tag)

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style" and ("url(" in data or "@import" in data):
            self.found.append("style")


def _chromium(page: Path, tmp_path: Path, *args: str) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    done = subprocess.run([CHROMIUM, *flags, *args, page.as_uri()], capture_output=True, check=True, timeout=120)
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("which", ["example", "hostile"])
def test_extruct_finds_the_exported_jsonld(example_dataset, hostile_record, which):
    extruct = pytest.importorskip("extruct", reason="extruct is not installed (pip install extruct)")
    dataset = example_dataset if which == "example" else build_dataset([hostile_record])
    found = extruct.extract(export(dataset, "html").decode("utf-8"), syntaxes=["json-ld"], uniform=False)
    assert found["json-ld"] == [json.loads(export(dataset, "page"))]


def test_one_page_per_article_and_nothing_from_the_network(corpus):
    pages = export(corpus, "html")
    assert sorted(pages) == [".html", "hostile.html", "iron-deficiency-anemia.html"]
    for page in pages.values():
        parser = _Fetches()
        parser.feed(page.decode("utf-8"))
        assert parser.found == []


def test_hostile_name_stays_text(hostile_page, hostile_name):
    text = hostile_page.decode("utf-8")
    assert hostile_name not in text
    assert text.count("<script") == 1 and text.count("</script>") == 1
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text


@needs_chromium
def test_chromium_renders_the_facts(example_dataset, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(export(example_dataset, "html"))
    dom = _chromium(page, tmp_path, "--dump-dom")
    for fact in ("Iron-deficiency anemia", "Sideropenic anemia", "Symptoms", "shortness of breath",
                 "Tiredness that may come on slowly", 'href="http://purl.obolibrary.org/obo/HP_0012378"', "<svg"):
        assert fact in dom
    shot = tmp_path / "shot.png"
    _chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    image = pytest.importorskip("PIL.Image").open(shot)
    assert image.size == (1200, 1600)
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or ()) > 10, "the screenshot is blank"


@needs_chromium
def test_chromium_keeps_hostile_names_as_text(hostile_page, hostile_name, tmp_path):
    page = tmp_path / "hostile.html"
    page.write_bytes(hostile_page)
    dom = _chromium(page, tmp_path, "--dump-dom")
    assert dom.count("<script") == 1, "a name opened a script element"
    assert "<img" not in dom and "<b>syndrome" not in dom
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in dom


def test_a_graph_without_a_page_is_an_export_error():
    from rdflib import Dataset, Literal, URIRef

    from medkg.errors import ExportError
    from medkg.ontology.namespaces import SCHEMA

    dataset = Dataset()
    dataset.graph(URIRef("https://example.org/g")).add((URIRef("https://example.org/c"), SCHEMA.name, Literal("c")))
    with pytest.raises(ExportError, match="no schema:MedicalWebPage"):
        export(dataset, "html")


def test_the_pictures_more_links_reach_the_pages_lists():
    page = export(build_dataset([crowd(150)]), "html").decode("utf-8")
    links = set(re.findall(r'xlink:href="#(\w+)"', page))
    assert "symptom" in links
    assert all(f'id="{target}"' in page for target in links)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")


def test_the_index_links_every_page_with_its_counts(corpus, tmp_path, capsys):
    from medkg.cli import main
    from medkg.views import to_networkx

    built = tmp_path / "corpus.trig"
    built.write_bytes(export(corpus, "trig"))
    assert main(["export", str(built), "--format", "html,svg", "--merge", "site", "-o", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["hostile.html", "hostile.svg", "iron-deficiency-anemia.html", "iron-deficiency-anemia.svg",
                     "site.html"]
    index = (tmp_path / "out" / "site.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(index)
    assert {"hostile.html", "iron-deficiency-anemia.html"} <= set(parser.links)
    findings = sum(1 for *_, r in to_networkx(corpus).edges(data="relation") if r != "subtype")
    assert f"{findings} findings" in index
    assert "&lt;/script&gt;" in index and "<script" not in index
    fetches = _Fetches()
    fetches.feed(index)
    assert fetches.found == []


@needs_chromium
def test_chromium_shows_the_index_and_the_largest_dev_article(shared, tmp_path):
    from medkg.cli import main
    from medkg.views import to_networkx

    built, site = tmp_path / "built", tmp_path / "site"
    assert main(["build", *map(str, sorted((shared / "corpus" / "dev").glob("*.md"))), "-o", str(built),
                 "--format", "ttl", "-q"]) == 0
    graphs = sorted(p for p in built.glob("*.ttl") if p.stem != "corpus")
    assert main(["export", *map(str, graphs), "--format", "html", "--merge", "index", "-o", str(site), "-q"]) == 0
    index = site / "index.html"
    dom = _chromium(index, tmp_path, "--dump-dom")
    assert all(f'href="{g.stem}.html"' in dom for g in graphs)
    _screenshot(index, tmp_path / "index.png", tmp_path)
    from medkg.files import load_dataset

    views = {g: to_networkx(load_dataset([g])) for g in graphs}
    largest = max(graphs, key=lambda g: views[g].number_of_edges())
    page = site / f"{largest.stem}.html"
    dom = _chromium(page, tmp_path, "--dump-dom")
    assert dom.count("<li>") == views[largest].number_of_edges(), "the page lists every finding the picture sums up"
    _screenshot(page, tmp_path / "largest.png", tmp_path)


def _screenshot(page: Path, shot: Path, tmp_path: Path) -> None:
    _chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,1400")
    image = pytest.importorskip("PIL.Image").open(shot)
    assert image.size == (1280, 1400)
    assert len(image.convert("L").getcolors(maxcolors=1 << 16) or ()) > 10, f"{shot.name} is blank"
