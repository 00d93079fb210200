"""tools/render_medquad.py reproduces shared/corpus/dev and train byte for byte from their MedQuAD XML.

Why: the annotated corpus (corpus/annotated) is rendered by this tool; it only matches the pages the
extractor is trained and scored on if the renderer makes exactly those pages from their XML."""

from __future__ import annotations

import re
from pathlib import Path

from .scripts import REPO, load_script

TOOL = REPO / "tools" / "render_medquad.py"
render_medquad = load_script(TOOL)


def _site(gold: Path) -> str:
    """The MedQuAD subset named by the gold file's source line ("MedQuAD GARD: ...")."""
    match = re.search(r'^source: "MedQuAD (\w+):', gold.read_text(encoding="utf-8"), re.M)
    assert match, gold
    return match.group(1)


def test_renders_all_36_documents_byte_for_byte(shared: Path, tmp_path: Path) -> None:
    pages = sorted(p for split in ("dev", "train") for p in (shared / "corpus" / split).glob("*.md"))
    assert len(pages) == 36
    documents = render_medquad.index(shared / "corpus" / "medquad")
    for page in pages:
        (xml,) = documents[page.stem, _site(page.parent / "gold" / f"{page.stem}.gold.yaml")]
        assert render_medquad.render(xml, tmp_path) == page.stem
        for suffix in (".html", ".md", ".txt"):
            assert (tmp_path / f"{page.stem}{suffix}").read_bytes() == page.with_suffix(suffix).read_bytes(), (
                page.stem + suffix
            )


def test_answer_blocks_split_paragraphs_from_lists() -> None:
    blocks = render_medquad.blocks("Intro text  - first item  - second 1 - 2 days\n   \n- only item")
    assert blocks == (
        render_medquad.Block(("Intro text",), False),
        render_medquad.Block(("first item", "second 1 - 2 days"), True),
        render_medquad.Block(("only item",), True),
    )


def test_slug_is_cut_to_sixty_characters() -> None:
    slug = render_medquad.slugify("Parasites - African Trypanosomiasis (also known as Sleeping Sickness)")
    assert slug == "parasites-african-trypanosomiasis-also-known-as-sleeping-sic"


def test_annotated_corpus_is_the_renderers_output(shared: Path, tmp_path: Path) -> None:
    """corpus/annotated holds exactly what its README's command renders, and a gold file for each document."""
    annotated = REPO / "corpus" / "annotated"
    medquad = shared / "corpus" / "medquad"
    assert (
        render_medquad.main([str(tmp_path), "--list", str(annotated / "documents.tsv"), "--medquad", str(medquad)]) == 0
    )
    rendered = sorted(p.name for p in tmp_path.iterdir())
    rows = (annotated / "documents.tsv").read_text(encoding="utf-8").splitlines()
    listed = [row for row in rows if not row.startswith("#")]
    assert len(rendered) == 3 * len(listed)
    kept = sorted(p.name for p in annotated.iterdir() if p.is_file() and p.name not in {"README.md", "documents.tsv"})
    assert kept == rendered
    for name in rendered:
        assert (tmp_path / name).read_bytes() == (annotated / name).read_bytes(), name
    golds = sorted(p.name[: -len(".gold.yaml")] for p in (annotated / "gold").glob("*.gold.yaml"))
    assert golds == sorted({Path(n).stem for n in rendered})
