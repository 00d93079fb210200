"""Namespaces, CURIE prefixes and the IRIs medkg mints.

Every IRI is derived from names and the configurable base, never from counters or
random ids, so the same input always gives the same IRIs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from medkg.model import Relation

SCHEMA = Namespace("http://schema.org/")
MEDKG = Namespace("https://w3id.org/medkg/ontology#")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
WIKIDATA = Namespace("http://www.wikidata.org/prop/direct/")
DEFAULT_BASE = "https://w3id.org/medkg/id/"

#: prefixes bound in every serialisation, in the order they are written
PREFIXES: dict[str, Namespace] = {
    "schema": SCHEMA, "medkg": MEDKG, "skos": SKOS, "prov": PROV, "rdf": RDF, "rdfs": RDFS,
    "owl": OWL, "xsd": XSD, "dcterms": DCTERMS, "biolink": BIOLINK, "wdt": WIKIDATA,
}

#: CURIE prefix -> (IRI prefix, the codingSystem name used in schema:MedicalCode)
ID_SYSTEMS: dict[str, tuple[str, str]] = {
    "HP": ("http://purl.obolibrary.org/obo/HP_", "HPO"),
    "DOID": ("http://purl.obolibrary.org/obo/DOID_", "DOID"),
    "SYMP": ("http://purl.obolibrary.org/obo/SYMP_", "SYMP"),
    "MONDO": ("http://purl.obolibrary.org/obo/MONDO_", "MONDO"),
    "NCIT": ("http://purl.obolibrary.org/obo/NCIT_", "NCIT"),
    "MESH": ("http://id.nlm.nih.gov/mesh/", "MeSH"),
    "ICD10CM": ("http://purl.bioontology.org/ontology/ICD10CM/", "ICD-10-CM"),
    "UMLS": ("http://linkedlifedata.com/resource/umls/id/", "UMLS"),
    "SNOMEDCT": ("http://snomed.info/id/", "SNOMED-CT"),
    "OMIM": ("https://omim.org/entry/", "OMIM"),
    "ORPHANET": ("http://www.orpha.net/ORDO/Orphanet_", "Orphanet"),
    "GARD": ("https://rarediseases.info.nih.gov/diseases/", "GARD"),
    "DRUGBANK": ("https://go.drugbank.com/drugs/", "DrugBank"),
}

#: what each code looks like, per CURIE prefix (the SHACL shapes say the same)
ID_PATTERNS: dict[str, str] = {
    "HP": r"^\d{7}$", "DOID": r"^\d+$", "SYMP": r"^\d{7}$", "MONDO": r"^\d{7}$",
    "NCIT": r"^C\d+$", "MESH": r"^[CDM]\d{6,9}$", "ICD10CM": r"^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$",
    "UMLS": r"^C\d{7}$", "SNOMEDCT": r"^\d{6,18}$", "OMIM": r"^\d{6}$", "ORPHANET": r"^\d+$",
    "GARD": r"^\d+$", "DRUGBANK": r"^DB\d{5}$",
}

#: relation -> (schema.org property, schema.org class of its targets)
RELATION_TERMS: dict[Relation, tuple[str, str]] = {
    Relation.CAUSE: ("cause", "MedicalCause"),
    Relation.RISK_FACTOR: ("riskFactor", "MedicalRiskFactor"),
    Relation.SYMPTOM: ("signOrSymptom", "MedicalSignOrSymptom"),
    Relation.TEST: ("typicalTest", "MedicalTest"),
    Relation.TREATMENT: ("possibleTreatment", "MedicalTherapy"),
    Relation.PREVENTION: ("primaryPrevention", "MedicalTherapy"),
    Relation.COMPLICATION: ("complication", "MedicalCondition"),  # medkg: schema.org has text only
}


def relation_property(relation: Relation):
    """The RDF property for a relation: schema.org where it has one, else medkg's."""
    local, _ = RELATION_TERMS[relation]
    return MEDKG[local] if relation is Relation.COMPLICATION else SCHEMA[local]


def split_curie(curie: str) -> tuple[str, str] | None:
    """``("HP", "0001945")`` for ``"HP:0001945"``; None for an unknown prefix or a bad code.

    >>> split_curie("hp:0001945")
    ('HP', '0001945')
    >>> split_curie("MESH:D000900")
    ('MESH', 'D000900')
    >>> split_curie("HP:12") is None
    True
    """
    prefix, sep, local = curie.strip().partition(":")
    prefix = prefix.upper().replace("-", "").replace("MSH", "MESH")
    if not sep or prefix not in ID_SYSTEMS or not re.match(ID_PATTERNS[prefix], local):
        return None
    return prefix, local


#: the ontologies a concept's node is named after, best first: phenotypes, diseases, then the rest
CONCEPT_ID_ORDER = ("HP", "DOID", "MONDO", "MESH", "SYMP", "ICD10CM", "NCIT", "ORPHANET", "OMIM", "GARD",
                    "DRUGBANK", "UMLS", "SNOMEDCT")


_ID_RANK = {prefix: rank for rank, prefix in enumerate(CONCEPT_ID_ORDER)}


def concept_curie(ids: Iterable[str]) -> str | None:
    """The id a concept's node is named after: the first id of the first ontology in
    :data:`CONCEPT_ID_ORDER` that the concept has. The rule ignores the relation and the
    order a linker listed the ids in, so "anemia" is one node whether an article names it as
    a symptom, a cause or a test.

    >>> concept_curie(["MESH:D000740", "DOID:2355", "HP:0001903"])
    'HP:0001903'
    >>> concept_curie(["UMLS:C0002871", "bogus"]), concept_curie([])
    ('UMLS:C0002871', None)
    """
    best: tuple[int, str] | None = None
    for curie in ids:
        rank = _ID_RANK.get(curie.partition(":")[0].strip().upper())
        if best is not None and rank is not None and rank >= best[0]:
            continue  # the common case, decided without parsing the id
        parts = split_curie(curie)
        if parts is not None:
            best = (_ID_RANK.get(parts[0], len(CONCEPT_ID_ORDER)), f"{parts[0]}:{parts[1]}")
    return best[1] if best else None


def concept_key(ids: Iterable[str], name: str) -> str:
    """The path segment of a concept's node: ``hp-0001903`` for a linked concept (see
    :func:`concept_curie`), the name's slug for an unlinked one.

    >>> concept_key(["DOID:2355", "HP:0001903"], "anaemia"), concept_key([], "Foamy urine")
    ('hp-0001903', 'foamy-urine')
    """
    curie = concept_curie(ids)
    return curie.lower().replace(":", "-") if curie else slug(name)


def curie_iri(curie: str) -> str | None:
    """The canonical ontology IRI for a CURIE, or None when it is not a known, well-formed id.

    >>> curie_iri("HP:0001945")
    'http://purl.obolibrary.org/obo/HP_0001945'
    >>> curie_iri("MESH:D000900")
    'http://id.nlm.nih.gov/mesh/D000900'
    """
    parts = split_curie(curie)
    return ID_SYSTEMS[parts[0]][0] + parts[1] if parts else None


def slug(text: str, limit: int = 80) -> str:
    """A readable, IRI-safe path segment for a name; long names keep a hash for uniqueness.

    >>> slug("Paget's Disease of Bone")
    'pagets-disease-of-bone'
    >>> slug("</script><b>")
    'script-b'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", ascii_text.lower())).strip("-")
    if not s:
        return "x" + _digest(text)
    if len(s) > limit:
        s = s[:limit].rstrip("-") + "-" + _digest(text)
    return s


@cache
def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def bind_prefixes(graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
