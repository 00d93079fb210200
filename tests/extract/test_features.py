"""What the features read of a candidate: its name's types, the cue before it and the role of the prose around it."""

from __future__ import annotations

import sys

from medkg.extract import article_candidates
from medkg.extract.features import _name


def _types(name: str) -> tuple[str, ...]:
    return ("HP", "DOID") if name.endswith("pain") else ()


def test_a_names_own_features_are_interned_strings():
    """The model's look-up compares interned strings by pointer: a name's strings must be the interned ones."""
    # interned first: a copy would differ
    words = [sys.intern(w) for w in ("head=pain", "first=attack", "w:attack", "w:of", "w:sever", "w:chest",
                                     "w:pain", "inner_function_words=1", "fsuf=cks", "shape=Xx x x+")]
    name = _name("Attacks of severe chest pain", _types)
    assert name.length == "len=5" and name.sem == ["sem=HP", "sem=DOID"] and name.types == ("HP", "DOID")
    assert name.words == words
    assert name.stems == frozenset({"attack", "sever", "chest", "pain"}) and not name.digit
    assert all(sys.intern(s) is s for s in [name.length, *name.words, *name.sem])
    other = _name("and 12 more", _types)
    assert other.words[-3:] == ["inner_function_words=0", "function_word_first", "shape=x d x"]
    assert other.sem == ["sem=none"]
    assert other.digit and all(sys.intern(s) is s for s in other.words)


def test_a_mesh_category_is_joined_with_the_section_role():
    """A population group under a risk-factors heading and a drug under a treatment one differ only in their
    MeSH category: the role-joined types carry the two best prefixes and the categories, not the branches; the
    MeSH types are apart, to be left out where the sentence is about another disease."""
    name = _name("older women", lambda _: ("MESH", "DRUGBANK", "ICD10CM", "MESH:M", "MESH:M01"))
    assert name.role_prefixes == ("MESH", "DRUGBANK") and name.role_categories == ("MESH:M",)
    assert name.sem == ["sem=MESH", "sem=DRUGBANK", "sem=ICD10CM"] and name.mesh == ["sem=MESH:M", "sem=MESH:M01"]


def test_a_list_after_a_heading_lost_in_a_scrape_reads_the_role_of_the_prose_before_it(tmp_path):
    """A scrape kept "Risk Factors" and lost the prevention heading below it: the list after a paragraph the
    section model reads as prevention carries that role, beside the heading's; the next heading starts afresh."""
    article = tmp_path / "example-fever.txt"
    article.write_text(
        "Example Fever\n\nExample fever is an infection of the nose and throat.\n\nRisk Factors\n\n"
        "People who live with young children or work in hospitals are more likely to get the infection.\n\n"
        "You can lower your chance of getting example fever. Vaccines protect against it, and good hygiene keeps "
        "the germs from spreading to others.\n\n  • Wash your hands with soap\n  • Get a yearly flu vaccine\n\n"
        "Treatment\n\nRest and fluids help most people recover.\n", encoding="utf-8")
    _, cands, rows = article_candidates(article)
    by_sentence = {c.sentence.text: set(row) for c, row in zip(cands, rows, strict=True)}
    assert {"rrole=prevention", "rdiffers|hrole=risk_factor", "rdiffers|rrole=prevention"} <= \
        by_sentence["Get a yearly flu vaccine"]
    assert "rrole=None" in by_sentence["Rest and fluids help most people recover."]
    assert "rrole=risk_factor" in by_sentence["You can lower your chance of getting example fever."]


def test_a_name_the_lexicon_does_not_know_is_typed_by_its_end():
    """"very young children" is not a term, "children" is: the name reads as a population group, under
    features of its own (a known name's type is surer), and joins the role as a known one would."""
    def types(phrase: str) -> tuple[str, ...]:
        return ("MESH", "MESH:M", "MESH:M01") if phrase == "children" else ()

    name = _name("very young children", types)
    assert name.types == () and name.sem == ["sem=none", "tail=MESH"] and name.mesh == ["tail=MESH:M"]
    assert name.role_prefixes == ("MESH",) and name.role_categories == ("MESH:M",)
    assert _name("children", types).sem == ["sem=MESH"]
    assert _name("young adults", types).sem == ["sem=none"]


def test_the_cue_before_a_phrase_is_joined_with_its_type(tmp_path):
    """A drug after "caused by" reads unlike a drug under a treatment heading: the cue class meets the type."""
    article = tmp_path / "example-neutropenia.txt"
    article.write_text("Example Neutropenia\n\nExample neutropenia is a low count of white blood cells.\n\n"
                       "Acquired example neutropenia may be caused by:\n\n  • Chemotherapy\n  • Leukemia\n",
                       encoding="utf-8")
    _, cands, rows = article_candidates(article)
    rows_of = {c.name: set(row) for c, row in zip(cands, rows, strict=True)}
    assert "cuesem=cause|MESH:E" in rows_of["Chemotherapy"]
