"""MedQuAD question/answer documents (https://github.com/abachaa/MedQuAD, CC BY 4.0).

Each ``<Document>`` is about one ``<Focus>`` condition; each ``<QAPair>`` becomes a level-2
section headed by its question, whose ``qtype`` gives the section's role. The UMLS CUIs of
``<FocusAnnotations>`` become ``UMLS:C...`` ids and its ``<Synonym>`` elements synonyms.
Answers' lines become paragraphs; lines of ``- item  - item`` become list items.
"""

from __future__ import annotations

import re
from pathlib import Path

from medkg.errors import ReadError
from medkg.model import Article, PageMetadata
from medkg.readers._common import TextAssembler, is_chrome, read_bytes, sections_from_blocks

#: MedQuAD question type -> section role (a Relation value or another role)
QTYPE_ROLES = {
    "symptoms": "symptom", "causes": "cause", "genetic changes": "cause", "susceptibility": "risk_factor",
    "exams and tests": "test", "treatment": "treatment", "prevention": "prevention",
    "complications": "complication", "information": "overview", "inheritance": "inheritance",
    "frequency": "frequency", "outlook": "outlook", "research": "research", "stages": "stages",
    "considerations": "considerations", "support groups": "support",
}
#: root element -> (focus, pair, question, answer, CUI path, synonym) tags; most documents use the
#: first form, a few NINDS and CDC ones the others
_DOCUMENT = ("Focus", "QAPair", "Question", "Answer", ".//CUI", "Synonym")
_TAGS = {
    "Document": _DOCUMENT,
    "DiseaseFile": _DOCUMENT,
    "doc": ("doctitle-focus", "pair", "question", "answer", ".//umls/cui", "synonym"),
}
_ITEM_SEP = re.compile(r"\s+-\s+(?=\S)")


def read_medquad(path: Path) -> Article:
    """Read a MedQuAD XML document into an :class:`Article` (one section per question)."""
    from lxml import etree

    path = Path(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(read_bytes(path), parser)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{path}: not a readable XML document ({err})") from err
    tags = _TAGS.get(root.tag)
    if tags is None:
        raise ReadError(f"{path}: the root element is <{root.tag}>, not a MedQuAD document")
    focus_tag, pair_tag, question_tag, answer_tag, cui_path, synonym_tag = tags
    out = TextAssembler()
    focus = " ".join(root.findtext(focus_tag, "").split())
    if focus:
        out.add("heading", focus, level=1)
    roles: dict[int, str | None] = {}
    for pair in root.iter(pair_tag):
        question = pair.find(question_tag)
        head = out.add("heading", question.text or "" if question is not None else "", level=2)
        if head is not None:
            roles[head.start] = QTYPE_ROLES.get((question.get("qtype") or "").strip().lower())
        for line in (pair.findtext(answer_tag) or "").splitlines():
            _add_line(line, out)
    if not out.blocks:
        raise ReadError(f"{path}: the document holds no text")
    cuis = tuple(f"UMLS:{c.text.strip()}" for c in root.iterfind(cui_path) if (c.text or "").strip())
    synonyms = tuple(dict.fromkeys(" ".join(s.text.split()) for s in root.iterfind(f".//{synonym_tag}")
                                   if (s.text or "").strip()))
    page = PageMetadata(title=focus or None, url=root.get("url"), publisher=root.get("source") or root.get("corpus"),
                        language="en")
    return Article(source=path.stem, path=str(path), text=out.text, blocks=tuple(out.blocks),
                   sections=sections_from_blocks(out.blocks, len(out.text), lambda b: roles.get(b.start)),
                   page=page, title=focus or None, synonyms=synonyms, ids=tuple(dict.fromkeys(cuis)))


def _add_line(line: str, out: TextAssembler) -> None:
    """Add one answer line: a ``- a  - b`` list as items, anything else as a paragraph."""
    line = line.strip()
    if line.startswith("- "):
        for part in _ITEM_SEP.split(line[2:]):
            if part.strip() and not is_chrome(part):
                out.add("item", part, level=1)
    elif line and not is_chrome(line):
        out.add("paragraph", line)
