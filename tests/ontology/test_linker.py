"""Linking names and records: longest match, relation preferences, abbreviations, curated ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from medkg.model import ConditionRecord, Evidence, Finding, PageMetadata, Relation
from medkg.ontology.lexicon import Lexicon, Term
from medkg.ontology.linker import abbreviations, link_expanded, link_name, link_record

S, C, R, T, TR = Relation.SYMPTOM, Relation.CAUSE, Relation.RISK_FACTOR, Relation.TEST, Relation.TREATMENT


@pytest.mark.parametrize(("name", "relation", "expected"), [
    ("Fever", S, "HP:0001945"),
    ("fevers", S, "HP:0001945"),
    ("Sore throat", S, "HP:0033050"),
    ("bleeding gums", S, "HP:0000225"),
    ("Mouth sores", S, "HP:0000155"),       # an HPO related synonym beats a SYMP label for a symptom
    ("blood in the urine", S, "HP:0000790"),
    ("pain in the back", S, "HP:0003418"),  # word order differs from "back pain"
    ("Low levels of vitamin B-12", R, "DOID:0050731"),
    ("antibiotics", TR, "MESH:D000900"),
    ("chemo", TR, "MESH:D004358"),
    ("water pills", TR, "MESH:D004232"),
    ("blood tests", T, "MESH:D006403"),
    ("a physical exam", T, "MESH:D010808"),
    ("X-rays", T, "MESH:D011859"),
    ("Statin medications", TR, "MESH:D019161"),
    ("Bone marrow diseases", R, "DOID:4961"),
    ("Immune system problems", C, "DOID:2914"),
    ("a close relative of someone with Paget's disease", R, "HP:0032316"),  # family history, not the disease
    ("having a parent or sibling with asthma", R, "HP:0032316"),
    ("a family history of asthma", R, "HP:0032316"),
    ("excessive thirst", S, "HP:0001959"),  # an ICD-10-CM name of Polydipsia: HPO's concept of that label
    ("itch", S, "HP:0000989"),  # an ICD-10-CM name of "Pruritus, unspecified": the condition not further specified
    ("high blood sugar level", S, "HP:0003074"),
    ("over-the-counter medications", TR, "MESH:D004366"),  # MeSH says "drugs"
    ("women", R, "MESH:D005260"),  # a risk said of a sex's people is the sex: Female, not Women
    ("boys", C, "MESH:D008297"),
])
def test_link_name(name: str, relation: Relation, expected: str) -> None:
    link = link_name(name, relation)
    assert link is not None and link.ids[0] == expected, link


@pytest.mark.parametrize(("relation", "prefix"), [(S, "HP"), (C, "DOID"), (R, "DOID"), (None, "DOID"), (T, "MESH")])
def test_relation_decides_preferred_ontology(relation: Relation | None, prefix: str) -> None:
    link = link_name("obesity", relation)
    assert link is not None and link.ids[0].startswith(prefix + ":")
    assert {"HP:0001513", "DOID:9970", "MESH:D009765"} <= set(link.ids)  # the others follow


def test_relation_specific_lay_term() -> None:
    assert link_name("x-ray", T).ids[0] == "MESH:D011859"  # radiography, the test
    assert link_name("x-ray", R).ids[0] == "MESH:D014965"  # x-rays, the exposure


def test_qualifiers_are_kept_beside_the_head_match() -> None:
    link = link_name("Frequent skin infections, especially in winter", S)
    assert link is not None and link.ids[0] == "HP:0001581" and link.match == "head"  # Recurrent skin infections
    assert link.qualifier == "especially in winter"
    assert 0.5 < link.confidence < 1.0
    link = link_name("severe chronic kidney disease in adults", C)
    assert link is not None and link.label == "chronic kidney disease" and link.qualifier == "severe; in adults"
    insulin = link_name("insulin injections", TR)  # for a treatment, the form says how it is given
    assert insulin.ids[0] == "MESH:D007328" and insulin.qualifier == "injections"
    assert link_name("glaucoma drugs", TR) is None or link_name("glaucoma drugs", TR).match == "broad"


@pytest.mark.parametrize(("name", "relation", "not_id"), [
    ("abnormal blood vessels growing under the macula", C, "MESH:D001808"),  # Blood Vessels
    ("raised pressure inside the eye", S, "MESH:D011312"),                  # Pressure
    ("anti-VEGF injections", TR, "MESH:D007267"),                           # Injections
    ("female gender", R, "MESH:D005783"),                                   # Gender Identity
    ("avoiding smoking", Relation.PREVENTION, "MESH:D012907"),              # Smoking
    ("tonometry", T, "MESH:D008365"),                                       # Manometry
    ("feeling cold", S, "DOID:3083"),                                       # COPD, by its acronym COLD
    ("anti-Rh (D) immunoglobulin", TR, "MESH:D007073"),                     # Immunoglobulin D
    ("pneumonia vaccine", Relation.PREVENTION, "MESH:D014612"),             # Vaccines
    ("mutations in the CAT gene", C, "MESH:D009154"),                       # one "Mutation" node for all genes
    ("white blood cells", S, "MESH:D007962"),                               # a cell is no symptom
    ("new (de novo) mutations", C, "MESH:D016433"),                         # News
    ("pulmonary", TR, "MESH:D008168"),                                      # an adjective is no organ
    ("speech deficits (usually aphasia)", S, "HP:0002381"),                 # an example is no synonym
    ("pills", TR, "MESH:D003276"),                                          # any pill, not "the pill"
    ("culture", T, "MESH:D003469"),                                         # a lab culture, not a society's
])
def test_a_part_of_a_name_is_no_identity(name: str, relation: Relation, not_id: str) -> None:
    link = link_name(name, relation)
    assert link is None or link.match == "broad" or not_id not in link.ids, link


def test_a_wider_concept_is_a_broad_match() -> None:
    link = link_name("pain below the ribs", S)
    assert link.match == "broad" and link.ids == ("HP:0012531",)  # a kind of pain: not its identity
    assert link_name("foamy urine", S).ids[0] == "HP:0031504"  # the whole phrase is an HPO term
    assert link_name("Treat infections", TR) is None  # a purpose, not the infection
    assert link_name("medicines to treat infections", TR) is None  # "medicines" alone is too general


def test_acronyms_need_capitals() -> None:
    assert link_name("COPD", C).ids[0] == "DOID:3083"
    assert link_name("copd", C) is None or link_name("copd", C).ids[0] != "DOID:3083"
    assert link_name("cold", S) is None or "DOID:3083" not in link_name("cold", S).ids


def test_ids_follow_the_preferred_one() -> None:
    link = link_name("Fever", S)
    assert link.ids[0] == "HP:0001945" and link.label == "Fever" and link.confidence == 1.0
    assert "UMLS:C0015967" in link.ids and "SYMP:0000613" in link.ids


def test_ambiguity_lowers_confidence() -> None:
    lexicon = Lexicon({"blorp": "HP:0000001/E;HP:0000002/E"}, {}, [])
    link = link_name("blorp", S, lexicon)
    assert link.ids[0] == "HP:0000001" and link.confidence < 0.9


def test_abbreviations_defined_in_the_article() -> None:
    assert abbreviations(["People with systemic lupus erythematosus (SLE) often ..."]) == {
        "sle": "systemic lupus erythematosus"}
    assert abbreviations(["the patent ductus arteriosus (PDA) closes"]) == {"pda": "patent ductus arteriosus"}
    assert abbreviations(["it (rarely) happens", "a test (see below)"]) == {}


def test_record_abbreviation_is_written_out() -> None:
    quote = "Children with iron deficiency anemia (IDA) tire easily."
    record = ConditionRecord("x", "Lupus", findings=(
        Finding(C, "IDA", evidence=(Evidence(quote),)),))
    assert link_record(record).findings[0].label.lower() == "iron deficiency anemia"


def test_defined_abbreviation_means_what_the_article_says() -> None:
    """A defined abbreviation whose long form holds another one is written out in full; where the
    long form names no concept, the lexicon's unrelated meaning of the letters is not taken."""
    lexicon = Lexicon({"fad": "DOID:1/E", "familial zorb disease": "DOID:2/E", "sle": "DOID:3/E"}, {}, [])
    texts = ["Zorb disease (ZD) is rare.", "Some cases, called familial ZD (FAD), are inherited."]
    assert link_record_name("FAD", texts, lexicon) == "DOID:2"
    assert link_record_name("FAD", ["Some cases, called familiar quandary (FAD), are inherited."], lexicon) is None
    # the letters keep their concept where it shares a word with the long form
    lexicon = Lexicon({"sle": "DOID:3/E"}, {"DOID:3": "systemic lupus erythematosus\t"}, [])
    assert link_record_name("SLE", ["It is called systemic lupus erythematosis (SLE)."], lexicon) == "DOID:3"


def link_record_name(name: str, texts: list[str], lexicon: Lexicon) -> str | None:
    """The first id ``name`` links to as a cause in an article of ``texts``."""
    link = link_expanded(name, C, lexicon, abbreviations(texts))
    return link.ids[0] if link else None


def test_link_record_keeps_curated_ids_and_unknown_names() -> None:
    record = ConditionRecord("x", "Neutropenia", ids=("DOID:1227",), findings=(
        Finding(S, "fever", ids=("SYMP:0000613",)),
        Finding(S, "zorblaxity quux"),
        Finding(T, "blood tests"),
    ))
    linked = link_record(record)
    assert linked is not record and record.findings[0].label is None  # a new record
    assert linked.ids[0] == "DOID:1227" and "ICD10CM:D70" in linked.ids
    curated, unknown, test = linked.findings
    assert curated.ids[0] == "SYMP:0000613" and curated.label == "fever" and curated.confidence == 1.0
    assert unknown.ids == () and unknown.label is None and unknown.confidence is None
    assert test.ids[0] == "MESH:D006403" and test.label == "Hematologic Tests"


def test_user_terms_win(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("fever\tSYMP:0000613\n", encoding="utf-8")
    lexicon = Lexicon.from_package(extra_terms=[terms])
    assert link_name("Fever", S, lexicon).ids[0] == "SYMP:0000613"
    lexicon.add_terms([Term("quux", "MESH:D000900", relations=frozenset({"treatment"}))])
    assert link_name("quux", TR, lexicon).ids[0] == "MESH:D000900"
    assert link_name("quux", S, lexicon) is None


def test_main_condition_gets_codes() -> None:
    linked = link_record(ConditionRecord("x", "Neutropenia"))
    assert {"DOID:1227", "HP:0001875", "MESH:D009503", "ICD10CM:D70"} <= set(linked.ids)
    assert linked.ids[0] == "DOID:1227"
    polycythemia = link_record(ConditionRecord("x", "Polycythemia vera"))
    assert any(i.startswith("ICD10CM:") for i in polycythemia.ids)


def test_seed_targets(corpus: Path) -> None:
    """Issue 4: the seed's condition carries DOID:1227, HP:0001875, MESH:D009503 and
    ICD-10-CM D70, and at least 6 of its 9 gold symptoms carry their gold HP ids (issue 10:
    "lack of strength" has no term; "infections of skin, mouth and nose" names three sites
    that no one HPO term covers, so linking a part of it would be a wrong identity; and
    "mild infections of skin" are HPO's skin infection, HP:0100658, not the gold's
    "Recurrent skin infections", whose synonym "Cutaneous infections" is no longer read as one)."""
    pytest.importorskip("medkg.extract", reason="the extractor is not in this checkout")
    from medkg.pipeline import read_record

    record = read_record(corpus / "seed" / "neutropenia.txt")
    assert {"DOID:1227", "HP:0001875", "MESH:D009503", "ICD10CM:D70"} <= set(record.ids)
    gold = yaml.safe_load((corpus / "seed" / "neutropenia.gold.yaml").read_text(encoding="utf-8"))
    found = {i for f in record.findings_for(S) for i in f.ids if i.startswith("HP:")}
    symptoms = gold["relations"]["symptom"]
    with_hp = [s["label"] for s in symptoms if {i for i in s["ids"] if i.startswith("HP:")} & found]
    assert len(with_hp) >= 6, f"only {with_hp} of {len(symptoms)}"


def test_condition_named_by_a_synonym_or_the_title() -> None:
    record = ConditionRecord("x", "Parasites", synonyms=("Sleeping Sickness",))
    assert "DOID:10112" in link_record(record).ids  # African trypanosomiasis, not MeSH's organisms
    page = PageMetadata(title="Parasites - Polycythemia Vera (also known as PV) | Some Site")
    assert link_record(ConditionRecord("x", "Parasites", page=page)).ids[0] == "DOID:8997"
    # a condition named after what causes it is the disease it causes
    assert link_record(ConditionRecord("x", "Yersinia")).ids[0] == "MESH:D015009"  # Yersinia Infections
    assert "DOID:0050259" in link_record(ConditionRecord("x", "Baylisascaris infection")).ids  # baylisascariasis
    titled = ConditionRecord("x", "Health information and news", page=PageMetadata(title="Celiac Disease Defined"))
    assert "DOID:10608" in link_record(titled).ids  # the disease a title names


def test_part_naming_the_condition_itself_is_not_the_finding() -> None:
    record = ConditionRecord("x", "Patent ductus arteriosus", findings=(
        Finding(TR, "treatment to close the patent ductus arteriosus"),))
    assert link_record(record).findings[0].ids == ()


def _linked(relation: Relation, name: str, *quotes: str) -> Finding:
    record = ConditionRecord("x", "Zorblax syndrome", findings=(
        Finding(relation, name, evidence=tuple(Evidence(q) for q in quotes)),))
    return link_record(record).findings[0]


def test_a_name_cut_from_a_longer_term_in_its_quote_is_not_that_term() -> None:
    # the word qualifies the next one: the article names another thing
    assert _linked(C, "brain", "Brain tumors can narrow the arteries.").ids == ()
    assert _linked(TR, "blood pressure", "Take blood pressure-lowering medicines.").ids == ()
    # the article names a kind of it: a broad match, never the finding's identity
    smoke = _linked(C, "smoke", "Exposure to secondhand smoke can play a role.")
    assert smoke.ids == () and smoke.broader == ("MESH:D012906",)
    # standing alone in one quote, or lengthened only by a qualifier or the same concept: linked
    assert _linked(C, "smoke", "Secondhand smoke harms.", "Avoid the smoke.").ids[0] == "MESH:D012906"
    assert _linked(S, "headache", "It causes a severe headache.").ids[0] == "HP:0002315"
    assert _linked(S, "rash", "A skin rash may appear.").ids[0] == _linked(S, "rash").ids[0]
    # what a reaction is to is not the finding: "oblivious to pain" is no pain
    assert _linked(S, "pain", "Children may be oblivious to pain.").ids == ()
    assert _linked(R, "radiation", "Exposure to the radiation of X-rays.").ids == ()
    assert _linked(R, "radiation", "Radiation damages cells.").ids
    assert _linked(S, "pain", "It leads to pain.").ids[0] == "HP:0012531"
    # "X known as Y" names Y: X's concept is a broad match unless Y is the same concept
    blisters = _linked(S, "blisters", "Skin blisters known as dermatitis herpetiformis (DH).")
    assert blisters.ids == () and blisters.broader == ("HP:0008066",)
    assert _linked(S, "fever", "Fever, also known as pyrexia, is common.").ids[0] == "HP:0001945"
    # a noun phrase starts after its article: "visit an emergency department" is a visit
    assert _linked(TR, "emergency department", "Visit an emergency department.").ids
    # a prepositional phrase may run longer than a few words, and a pair may share it
    paralysis = _linked(S, "paralysis", "Strokes, or paralysis on one side of the body.")
    assert paralysis.ids == () and paralysis.broader == ("HP:0003470",)
    weakness = _linked(S, "weakness", "Some have weakness or numbness in the face.")
    assert weakness.ids == () and weakness.broader == ("HP:0025406",)
    assert _linked(S, "weakness", "Weakness, and numbness in the face.").ids  # a list's last item alone has it
    assert _linked(S, "weakness", "Weakness and affects movement in the face.").ids
    pain = _linked(S, "pain", "It causes muscle weakness and pain.")  # the pair shares the word before it
    assert pain.ids == () and pain.broader == ("HP:0012531",)
    assert _linked(S, "pain", "It causes weakness and pain.").ids[0] == "HP:0012531"


def test_what_a_treatment_is_used_against_is_no_cause_or_treatment() -> None:
    quote = "Her mother took medicines, such as some used to treat seizures and high blood pressure."
    assert _linked(C, "high blood pressure", quote).ids == ()
    assert _linked(C, "seizures", quote).ids == ()
    assert _linked(TR, "infection", "Antibiotics for treating the infection.").ids == ()
    # a symptom that something relieves is still the symptom; standing alone in a quote, the name is itself
    assert _linked(S, "high blood pressure", quote).ids[0] == "HP:0000822"
    assert _linked(C, "high blood pressure", quote, "High blood pressure damages the kidneys.").ids
    assert _linked(C, "bacteria", "Antibiotics to treat infections caused by bacteria.").ids
    # a comma list may run past the verb's object: what follows is what the list names
    assert _linked(TR, "nadolol", "Drugs used to treat the tumors include atenolol, nadolol, and timolol.").ids


def test_a_preferred_id_names_a_known_concept() -> None:
    link = link_name("esophageal adenocarcinoma", S)  # DO's MeSH xref is a supplementary concept
    assert link is not None and link.label is not None and link.ids[0] == "DOID:4914"
