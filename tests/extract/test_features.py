"""What the features read of a candidate's name alone."""

from __future__ import annotations

import sys

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
