"""MedQuAD: question types become section roles, CUIs ids, synonyms synonyms."""

from __future__ import annotations

import pytest

from medkg.errors import ReadError
from medkg.readers.medquad import read_medquad

DOC = """<?xml version="1.0" encoding="UTF-8"?>
<Document id="1" source="TEST" url="https://example.org/sunburn">
<Focus>Sunburn</Focus>
<FocusAnnotations><UMLS><CUIs><CUI>C0038814</CUI></CUIs></UMLS>
<Synonyms><Synonym>Solar erythema</Synonym></Synonyms></FocusAnnotations>
<QAPairs>
<QAPair pid="1"><Question qid="1-1" qtype="symptoms">What are the symptoms of Sunburn ?</Question>
<Answer>Symptoms of sunburn include
- red skin  - pain  - blisters
Most people recover.</Answer></QAPair>
<QAPair pid="2"><Question qid="1-2" qtype="treatment">What are the treatments for Sunburn ?</Question>
<Answer>Cool compresses help.</Answer></QAPair>
</QAPairs></Document>"""


def test_sections_ids_synonyms(tmp_path):
    path = tmp_path / "0001.xml"
    path.write_text(DOC, encoding="utf-8")
    article = read_medquad(path)
    assert article.title == "Sunburn" and article.ids == ("UMLS:C0038814",)
    assert article.synonyms == ("Solar erythema",)
    assert [(s.heading, s.role) for s in article.sections][1:] == [
        ("What are the symptoms of Sunburn ?", "symptom"), ("What are the treatments for Sunburn ?", "treatment")]
    assert [b.text for b in article.blocks if b.kind == "item"] == ["red skin", "pain", "blisters"]
    assert all(article.text[b.start:b.end] == b.text for b in article.blocks)


@pytest.mark.parametrize(("text", "problem"), [("<Document><Focus>x</Document>", "not a readable XML"),
                                               ("<html><body>hi</body></html>", "not a MedQuAD document"),
                                               ("<Document></Document>", "no text")])
def test_bad_documents(tmp_path, text, problem):
    path = tmp_path / "bad.xml"
    path.write_text(text)
    with pytest.raises(ReadError, match=problem):
        read_medquad(path)


def test_entities_are_not_resolved(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    "<Document><Focus>a &x; b</Focus></Document>")
    article = read_medquad(path)
    assert "root:" not in article.text


def test_a_sample_of_the_corpus_reads(shared):
    paths = sorted((shared / "corpus" / "medquad").rglob("*.xml"))[::50]
    assert paths
    for path in paths:
        article = read_medquad(path)
        assert article.blocks and all(article.text[b.start:b.end] == b.text for b in article.blocks)
